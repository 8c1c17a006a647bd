/**
 * The national-portal sync worker. Each run claims dossiers with waiting messages — a short transaction that sets a
 * lease on their sync rows with FOR UPDATE SKIP LOCKED, so several server processes share the dossiers and never work
 * on one at the same time — then, outside any transaction, sends each dossier's messages in the order of
 * planDelivery (src/core/national-sync/delivery-plan.ts):
 *
 * - every payload is validated against the schema first; an invalid one is parked with the problems, never sent;
 * - a dossier message is a create until the portal holds the dossier; "đã tồn tại" turns it into an update at once;
 * - consecutive progress messages go in batches of up to 10;
 * - an expired session is renewed once by the adapter; a 5xx, a timeout or a refusal counts an attempt and the
 *   dossier waits (exponential backoff) — its later messages wait too, so the order holds; after maxAttempts the
 *   message is parked with its error text (visible on the reconciliation page, resent from there), never dropped.
 *
 * A message is marked acknowledged after the portal's answer; a crash between the two sends it again after the lease
 * lapses, which the portal takes as an update ("đã tồn tại") or the same step again (it keeps each step once).
 */
import { planDelivery, type WaitingMessage } from '../../../core/national-sync/delivery-plan.ts';
import type { SyncMessageKind } from '../../../core/national-sync/messages.ts';
import { payloadProblems, type HoSoDongBoDVC, type QuaTrinhXuLyDongBoDVC } from '../../../core/national-sync/schema.ts';
import { PortalError, type NationalPortalAdapter } from '../../adapters/dvcqg.ts';
import type { Database, Queryable } from '../../db/database.ts';
import { applyFacts } from '../metrics/index.ts';

export interface SyncWorkerOptions {
  maxAttempts: number;
  /** How long a claimed dossier stays with this process, seconds. */
  leaseSeconds?: number;
  /** Dossiers per run. */
  batchSize?: number;
  /** Seconds to wait before the next attempt after n failed ones. */
  backoff?: (attempts: number) => number;
}

export interface SyncRunResult {
  dossiers: number;
  acked: number;
  failed: number;
  parked: number;
}

interface MessageRow {
  id: number;
  kind: SyncMessageKind;
  madonvi: string;
  payload: Record<string, unknown>;
  attempts: number;
}

const PROGRESS_BATCH = 10;

export class NationalSyncWorker {
  private readonly leaseSeconds: number;
  private readonly batchSize: number;
  private readonly backoff: (attempts: number) => number;

  constructor(
    private readonly db: Database,
    private readonly portal: NationalPortalAdapter,
    private readonly opts: SyncWorkerOptions,
  ) {
    this.leaseSeconds = opts.leaseSeconds ?? 600;
    this.batchSize = opts.batchSize ?? 20;
    this.backoff = opts.backoff ?? ((n) => Math.min(3600, 10 * 2 ** (n - 1)));
  }

  async runOnce(): Promise<SyncRunResult> {
    const claimed = await this.db.transaction(
      async (tx) =>
        (
          await tx.query<{ dossier_id: string; on_portal: boolean }>(
            `UPDATE national_sync_dossiers SET lease_until = now() + make_interval(secs => $2)
              WHERE dossier_id IN (
                SELECT s.dossier_id FROM national_sync_dossiers s
                 WHERE s.next_attempt_at <= now() AND (s.lease_until IS NULL OR s.lease_until < now())
                   AND EXISTS (SELECT 1 FROM national_sync_messages m WHERE m.dossier_id = s.dossier_id AND m.state = 'pending')
                   AND NOT EXISTS (SELECT 1 FROM national_sync_messages m WHERE m.dossier_id = s.dossier_id AND m.state = 'parked')
                 ORDER BY s.next_attempt_at LIMIT $1 FOR UPDATE SKIP LOCKED)
              RETURNING dossier_id, on_portal`,
            [this.batchSize, this.leaseSeconds],
          )
        ).rows,
    );
    const result: SyncRunResult = { dossiers: claimed.length, acked: 0, failed: 0, parked: 0 };
    // Work only within half the lease: a dossier not started by then is given back at once, and a dossier stops
    // between two sends, so that no other process takes a dossier this one is still sending.
    const deadline = Date.now() + (this.leaseSeconds * 1000) / 2;
    for (const d of claimed) {
      if (Date.now() > deadline) await this.db.query('UPDATE national_sync_dossiers SET lease_until = NULL WHERE dossier_id = $1', [d.dossier_id]);
      else await this.deliver(d.dossier_id, d.on_portal, result, deadline);
    }
    return result;
  }

