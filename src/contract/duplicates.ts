/**
 * Possible duplicate dossiers (src/core/dossiers/duplicates.ts): what a citizen is warned of before submitting, and
 * the flag on the receiving officer's queue.
 */
import { z } from 'zod';
import { Instant, Uuid } from './http.ts';

/** An earlier dossier for the same subject that still stands in the way of the citizen's draft. */
export const DraftDuplicate = z.strictObject({
  /** Id and code only of the citizen's own dossiers (someone else's is only said to exist). */
  dossierId: Uuid.nullable(),
  code: z.string().nullable(),
  own: z.boolean(),
  procedureName: z.string(),
  status: z.number().int(),
  statusName: z.string(),
  submittedAt: Instant,
});
export type DraftDuplicate = z.infer<typeof DraftDuplicate>;
export const DraftDuplicates = z.strictObject({ items: z.array(DraftDuplicate) });

/** An earlier dossier for the same subject, as the officer sees it. */
export const PossibleDuplicate = z.strictObject({ id: Uuid, code: z.string() });
export type PossibleDuplicate = z.infer<typeof PossibleDuplicate>;
