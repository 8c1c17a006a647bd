/**
 * The service-quality (Decision 766) and plan-target API as the web app sees it. The server module
 * src/server/modules/metrics implements exactly these shapes; the web pages under src/web/metrics use them.
 *
 * Endpoints (all GET unless stated; dates are yyyy-mm-dd in Vietnam time, `to` inclusive; `unit` is an
 * administrative code such as 25252 or a unit id; staff endpoints answer only for units the official may see):
 *   /api/metrics/units                                   → MetricsUnit[] the official may view
 *   /api/metrics/index766?unit&from&to[&procedure][&official]   → IndexReport
 *   /api/metrics/drill?unit&from&to&indicator&part[&procedure][&official][&offset][&limit]   → DrillPage
 *   /api/metrics/breakdown?unit&from&to&by=unit|procedure|official|week|month   → Breakdown
 *   /api/metrics/export.xlsx?unit&from&to               → workbook: sheet "Chỉ số 766" (the IndexReport table),
 *                                                           one sheet per breakdown, sheet "Mục tiêu" (targets)
 *   /api/metrics/report.pdf?unit&from&to                → printable report of the period
 *   /api/metrics/targets?unit&from&to                   → TargetProgress[]
 *   /api/metrics/campaigns                              → Campaign[];  /api/metrics/campaigns/:id → CampaignReport
 *   POST/PUT/DELETE /api/admin/targets[/:id], /api/admin/campaigns[/:id]  (system/unit administrators)
 *   /api/public/metrics/monthly?month=yyyy-mm[&unit]    → PublicMonthly (no personal data, no login)
 *   /api/public/metrics/screen?unit                     → CounterScreen (no login; for the TV at the counter)
 *   POST /api/my/dossiers/:id/rating        body RatingInput → Rating (owner, once the result is issued/returned)
 *   POST /api/staff/dossiers/:id/rating     body RatingInput → Rating (counter tablet, citizen present)
 *   GET  /api/my/dossiers/:id/rating → Rating | null
 */

export type RatingValue = 'very_satisfied' | 'satisfied' | 'dissatisfied';

export interface RatingInput {
  rating: RatingValue;
  comment?: string;
}

export interface Rating extends RatingInput {
  dossierId: string;
  channel: 'online' | 'counter';
  ratedAt: string;
}

export interface MetricsUnit {
  id: string;
  /** Administrative code (province or commune) or the unit's own code. */
  code: string;
  name: string;
  kind: string;
  parentId: string | null;
}

export type IndicatorGroupCode = 'transparency' | 'progress' | 'online' | 'payment' | 'digitisation' | 'satisfaction';

export interface IndicatorFigure {
  /** '1.1' … '5.4', '3.5a', '4.5b', 'cert-copy'. */
  code: string;
  name: string;
  group: IndicatorGroupCode;
  numerator: number | null;
  denominator: number | null;
  /** Percentage rounded to 2 decimals; null when there is no data or the denominator is 0. */
  ratio: number | null;
  points: number | null;
  maxPoints: number;
  threshold: number | null;
  /** The input does not exist locally (e.g. PAKN): shown as "no data", never a made-up value. */
  noData: boolean;
  /** Whether the figure drills down to dossiers (dossier-based indicators). */
  drillable: boolean;
  /** For 2.2 (information only): average processing time, with its unit. */
  average?: { value: number; unit: 'hours' | 'days' | 'working-days' | 'months' } | null;
}

export interface IndicatorGroup {
  code: IndicatorGroupCode;
  name: string;
  points: number;
  maxPoints: number;
}

export interface IndexReport {
  unit: MetricsUnit;
  from: string;
  to: string;
  procedure?: string;
  official?: string;
  indicators: IndicatorFigure[];
  groups: IndicatorGroup[];
  total: { points: number; maxPoints: number };
  /** Counters are current up to this instant. */
  asOf: string;
}

export interface DrillRow {
  dossierId: string;
  code: string;
  procedureCode: string;
  procedureName: string;
  channel: 1 | 2 | 3;
  status: number;
  receivedAt: string | null;
  dueAt: string | null;
  finishedAt: string | null;
  /** Why it counts (e.g. 'on_time', 'overdue', 'paid_online'). */
  reason: string;
}

export interface DrillPage {
  indicator: string;
  part: 'numerator' | 'denominator';
  total: number;
  rows: DrillRow[];
}

export interface BreakdownRow {
  key: string;
  label: string;
  received: number;
  online: number;
  onTime: number;
  overdue: number;
  paidOnline: number;
  feeBearing: number;
  digitised: number;
  electronicResult: number;
  satisfied: number;
  rated: number;
  /** Index total for this row where it is meaningful (units, periods), else null. */
  score: number | null;
}

export interface Breakdown {
  by: 'unit' | 'procedure' | 'official' | 'week' | 'month';
  rows: BreakdownRow[];
}

export type TargetMetric =
  | 'online_dossier_rate'
  | 'online_payment_rate'
  | 'services_with_online_dossier'
  | 'digitisation_rate'
  | 'electronic_result_rate'
  | 'satisfaction_rate'
  | 'satisfaction_rate_land_construction_investment'
  | 'avg_login_to_submit_minutes'
  | 'online_vs_counter_time_reduction';

export interface Target {
  id: string;
  unitId: string;
  /** When set, a per-official target (e.g. Hưng Đạo's online-dossier rate per official). */
  officialId: string | null;
  metric: TargetMetric;
  /** Percentage, or minutes for avg_login_to_submit_minutes; 'at_most' for minutes. */
  value: number;
  comparison: 'at_least' | 'at_most';
  effectiveFrom: string;
  effectiveTo: string | null;
  basis: string;
}

export interface TargetProgress extends Target {
  /** The official's full name for a per-official target (additive, 22:40). */
  officialName?: string | null;
  actual: number | null;
  numerator: number | null;
  denominator: number | null;
  met: boolean | null;
}

export interface Campaign {
  id: string;
  unitId: string;
  name: string;
  from: string;
  to: string;
}

export interface CampaignReport {
  campaign: Campaign;
  weeks: { week: number; from: string; to: string; row: BreakdownRow; score: number; change: number | null }[];
}

export interface PublicMonthly {
  month: string;
  units: { code: string; name: string; received: number; onlineRate: number | null; onTimeRate: number | null; onlinePaymentRate: number | null; satisfactionRate: number | null; score: number }[];
}

export interface CounterScreen {
  unit: MetricsUnit;
  today: { received: number; online: number; returned: number; waitingToday: number };
  month: { score: number; onTimeRate: number | null; onlineRate: number | null; satisfactionRate: number | null };
  guides: { code: string; name: string; deadline: string; fee: string; online: boolean }[];
}
