/**
 * Plan targets (mục tiêu kế hoạch) with effective periods, their progress for a period, and dated campaigns
 * reported week by week. Targets of a unit apply to its whole scope; a target with an official applies to the
 * dossiers that official handled (Hưng Đạo's per-official online-dossier rate).
 */
import crypto from 'node:crypto';
import { adultsWithPersonalSignature } from '../../../core/community/signature.ts';
import { round } from '../../../core/indicators/index766.ts';
import { localDayRange } from '../../../core/time/local.ts';
import {
  CampaignInput,
  TARGET_METRICS,
  TargetInput,
  type Campaign,
  type CampaignReport,
  type Target,
  type TargetMetric,
  type TargetProgress,
} from '../../../contract/metrics.ts';
import type { Queryable } from '../../db/database.ts';
import { AppError, notFound } from '../../http/errors.ts';
import { breakdownRow, buckets, procedures, resolveUnit, score, scopeScoreOf, type ResolvedUnit } from './report.ts';
import { countersCounts, paknDossierCounts, type Scope, sumUnits } from './query.ts';

export { TARGET_METRICS };

export const targetMetricName: Record<TargetMetric, string> = {
  online_dossier_rate: 'Tỷ lệ hồ sơ nộp trực tuyến',
  online_payment_rate: 'Tỷ lệ hồ sơ thanh toán trực tuyến',
  services_with_online_dossier: 'Tỷ lệ DVCTT có phát sinh hồ sơ trực tuyến',
  digitisation_rate: 'Tỷ lệ hồ sơ được số hóa',
  electronic_result_rate: 'Tỷ lệ kết quả giải quyết điện tử',
  satisfaction_rate: 'Tỷ lệ người dân hài lòng',
  satisfaction_rate_land_construction_investment: 'Tỷ lệ hài lòng lĩnh vực đất đai, xây dựng, đầu tư',
  avg_login_to_submit_minutes: 'Thời gian trung bình từ đăng nhập đến nộp thành công (phút)',
  online_vs_counter_time_reduction: 'Thời gian xử lý hồ sơ trực tuyến ngắn hơn trực tiếp (%)',
  adults_personal_signature_rate: 'Tỷ lệ người trưởng thành (từ 15 tuổi) sử dụng chữ ký số cá nhân',
};

export { CampaignInput, TargetInput };

interface TargetRow {
  id: string;
  unit_id: string;
  official_id: string | null;
  metric: TargetMetric;
  value: string;
  comparison: 'at_least' | 'at_most';
  effective_from: string;
  effective_to: string | null;
  basis: string;
}
const TARGET_SELECT =
  "SELECT id, unit_id, official_id::text, metric, value, comparison, to_char(effective_from, 'YYYY-MM-DD') AS effective_from, to_char(effective_to, 'YYYY-MM-DD') AS effective_to, basis FROM metric_targets";
const toTarget = (r: TargetRow): Target => ({
  id: r.id,
  unitId: r.unit_id,
  officialId: r.official_id,
  metric: r.metric,
  value: Number(r.value),
  comparison: r.comparison,
  effectiveFrom: r.effective_from,
  effectiveTo: r.effective_to,
  basis: r.basis,
});

function checkTarget(input: TargetInput, units: ReadonlySet<string>): void {
  if (!units.has(input.unitId)) throw new AppError('UNIT_OUT_OF_SCOPE', 'Bạn không quản lý đơn vị này.', 403);
  if (input.effectiveTo && input.effectiveTo < input.effectiveFrom) throw new AppError('PERIOD_INVALID', 'Ngày kết thúc hiệu lực phải sau ngày bắt đầu.', 400);
  const minutes = input.metric === 'avg_login_to_submit_minutes';
  if (!minutes && input.value > 100) throw new AppError('TARGET_VALUE_INVALID', 'Mục tiêu tỷ lệ phải từ 0 đến 100 (%).', 400);
  if (minutes && input.comparison === 'at_least')
    throw new AppError('TARGET_COMPARISON_INVALID', 'Thời gian từ đăng nhập đến nộp là mục tiêu "không quá".', 400);
}

