/**
 * Demo history: a deterministic synthetic record of past activity for the demo province (Xã Phú Riềng and Xã
 * Xuân Thành), from 1 July 2025 (when the demo units came into being) to yesterday, so that every dashboard is
 * alive on a fresh install. The dossiers are marked as imported from the previous one-stop system
 * (dossiers.imported.source = 'demo-history'): their results and scans live "in that system", so no result files,
 * signatures or store entries are invented. Each has a real hash-chained action log (verify-log passes) and the
 * 766 counters are built from them by the ordinary consumer, so dashboards, drill-down and recomputation agree.
 *
 * Realism: working days only; more dossiers early in the week; the online share rising over the period (and a
 * jump during Phú Riềng's campaign of 25/7–25/8/2025); a few supplements, stops and withdrawals; some overdue
 * dossiers (fewer over time); online payments, ratings. A seeded PRNG makes every run produce the same data.
 * Applicant names and identity numbers are synthetic (identity numbers start with 0999, outside the population
 * stand-in), so no demo resident's account fills up with history.
 */
import crypto from 'node:crypto';
import type { ProcedureDefinition } from '../../core/catalogue/schema.ts';
import { addDaysIso, isWorkingDay } from '../../core/calendar/holidays.ts';
import { dueDate, fromLocal, toLocal, type DeadlineUnit } from '../../core/deadlines/deadlines.ts';
import { now } from '../clock.ts';
import type { Database } from '../db/database.ts';
import { type ActionEntry, chainedActionRow, GENESIS_HASH } from '../modules/dossiers/index.ts';
import { catchUp, type DossierFacts, FACT_COLUMNS, factRow, type FactRow, loadProcedures, rebuildCountersFromFacts } from '../modules/metrics/index.ts';
import { loadCalendar } from '../modules/reference/index.ts';
import { indexDossiers } from '../modules/workflow/index.ts';

export const HISTORY_SOURCE = 'demo-history';
const START = '2025-07-01';
const CAMPAIGN = { unit: '25252', from: '2025-07-25', to: '2025-08-25' };

/** mulberry32: a small, fast, seeded PRNG. */
export function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
const seedOf = (s: string) => crypto.createHash('sha256').update(s).digest().readUInt32BE(0);

const FAMILY = ['Nguyễn', 'Trần', 'Lê', 'Phạm', 'Hoàng', 'Huỳnh', 'Phan', 'Vũ', 'Võ', 'Đặng', 'Bùi', 'Đỗ', 'Hồ', 'Ngô', 'Dương', 'Lý'];
const MIDDLE = ['Văn', 'Thị', 'Minh', 'Thanh', 'Ngọc', 'Quang', 'Hữu', 'Thu', 'Đức', 'Kim'];
const GIVEN = [
  'An',
  'Bình',
  'Chi',
  'Dũng',
  'Giang',
  'Hà',
  'Hải',
  'Hạnh',
  'Hòa',
  'Hùng',
  'Lan',
  'Linh',
  'Long',
  'Mai',
  'Nam',
  'Nga',
  'Phúc',
  'Quân',
  'Sơn',
  'Tâm',
  'Thảo',
  'Trang',
  'Tuấn',
  'Vy',
];

/** Relative demand per procedure (births, certified copies and residence most requested). */
const WEIGHTS: Record<string, number> = {
  '1.001193': 10,
  '2.000907': 16,
  '2.000884': 8,
  '1.004194': 7,
  '1.004199': 6,
  '1.004873': 6,
  '1.000656': 3,
  '1.000894': 3,
  '2.000635': 4,
  '2.001035': 3,
  '1.004227': 4,
  'DNI.DD.001': 3,
  '2.002233': 5,
  '1.004206': 2,
  '1.004859': 1,
  '1.004884': 1,
  '1.001022': 1,
  '1.004837': 1,
  '1.001731': 1,
  '1.001776': 1,
  '2.000908': 1,
  '2.000986': 2,
  '1.006714': 1,
};

