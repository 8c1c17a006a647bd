/**
 * The administration change log (admin_changes): one entry per administrative change, with the state before and
 * after, written in the same transaction as the change and hash-chained (chain.ts). Appends lock the single
 * chain-head row, so they are serialised across servers; callers take their own row locks first and record the
 * change last, which keeps the head locked only briefly and the lock order the same everywhere.
 */
import { ENTITY_KINDS, type EntityKind } from '../../../contract/admin.ts';
import { systemNow } from '../../clock.ts';
import type { Queryable } from '../../db/database.ts';
import { chainHash, GENESIS_HASH, verifyLinks, type ChainProblemKind } from './chain.ts';

export { ENTITY_KINDS, type EntityKind };

export interface ChangeActor {
  /** The official's id; null for the command line. */
  id: string | null;
  username: string;
}

export const CLI_ACTOR: ChangeActor = { id: null, username: 'cli' };

/** The actor of a change made by a logged-in official. */
export const actorOf = (a: { official: { id: string; username: string } }): ChangeActor => ({ id: a.official.id, username: a.official.username });

export interface ChangeInput {
  entityKind: EntityKind;
  entityId: string;
  action: string;
  /** The org units the change concerns (for unit-scoped readers); none for installation-wide entities. */
  unitIds?: readonly string[];
  before: unknown;
  after: unknown;
  reason?: string | null;
}

export interface ChangeEntry {
  id: number;
  at: string;
  actorId: string | null;
  actorUsername: string;
  entityKind: EntityKind;
  entityId: string;
  action: string;
  unitIds: string[];
  before: unknown;
  after: unknown;
  reason: string | null;
}

/** What is hashed is exactly what is stored: plain JSON, no undefined, no Date objects. */
const plainJson = (v: unknown): unknown => (v === undefined || v === null ? null : JSON.parse(JSON.stringify(v)));

export async function recordChange(tx: Queryable, actor: ChangeActor, input: ChangeInput): Promise<ChangeEntry> {
  const head = (await tx.query<{ seq: number; hash: string }>('SELECT seq, hash FROM admin_changes_head WHERE id FOR UPDATE')).rows[0];
  if (!head) throw new Error('admin_changes_head is missing; run the migrations');
  const at = systemNow();
  const entry: ChangeEntry = {
    id: Number(head.seq) + 1,
    at: at.toISOString(),
    actorId: actor.id,
    actorUsername: actor.username,
    entityKind: input.entityKind,
    entityId: input.entityId,
    action: input.action,
    unitIds: [...new Set(input.unitIds ?? [])].sort(),
    before: plainJson(input.before),
    after: plainJson(input.after),
    reason: input.reason?.trim() || null,
  };
  const hash = chainHash(head.hash, entry);
  await tx.query(
    `INSERT INTO admin_changes (id, at, actor_id, actor_username, entity_kind, entity_id, action, unit_ids, before, after, reason, prev_hash, hash)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8::text[], $9::jsonb, $10::jsonb, $11, $12, $13)`,
    [
      entry.id,
      at,
      entry.actorId,
      entry.actorUsername,
      entry.entityKind,
      entry.entityId,
      entry.action,
      entry.unitIds,
      entry.before === null ? null : JSON.stringify(entry.before),
      entry.after === null ? null : JSON.stringify(entry.after),
      entry.reason,
      head.hash,
      hash,
    ],
  );
  await tx.query('UPDATE admin_changes_head SET seq = $1, hash = $2 WHERE id', [entry.id, hash]);
  return entry;
}

interface ChangeRow {
  id: number;
  at: Date;
  actor_id: string | null;
  actor_username: string;
  entity_kind: EntityKind;
  entity_id: string;
  action: string;
  unit_ids: string[];
  before: unknown;
  after: unknown;
  reason: string | null;
  prev_hash: string;
  hash: string;
}

