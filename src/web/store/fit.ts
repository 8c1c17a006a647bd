/**
 * Which stored documents may stand in for a dossier component — the rule the server applies at submission
 * (src/server/modules/results/store.ts storeMismatch): the requirement's document type equals the document's, or
 * the document's result code is one the requirement accepts; a cancelled or replaced result, or a document past its
 * validity, never fits; nor does a photo copy whose recognised fields the citizen has not confirmed yet.
 */
import type { StoreItem, StoreRequirement } from '../api/types.ts';

export { vnToday } from '../format.ts';

export type StoreItemState = 'valid' | 'expired' | 'cancelled' | 'replaced';

/** Whether a stored document may still be used: withdrawn results first, then the validity date. */
export function storeItemState(doc: Pick<StoreItem, 'resultStatus' | 'validTo'>, today: string): StoreItemState {
  if (doc.resultStatus === 'cancelled' || doc.resultStatus === 'replaced') return doc.resultStatus;
  if (doc.validTo && doc.validTo < today) return 'expired';
  return 'valid';
}

/** A requirement some stored document could ever satisfy (it names a document type or accepted result codes). */
export const acceptsStoreDocuments = (req: StoreRequirement): boolean => !!req.documentType || (req.satisfiedByResultCodes?.length ?? 0) > 0;

export function storeDocumentFits(
  doc: Pick<StoreItem, 'documentType' | 'resultCode' | 'resultStatus' | 'validTo'> & Partial<Pick<StoreItem, 'kind' | 'photoCopy'>>,
  req: StoreRequirement,
  today: string,
): boolean {
  if (storeItemState(doc, today) !== 'valid') return false;
  if (doc.kind === 'photo_copy' && !doc.photoCopy?.confirmed) return false;
  const byType = !!req.documentType && doc.documentType === req.documentType;
  const byResult = !!doc.resultCode && (req.satisfiedByResultCodes ?? []).includes(doc.resultCode);
  return byType || byResult;
}

/** The documents of the store that fit the requirement, newest first (the store lists them so). */
export const fittingDocuments = (items: readonly StoreItem[], req: StoreRequirement, today: string): StoreItem[] =>
  items.filter((d) => storeDocumentFits(d, req, today));
