/**
 * The domain event: one per dossier transition, written into the outbox in the transaction of the change. Together
 * they are the complete, ordered stream of every change to every dossier that the national-portal sync, linked
 * procedures (liên thông) and notifications consume. The shape is documented in docs/events.md.
 *
 * Order: `seq` is the entry's position in the dossier's action log (1, 2, 3 … per dossier, no gaps), so a consumer
 * can apply a dossier's events in order and detect a missing one. Identity: `id` (`<dossierId>:<seq>`) is unique
 * and stable; consumers are idempotent on it (delivery is at least once).
 */
import type { NationalStatus } from './status.ts';
import type { DossierAction, DossierEventType } from './transitions.ts';

export const DOSSIER_EVENT_VERSION = 1;

export interface DossierEvent {
  /** `<dossierId>:<seq>`. */
  id: string;
  /** The past-tense name of what happened (`received`, `supplement_requested`, …). */
  type: DossierEventType;
  /** The action that caused it (`accept`, `request_supplement`, …). */
  action: DossierAction;
  version: typeof DOSSIER_EVENT_VERSION;
  dossierId: string;
  /** The dossier code (mã hồ sơ, MaHoSo). */
  code: string;
  /** Position in the dossier's action log. */
  seq: number;
  /** When it happened (business clock), ISO 8601 UTC. */
  at: string;
  actor: { kind: 'citizen' | 'official' | 'system' | 'public'; id: string; name: string; role: string };
  /** National status (TrangThaiHoSo 1–10) before and after; before is null for the submission. */
  status: { before: NationalStatus | null; after: NationalStatus };
  procedure: { code: string; version: number; caseCode: string };
  /** Channel (KenhThucHien): 1 at the counter, 2 online, 3 by post. */
  channel: 1 | 2 | 3;
  receivingUnitId: string;
  competentUnitId: string | null;
  /** The dossier's appointment (NgayHenTra) after the change, when it has one. */
  dueAt: string | null;
  /** What the action log recorded: reason, forms, due dates, handover, payment, result, delivery … */
  data: Record<string, unknown>;
  /** The hash of the action-log entry, which the event mirrors. */
  logHash: string;
}
