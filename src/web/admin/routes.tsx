/** Administration pages (/can-bo/quan-tri/…), loaded on demand as one chunk. */
import { Route } from 'react-router';
import { lazyNamed } from '../lazy.tsx';

export { adminNav } from './nav.ts';

const pages = () => import('./pages.ts');
const AdminHomePage = lazyNamed(pages, 'AdminHomePage');
const ProceduresPage = lazyNamed(pages, 'ProceduresPage');
const ProcedurePage = lazyNamed(pages, 'ProcedurePage');
const ProcedureEditPage = lazyNamed(pages, 'ProcedureEditPage');
const UnitsPage = lazyNamed(pages, 'UnitsPage');
const UnitCreatePage = lazyNamed(pages, 'UnitCreatePage');
const UnitPage = lazyNamed(pages, 'UnitPage');
const OfficialsPage = lazyNamed(pages, 'OfficialsPage');
const OfficialCreatePage = lazyNamed(pages, 'OfficialCreatePage');
const OfficialPage = lazyNamed(pages, 'OfficialPage');
const CalendarPage = lazyNamed(pages, 'CalendarPage');
const ChangesPage = lazyNamed(pages, 'ChangesPage');
const AdminNotFoundPage = lazyNamed(pages, 'AdminNotFoundPage');

export const adminRoutes = (
  <>
    <Route index element={<AdminHomePage />} />
    <Route path="thu-tuc" element={<ProceduresPage />} />
    <Route path="thu-tuc/:code" element={<ProcedurePage />} />
    <Route path="thu-tuc/:code/sua" element={<ProcedureEditPage />} />
    <Route path="don-vi" element={<UnitsPage />} />
    <Route path="don-vi/them" element={<UnitCreatePage />} />
    <Route path="don-vi/:id" element={<UnitPage />} />
    <Route path="can-bo" element={<OfficialsPage />} />
    <Route path="can-bo/them" element={<OfficialCreatePage />} />
    <Route path="can-bo/:id" element={<OfficialPage />} />
    <Route path="lich" element={<CalendarPage />} />
    <Route path="nhat-ky" element={<ChangesPage />} />
    <Route path="*" element={<AdminNotFoundPage />} />
  </>
);
