/** System: health check and the API description. */
import { z } from 'zod';
import { Instant } from './http.ts';

export const Health = z.strictObject({ status: z.literal('ok'), database: z.enum(['pglite', 'postgresql']), version: z.string(), time: Instant });
export type Health = z.infer<typeof Health>;

/**
 * Readiness of one server process (for a load balancer or an orchestrator): its database answers, every migration the
 * code knows is applied, it is not shutting down, and its background jobs (if it runs any) are scheduled. Answered
 * 200 when ready; otherwise 503 NOT_READY with this same object (status 'not_ready') in `details`.
 */
export const Ready = z.strictObject({
  status: z.enum(['ready', 'not_ready']),
  shuttingDown: z.boolean(),
  database: z.strictObject({ ok: z.boolean(), kind: z.enum(['pglite', 'postgresql']), ms: z.number(), error: z.string().optional() }),
  migrations: z.strictObject({
    ok: z.boolean(),
    applied: z.number().int(),
    expected: z.number().int(),
    /** Known to this code but not applied: the database is behind (not ready). */
    missing: z.array(z.string()),
    /** Applied but unknown to this code: a newer server migrated it (a rolling upgrade; still ready). */
    unknown: z.array(z.string()),
  }),
  workers: z.strictObject({
    ok: z.boolean(),
    /** Whether this process runs background jobs (WORKERS=0: another process does). */
    enabled: z.boolean(),
    jobs: z.array(
      z.strictObject({
        name: z.string(),
        running: z.boolean(),
        consecutiveFailures: z.number().int(),
        lastSuccessAt: Instant.nullable(),
        lastError: z.string().nullable(),
      }),
    ),
  }),
  time: Instant,
});
export type Ready = z.infer<typeof Ready>;

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
