/**
 * Service quality (Decision 766) and plan targets: dashboards for supervisors, leaders and administrators scoped to
 * the units they oversee, drill-down, breakdowns, exports (Excel, PDF), targets and campaigns (administrators),
 * public monthly figures and the counter screen (no login, no personal data), and the citizens' ratings.
 *
 * Dates are yyyy-mm-dd in Vietnam time, `to` inclusive; `unit` is an administrative code (e.g. 25252) or a unit id.
 */
import { z } from 'zod';
import { Day, Instant, Uuid } from './http.ts';

const isoDay = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'Ngày phải có dạng yyyy-mm-dd.');

export const PeriodQuery = z.object({
  unit: z.string().min(1, 'Vui lòng chọn đơn vị.').max(100),
  from: isoDay,
  to: isoDay,
  procedure: z.string().max(50).optional(),
  official: z.string().max(64).optional(),
});
export type PeriodQuery = z.infer<typeof PeriodQuery>;
export const DrillQuery = PeriodQuery.extend({
  indicator: z.string().max(10),
  part: z.enum(['numerator', 'denominator'], { message: 'Phần phải là tử số (numerator) hoặc mẫu số (denominator).' }),
  offset: z.coerce.number().int().min(0).max(10_000_000).default(0),
  limit: z.coerce.number().int().min(1).max(500).default(50),
});
export const BREAKDOWNS = ['unit', 'procedure', 'official', 'week', 'month'] as const;
export const BreakdownQuery = PeriodQuery.extend({ by: z.enum(BREAKDOWNS, { message: 'Cách phân tích không hợp lệ.' }) });
export const TargetsQuery = PeriodQuery.pick({ unit: true, from: true, to: true });
export const MetricsIdParams = z.object({ id: z.string().max(64) });

// --- Ratings ----------------------------------------------------------------------------------------------------

export const RatingValue = z.enum(['very_satisfied', 'satisfied', 'dissatisfied'], { message: 'Vui lòng chọn mức độ hài lòng.' });
export type RatingValue = z.infer<typeof RatingValue>;

export const RatingInput = z.object({
  rating: RatingValue,
  comment: z.string().trim().max(1000, 'Ý kiến tối đa 1000 ký tự.').optional(),
});
export type RatingInput = z.infer<typeof RatingInput>;

export const Rating = z.strictObject({
  dossierId: Uuid,
  rating: RatingValue,
  comment: z.string().optional(),
  channel: z.enum(['online', 'counter']),
  ratedAt: Instant,
});
export type Rating = z.infer<typeof Rating>;

// --- The index ----------------------------------------------------------------------------------------------------

export const MetricsUnit = z.strictObject({
  id: z.string(),
  /** Administrative code (province or commune) or the unit's own code. */
  code: z.string(),
  name: z.string(),
  kind: z.string(),
  parentId: z.string().nullable(),
});
export type MetricsUnit = z.infer<typeof MetricsUnit>;

export const IndicatorGroupCode = z.enum(['transparency', 'progress', 'online', 'payment', 'digitisation', 'satisfaction']);
export type IndicatorGroupCode = z.infer<typeof IndicatorGroupCode>;

export const IndicatorFigure = z.strictObject({
  /** '1.1' … '5.4', '3.5a', '4.5b', 'cert-copy'. */
  code: z.string(),
  name: z.string(),
  group: IndicatorGroupCode,
  numerator: z.number().nullable(),
  denominator: z.number().nullable(),
  /** Percentage rounded to 2 decimals; null when there is no data or the denominator is 0. */
  ratio: z.number().nullable(),
  points: z.number().nullable(),
  maxPoints: z.number(),
  threshold: z.number().nullable(),
  /** The input does not exist locally (e.g. PAKN): shown as "no data", never a made-up value. */
  noData: z.boolean(),
  /** Whether the figure drills down to dossiers (dossier-based indicators). */
  drillable: z.boolean(),
  /** For 2.2 (information only): average processing time, with its unit. */
  average: z
    .strictObject({ value: z.number(), unit: z.enum(['hours', 'days', 'working-days', 'months']) })
    .nullable()
    .optional(),
});
export type IndicatorFigure = z.infer<typeof IndicatorFigure>;

export const IndicatorGroup = z.strictObject({ code: IndicatorGroupCode, name: z.string(), points: z.number(), maxPoints: z.number() });
export type IndicatorGroup = z.infer<typeof IndicatorGroup>;

export const IndexReport = z.strictObject({
  unit: MetricsUnit,
  from: Day,
  to: Day,
  procedure: z.string().optional(),
  official: z.string().optional(),
  indicators: z.array(IndicatorFigure),
  groups: z.array(IndicatorGroup),
  total: z.strictObject({ points: z.number(), maxPoints: z.number() }),
  /** Counters are current up to this instant. */
  asOf: Instant,
});
export type IndexReport = z.infer<typeof IndexReport>;

export const DrillRow = z.strictObject({
  dossierId: Uuid,
  code: z.string(),
  procedureCode: z.string(),
  procedureName: z.string(),
  channel: z.union([z.literal(1), z.literal(2), z.literal(3)]),
  status: z.number().int(),
  receivedAt: Instant.nullable(),
  dueAt: Instant.nullable(),
  finishedAt: Instant.nullable(),
  /** Why it counts (e.g. 'on_time', 'overdue', 'paid_online'). */
  reason: z.string(),
});
export type DrillRow = z.infer<typeof DrillRow>;

