/**
 * The national-sync module's public entry: the national public-service portal (Cổng DVCQG) — the adapter interface
 * (for the liên thông module too), the in-transaction subscriber that writes the sync outbox, the worker and its job,
 * the reconciliation for officials (docs/integrations.md, "Cổng DVCQG").
 */
export {
  DvcqgHttpAdapter,
  PortalError,
  type NationalPortalAdapter,
  type PortalAnswer,
  type PortalConfig,
  type PortalErrorKind,
  type SessionStore,
} from '../../adapters/dvcqg.ts';
export { loadNationalSyncConfig, nationalSyncConfig, STANDIN_PREFIX, type NationalSyncConfig } from './config.ts';
export { createNationalSyncWorker, nationalSyncJobs } from './job.ts';
export { databaseSessionStore } from './sessions.ts';
export { nationalSyncSubscriber } from './subscriber.ts';
export { NationalSyncWorker, refreshSyncState, type SyncRunResult } from './worker.ts';
export { default as nationalSyncRoutes } from './routes.ts';
export { monthRange, reconciliation, resend } from './reconciliation.ts';
export { IMPORT_DOSSIERS_HELP, importDossiers, runImportDossiers, type ImportReport } from './import.ts';
export { IMPORT_QA_HELP, default as nationalQaRoutes, runImportQa } from './qa-import.ts';
