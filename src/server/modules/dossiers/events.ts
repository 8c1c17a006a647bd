/**
 * The stream of domain events (docs/events.md): every transition writes one `dossier.event` message into the outbox
 * (transition.ts). The router delivers each one to the consumers that want it by writing one message per consumer
 * into that consumer's own outbox topic, in one transaction, keyed by the event id — so each consumer (e-mail today;
 * the national-portal sync, liên thông and other channels next) has its own retries and dead letters, and a consumer
 * that fails does not hold back or repeat the others. Consumers are idempotent on the event id (at-least-once).
 */
import type { DossierEvent } from '../../../core/dossiers/events.ts';
import type { Database } from '../../db/database.ts';
import { enqueue, type OutboxHandler } from '../../outbox/outbox.ts';

/** The outbox topic of the domain events. */
export const DOSSIER_EVENT_TOPIC = 'dossier.event';

export interface EventConsumer {
  /** The consumer's outbox topic. */
  topic: string;
  wants(event: DossierEvent): boolean;
}

export function eventRouter(db: Database, consumers: readonly EventConsumer[]): OutboxHandler {
  return async (msg) => {
    const event = msg.payload as unknown as DossierEvent;
    const targets = consumers.filter((c) => c.wants(event));
    if (targets.length === 0) return;
    await db.transaction(async (tx) => {
      for (const c of targets) await enqueue(tx, c.topic, `${c.topic}:${event.id}`, msg.payload);
    });
  };
}