  /** Runs until nothing is due (tests, CLI). */
  async drain(maxRounds = 50): Promise<SyncRunResult> {
    const total: SyncRunResult = { dossiers: 0, acked: 0, failed: 0, parked: 0 };
    for (let i = 0; i < maxRounds; i++) {
      const r = await this.runOnce();
      for (const k of Object.keys(total) as (keyof SyncRunResult)[]) total[k] += r[k];
      if (r.dossiers === 0) break;
    }
    return total;
  }

  private async deliver(dossierId: string, onPortalAtClaim: boolean, result: SyncRunResult, deadline: number): Promise<void> {
    let onPortal = onPortalAtClaim;
    let failure: { error: string; attempts: number } | null = null;
    try {
      const waiting = (
        await this.db.query<MessageRow>(
          "SELECT id, kind, madonvi, payload, attempts FROM national_sync_messages WHERE dossier_id = $1 AND state = 'pending' ORDER BY id",
          [dossierId],
        )
      ).rows.map((r) => ({ ...r, id: Number(r.id) }));
      const plan = planDelivery(
        waiting.map((w): WaitingMessage => ({ id: w.id, kind: w.kind })),
        onPortal,
      );
      if (plan.supersede.length)
        await this.db.query("UPDATE national_sync_messages SET state = 'superseded' WHERE id = ANY($1::bigint[]) AND state = 'pending'", [plan.supersede]);
      const byId = new Map(waiting.map((w) => [w.id, w]));
      const queue = plan.send.map((id) => byId.get(id)!);
      while (queue.length > 0 && !failure && Date.now() <= deadline) {
        const head = queue[0];
        const batch = head.kind === 'progress' ? takeWhileProgress(queue, head.madonvi) : [queue.shift()!];
        const invalid = batch.map((m) => ({ m, problems: payloadProblems(m.kind, m.payload) })).find((x) => x.problems.length > 0);
        if (invalid) {
          await this.park(invalid.m.id, `Dữ liệu không hợp lệ theo khuôn dạng của Cổng DVCQG: ${invalid.problems.join('; ')}`);
          result.parked++;
          break;
        }
        try {
          let sentAs: 'create' | 'update' | null = null;
          if (head.kind === 'dossier') {
            const dossier = head.payload as unknown as HoSoDongBoDVC;
            if (onPortal) {
              await this.portal.syncDossier(head.madonvi, dossier, true);
              sentAs = 'update';
            } else {
              try {
                await this.portal.syncDossier(head.madonvi, dossier, false);
                sentAs = 'create';
              } catch (err) {
                if (!(err instanceof PortalError && err.kind === 'exists')) throw err;
                // The portal already holds it (an earlier send whose answer was lost, or another system): update it.
                await this.portal.syncDossier(head.madonvi, dossier, true);
                sentAs = 'update';
              }
            }
            onPortal = true;
          } else {
            await this.portal.pushProgress(head.madonvi, batch.map((m) => m.payload) as unknown as QuaTrinhXuLyDongBoDVC[]);
          }
          await this.db.transaction(async (tx) => {
            await tx.query(
              `UPDATE national_sync_messages SET state = 'acked', attempts = attempts + 1, sent_as = $2, sent_at = now(), acked_at = now(), last_error = NULL
                WHERE id = ANY($1::bigint[])`,
              [batch.map((m) => m.id), sentAs],
            );
            if (head.kind === 'dossier')
              await tx.query('UPDATE national_sync_dossiers SET on_portal = true, acked_at = now(), updated_at = now() WHERE dossier_id = $1', [dossierId]);
          });
          result.acked += batch.length;
        } catch (err) {
          const error = err instanceof PortalError ? err.message : `Lỗi khi gửi: ${(err as Error).message ?? err}`;
          const attempts = Math.max(...batch.map((m) => m.attempts)) + 1;
          const park = attempts >= this.opts.maxAttempts;
          await this.db.query(
            `UPDATE national_sync_messages SET attempts = attempts + 1, last_error = $2, sent_at = now(), state = CASE WHEN $3 THEN 'parked' ELSE state END
              WHERE id = ANY($1::bigint[])`,
            [batch.map((m) => m.id), error.slice(0, 2000), park],
          );
          if (park) result.parked += batch.length;
          else result.failed += batch.length;
          failure = { error, attempts };
        }
      }
    } finally {
      await this.release(dossierId, failure, onPortal);
    }
  }