interface ProcedureDef {
  code: string;
  version: number;
  name: string;
  level: string | null;
  handlingUnitKind: string;
  cases: { code: string; fees: { amount?: number }[]; timeLimit: { amount: number; unit: DeadlineUnit; sameDayRule?: boolean } }[];
}

interface Commune {
  code: string;
  base: number;
  reception: { unitId: string; officials: { id: string; name: string }[] };
  units: Map<string, { unitId: string; officials: { id: string; name: string }[] }>;
  competentUnitId: string;
  agencyCode: string;
}

export async function hasDemoHistory(db: Database): Promise<boolean> {
  return (await db.query("SELECT 1 FROM dossiers WHERE imported ->> 'source' = $1 LIMIT 1", [HISTORY_SOURCE])).rows.length > 0;
}

export async function seedDemoHistory(
  db: Database,
  opts: { today?: string; from?: string; scale?: number; log?: (m: string) => void } = {},
): Promise<{ dossiers: number; actions: number; skipped: boolean; ms: number }> {
  const t0 = Date.now();
  if (await hasDemoHistory(db)) return { dossiers: 0, actions: 0, skipped: true, ms: 0 };
  const today = opts.today ?? toLocal(now()).day;
  const from = opts.from ?? START;
  const scale = opts.scale ?? 1;
  const cal = await loadCalendar(db);

  const procs: ProcedureDef[] = (
    await db.query<{ procedure_code: string; version: number; definition: ProcedureDefinition & { handlingUnitKind?: string } }>(
      "SELECT procedure_code, version, definition FROM procedure_versions WHERE status = 'active' ORDER BY procedure_code",
    )
  ).rows.map((r) => ({
    code: r.procedure_code,
    version: r.version,
    name: r.definition.name,
    level: r.definition.level ?? null,
    handlingUnitKind: r.definition.handlingUnitKind ?? 'van_phong',
    cases: r.definition.cases ?? [],
  }));
  const units = (
    await db.query<{ id: string; kind: string; admin_unit_code: string; agency_code: string | null }>(
      'SELECT id, kind, admin_unit_code, agency_code FROM org_units WHERE effective_to IS NULL',
    )
  ).rows;
  const members = (
    await db.query<{ unit_id: string; role: string; id: string; full_name: string }>(
      "SELECT m.unit_id, m.role, o.id::text AS id, o.full_name FROM official_memberships m JOIN officials o ON o.id = m.official_id WHERE o.active AND m.role IN ('reception', 'specialist') ORDER BY o.username",
    )
  ).rows;
  const staffOf = (unitId: string, role: string) =>
    members.filter((m) => m.unit_id === unitId && m.role === role).map((m) => ({ id: m.id, name: m.full_name }));
  const communes: Commune[] = [];
  for (const [code, base] of [
    ['25252', 18],
    ['26434', 12],
  ] as const) {
    const here = units.filter((u) => u.admin_unit_code === code);
    const counter = here.find((u) => u.kind === 'ttpvhcc');
    const ubnd = here.find((u) => u.kind === 'ubnd_xa');
    if (!counter || !ubnd) continue;
    const byKind = new Map<string, { unitId: string; officials: { id: string; name: string }[] }>();
    for (const u of here) byKind.set(u.kind, { unitId: u.id, officials: staffOf(u.id, 'specialist') });
    communes.push({
      code,
      base: base * scale,
      reception: { unitId: counter.id, officials: staffOf(counter.id, 'reception') },
      units: byKind,
      competentUnitId: ubnd.id,
      agencyCode: counter.agency_code ?? code,
    });
  }
  if (communes.length === 0 || procs.length === 0) return { dossiers: 0, actions: 0, skipped: true, ms: Date.now() - t0 };
  const weighted = procs.filter((p) => p.cases.length > 0).flatMap((p) => Array.from({ length: WEIGHTS[p.code] ?? 1 }, () => p));
  const totalDays = Math.max(1, (Date.parse(today) - Date.parse(from)) / 86_400_000);

  const dossiers: Record<string, unknown>[] = [];
  const actions: Record<string, unknown>[] = [];
  const ratings: Record<string, unknown>[] = [];
  const ratingOfficials: Record<string, unknown>[] = [];
  const facts: FactRow[] = [];
  const procInfo = await loadProcedures(db);
  const cutoff = fromLocal(today, 0).getTime() - 60_000;

  for (let day = from; day < today; day = addDaysIso(day, 1)) {
    if (!isWorkingDay(day, cal.days)) continue;
    const progress = (Date.parse(day) - Date.parse(from)) / 86_400_000 / totalDays; // 0 → 1 over the period
    const weekday = new Date(`${day}T00:00:00Z`).getUTCDay();
    for (const c of communes) {
      const rnd = prng(seedOf(`${day}|${c.code}`));
      const inCampaign = c.code === CAMPAIGN.unit && day >= CAMPAIGN.from && day <= CAMPAIGN.to;
      const n = Math.max(1, Math.round(c.base * (weekday === 1 ? 1.3 : weekday === 5 ? 0.85 : 1) * (0.75 + rnd() * 0.5)));
      for (let i = 0; i < n; i++) {
        const p = weighted[Math.floor(rnd() * weighted.length)];
        const kase = p.cases[Math.floor(rnd() * Math.min(p.cases.length, 2))];
        const onlineShare = (p.level === 'toan_trinh' ? 0.35 : 0.2) + 0.45 * progress + (inCampaign ? 0.15 : 0);
        const channel = rnd() < 0.02 ? 3 : rnd() < onlineShare ? 2 : 1;
        const receivedAt = new Date(fromLocal(day, 450 + Math.floor(rnd() * 510)).getTime() + Math.floor(rnd() * 60_000));
        const submittedAt = channel === 2 ? new Date(receivedAt.getTime() - Math.floor(rnd() * 20 * 3_600_000)) : receivedAt;
        const limit = kase.timeLimit ?? { amount: 3, unit: 'working_days' as DeadlineUnit };
        const due = dueDate({ from: receivedAt, amount: Number(limit.amount ?? 0), unit: limit.unit ?? 'working_days', sameDayRule: !!limit.sameDayRule }, cal);
        const span = Math.max(30 * 60_000, due.getTime() - receivedAt.getTime());
        const handling = c.units.get(p.handlingUnitKind) ?? c.units.get('van_phong')!;
        const specialist = handling.officials.length ? handling.officials[Math.floor(rnd() * handling.officials.length)] : null;
        const receptionist = c.reception.officials.length ? c.reception.officials[Math.floor(rnd() * c.reception.officials.length)] : null;
        const id = crypto.randomUUID();
        const applicantName = `${FAMILY[Math.floor(rnd() * FAMILY.length)]} ${MIDDLE[Math.floor(rnd() * MIDDLE.length)]} ${GIVEN[Math.floor(rnd() * GIVEN.length)]}`;
        const idNumber = `0999${String(Math.floor(rnd() * 1e8)).padStart(8, '0')}`;
        const fee = Math.max(0, ...kase.fees.map((f) => Number(f.amount ?? 0)));

        // Outcome and timing.
        const roll = rnd();
        const outcome = roll < 0.015 ? 'stopped' : roll < 0.025 ? 'withdrawn' : 'completed';
        const supplement = rnd() < 0.07;
        const overdue = rnd() < 0.1 - 0.07 * progress;
        const requestAt = new Date(receivedAt.getTime() + span * (0.2 + rnd() * 0.3));
        const supplied = supplement && rnd() < 0.92;
        const supplyAt = new Date(requestAt.getTime() + (1 + rnd() * 2) * 86_400_000);
        const pause = supplement && supplied ? supplyAt.getTime() - requestAt.getTime() : 0;
        let finishAt = overdue
          ? new Date(due.getTime() + pause + (0.2 + rnd() * 2.5) * 86_400_000)
          : new Date(receivedAt.getTime() + pause + span * (0.3 + rnd() * 0.65));
        if (supplement) finishAt = new Date(Math.max(finishAt.getTime(), (supplied ? supplyAt : requestAt).getTime() + 3_600_000));
        const finalOutcome = supplement && !supplied ? 'stopped' : outcome;
        const returnAt = new Date(finishAt.getTime() + rnd() * 2 * 86_400_000);
        if (returnAt.getTime() > cutoff || finishAt.getTime() > cutoff) continue; // only the past
        const electronicResult = finalOutcome === 'completed' && rnd() < 0.7 + 0.28 * progress;
        const paidOnline = fee > 0 && channel === 2 && rnd() < 0.45 + 0.45 * progress ? (rnd() < 0.6 ? 1 : 2) : 0;
        const status = finalOutcome === 'stopped' ? 8 : finalOutcome === 'withdrawn' ? 7 : 10;

        dossiers.push({
          id,
          // The national format (TT 01/2018): the receiving unit's code, the receipt day, its running number that day.
          code: `${c.agencyCode}-${day.slice(2).replaceAll('-', '')}-${String(i + 1).padStart(4, '0')}`,
          procedure_code: p.code,
          procedure_version: p.version,
          case_code: kase.code,
          procedure_name: p.name,
          status,
          channel,
          sub_state: null,
          payment_state: fee > 0 ? 'paid' : 'none',
          delivery_state: status === 10 ? 'delivered' : 'none',
          sync_state: rnd() < 0.96 ? 'synced' : 'pending',
          applicant_kind: 'citizen',
          applicant: { fullName: applicantName, idNumber },
          applicant_id_number: idNumber,
          applicant_name: applicantName,
          result_delivery: electronicResult ? 'online' : 'counter',
          summary: `${p.name} — ${applicantName}`,
          form_values: {},
          receiving_unit_id: c.reception.unitId,
          competent_unit_id: c.competentUnitId,
          handling_unit_id: handling.unitId,
          submitted_at: submittedAt.toISOString(),
          received_at: receivedAt.toISOString(),
          due_at: new Date(due.getTime() + pause).toISOString(),
          original_due_at: due.toISOString(),
          finished_at: finishAt.toISOString(),
          returned_at: status === 10 ? returnAt.toISOString() : null,
          login_at: channel === 2 ? new Date(submittedAt.getTime() - 60_000).toISOString() : null,
          login_to_submit_ms: channel === 2 ? Math.round((3 + rnd() * (12 - 7 * progress)) * 60_000) : null,
          fee_total: fee,
          paid_online_via: paidOnline,
          vneid_authenticated: channel === 2,
          population_db_used: channel === 2 || rnd() < 0.75,
          supplement_requests: supplement ? 1 : 0,
          unit_ids: [c.reception.unitId, c.competentUnitId, handling.unitId],
          intake: channel === 1 && receptionist ? { officialId: receptionist.id, channel: 'counter' } : null,
          imported: {
            source: HISTORY_SOURCE,
            officialId: specialist?.id ?? null,
            electronicResult,
            digitised: rnd() < 0.72 + 0.25 * progress,
            reused: rnd() < 0.2 + 0.35 * progress,
            fromStore: rnd() < 0.1 + 0.3 * progress,
          },
          created_at: submittedAt.toISOString(),
          updated_at: returnAt.toISOString(),
        });

        // The action log, hash-chained.
        const official = (o: { id: string; name: string } | null, role: string) => ({
          actorKind: 'official',
          actorId: o?.id ?? 'system',
          actorName: o?.name ?? 'Hệ thống',
          actorRole: role,
        });
        const steps: {
          at: Date;
          action: string;
          from: number | null;
          to: number | null;
          who: ReturnType<typeof official> | { actorKind: string; actorId: string; actorName: string; actorRole: string };
          data?: Record<string, unknown>;
        }[] = [];
        const citizen = { actorKind: 'citizen', actorId: idNumber, actorName: applicantName, actorRole: 'applicant' };
        steps.push({ at: submittedAt, action: 'submitted', from: null, to: 1, who: channel === 2 ? citizen : official(receptionist, 'reception') });
        steps.push({
          at: new Date(Math.max(receivedAt.getTime(), submittedAt.getTime() + 1000)),
          action: 'received',
          from: 1,
          to: 2,
          who: official(receptionist, 'reception'),
          data: { dueAt: due.toISOString() },
        });
        const forwardAt = new Date(receivedAt.getTime() + Math.min(span * 0.1, 3_600_000) + 2000);
        steps.push({ at: forwardAt, action: 'forwarded', from: 2, to: 4, who: official(receptionist, 'reception') });
        let status2 = 4;
        if (supplement) {
          steps.push({
            at: new Date(Math.max(requestAt.getTime(), forwardAt.getTime() + 1000)),
            action: 'supplement_requested',
            from: 4,
            to: 5,
            who: official(specialist, 'specialist'),
            data: { form: 'mau-02', stage: 'processing' },
          });
          status2 = 5;
          if (supplied) {
            steps.push({ at: supplyAt, action: 'supplement_provided', from: 5, to: 4, who: citizen });
            status2 = 4;
          }
        }
        const endAt = new Date(Math.max(finishAt.getTime(), steps[steps.length - 1].at.getTime() + 1000));
        if (finalOutcome === 'completed') {
          steps.push({ at: endAt, action: 'result_issued', from: status2, to: 9, who: official(specialist, 'clerk') });
          steps.push({
            at: new Date(Math.max(returnAt.getTime(), endAt.getTime() + 1000)),
            action: 'result_returned',
            from: 9,
            to: 10,
            who: official(receptionist, 'reception'),
            data: { delivery: { method: electronicResult ? 'electronic' : 'in_person' } },
          });
        } else if (finalOutcome === 'stopped')
          steps.push({ at: endAt, action: 'stopped', from: status2, to: 8, who: official(specialist, 'leader'), data: { form: 'mau-05' } });
        else steps.push({ at: endAt, action: 'withdrawal_requested', from: status2, to: 7, who: citizen });
        // Ratings: about a third of completed dossiers, more satisfied over time.
        if (finalOutcome === 'completed' && rnd() < 0.35) {
          const r = rnd();
          const rating = r < 0.06 - 0.04 * progress ? 'dissatisfied' : r < 0.5 ? 'satisfied' : 'very_satisfied';
          const ratedAt = new Date(steps[steps.length - 1].at.getTime() + 60_000 + Math.floor(rnd() * 3_600_000));
          if (ratedAt.getTime() < cutoff) {
            const ratingChannel = channel === 2 ? 'online' : 'counter';
            ratings.push({
              dossier_id: id,
              rating,
              comment: null,
              channel: ratingChannel,
              rated_by: ratingChannel === 'online' ? `citizen:${idNumber}` : `official:${receptionist?.id ?? ''}`,
              rated_at: ratedAt.toISOString(),
            });
            for (const o of new Set([specialist?.id, receptionist?.id].filter(Boolean))) ratingOfficials.push({ dossier_id: id, official_id: o });
            steps.push({
              at: ratedAt,
              action: 'rated',
              from: null,
              to: null,
              who: ratingChannel === 'online' ? citizen : official(receptionist, 'reception'),
              data: { rating, channel: ratingChannel },
            });
          }
        }
        // The 766 facts of this dossier, as the consumer would derive them from what was just written.
        const issued = steps.find((s) => s.to === 9 || s.to === 8 || s.to === 7)!;
        const rated = steps.find((s) => s.action === 'rated');
        const f: DossierFacts = {
          id,
          procedureCode: p.code,
          channel: channel as 1 | 2 | 3,
          receivedAt,
          dueAt: due,
          finishedAt: issued.at,
          completed: issued.to === 9,
          supplements: supplement ? [{ requestedAt: steps.find((s) => s.action === 'supplement_requested')!.at, suppliedAt: supplied ? supplyAt : null }] : [],
          statutoryMaxMs: procInfo.get(p.code)?.statutoryMaxMs ?? 86_400_000,
          synced: dossiers[dossiers.length - 1].sync_state === 'synced',
          feeBearing: fee > 0,
          paidOnline: paidOnline as 0 | 1 | 2,
          requiresPaperResult: true,
          hasElectronicResult: electronicResult,
          componentsDigitised: (dossiers[dossiers.length - 1].imported as { digitised: boolean }).digitised,
          reusedComponent: (dossiers[dossiers.length - 1].imported as { reused: boolean }).reused,
          fromPersonalStore: (dossiers[dossiers.length - 1].imported as { fromStore: boolean }).fromStore,
          vneidAuthenticated: channel === 2,
          populationDbUsed: dossiers[dossiers.length - 1].population_db_used as boolean,
          fullyOnline: channel === 2 && procInfo.get(p.code)?.onlineLevel === 'toan_trinh',
          ...(rated ? { rating: rated.data!.rating as 'satisfied', ratedAt: rated.at } : {}),
          unitId: handling.unitId,
          officialId: specialist?.id ?? (channel === 1 && receptionist ? receptionist.id : ''),
          status,
          loginToSubmitMs: dossiers[dossiers.length - 1].login_to_submit_ms as number | null,
        };
        facts.push(factRow(f, procInfo));
        let prev = GENESIS_HASH;
        steps.forEach((s, k) => {
          const entry: ActionEntry = {
            dossierId: id,
            seq: k + 1,
            at: s.at.toISOString(),
            actorKind: s.who.actorKind,
            actorId: s.who.actorId,
            actorName: s.who.actorName,
            actorRole: s.who.actorRole,
            action: s.action,
            fromStatus: s.from,
            toStatus: s.to,
            data: s.data ?? {},
            attachments: [],
          };
          const { hash, row } = chainedActionRow(prev, entry);
          actions.push(row);
          prev = hash;
        });
      }
    }
  }

  opts.log?.(`generated in memory after ${Date.now() - t0} ms`);
  await catchUp(db); // anything live first, so the watermark below covers only what the facts account for
  await db.transaction(async (tx) => {
    await tx.query("SELECT watermark FROM metric_state WHERE id = 'counters' FOR UPDATE");
    const insertTx = async (table: string, rows: Record<string, unknown>[], size = 1000) => {
      if (rows.length === 0) return;
      const cols = Object.keys(rows[0]);
      for (let i = 0; i < rows.length; i += size) {
        await tx.query(`INSERT INTO ${table} (${cols.join(', ')}) SELECT ${cols.join(', ')} FROM json_populate_recordset(NULL::${table}, $1::json)`, [
          JSON.stringify(rows.slice(i, i + size)),
        ]);
      }
    };
    await insertTx('dossiers', dossiers);
    // No events for a bulk load: the search row directly (workflow/search-index.ts).
    await indexDossiers(
      tx,
      dossiers.map((d) => String(d.id)),
    );
    opts.log?.(`dossiers written after ${Date.now() - t0} ms`);
    await insertTx('dossier_actions', actions, 2000);
    opts.log?.(`actions written after ${Date.now() - t0} ms`);
    await insertTx('dossier_ratings', ratings);
    await insertTx('dossier_rating_officials', ratingOfficials);
    await insertTx(
      'metric_facts',
      facts.map((f) => Object.fromEntries(FACT_COLUMNS.map((c) => [c, f[c]]))),
      2000,
    );
    opts.log?.(`facts written after ${Date.now() - t0} ms`);
    await rebuildCountersFromFacts(tx);
    await tx.query("UPDATE metric_state SET watermark = (SELECT COALESCE(max(id), 0) FROM dossier_actions), updated_at = now() WHERE id = 'counters'");
  });
  opts.log?.(`demo history: ${dossiers.length} dossiers, ${actions.length} actions and the 766 counters written in ${Date.now() - t0} ms`);
  return { dossiers: dossiers.length, actions: actions.length, skipped: false, ms: Date.now() - t0 };
}
