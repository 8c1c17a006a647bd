/**
 * The order in which a dossier's waiting messages are sent to the national portal (pure; the worker in
 * src/server/modules/national-sync/worker.ts follows it):
 * - only the newest waiting dossier message is sent, the older ones are superseded (it carries everything they did);
 * - nothing of a dossier the portal does not hold yet goes before its dossier message: that message goes first;
 * - progress messages are all sent, in the order of the events.
 */
import type { SyncMessageKind } from './messages.ts';

export interface WaitingMessage {
  id: number;
  kind: SyncMessageKind;
}

export interface DeliveryPlan {
  /** Dossier messages replaced by a newer one, never to be sent. */
  supersede: number[];
  /** What to send, in this order. */
  send: number[];
}

export function planDelivery(waiting: readonly WaitingMessage[], onPortal: boolean): DeliveryPlan {
  const ordered = [...waiting].sort((a, b) => a.id - b.id);
  const dossiers = ordered.filter((m) => m.kind === 'dossier');
  const latest = dossiers.at(-1);
  const supersede = dossiers.slice(0, -1).map((m) => m.id);
  const rest = ordered.filter((m) => m.kind === 'progress' || m === latest).map((m) => m.id);
  if (onPortal) return { supersede, send: rest };
  if (!latest) return { supersede, send: [] };
  return { supersede, send: [latest.id, ...rest.filter((id) => id !== latest.id)] };
}
