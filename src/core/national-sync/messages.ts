/**
 * Which national-portal messages a domain event gives (docs/integrations.md, "Cổng DVCQG"):
 * - the submission: the dossier message (DongBoHoSoMC), which creates the dossier there;
 * - every later step of processing: one progress message (CapNhatTienDoHoSoMC), sent in order, never dropped;
 * - a step that changes what the dossier message carries (status, appointment, payment, supplement, result,
 *   return, a component digitised on checking the original): a new dossier message too (an update), which supersedes an older one not yet sent;
 * - a rating: nothing (no outbound rating message is known, wave2-capabilities C12).
 */
import type { DossierEvent } from '../dossiers/events.ts';

export type SyncMessageKind = 'dossier' | 'progress';

const CHANGES_DOSSIER: ReadonlySet<string> = new Set([
  'paid',
  'rescheduled',
  'result_issued',
  'result_returned',
  'supplement_provided',
  'supplement_requested',
  // a photo copy certified against the original: its component becomes digitised (TaiLieuNop[].DuocSoHoa)
  'original_confirmed',
]);

export function syncMessagesFor(e: Pick<DossierEvent, 'type' | 'status'>): SyncMessageKind[] {
  if (e.type === 'rated') return [];
  if (e.type === 'submitted') return ['dossier'];
  const out: SyncMessageKind[] = [];
  if (e.status.before !== e.status.after || CHANGES_DOSSIER.has(e.type)) out.push('dossier');
  out.push('progress');
  return out;
}