export const DrillPage = z.strictObject({
  indicator: z.string(),
  part: z.enum(['numerator', 'denominator']),
  total: z.number().int(),
  rows: z.array(DrillRow),
});
export type DrillPage = z.infer<typeof DrillPage>;

export const BreakdownRow = z.strictObject({
  key: z.string(),
  label: z.string(),
  received: z.number(),
  online: z.number(),
  onTime: z.number(),
  overdue: z.number(),
  paidOnline: z.number(),
  feeBearing: z.number(),
  digitised: z.number(),
  electronicResult: z.number(),
  satisfied: z.number(),
  rated: z.number(),
  /** Index total for this row where it is meaningful (units, periods), else null. */
  score: z.number().nullable(),
});
export type BreakdownRow = z.infer<typeof BreakdownRow>;

export const Breakdown = z.strictObject({ by: z.enum(BREAKDOWNS), rows: z.array(BreakdownRow) });
export type Breakdown = z.infer<typeof Breakdown>;

// --- Targets and campaigns --------------------------------------------------------------------------------------

export const TARGET_METRICS = [
  'online_dossier_rate',
  'online_payment_rate',
  'services_with_online_dossier',
  'digitisation_rate',
  'electronic_result_rate',
  'satisfaction_rate',
  'satisfaction_rate_land_construction_investment',
  'avg_login_to_submit_minutes',
  'online_vs_counter_time_reduction',
  'adults_personal_signature_rate',
] as const;
export const TargetMetric = z.enum(TARGET_METRICS, { message: 'Chỉ tiêu không hợp lệ.' });
export type TargetMetric = z.infer<typeof TargetMetric>;

export const TargetInput = z.object({
  unitId: z.string().min(1, 'Vui lòng chọn đơn vị.'),
  officialId: z.string().uuid('Cán bộ không hợp lệ.').nullable().optional(),
  metric: TargetMetric,
  value: z.number({ message: 'Giá trị mục tiêu phải là một số.' }).min(0, 'Giá trị mục tiêu không được âm.'),
  comparison: z.enum(['at_least', 'at_most']).optional(),
  effectiveFrom: isoDay,
  effectiveTo: isoDay.nullable().optional(),
  basis: z.string().max(500, 'Căn cứ tối đa 500 ký tự.').optional(),
});
export type TargetInput = z.infer<typeof TargetInput>;

const targetShape = {
  id: Uuid,
  unitId: z.string(),
  /** When set, a per-official target (e.g. Hưng Đạo's online-dossier rate per official). */
  officialId: Uuid.nullable(),
  metric: TargetMetric,
  /** Percentage, or minutes for avg_login_to_submit_minutes; 'at_most' for minutes. */
  value: z.number(),
  comparison: z.enum(['at_least', 'at_most']),
  effectiveFrom: Day,
  effectiveTo: Day.nullable(),
  basis: z.string(),
};
export const Target = z.strictObject(targetShape);
export type Target = z.infer<typeof Target>;

export const TargetProgress = z.strictObject({
  ...targetShape,
  /** The official's full name for a per-official target. */
  officialName: z.string().nullable().optional(),
  actual: z.number().nullable(),
  numerator: z.number().nullable(),
  denominator: z.number().nullable(),
  met: z.boolean().nullable(),
});
export type TargetProgress = z.infer<typeof TargetProgress>;

export const CampaignInput = z.object({
  unitId: z.string().min(1, 'Vui lòng chọn đơn vị.'),
  name: z.string().trim().min(3, 'Tên đợt cao điểm tối thiểu 3 ký tự.').max(200, 'Tên đợt cao điểm tối đa 200 ký tự.'),
  from: isoDay,
  to: isoDay,
});
export type CampaignInput = z.infer<typeof CampaignInput>;

export const Campaign = z.strictObject({ id: Uuid, unitId: z.string(), name: z.string(), from: Day, to: Day });
export type Campaign = z.infer<typeof Campaign>;

export const CampaignReport = z.strictObject({
  campaign: Campaign,
  weeks: z.array(z.strictObject({ week: z.number().int(), from: Day, to: Day, row: BreakdownRow, score: z.number(), change: z.number().nullable() })),
});
export type CampaignReport = z.infer<typeof CampaignReport>;

// --- Public figures -----------------------------------------------------------------------------------------------

export const MonthlyQuery = z.object({ month: z.string().regex(/^\d{4}-\d{2}$/, 'Tháng phải có dạng yyyy-mm.'), unit: z.string().max(100).optional() });
export const PublicMonthly = z.strictObject({
  month: z.string(),
  units: z.array(
    z.strictObject({
      code: z.string(),
      name: z.string(),
      received: z.number(),
      onlineRate: z.number().nullable(),
      onTimeRate: z.number().nullable(),
      onlinePaymentRate: z.number().nullable(),
      satisfactionRate: z.number().nullable(),
      score: z.number(),
    }),
  ),
});
export type PublicMonthly = z.infer<typeof PublicMonthly>;

export const ScreenQuery = z.object({ unit: z.string().min(1, 'Vui lòng chọn đơn vị.').max(100) });
export const CounterScreen = z.strictObject({
  unit: MetricsUnit,
  today: z.strictObject({ received: z.number(), online: z.number(), returned: z.number(), waitingToday: z.number() }),
  month: z.strictObject({ score: z.number(), onTimeRate: z.number().nullable(), onlineRate: z.number().nullable(), satisfactionRate: z.number().nullable() }),
  guides: z.array(z.strictObject({ code: z.string(), name: z.string(), deadline: z.string(), fee: z.string(), online: z.boolean() })),
});
export type CounterScreen = z.infer<typeof CounterScreen>;
