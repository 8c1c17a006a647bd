/** System: health check and the API description. */
import { z } from 'zod';
import { Instant } from './http.ts';

export const Health = z.strictObject({ status: z.literal('ok'), database: z.enum(['pglite', 'postgresql']), version: z.string(), time: Instant });
export type Health = z.infer<typeof Health>;

/** The OpenAPI 3.1 document (its operations are checked by a test; here only its frame). */
export const OpenApiDocument = z.looseObject({
  openapi: z.literal('3.1.0'),
  info: z.strictObject({ title: z.string(), version: z.string() }),
  paths: z.record(z.string(), z.record(z.string(), z.looseObject({ summary: z.string(), responses: z.record(z.string(), z.unknown()) }))),
  components: z.looseObject({ schemas: z.record(z.string(), z.unknown()) }),
});

/** Development and tests only: the business clock. */
export const SetClockBody = z.object({ at: z.string().datetime({ offset: true }), frozen: z.boolean().default(false) });
export const ClockView = z.strictObject({ now: Instant });

/** Development only: what the local SMTP capture server received. */
export const MailboxQuery = z.object({ to: z.string().email().optional(), limit: z.coerce.number().int().min(1).max(200).default(50) });
export const MailboxMessage = z.strictObject({
  id: z.number().int(),
  messageId: z.string(),
  from: z.string(),
  to: z.array(z.string()),
  subject: z.string(),
  text: z.string(),
  receivedAt: Instant,
});
export type MailboxMessage = z.infer<typeof MailboxMessage>;