export async function createTarget(db: Queryable, input: TargetInput, units: ReadonlySet<string>, actor: string): Promise<Target> {
  checkTarget(input, units);
  const comparison = input.comparison ?? (input.metric === 'avg_login_to_submit_minutes' ? 'at_most' : 'at_least');
  const id = crypto.randomUUID();
  await db.query(
    'INSERT INTO metric_targets (id, unit_id, official_id, metric, value, comparison, effective_from, effective_to, basis, created_by) VALUES ($1,$2,$3,$4,$5,$6,$7,$8,$9,$10)',
    [
      id,
      input.unitId,
      input.officialId ?? null,
      input.metric,
      input.value,
      comparison,
      input.effectiveFrom,
      input.effectiveTo ?? null,
      input.basis ?? '',
      actor,
    ],
  );
  return toTarget((await db.query<TargetRow>(`${TARGET_SELECT} WHERE id = $1`, [id])).rows[0]);
}

export async function updateTarget(db: Queryable, id: string, input: TargetInput, units: ReadonlySet<string>): Promise<Target> {
  const existing = (await db.query<TargetRow>(`${TARGET_SELECT} WHERE id::text = $1`, [id])).rows[0];
  if (!existing || !units.has(existing.unit_id)) throw notFound('Không tìm thấy mục tiêu.');
  checkTarget(input, units);
  const comparison = input.comparison ?? (input.metric === 'avg_login_to_submit_minutes' ? 'at_most' : 'at_least');
  await db.query(
    'UPDATE metric_targets SET unit_id = $2, official_id = $3, metric = $4, value = $5, comparison = $6, effective_from = $7, effective_to = $8, basis = $9 WHERE id = $1',
    [id, input.unitId, input.officialId ?? null, input.metric, input.value, comparison, input.effectiveFrom, input.effectiveTo ?? null, input.basis ?? ''],
  );
  return toTarget((await db.query<TargetRow>(`${TARGET_SELECT} WHERE id = $1`, [id])).rows[0]);
}

export async function deleteTarget(db: Queryable, id: string, units: ReadonlySet<string>): Promise<void> {
  const existing = (await db.query<TargetRow>(`${TARGET_SELECT} WHERE id::text = $1`, [id])).rows[0];
  if (!existing || !units.has(existing.unit_id)) throw notFound('Không tìm thấy mục tiêu.');
  await db.query('DELETE FROM metric_targets WHERE id = $1', [id]);
}

const LCI_FIELDS = /đất đai|xây dựng|đầu tư/i;

/** The actual value of a target metric for a scope and period: percentage (or minutes) with its fraction. */
export async function measure(
  db: Queryable,
  metric: TargetMetric,
  scope: Scope,
  from: string,
  to: string,
): Promise<{ actual: number | null; numerator: number | null; denominator: number | null }> {
  if (metric === 'adults_personal_signature_rate') {
    const f = await adultsSigning(db, scope.unitIds, to);
    return { actual: f.percent, numerator: f.signed, denominator: f.adults };
  }
  const procs = await procedures(db);
  const pctOf = (num: number, den: number) => ({ actual: den === 0 ? null : round((num / den) * 100, 2), numerator: num, denominator: den });
  if (metric === 'satisfaction_rate_land_construction_investment') {
    const codes = [...procs.values()].filter((p) => LCI_FIELDS.test(`${p.fieldName ?? ''} ${p.fieldCode ?? ''}`)).map((p) => p.code);
    let num = 0;
    let den = 0;
    for (const code of codes) {
      const { counts } = await countersCounts(db, { ...scope, procedure: code }, from, to);
      num += counts.satisfied;
      den += counts.rated;
    }
    return pctOf(num, den);
  }
  const { counts, extras } = await countersCounts(db, scope, from, to);
  switch (metric) {
    case 'online_dossier_rate':
      return pctOf(extras.onlineAny, counts.received);
    case 'online_payment_rate':
      return pctOf(counts.paidOnline, counts.feeBearing);
    case 'services_with_online_dossier': {
      const i = score(counts, procs).indicators.find((x) => x.code === '3.2')!;
      return i.noData ? { actual: null, numerator: null, denominator: null } : pctOf(i.numerator!, i.denominator!);
    }
    case 'digitisation_rate':
      return pctOf(counts.digitised, counts.received);
    case 'electronic_result_rate':
      return pctOf(counts.electronicResult, counts.paperRequired);
    case 'satisfaction_rate':
      return pctOf(counts.satisfied, counts.rated);
    case 'avg_login_to_submit_minutes':
      return extras.loginCount === 0
        ? { actual: null, numerator: null, denominator: 0 }
        : { actual: round(extras.loginMs / extras.loginCount / 60_000, 2), numerator: round(extras.loginMs / 60_000, 2), denominator: extras.loginCount };
    case 'online_vs_counter_time_reduction': {
      if (extras.completedOnline === 0 || extras.completedCounter === 0 || extras.completedCounterMs === 0)
        return { actual: null, numerator: null, denominator: null };
      const online = extras.completedOnlineMs / extras.completedOnline;
      const counter = extras.completedCounterMs / extras.completedCounter;
      return { actual: round((1 - online / counter) * 100, 2), numerator: round(online / 86_400_000, 2), denominator: round(counter / 86_400_000, 2) };
    }
  }
  return { actual: null, numerator: null, denominator: null };
}

