/**
 * The administration module's public entry: what the rest of the server may use (other files of this folder are
 * internal; see docs/adr/0006-module-boundaries.md).
 */
export { default as adminRoutes } from './routes.ts';
export { default as procedureAdminRoutes } from './procedure-routes.ts';
export { CREATE_USER_USAGE, planCreateUser, runCreateUser, userFacingError } from './create-user-command.ts';
export { assertUnitInScope, authorize as authorizeAdmin, unitScope } from './permissions.ts';
