/** Uploads: a file (PDF, JPEG, PNG) sent by its owner, then referred to by id in drafts, intakes and actions. */
import { z } from 'zod';
import { Instant, Uuid } from './http.ts';

export const UploadInfo = z.strictObject({ id: Uuid, name: z.string(), mime: z.string(), size: z.number().int(), sha256: z.string(), createdAt: Instant });
export type UploadInfo = z.infer<typeof UploadInfo>;

export const UploadParams = z.object({ id: z.string() });

/** What the upload and verification endpoints accept, by content (not by name). */
export const UPLOAD_MEDIA_TYPES = ['application/pdf', 'image/jpeg', 'image/png'] as const;
