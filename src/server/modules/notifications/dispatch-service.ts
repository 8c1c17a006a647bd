/** The dispatcher of a server process with its providers (Zalo ZNS, SMS gateway, SMTP), and its background job. */
import type { AppContext } from '../../context.ts';
import type { JobDefinition } from '../../jobs/scheduler.ts';
import { outboxJob } from '../../jobs/outbox-job.ts';
import { gatewayFetch } from '../payments/index.ts';
import { notifyConfig } from './config.ts';
import { NotificationDispatcher, type DispatcherOptions } from './dispatcher.ts';
import { smsGatewayProvider } from './sms-gateway.ts';
import { smtpProvider } from './smtp-provider.ts';
import { zaloZnsProvider } from './zalo-zns.ts';

export function createNotificationDispatcher(
  ctx: Pick<AppContext, 'db' | 'mail' | 'config'>,
  opts: DispatcherOptions = {},
  http?: typeof fetch,
): NotificationDispatcher {
  const cfg = notifyConfig(ctx.config.publicUrl);
  const transport = http ?? gatewayFetch(ctx as AppContext);
  return new NotificationDispatcher(
    ctx.db,
    [zaloZnsProvider(ctx.db, cfg.zns, transport), smsGatewayProvider(cfg.sms, cfg.webhooks.sms, transport), smtpProvider(ctx.mail.mailer)],
    { receiptTimeoutSeconds: cfg.zns.receiptTimeoutSeconds, ...opts },
  );
}

/** notify.dispatch: delivers the notification outbox every second (safe in several processes: SKIP LOCKED + lease). */
export function notificationDispatchJob(ctx: AppContext, onError: (err: unknown) => void): JobDefinition {
  return outboxJob('notify.dispatch', createNotificationDispatcher(ctx, { onError }), 1000);
}
