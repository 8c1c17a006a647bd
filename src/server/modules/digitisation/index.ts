/**
 * The digitisation module's public entry (issue 16): paperless days and online-only procedures, the digitisation
 * guard's report. Other files of this folder are internal (docs/adr/0006-module-boundaries.md).
 */
export { default as digitisationRoutes } from './routes.ts';
export { type PaperDecision, paperIntakeDecision, recordPaperlessException } from './paperless.ts';