function rowToEntry(r: ChangeRow): ChangeEntry {
  return {
    id: Number(r.id),
    at: new Date(r.at).toISOString(),
    actorId: r.actor_id,
    actorUsername: r.actor_username,
    entityKind: r.entity_kind,
    entityId: r.entity_id,
    action: r.action,
    unitIds: r.unit_ids ?? [],
    before: r.before ?? null,
    after: r.after ?? null,
    reason: r.reason,
  };
}

/**
 * Which entries a reader sees: 'all', or the kinds seen everywhere plus the kinds seen only when the change
 * concerns one of `units`.
 */
export type ChangeVisibility = 'all' | { everywhere: EntityKind[]; inUnits: EntityKind[]; units: string[] };

export interface ChangeFilter {
  entityKind?: EntityKind;
  entityId?: string;
  actor?: string;
  from?: Date;
  /** Exclusive. */
  to?: Date;
  page: number;
  pageSize: number;
}

export async function listChanges(
  db: Queryable,
  filter: ChangeFilter,
  visibility: ChangeVisibility,
): Promise<{ total: number; page: number; pageSize: number; items: ChangeEntry[] }> {
  const params: unknown[] = [];
  const where: string[] = [];
  const p = (v: unknown) => {
    params.push(v);
    return `$${params.length}`;
  };
  if (filter.entityKind) where.push(`entity_kind = ${p(filter.entityKind)}`);
  if (filter.entityId) where.push(`entity_id = ${p(filter.entityId)}`);
  if (filter.actor) where.push(`actor_username = ${p(filter.actor)}`);
  if (filter.from) where.push(`at >= ${p(filter.from)}`);
  if (filter.to) where.push(`at < ${p(filter.to)}`);
  if (visibility !== 'all') {
    where.push(
      `(entity_kind = ANY(${p(visibility.everywhere)}::text[]) OR (entity_kind = ANY(${p(visibility.inUnits)}::text[]) AND unit_ids && ${p(visibility.units)}::text[]))`,
    );
  }
  const clause = where.length ? `WHERE ${where.join(' AND ')}` : '';
  const total = (await db.query<{ n: number }>(`SELECT count(*)::int AS n FROM admin_changes ${clause}`, params)).rows[0].n;
  const { rows } = await db.query<ChangeRow>(
    `SELECT * FROM admin_changes ${clause} ORDER BY id DESC LIMIT ${p(filter.pageSize)} OFFSET ${p((filter.page - 1) * filter.pageSize)}`,
    params,
  );
  return { total, page: filter.page, pageSize: filter.pageSize, items: rows.map(rowToEntry) };
}

export interface ChangeLogCheck {
  entries: number;
  problems: { seq: number; problem: ChainProblemKind | 'head_mismatch' }[];
}

/** Recomputes the whole chain in pages and checks that it ends at the recorded head (a deleted tail shows). */
export async function verifyChanges(db: Queryable, pageSize = 2000): Promise<ChangeLogCheck> {
  const problems: ChangeLogCheck['problems'] = [];
  let last = { seq: 0, hash: GENESIS_HASH };
  let entries = 0;
  for (;;) {
    const { rows } = await db.query<ChangeRow>('SELECT * FROM admin_changes WHERE id > $1 ORDER BY id LIMIT $2', [last.seq, pageSize]);
    if (rows.length === 0) break;
    entries += rows.length;
    const r = verifyLinks(
      rows.map((row) => ({ seq: Number(row.id), prevHash: row.prev_hash, hash: row.hash, entry: rowToEntry(row) })),
      last,
    );
    problems.push(...r.problems);
    last = r.last;
  }
  const head = (await db.query<{ seq: number; hash: string }>('SELECT seq, hash FROM admin_changes_head WHERE id')).rows[0];
  if (!head || Number(head.seq) !== last.seq || head.hash !== last.hash) problems.push({ seq: Number(head?.seq ?? 0), problem: 'head_mismatch' });
  return { entries, problems };
}
