/**
 * The dossier action log (nhật ký xử lý): every change to a dossier is an appended entry written in the same
 * transaction as the change. Entries are hash-chained per dossier:
 *   hash(n) = SHA-256( hash(n-1) + "\n" + canonicalJson(entry n) ),  hash(0) = 64 zeros
 * so editing, deleting or reordering an entry breaks every later hash. `verifyActionLog` recomputes the chains.
 *
 * Callers must hold the dossier row lock (SELECT … FOR UPDATE) or have just inserted the dossier, so two
 * appends to one dossier never race.
 */
import crypto from 'node:crypto';
import { canonicalJson } from '../../../core/canonical-json.ts';
import { now } from '../../clock.ts';
import type { Queryable } from '../../db/database.ts';
import { kysely, type DB, type Selectable } from '../../db/kysely.ts';

export const GENESIS_HASH = '0'.repeat(64);

export interface ActionInput {
  actorKind: 'citizen' | 'official' | 'system' | 'public';
  actorId: string;
  actorName: string;
  actorRole: string;
  action: string;
  fromStatus?: number | null;
  toStatus?: number | null;
  data?: Record<string, unknown>;
  attachments?: { name: string; sha256?: string; uploadId?: string; storeDocumentId?: string; kind?: string }[];
  at?: Date;
}

export interface ActionEntry {
  dossierId: string;
  seq: number;
  at: string;
  actorKind: string;
  actorId: string;
  actorName: string;
  actorRole: string;
  action: string;
  fromStatus: number | null;
  toStatus: number | null;
  data: Record<string, unknown>;
  attachments: unknown[];
}

export function hashEntry(prevHash: string, entry: ActionEntry): string {
  return crypto
    .createHash('sha256')
    .update(`${prevHash}\n${canonicalJson(entry)}`)
    .digest('hex');
}

export async function appendAction(
  tx: Queryable,
  dossierId: string,
  input: ActionInput,
  opts: { first?: boolean } = {},
): Promise<ActionEntry & { hash: string }> {
  // The first entry of a dossier created in this very transaction has no predecessor to read.
  const last = opts.first
    ? undefined
    : await kysely(tx)
        .selectFrom('dossier_actions')
        .select(['seq', 'hash'])
        .where('dossier_id', '=', dossierId)
        .orderBy('seq', 'desc')
        .limit(1)
        .executeTakeFirst();
  const at = input.at ?? now();
  const entry: ActionEntry = {
    dossierId,
    seq: (last?.seq ?? 0) + 1,
    at: at.toISOString(),
    actorKind: input.actorKind,
    actorId: input.actorId,
    actorName: input.actorName,
    actorRole: input.actorRole,
    action: input.action,
    fromStatus: input.fromStatus ?? null,
    toStatus: input.toStatus ?? null,
    data: input.data ?? {},
    attachments: input.attachments ?? [],
  };
  const prevHash = last?.hash ?? GENESIS_HASH;
  const hash = hashEntry(prevHash, entry);
  await kysely(tx)
    .insertInto('dossier_actions')
    .values({
      dossier_id: dossierId,
      seq: entry.seq,
      at,
      actor_kind: input.actorKind,
      actor_id: entry.actorId,
      actor_name: entry.actorName,
      actor_role: entry.actorRole,
      action: entry.action,
      from_status: entry.fromStatus,
      to_status: entry.toStatus,
      data: entry.data,
      attachments: JSON.stringify(entry.attachments),
      prev_hash: prevHash,
      hash,
    })
    .execute();
  return { ...entry, hash };
}

/**
 * The dossier_actions row of `entry` chained after `prevHash`, with its hash: for the writers of whole histories at
 * once (the demo history, the import of dossiers in the national shape), which insert many rows in one statement.
 */
export function chainedActionRow(prevHash: string, entry: ActionEntry): { hash: string; row: Record<string, unknown> } {
  const hash = hashEntry(prevHash, entry);
  return {
    hash,
    row: {
      dossier_id: entry.dossierId,
      seq: entry.seq,
      at: entry.at,
      actor_kind: entry.actorKind,
      actor_id: entry.actorId,
      actor_name: entry.actorName,
      actor_role: entry.actorRole,
      action: entry.action,
      from_status: entry.fromStatus,
      to_status: entry.toStatus,
      data: entry.data,
      attachments: entry.attachments,
      prev_hash: prevHash,
      hash,
    },
  };
}

