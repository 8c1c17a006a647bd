/**
 * The dossiers module's public entry: what the rest of the server may use (other files of this folder are
 * internal; see docs/adr/0003-module-boundaries.md).
 */
export { default as dossierRoutes } from './routes.ts';
export { appendAction, GENESIS_HASH, hashEntry, verifyActionLog, type ActionEntry } from './action-log.ts';
export { assignDossierCode } from './codes.ts';
export { expireDrafts } from './drafts.ts';
export { actionLabel } from './public-view.ts';
export { communes, EMAIL, PHONE, prefillForPerson, sealSecret, vnToday } from './submission-checks.ts';
