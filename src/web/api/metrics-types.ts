/**
 * The service-quality (Decision 766) and plan-target API as the web app sees it: the types of src/contract/metrics.ts
 * (where the endpoints and their schemas are), under the names the pages import.
 */
export type {
  Breakdown,
  BreakdownRow,
  Campaign,
  CampaignReport,
  CounterScreen,
  DrillPage,
  DrillRow,
  IndexReport,
  IndicatorFigure,
  IndicatorGroup,
  IndicatorGroupCode,
  MetricsUnit,
  PublicMonthly,
  Rating,
  RatingInput,
  RatingValue,
  Target,
  TargetMetric,
  TargetProgress,
} from '../../contract/metrics.ts';
