/**
 * The back office (/can-bo/…), one chunk loaded on demand with the back-office strings: the shell (header, menu,
 * login) around the officials' pages, the metrics area and the administration area (each a further chunk).
 */
import '../i18n/staff.ts';
import { Route, Routes } from 'react-router';
import { adminRoutes } from '../admin/routes.tsx';
import { metricsRoutes } from '../metrics/routes.tsx';
import { StaffShell } from './StaffLayout.tsx';
import { staffRoutes } from './routes.tsx';

export function BackOffice() {
  return (
    <Routes>
      <Route element={<StaffShell />}>
        {staffRoutes}
        {metricsRoutes}
        <Route path="quan-tri">{adminRoutes}</Route>
      </Route>
    </Routes>
  );
}
