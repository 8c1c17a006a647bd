/**
 * National-portal sync reconciliation for officials (docs/integrations.md, "Cổng DVCQG"): per unit and month, the
 * dossiers received locally against those the portal acknowledged, what failed and why, the resend, and the
 * projected indicator 1.4. `unit` is an administrative code (e.g. 25252) or a unit id, as for the 766 dashboard.
 */
import { z } from 'zod';
import { Instant, Uuid } from './http.ts';

export const ReconciliationQuery = z.object({
  unit: z.string().min(1, 'Vui lòng chọn đơn vị.').max(100),
  month: z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/, 'Tháng phải có dạng yyyy-mm.'),
});
export type ReconciliationQuery = z.infer<typeof ReconciliationQuery>;

export const SyncState = z.enum(['synced', 'pending', 'failed']);

export const SyncProblem = z.object({
  dossierId: Uuid,
  code: z.string(),
  procedureCode: z.string(),
  procedureName: z.string(),
  receivedAt: Instant,
  syncState: SyncState,
  /** The portal's answer or the validation problem of the message that failed (null while it only waits). */
  error: z.string().nullable(),
  attempts: z.number().int(),
  /** Messages waiting and parked. */
  waiting: z.number().int(),
  parked: z.number().int(),
  nextAttemptAt: Instant.nullable(),
});
export type SyncProblem = z.infer<typeof SyncProblem>;

export const Reconciliation = z.object({
  unit: z.object({ code: z.string(), name: z.string() }),
  month: z.string(),
  from: z.string(),
  to: z.string(),
  /** Dossiers received (NgayTiepNhan) in the month at the unit. */
  received: z.number().int(),
  /** Of those, acknowledged by the portal with every message (1.4's numerator). */
  acknowledged: z.number().int(),
  pending: z.number().int(),
  failed: z.number().int(),
  /** Indicator 1.4 as the 766 index computes it from the same state. */
  indicator: z.object({ code: z.literal('1.4'), ratio: z.number().nullable(), points: z.number().nullable(), maxPoints: z.number() }),
  problems: z.array(SyncProblem),
});
export type Reconciliation = z.infer<typeof Reconciliation>;

export const ResendParams = z.object({ id: Uuid });
export const ResendResult = z.object({ requeued: z.number().int() });
