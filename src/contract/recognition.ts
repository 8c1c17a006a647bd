/** Recognition of an uploaded paper (issue 16): request it, then poll until it is done. */
import { z } from 'zod';
import { RECOGNISABLE_TYPES } from '../core/recognition/templates.ts';
import { Instant, Uuid } from './http.ts';

export const RecognisedFieldView = z.strictObject({
  name: z.string(),
  label: z.string(),
  value: z.string(),
  source: z.enum(['qr', 'ocr', 'typed', 'population']),
  confidence: z.number().min(0).max(1),
  rawText: z.string(),
});

export const RecognitionResultView = z.strictObject({
  type: z.string(),
  fields: z.array(RecognisedFieldView),
  text: z.string(),
  warnings: z.array(z.string()),
});

export const RecognitionRequest = z.strictObject({
  uploadId: Uuid,
  /** Expected document type; without it the type is found from the QR or the page title. */
  type: z.enum(RECOGNISABLE_TYPES).optional(),
});
export type RecognitionRequest = z.infer<typeof RecognitionRequest>;

export const RecognitionView = z.strictObject({
  id: Uuid,
  uploadId: Uuid,
  requestedType: z.enum(RECOGNISABLE_TYPES).nullable(),
  status: z.enum(['pending', 'done', 'failed']),
  result: RecognitionResultView.nullable(),
  /** Why it failed, in Vietnamese (not an image, unreadable file …). */
  error: z.string().nullable(),
  createdAt: Instant,
  finishedAt: Instant.nullable(),
});
export type RecognitionView = z.infer<typeof RecognitionView>;

export const RecognitionParams = z.strictObject({ id: Uuid });
