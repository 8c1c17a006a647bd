/** The metrics pages in the back office (/can-bo/chi-so/…, /can-bo/danh-gia/:id), loaded on demand as one chunk. */
import { Route } from 'react-router';
import { lazyNamed } from '../lazy.tsx';

export { metricsNav } from './nav.ts';

const pages = () => import('./pages.ts');
const DashboardPage = lazyNamed(pages, 'DashboardPage');
const DrillPage = lazyNamed(pages, 'DrillPage');
const TargetsPage = lazyNamed(pages, 'TargetsPage');
const CampaignsPage = lazyNamed(pages, 'CampaignsPage');
const CampaignPage = lazyNamed(pages, 'CampaignPage');
const ManagePage = lazyNamed(pages, 'ManagePage');
const CounterRatingPage = lazyNamed(pages, 'CounterRatingPage');

/** Nested under /can-bo (the back-office shell, whose outlet shows the loading state). */
export const metricsRoutes = (
  <>
    <Route path="chi-so" element={<DashboardPage />} />
    <Route path="chi-so/ho-so" element={<DrillPage />} />
    <Route path="chi-so/muc-tieu" element={<TargetsPage />} />
    <Route path="chi-so/chien-dich" element={<CampaignsPage />} />
    <Route path="chi-so/chien-dich/:id" element={<CampaignPage />} />
    <Route path="chi-so/quan-ly" element={<ManagePage />} />
    <Route path="danh-gia/:id" element={<CounterRatingPage />} />
  </>
);
