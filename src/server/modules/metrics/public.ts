/**
 * Public figures, without login and without personal data: the month's figures per commune (công khai hằng tháng)
 * and the counter-screen feed (the TV at the one-stop counter: today's activity, the month's figures, procedure
 * guides). Only counts, rates and catalogue facts leave here — never names, identity numbers or dossier codes.
 */
import { addDaysIso } from '../../../core/calendar/holidays.ts';
import { toLocal } from '../../../core/deadlines/deadlines.ts';
import { round } from '../../../core/indicators/index766.ts';
import { localDayRange } from '../../../core/time/local.ts';
import type { CounterScreen, PublicMonthly } from '../../../contract/metrics.ts';
import { now } from '../../clock.ts';
import type { Queryable } from '../../db/database.ts';
import { AppError } from '../../http/errors.ts';
import { orgTree } from '../officials/index.ts';
import { countersCounts, paknDossierCounts, sumUnits } from './query.ts';
import { procedures, resolveUnit, scopeScore, scopeScoreOf } from './report.ts';

const rate = (num: number, den: number) => (den === 0 ? null : round((num / den) * 100, 2));

export function monthBounds(month: string): { from: string; to: string } {
  if (!/^\d{4}-(0[1-9]|1[0-2])$/.test(month)) throw new AppError('MONTH_INVALID', 'Tháng phải có dạng yyyy-mm.', 400);
  const [y, m] = month.split('-').map(Number);
  const next = m === 12 ? `${y + 1}-01-01` : `${y}-${String(m + 1).padStart(2, '0')}-01`;
  return { from: `${month}-01`, to: addDaysIso(next, -1) };
}

/** `paknCount`: 5.4's PAKN term of these units and period when already read (the monthly figures read all at once). */
async function unitFigures(db: Queryable, unitIds: string[], from: string, to: string, paknCount?: number) {
  const procs = await procedures(db);
  const { counts, extras } = await countersCounts(db, { unitIds }, from, to);
  return {
    counts,
    extras,
    received: counts.received,
    onlineRate: rate(extras.onlineAny, counts.received),
    onTimeRate: rate(counts.progressNumerator, counts.progressDenominator),
    onlinePaymentRate: rate(counts.paidOnline, counts.feeBearing),
    satisfactionRate: rate(counts.satisfied, counts.rated),
    score: paknCount === undefined ? await scopeScore(db, counts, procs, { unitIds }, from, to) : scopeScoreOf(counts, procs, { unitIds }, paknCount),
  };
}

/** The month's figures: the whole province first, then each commune (or only the unit asked for). */
export async function publicMonthly(db: Queryable, month: string, unit?: string): Promise<PublicMonthly> {
  const { from, to } = monthBounds(month);
  const tree = await orgTree(db);
  const province = (await db.query<{ province_code: string }>('SELECT province_code FROM installation LIMIT 1')).rows[0]?.province_code;
  const codes = unit
    ? [unit]
    : [province, ...new Set([...tree.units.values()].filter((u) => u.kind === 'ubnd_xa').map((u) => u.adminUnitCode))].filter(Boolean);
  const units: PublicMonthly['units'] = [];
  const scopes = [];
  for (const code of codes) scopes.push(await resolveUnit(db, code));
  // 5.4's PAKN term of every unit in one query, summed per commune below.
  const pakn = (await paknDossierCounts(db, { unitIds: [...new Set(scopes.flatMap((r) => r.unitIds))] }, [{ from, to }]))[0];
  for (const resolved of scopes) {
    const f = await unitFigures(db, resolved.unitIds, from, to, sumUnits(pakn, resolved.unitIds));
    units.push({
      code: resolved.unit.code,
      name: resolved.unit.name,
      received: f.received,
      onlineRate: f.onlineRate,
      onTimeRate: f.onTimeRate,
      onlinePaymentRate: f.onlinePaymentRate,
      satisfactionRate: f.satisfactionRate,
      score: f.score,
    });
  }
  return { month, units };
}

/** The counter screen of a unit: today, this month, and guides for the most requested procedures. */
export async function counterScreen(db: Queryable, unit: string): Promise<CounterScreen> {
  const resolved = await resolveUnit(db, unit);
  const today = toLocal(now()).day;
  const monthStart = `${today.slice(0, 7)}-01`;
  const procs = await procedures(db);
  const day = await countersCounts(db, { unitIds: resolved.unitIds }, today, today);
  const waiting = Number(
    (await db.query<{ n: string }>(`SELECT count(*) AS n FROM dossiers WHERE status = 1 AND receiving_unit_id = ANY($1::text[])`, [resolved.unitIds])).rows[0]
      .n,
  );
  const todayRange = localDayRange(today, today);
  const returned = Number(
    (
      await db.query<{ n: string }>(
        `SELECT count(*) AS n FROM dossiers WHERE receiving_unit_id = ANY($1::text[]) AND returned_at >= $2::timestamptz AND returned_at < $3::timestamptz`,
        [resolved.unitIds, todayRange.start, todayRange.end],
      )
    ).rows[0].n,
  );
  const m = await unitFigures(db, resolved.unitIds, monthStart, today);
  // Guides: the procedures most requested in the last 90 days, then the rest of the catalogue.
  const popular = (
    await db.query<{ procedure_code: string }>(
      `SELECT procedure_code FROM metric_procedure_daily WHERE unit_id = ANY($1::text[]) AND day > $2::date GROUP BY procedure_code ORDER BY sum(received) DESC LIMIT 8`,
      [resolved.unitIds, addDaysIso(today, -90)],
    )
  ).rows.map((r) => r.procedure_code);
  const order = [...popular, ...[...procs.keys()].filter((c) => !popular.includes(c))].slice(0, 8);
  return {
    unit: resolved.unit,
    today: { received: day.counts.received, online: day.extras.onlineAny, returned, waitingToday: waiting },
    month: { score: m.score, onTimeRate: m.onTimeRate, onlineRate: m.onlineRate, satisfactionRate: m.satisfactionRate },
    guides: order
      .map((c) => procs.get(c))
      .filter((p) => p !== undefined)
      .map((p) => ({ code: p.code, name: p.name, deadline: p.deadline, fee: p.fee, online: p.onlineLevel !== null })),
  };
}
