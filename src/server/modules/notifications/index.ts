/**
 * The notifications module's public entry: what the rest of the server may use (other files of this folder are
 * internal; see docs/adr/0006-module-boundaries.md).
 */
export { default as notificationRoutes } from './routes.ts';
export { createMailService, MAIL_CONSUMER, mailHandlers, mailNote, type MailService } from './service.ts';
export { notifyConfig, type NotifyConfig } from './config.ts';
export { type Notice, notificationSubscriber, queueNotices, queueNotifications, queueNotificationsBatch } from './queue.ts';
export { queueDirectSms } from './direct.ts';
export { NotificationDispatcher } from './dispatcher.ts';
export { createNotificationDispatcher, notificationDispatchJob } from './dispatch-service.ts';
export { zaloEventSignature } from './zalo-zns.ts';
export { smsCallbackSignature } from './sms-gateway.ts';
export { refreshZaloToken, zaloAccessToken } from './zalo-token.ts';
export { saveTemplate, templateInForce } from './template-store.ts';