type ActionRow = Selectable<DB['dossier_actions']>;

export function rowToEntry(r: ActionRow): ActionEntry {
  return {
    dossierId: r.dossier_id,
    seq: r.seq,
    at: new Date(r.at).toISOString(),
    actorKind: r.actor_kind,
    actorId: r.actor_id,
    actorName: r.actor_name,
    actorRole: r.actor_role,
    action: r.action,
    fromStatus: r.from_status,
    toStatus: r.to_status,
    // What appendAction wrote: an object and an array (the columns' JSON has no shape of its own).
    data: r.data as Record<string, unknown>,
    attachments: r.attachments as unknown[],
  };
}

export interface ChainProblem {
  dossierId: string;
  seq: number;
  /** `no_entries`: a dossier with no log entry at all (every dossier has at least its submission); seq is 0. */
  problem: 'hash_mismatch' | 'prev_hash_mismatch' | 'sequence_gap' | 'no_entries';
}

export interface VerifyResult {
  dossiers: number;
  entries: number;
  problems: ChainProblem[];
}

/** Recomputes every chain (or one dossier's), streaming in pages so it scales to millions of entries. */
export async function verifyActionLog(db: Queryable, opts: { dossierId?: string; pageSize?: number } = {}): Promise<VerifyResult> {
  const pageSize = opts.pageSize ?? 5000;
  const problems: ChainProblem[] = [];
  let entries = 0;
  let dossiers = 0;
  let current: { dossierId: string; seq: number; hash: string } | null = null;
  let after: { dossierId: string; seq: number } = { dossierId: '00000000-0000-0000-0000-000000000000', seq: 0 };
  let first = true;
  for (;;) {
    const { dossierId, seq } = after;
    let page = kysely(db)
      .selectFrom('dossier_actions')
      .selectAll()
      .where((eb) => eb(eb.refTuple('dossier_id', 'seq'), first ? '>=' : '>', eb.tuple(dossierId, seq)));
    if (opts.dossierId) page = page.where('dossier_id', '=', opts.dossierId);
    const rows = await page.orderBy('dossier_id').orderBy('seq').limit(pageSize).execute();
    first = false;
    if (rows.length === 0) break;
    for (const r of rows) {
      entries++;
      if (!current || current.dossierId !== r.dossier_id) {
        dossiers++;
        current = { dossierId: r.dossier_id, seq: 0, hash: GENESIS_HASH };
      }
      if (r.seq !== current.seq + 1) problems.push({ dossierId: r.dossier_id, seq: r.seq, problem: 'sequence_gap' });
      if (r.prev_hash !== current.hash) problems.push({ dossierId: r.dossier_id, seq: r.seq, problem: 'prev_hash_mismatch' });
      if (hashEntry(r.prev_hash, rowToEntry(r)) !== r.hash) problems.push({ dossierId: r.dossier_id, seq: r.seq, problem: 'hash_mismatch' });
      current = { dossierId: r.dossier_id, seq: r.seq, hash: r.hash };
    }
    const lastRow = rows[rows.length - 1];
    after = { dossierId: lastRow.dossier_id, seq: lastRow.seq };
  }
  // Walking the entries cannot see a dossier whose log is missing entirely (a lost write, a damaged store).
  let orphans = kysely(db)
    .selectFrom('dossiers as d')
    .select('d.id')
    .where(({ not, exists, selectFrom }) => not(exists(selectFrom('dossier_actions as a').select('a.seq').whereRef('a.dossier_id', '=', 'd.id'))));
  if (opts.dossierId) orphans = orphans.where('d.id', '=', opts.dossierId);
  for (const r of await orphans.orderBy('d.id').execute()) {
    dossiers++;
    problems.push({ dossierId: r.id, seq: 0, problem: 'no_entries' });
  }
  return { dossiers, entries, problems };
}
