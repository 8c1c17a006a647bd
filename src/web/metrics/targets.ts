/** Plan targets as the pages show them: each metric's unit and label key. */
import type { TargetMetric } from '../api/metrics-types.ts';

export const TARGET_METRICS: TargetMetric[] = [
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
];

/** Minutes for the login-to-submit time; every other target is a percentage. */
export const targetUnit = (m: TargetMetric): '%' | 'min' => (m === 'avg_login_to_submit_minutes' ? 'min' : '%');

/** The comparison a metric naturally takes (lower is better only for the minutes). */
export const defaultComparison = (m: TargetMetric): 'at_least' | 'at_most' => (m === 'avg_login_to_submit_minutes' ? 'at_most' : 'at_least');
