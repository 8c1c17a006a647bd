/** The audit trail of reads of personal data (/api/admin/personal-data-reads). */
import { z } from 'zod';

export const READ_SUBJECT_KINDS = ['dossier', 'person', 'official', 'register', 'shared_document'] as const;

export const PersonalDataReadQuery = z.object({
  subjectKind: z.enum(READ_SUBJECT_KINDS).optional(),
  subjectId: z.string().min(1).max(100).optional(),
  actorId: z.string().min(1).max(100).optional(),
  from: z.iso.datetime({ offset: true }).optional(),
  to: z.iso.datetime({ offset: true }).optional(),
  limit: z.coerce.number().int().min(1).max(500).default(100),
});

export const PersonalDataRead = z.strictObject({
  id: z.number().int(),
  at: z.string(),
  actor: z.strictObject({ kind: z.enum(['official', 'citizen', 'anonymous']), id: z.string().nullable(), name: z.string().nullable() }),
  subject: z.strictObject({ kind: z.enum(READ_SUBJECT_KINDS), id: z.string() }),
  purpose: z.string(),
  route: z.string(),
  ip: z.string().nullable(),
});

export const PersonalDataReadList = z.strictObject({ reads: z.array(PersonalDataRead) });