/**
 * Adults (15+ on `day`) of the population of the units' communes (the household register imported from the
 * population database) who have signed with a personal certificate at least once by the end of `day` (the
 * remote-signing records, personal_signatures).
 */
export async function adultsSigning(db: Queryable, unitIds: readonly string[], day: string) {
  const residents = (
    await db.query<{ id_number: string; birth_date: string }>(
      `SELECT m.id_number, to_char(m.birth_date, 'YYYY-MM-DD') AS birth_date FROM community_household_members m
         JOIN community_households h ON h.household_no = m.household_no JOIN community_areas a ON a.id = h.area_id
        WHERE a.commune_code IN (SELECT admin_unit_code FROM org_units WHERE id = ANY($1::text[]))`,
      [unitIds],
    )
  ).rows;
  const signers = (
    await db.query<{ id_number: string; first: Date }>(
      `SELECT id_number, min(signed_at) AS first FROM personal_signatures
        WHERE id_number = ANY($1::text[]) GROUP BY id_number`,
      [residents.map((r) => r.id_number)],
    )
  ).rows;
  const asOf = new Date(localDayRange(day, day).end.getTime() - 1).toISOString();
  return adultsWithPersonalSignature(
    residents.map((r) => ({ idNumber: r.id_number, birthDate: r.birth_date })),
    new Map(signers.map((s) => [s.id_number, new Date(s.first).toISOString()])),
    day,
    asOf,
  );
}

/** Targets in force during [from, to] for the scope's units, with their progress. */
export async function targetProgress(db: Queryable, resolved: ResolvedUnit, from: string, to: string): Promise<TargetProgress[]> {
  const rows = (
    await db.query<TargetRow>(
      `${TARGET_SELECT} WHERE unit_id = ANY($1::text[]) AND effective_from <= $3::date AND (effective_to IS NULL OR effective_to >= $2::date) ORDER BY official_id NULLS FIRST, metric, effective_from`,
      [resolved.unitIds, from, to],
    )
  ).rows;
  const out: TargetProgress[] = [];
  for (const r of rows) {
    const t = toTarget(r);
    // A unit's target covers the unit's scope (a commune's UBND: the whole commune).
    const scopeUnits = (await resolveUnit(db, t.unitId)).unitIds;
    const scope: Scope = { unitIds: scopeUnits, ...(t.officialId ? { official: t.officialId } : {}) };
    const m = await measure(db, t.metric, scope, from, to);
    out.push({ ...t, ...m, met: m.actual === null ? null : t.comparison === 'at_least' ? m.actual >= t.value : m.actual <= t.value });
  }
  return out;
}

