/**
 * The metrics pages' GETs as query options (keys under `metrics`, data/keys.ts). A new period or filter keeps the
 * figures on screen until the new ones arrive (marked busy); every change of targets or campaigns marks all metrics
 * stale.
 */
import { keepPreviousData, type UseQueryResult } from '@tanstack/react-query';
import type { Breakdown, Campaign, CampaignReport, CounterScreen, IndexReport, MetricsUnit, PublicMonthly, TargetProgress } from '../api/metrics-types.ts';
import { keys, qs } from '../data/keys.ts';
import { apiQuery } from '../data/query.ts';
import { errorMessage } from '../staff/format.ts';

type Params = Record<string, string | number | null | undefined>;

/** GET /api/metrics/:resource?params, keeping the previous answer on screen while the next one loads. */
const metrics = <T>(resource: string, params?: Params) => ({
  ...apiQuery<T>(keys.metrics.resource(resource, params), `/api/metrics/${resource}${params ? `?${qs(params)}` : ''}`),
  placeholderData: keepPreviousData,
});

export const metricsQueries = {
  units: () => ({ ...metrics<MetricsUnit[]>('units'), staleTime: 10 * 60_000 }),
  index766: (params: Params) => metrics<IndexReport>('index766', params),
  breakdown: (params: Params) => metrics<Breakdown>('breakdown', params),
  targets: (params: Params) => metrics<TargetProgress[]>('targets', params),
  drill: <T>(params: Params) => metrics<T>('drill', params),
  campaigns: () => metrics<Campaign[]>('campaigns'),
  campaign: (id: string) => metrics<CampaignReport>(`campaigns/${encodeURIComponent(id)}`),
};

/** The public figures (no login): the month's table and the counter screen. */
export const publicMetricsQueries = {
  monthly: (params: Params) => apiQuery<PublicMonthly>(keys.public.metrics('monthly', params), `/api/public/metrics/monthly?${qs(params)}`),
  screen: (params: Params) => apiQuery<CounterScreen>(keys.public.metrics('screen', params), `/api/public/metrics/screen?${qs(params)}`),
};

/** What the metrics pages show of a query: its data, its error in words, whether a newer answer is on its way. */
export function shown<T>(q: UseQueryResult<T>, fallbackError: string) {
  return { data: q.data, error: q.error ? errorMessage(q.error, fallbackError) : null, loading: q.isFetching };
}
