/** The administration's pages, one chunk loaded on demand (routes.tsx), with the administration strings and zod's messages in the interface language. */
import '../i18n/admin.ts';
import '../i18n/zod-locale.ts';

export { AdminHomePage } from './AdminHomePage.tsx';
export { CalendarPage } from './calendar/CalendarPage.tsx';
export { ChangesPage } from './changes/ChangesPage.tsx';
export { AdminNotFoundPage } from './NotFoundPage.tsx';
export { OfficialCreatePage } from './officials/OfficialCreatePage.tsx';
export { OfficialPage } from './officials/OfficialPage.tsx';
export { OfficialsPage } from './officials/OfficialsPage.tsx';
export { ProcedureEditPage } from './procedures/ProcedureEditPage.tsx';
export { ProcedurePage } from './procedures/ProcedurePage.tsx';
export { ProceduresPage } from './procedures/ProceduresPage.tsx';
export { UnitCreatePage } from './units/UnitCreatePage.tsx';
export { UnitPage } from './units/UnitPage.tsx';
export { UnitsPage } from './units/UnitsPage.tsx';