  private async park(id: number, error: string): Promise<void> {
    await this.db.query("UPDATE national_sync_messages SET state = 'parked', last_error = $2 WHERE id = $1", [id, error.slice(0, 2000)]);
  }

  /** Gives the dossier back (with its next attempt time after a failure) and records its sync state for the 766 counters. */
  private async release(dossierId: string, failure: { error: string; attempts: number } | null, onPortal: boolean): Promise<void> {
    await this.db.transaction(async (tx) => {
      if (failure)
        await tx.query(
          `UPDATE national_sync_dossiers SET lease_until = NULL, next_attempt_at = now() + make_interval(secs => $2), last_error = $3, last_error_at = now(), updated_at = now()
            WHERE dossier_id = $1`,
          [dossierId, this.backoff(failure.attempts), failure.error.slice(0, 2000)],
        );
      else
        await tx.query(
          'UPDATE national_sync_dossiers SET lease_until = NULL, next_attempt_at = now(), last_error = NULL, updated_at = now() WHERE dossier_id = $1',
          [dossierId],
        );
      await refreshSyncState(tx, dossierId, onPortal);
    });
  }
}

function takeWhileProgress(queue: MessageRow[], madonvi: string): MessageRow[] {
  const out: MessageRow[] = [];
  while (queue.length > 0 && queue[0].kind === 'progress' && queue[0].madonvi === madonvi && out.length < PROGRESS_BATCH) out.push(queue.shift()!);
  return out;
}

/**
 * The dossier's sync axis (dossiers.sync_state, read by the 766 facts as indicator 1.4): `synced` when the portal
 * holds the dossier and every message is acknowledged, `failed` when one is parked, `pending` otherwise. A change
 * re-derives the dossier's 766 facts in the same transaction.
 */
export async function refreshSyncState(tx: Queryable, dossierId: string, onPortal?: boolean): Promise<void> {
  // The 766 counters' lock first (as their catch-up takes it), so the two never wait on each other in a circle.
  await tx.query("SELECT 1 FROM metric_state WHERE id = 'counters' FOR UPDATE");
  const { rows } = await tx.query<{ state: string }>(
    `UPDATE dossiers d SET sync_state = s.state FROM (
       SELECT CASE WHEN EXISTS (SELECT 1 FROM national_sync_messages m WHERE m.dossier_id = $1 AND m.state = 'parked') THEN 'failed'
                   WHEN EXISTS (SELECT 1 FROM national_sync_messages m WHERE m.dossier_id = $1 AND m.state = 'pending') THEN 'pending'
                   WHEN COALESCE($2, (SELECT on_portal FROM national_sync_dossiers WHERE dossier_id = $1), false) THEN 'synced'
                   ELSE 'pending' END AS state) s
      WHERE d.id = $1 AND d.sync_state IS DISTINCT FROM s.state
      RETURNING d.sync_state AS state`,
    [dossierId, onPortal ?? null],
  );
  if (rows.length > 0) await applyFacts(tx, [dossierId]);
}
