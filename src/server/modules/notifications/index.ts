/**
 * The notifications module's public entry: what the rest of the server may use (other files of this folder are
 * internal; see docs/adr/0006-module-boundaries.md).
 */
export { default as notificationRoutes } from './routes.ts';
export { createMailService, MAIL_CONSUMER, mailHandlers, mailNote, type MailService } from './service.ts';
