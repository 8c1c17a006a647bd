/**
 * The payments module's public entry: what the rest of the server may use (other files of this folder are
 * internal; see docs/adr/0006-module-boundaries.md).
 */
export { default as paymentRoutes } from './routes.ts';
export { RECONCILE_HELP, runReconcileCommand } from './cli-command.ts';
export { paymentConfig } from './config.ts';
export { refundWhenDossierEnds } from './dossier-events.ts';
export { paymentJobs } from './jobs.ts';
export { recordCounterPaymentInTx, refundDossierInTx } from './ledger.ts';
export { gatewayFetch } from './transport.ts';
