/** The metrics pages in the back office (/can-bo/chi-so/…, /can-bo/danh-gia/:id) and their menu entries. */
import { Route } from 'react-router';
import type { StaffNavItem } from '../staff/nav.ts';
import { MANAGE_ROLES, METRICS_ROLES } from './access.ts';
import { CampaignPage, CampaignsPage } from './CampaignPages.tsx';
import { CounterRatingPage } from './CounterRatingPage.tsx';
import { DashboardPage } from './DashboardPage.tsx';
import { DrillPage } from './DrillPage.tsx';
import { ManagePage } from './ManagePage.tsx';
import { TargetsPage } from './TargetsPage.tsx';

export const metricsNav: StaffNavItem[] = [{ to: '/can-bo/chi-so', label: 'metrics.nav.dashboard', roles: [...METRICS_ROLES, ...MANAGE_ROLES] }];

/** Nested under /can-bo (the back-office shell). */
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
