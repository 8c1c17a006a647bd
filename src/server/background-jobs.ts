/**
 * The background jobs of a server process, in one list: what the modules offer, composed here (src/server/main.ts
 * registers them on the scheduler when WORKERS is not 0; with WORKERS=0 the process only serves HTTP). Each is safe to run in several processes at once:
 *
 *   outbox.mail        notification mails from the outbox: claimed with FOR UPDATE SKIP LOCKED and a lease
 *   notify.dispatch    the notification outbox (Zalo, SMS, e-mail): the same claiming, per-provider rate limits
 *   payments.refunds   refund requests from the outbox: the same claiming
 *   payments.expiry    abandoned payment intents expire: each intent row is locked and re-checked
 *   payments.requery   pending intents whose IPN has not come are asked again: the same row locks
 *   metrics.counters   the 766 counters catch up with the action log: each batch locks the one metric_state row
 *   drafts.expiry      drafts past their TTL are marked expired: one idempotent UPDATE
 *   recognition.jobs   uploads to recognise (QR, OCR): claimed with FOR UPDATE SKIP LOCKED and a lease
 *   lienthong.escalations  liên thông hand-offs unanswered in time raise one escalation each: one idempotent statement
 *   (liên thông hand-offs themselves are outbox messages, topic lienthong.handoff, delivered by the outbox worker)
 *   national-sync.dvcqg  messages to the national portal: dossiers leased with FOR UPDATE SKIP LOCKED
 *   search.index       the worklist's search table from the events (topic search.index): a batch claimed with
 *                      FOR UPDATE SKIP LOCKED, indexed and marked done in one statement
 *   search.backfill    dossiers written without events (bulk loaders) get their search row: one idempotent statement
 *   notify.life-events life-event suggestions as notifications, opted-in citizens only: one row per (citizen,
 *                      suggestion, period), its primary key makes a second process queue nothing
 */
import type { AppContext } from './context.ts';
import { createOutboxWorker } from './event-stream.ts';
import { outboxJob } from './jobs/outbox-job.ts';
import type { JobDefinition, JobLogger } from './jobs/scheduler.ts';
import { lifeEventNoticeJob } from './modules/assistant/index.ts';
import { draftExpiryJob } from './modules/dossiers/index.ts';
import { escalationJob } from './modules/lienthong/index.ts';
import { counterTickJob } from './modules/metrics/index.ts';
import { nationalSyncJobs } from './modules/national-sync/index.ts';
import { notificationDispatchJob } from './modules/notifications/index.ts';
import { paymentJobs } from './modules/payments/index.ts';
import { recognitionJob } from './modules/recognition/index.ts';
import { searchBackfillJob, searchIndexJob } from './modules/workflow/index.ts';

export function backgroundJobs(ctx: AppContext, log: JobLogger): JobDefinition[] {
  const mail = createOutboxWorker(ctx, (err) => log.warn({ err, job: 'outbox.mail' }, 'outbox delivery failed'));
  return [
    outboxJob('outbox.mail', mail, 1000),
    ...paymentJobs(ctx, log),
    counterTickJob(ctx.db),
    draftExpiryJob(ctx.db),
    recognitionJob(ctx, log),
    escalationJob(ctx.db),
    ...nationalSyncJobs(ctx),
    notificationDispatchJob(ctx, (err) => log.warn({ err, job: 'notify.dispatch' }, 'notification delivery failed')),
    lifeEventNoticeJob(ctx),
    searchIndexJob(ctx.db),
    searchBackfillJob(ctx.db),
  ];
}
