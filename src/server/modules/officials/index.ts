/**
 * The officials module's public entry: what the rest of the server may use (other files of this folder are
 * internal; see docs/adr/0006-module-boundaries.md). Officials, their units and authority: accounts and sign-in,
 * the organisation tree (where each workflow step is done) and the official behind a back-office request.
 */
export { default as officialRoutes } from './routes.ts';
export { DEMO_OFFICIAL_PASSWORD, DEMO_OFFICIALS, seedDemoOfficials } from './demo-officials.ts';
export { invalidateOrgTree, officialAuth, orgTree, routeUnits, stepUnit, visibleUnits, type OrgTree, type OrgUnit } from './org.ts';
export {
  createOfficial,
  endOfficialSessions,
  generatePassword,
  loadSubject,
  OFFICIAL_ROLES,
  roleName,
  setOfficialPassword,
  type Membership,
  type OfficialRole,
} from './service.ts';
export { loadStaff, requireStaff, unitsWithRole, type Staff } from './staff.ts';
export { generateTotpSecret, otpauthUrl, verifyTotp } from './totp.ts';
