/**
 * The consumers of the dossier event stream (docs/events.md), composed in one place: each module offers its
 * consumer (an outbox topic and the events it wants) and the handler of that topic; the outbox worker of a server
 * process serves the router of `dossier.event` and every consumer's topic. The in-transaction subscribers are listed
 * in bootstrap.ts (AppContext.dossierSubscribers).
 */
import type { AppContext } from './context.ts';
import { DOSSIER_EVENT_TOPIC, eventRouter, type EventConsumer } from './modules/dossiers/index.ts';
import { handoffHandlers } from './modules/lienthong/index.ts';
import { mailHandlers } from './modules/notifications/index.ts';
import { searchIndexConsumer } from './modules/workflow/index.ts';
import { OutboxWorker, type OutboxHandler } from './outbox/outbox.ts';

/** Who receives the events, asynchronously, each on its own outbox topic. */
// Citizens' notifications (e-mail included) are queued inside the event's transaction (notifications table), not here;
// mailHandlers still deliver e-mails queued on the outbox before that change.
// The worklist's name search (dossier_search) is re-indexed from the events that change a searchable field; its topic
// is served in batches by the search.index job (background-jobs.ts), not by this worker's handlers.
export const EVENT_CONSUMERS: readonly EventConsumer[] = [searchIndexConsumer];

/** The handlers of the process's outbox worker: the event router and every consumer's topic. */
export function outboxHandlers(ctx: AppContext): Record<string, OutboxHandler> {
  return {
    [DOSSIER_EVENT_TOPIC]: eventRouter(ctx.db, EVENT_CONSUMERS),
    ...mailHandlers(ctx.db, ctx.mail.mailer, ctx.config.publicUrl),
    ...handoffHandlers(ctx), // liên thông hand-offs to other agencies
  };
}

export function createOutboxWorker(ctx: AppContext, log?: (err: unknown) => void): OutboxWorker {
  return new OutboxWorker(ctx.db, outboxHandlers(ctx), { onError: (err) => log?.(err) });
}
