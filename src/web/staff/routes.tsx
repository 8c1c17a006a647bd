/** Back-office pages (/can-bo/…) and their menu entries (shown to officials holding one of the roles). */
import { Route } from 'react-router';
import { lazyNamed } from '../lazy.tsx';
import { DossierPage } from './dossier/DossierPage.tsx';
import { DossierSearchPage } from './DossierSearchPage.tsx';
import { InboxPage } from './InboxPage.tsx';
import { CounterIntakePage } from './intake/CounterIntakePage.tsx';
import { IntakeDonePage } from './intake/IntakeDonePage.tsx';
import { StaffFeedbackPage } from '../feedback/StaffFeedbackPage.tsx';
import { staffNav } from './nav.ts';
import { ReceptionQueuePage } from './ReceptionQueuePage.tsx';
import { RegisterPage } from './RegisterPage.tsx';
import { StaffHomePage } from './StaffHomePage.tsx';
import { StaffNotFoundPage } from './StaffNotFoundPage.tsx';

export { staffNav };

/** Reconciliation of payment statements: rarely used, loaded on demand. */
const ReconciliationPage = lazyNamed(() => import('../payments/ReconciliationPage.tsx'), 'ReconciliationPage');
/** Reconciliation of the national-portal sync (leaders, supervisors, administrators), loaded on demand. */
const SyncReconciliationPage = lazyNamed(() => import('../sync/SyncReconciliationPage.tsx'), 'SyncReconciliationPage');
/** Liên thông: hand-offs, answers recorded by hand, resend, the overdue queue. */
const StaffBundlePage = lazyNamed(() => import('../lienthong/StaffBundlePage.tsx'), 'StaffBundlePage');
/** Failed notifications of the official's units, with resend. */
const FailedNotificationsPage = lazyNamed(() => import('../notifications/FailedNotificationsPage.tsx'), 'FailedNotificationsPage');
/** The community digital team's pages (docs/community.md), loaded on demand. */
const community = () => import('../community/CommunityPages.tsx');
const CommunityHomePage = lazyNamed(community, 'CommunityHomePage');
const VisitListPage = lazyNamed(community, 'VisitListPage');
const VisitChecklistPage = lazyNamed(community, 'VisitChecklistPage');
const AssistedSessionPage = lazyNamed(community, 'AssistedSessionPage');
const RepresentationPage = lazyNamed(community, 'RepresentationPage');
const CoverageDashboardPage = lazyNamed(community, 'CoverageDashboardPage');

export const staffRoutes = (
  <>
    <Route index element={<StaffHomePage />} />
    <Route path="ho-so-can-xu-ly" element={<InboxPage />} />
    <Route path="tiep-nhan" element={<ReceptionQueuePage />} />
    <Route path="tiep-nhan/tai-quay" element={<CounterIntakePage />} />
    <Route path="tiep-nhan/da-tiep-nhan/:id" element={<IntakeDonePage />} />
    <Route path="ho-so/:id" element={<DossierPage />} />
    <Route path="tra-cuu" element={<DossierSearchPage />} />
    <Route path="so-theo-doi" element={<RegisterPage />} />
    <Route path="doi-soat" element={<ReconciliationPage />} />
    <Route path="dong-bo-dvcqg" element={<SyncReconciliationPage />} />
    <Route path="lien-thong" element={<StaffBundlePage />} />
    <Route path="thong-bao-loi" element={<FailedNotificationsPage />} />
    <Route path="phan-anh" element={<StaffFeedbackPage />} />
    <Route path="cong-dong" element={<CommunityHomePage />} />
    <Route path="cong-dong/thon/:areaId" element={<VisitListPage />} />
    <Route path="cong-dong/tham-ho/:householdNo" element={<VisitChecklistPage />} />
    <Route path="cong-dong/phien-ho-tro" element={<AssistedSessionPage />} />
    <Route path="cong-dong/uy-quyen" element={<RepresentationPage />} />
    <Route path="cong-dong/bang-theo-doi" element={<CoverageDashboardPage />} />
    <Route path="*" element={<StaffNotFoundPage />} />
  </>
);
