/** The metrics area's pages, one chunk loaded on demand (routes.tsx), with the metrics strings. */
import '../i18n/metrics.ts';

export { CampaignPage, CampaignsPage } from './CampaignPages.tsx';
export { CounterRatingPage } from './CounterRatingPage.tsx';
export { DashboardPage } from './DashboardPage.tsx';
export { DrillPage } from './DrillPage.tsx';
export { ManagePage } from './ManagePage.tsx';
export { TargetsPage } from './TargetsPage.tsx';
