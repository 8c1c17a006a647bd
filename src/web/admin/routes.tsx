/** Administration pages (/can-bo/quan-tri/…) and their menu entries. */
import { Route } from 'react-router';
import { AdminHomePage } from './AdminHomePage.tsx';
import { CalendarPage } from './calendar/CalendarPage.tsx';
import { ChangesPage } from './changes/ChangesPage.tsx';
import { adminNav } from './nav.ts';
import { AdminNotFoundPage } from './NotFoundPage.tsx';
import { OfficialCreatePage } from './officials/OfficialCreatePage.tsx';
import { OfficialPage } from './officials/OfficialPage.tsx';
import { OfficialsPage } from './officials/OfficialsPage.tsx';
import { ProcedureEditPage } from './procedures/ProcedureEditPage.tsx';
import { ProcedurePage } from './procedures/ProcedurePage.tsx';
import { ProceduresPage } from './procedures/ProceduresPage.tsx';
import { UnitCreatePage } from './units/UnitCreatePage.tsx';
import { UnitPage } from './units/UnitPage.tsx';
import { UnitsPage } from './units/UnitsPage.tsx';

export { adminNav };

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
