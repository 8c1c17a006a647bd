/**
 * Self-digitisation (issue 16 item 2): the citizen's photo copy of a paper — recognised in the background, its fields
 * confirmed one by one — and the official's confirmation against the original at the counter.
 */
import { z } from 'zod';
import { RECOGNISABLE_TYPES } from '../core/recognition/templates.ts';
import { Instant, Uuid } from './http.ts';
import { RecognisedFieldView } from './recognition.ts';

const Source = z.enum(['qr', 'ocr', 'typed', 'population']);

export const ConfirmedFieldView = z.strictObject({
  name: z.string(),
  label: z.string(),
  value: z.string(),
  source: Source,
  confidence: z.number().min(0).max(1),
  low: z.boolean(),
  original: z.strictObject({ value: z.string(), source: Source, confidence: z.number().min(0).max(1) }).optional(),
});

export const PhotoCopyRequest = z.strictObject({
  uploadId: Uuid,
  /** The template that reads it (the component's document type decides it in the journey). */
  type: z.enum(RECOGNISABLE_TYPES),
});

export const PhotoCopyView = z.strictObject({
  id: Uuid,
  uploadId: Uuid,
  type: z.enum(RECOGNISABLE_TYPES),
  /** Recognition: pending, done (fields below) or failed (error: type the values by hand). */
  status: z.enum(['pending', 'done', 'failed']),
  error: z.string().nullable(),
  /** Recognised fields, each with `low` when below the confidence threshold. */
  fields: z.array(RecognisedFieldView.extend({ low: z.boolean() })),
  warnings: z.array(z.string()),
  confirmed: z.array(ConfirmedFieldView).nullable(),
  confirmedAt: Instant.nullable(),
});
export type PhotoCopyView = z.infer<typeof PhotoCopyView>;

/** A photo copy taken from the personal store page (POST /api/my/store/photo-copies): also its store entry. */
export const StorePhotoCopyView = PhotoCopyView.extend({ storeDocumentId: Uuid });
export type StorePhotoCopyView = z.infer<typeof StorePhotoCopyView>;

export const PhotoCopyParams = z.strictObject({ id: Uuid });

const Text = z
  .string()
  .max(500, 'Giá trị quá dài (tối đa 500 ký tự).')
  .refine((s) => !s.includes('\u0000'), 'Giá trị chứa ký tự không hợp lệ.');

export const PhotoCopyConfirmation = z.strictObject({
  fields: z
    .array(z.strictObject({ name: z.string().min(1).max(64), value: Text }))
    .min(1)
    .max(40),
});

/** A photo-copy component of a dossier as the official sees it. */
export const StaffPhotoCopy = z.strictObject({
  documentId: Uuid,
  requirementCode: z.string(),
  name: z.string(),
  /** The fields the citizen confirmed, with "đã sửa: <original> → <new>" for each changed one. */
  fields: z.array(ConfirmedFieldView.extend({ note: z.string() })),
  digitised: z.boolean(),
  originalConfirmation: z
    .strictObject({ at: Instant, officialName: z.string(), unitId: z.string(), certificate: z.string(), storeDocumentId: Uuid.nullable() })
    .nullable(),
});
export type StaffPhotoCopy = z.infer<typeof StaffPhotoCopy>;

export const StaffPhotoCopies = z.strictObject({ items: z.array(StaffPhotoCopy), canConfirm: z.boolean() });
export type StaffPhotoCopies = z.infer<typeof StaffPhotoCopies>;

export const StaffPhotoCopyParams = z.strictObject({ id: Uuid, documentId: Uuid });
export const ConfirmOriginalBody = z.strictObject({});
