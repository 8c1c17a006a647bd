/**
 * The audit module's public entry: the trail of reads of personal data (who read which dossier or person, and why)
 * and its view for administrators and supervisors.
 */
export { default as auditRoutes } from './routes.ts';
export { AUDITED_READS } from './read-audit.ts';