interface CampaignRow {
  id: string;
  unit_id: string;
  name: string;
  from_day: string;
  to_day: string;
}
const CAMPAIGN_SELECT = "SELECT id, unit_id, name, to_char(from_day, 'YYYY-MM-DD') AS from_day, to_char(to_day, 'YYYY-MM-DD') AS to_day FROM metric_campaigns";
const toCampaign = (r: CampaignRow): Campaign => ({ id: r.id, unitId: r.unit_id, name: r.name, from: r.from_day, to: r.to_day });

export async function listCampaigns(db: Queryable, units: ReadonlySet<string>): Promise<Campaign[]> {
  return (await db.query<CampaignRow>(`${CAMPAIGN_SELECT} WHERE unit_id = ANY($1::text[]) ORDER BY from_day DESC`, [[...units]])).rows.map(toCampaign);
}

export async function getCampaign(db: Queryable, id: string, units: ReadonlySet<string>): Promise<Campaign> {
  const r = (await db.query<CampaignRow>(`${CAMPAIGN_SELECT} WHERE id::text = $1`, [id])).rows[0];
  if (!r || !units.has(r.unit_id)) throw notFound('Không tìm thấy đợt cao điểm.');
  return toCampaign(r);
}

function checkCampaign(input: CampaignInput, units: ReadonlySet<string>) {
  if (!units.has(input.unitId)) throw new AppError('UNIT_OUT_OF_SCOPE', 'Bạn không quản lý đơn vị này.', 403);
  if (input.to < input.from) throw new AppError('PERIOD_INVALID', 'Ngày kết thúc phải sau ngày bắt đầu.', 400);
}

export async function createCampaign(db: Queryable, input: CampaignInput, units: ReadonlySet<string>, actor: string): Promise<Campaign> {
  checkCampaign(input, units);
  const id = crypto.randomUUID();
  await db.query('INSERT INTO metric_campaigns (id, unit_id, name, from_day, to_day, created_by) VALUES ($1,$2,$3,$4,$5,$6)', [
    id,
    input.unitId,
    input.name,
    input.from,
    input.to,
    actor,
  ]);
  return getCampaign(db, id, units);
}

export async function updateCampaign(db: Queryable, id: string, input: CampaignInput, units: ReadonlySet<string>): Promise<Campaign> {
  await getCampaign(db, id, units);
  checkCampaign(input, units);
  await db.query('UPDATE metric_campaigns SET unit_id = $2, name = $3, from_day = $4, to_day = $5 WHERE id = $1', [
    id,
    input.unitId,
    input.name,
    input.from,
    input.to,
  ]);
  return getCampaign(db, id, units);
}

export async function deleteCampaign(db: Queryable, id: string, units: ReadonlySet<string>): Promise<void> {
  await getCampaign(db, id, units);
  await db.query('DELETE FROM metric_campaigns WHERE id = $1', [id]);
}

/** The campaign week by week (7-day weeks from its first day), each with its index score and the change on the week before. */
export async function campaignReport(db: Queryable, campaign: Campaign): Promise<CampaignReport> {
  const resolved = await resolveUnit(db, campaign.unitId);
  const procs = await procedures(db);
  const weeks: CampaignReport['weeks'] = [];
  let previous: number | null = null;
  const scope = { unitIds: resolved.unitIds };
  const periods = buckets(campaign.from, campaign.to, 'week');
  // 5.4's PAKN term of every week in one query.
  const pakn = await paknDossierCounts(db, scope, periods);
  for (const [i, b] of periods.entries()) {
    const { counts, extras } = await countersCounts(db, scope, b.from, b.to);
    const s = scopeScoreOf(counts, procs, scope, sumUnits(pakn[i], scope.unitIds));
    weeks.push({
      week: i + 1,
      from: b.from,
      to: b.to,
      row: breakdownRow(b.key, `Tuần ${i + 1}`, counts, extras, s),
      score: s,
      change: previous === null ? null : round(s - previous, 2),
    });
    previous = s;
  }
  return { campaign, weeks };
}
