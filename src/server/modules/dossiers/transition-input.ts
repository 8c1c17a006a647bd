/**
 * The input of each action as the transition path receives it: what the staff action API accepts
 * (src/contract/dossier-actions.ts) and what the other callers send — the citizen (online supplement, withdrawal,
 * rating), the payment gateway's confirmation, the counter tablet's rating.
 */
import type { z } from 'zod';
import type { StaffActionInput } from '../../../contract/dossier-actions.ts';
import type { SupplementBody } from '../../../contract/dossiers.ts';

/** A payment confirmed by a gateway (the ledger's receipt is recorded by the caller). */
export interface OnlinePayment {
  amount: number;
  method: 'online';
  gateway: string;
}

export type RatingValue = 'very_satisfied' | 'satisfied' | 'dissatisfied';

export type TransitionInput =
  | Exclude<StaffActionInput, { action: 'record_payment' | 'provide_supplement' }>
  | ({ action: 'provide_supplement' } & z.infer<typeof SupplementBody>)
  | { action: 'record_payment'; payment: Extract<StaffActionInput, { action: 'record_payment' }>['payment'] | OnlinePayment }
  | { action: 'rate'; rating: RatingValue; comment?: string; channel: 'online' | 'counter' }
  | ({ action: 'record_linked_receipt'; timeLimit: { amount: number; unit: 'working_days' | 'working_hours' } } & LinkedAnswer)
  | ({ action: 'record_linked_result'; resultNumber?: string } & LinkedAnswer)
  | ({ action: 'confirm_original' } & OriginalConfirmation);

/**
 * "Đã đối chiếu bản gốc" (self-digitisation, docs/digitisation.md): the component the official certified against the
 * paper original, as the self-digitisation module stamped and signed it in the same transaction.
 */
export interface OriginalConfirmation {
  documentId: string;
  requirementCode: string;
  name: string;
  /** SHA-256 of the citizen's photo, and of the marked and signed PDF that replaced it. */
  photoSha256: string;
  markedSha256: string;
  /** The signing certificate's subject (the unit's), and the unit in whose name the official confirmed. */
  certificate: string;
  unitId: string;
  storeDocumentId: string | null;
}

/** Liên thông: which agency answered, under which reference, through which hand-off (its evidence is kept there). */
export interface LinkedAnswer {
  agency: { code: string; name: string };
  reference?: string;
  handoffId?: string;
  bundleCode?: string;
}
