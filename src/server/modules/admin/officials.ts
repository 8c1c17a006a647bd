/**
 * Official accounts for administrators: search, read, create, edit the profile. Password hashes and TOTP secrets
 * are never selected here, so they can never be returned or logged.
 */
import { systemNow } from '../../clock.ts';
import type { Database, Queryable } from '../../db/database.ts';
import { AppError, notFound } from '../../http/errors.ts';
import { createOfficial, type Membership } from '../officials/index.ts';
import { actorOf, recordChange, type ChangeActor } from './changes.ts';
import { assertCanCreateOfficial, assertCanManageOfficial, assertCanReadOfficial, unitScope, type AdminAccess } from './permissions.ts';
import type { OfficialCreate, OfficialUpdate } from '../../../contract/admin.ts';
import { matchesAllWords, wordPatterns } from './search.ts';
import { requireOpenUnit } from './units.ts';

export interface OfficialView {
  id: string;
  username: string;
  fullName: string;
  title: string | null;
  email: string | null;
  phone: string | null;
  active: boolean;
  locked: boolean;
  lockedUntil: string | null;
  failedAttempts: number;
  totpEnabled: boolean;
  lastLoginAt: string | null;
  createdAt: string;
  memberships: Membership[];
}

interface OfficialRow {
  id: string;
  username: string;
  full_name: string;
  title: string | null;
  email: string | null;
  phone: string | null;
  active: boolean;
  failed_attempts: number;
  locked_until: Date | null;
  totp_enabled: boolean;
  last_login_at: Date | null;
  created_at: Date;
  memberships: Membership[];
}

const SELECT_OFFICIAL = `SELECT o.id, o.username, o.full_name, o.title, o.email, o.phone, o.active, o.failed_attempts, o.locked_until,
  (o.totp_secret IS NOT NULL) AS totp_enabled, o.last_login_at, o.created_at,
  coalesce((SELECT json_agg(json_build_object('unitId', m.unit_id, 'role', m.role) ORDER BY m.unit_id, m.role)
              FROM official_memberships m WHERE m.official_id = o.id), '[]'::json) AS memberships
  FROM officials o`;

const iso = (d: Date | null) => (d ? new Date(d).toISOString() : null);

function toView(r: OfficialRow, now = systemNow()): OfficialView {
  return {
    id: r.id,
    username: r.username,
    fullName: r.full_name,
    title: r.title,
    email: r.email,
    phone: r.phone,
    active: r.active,
    locked: !!r.locked_until && new Date(r.locked_until) > now,
    lockedUntil: iso(r.locked_until),
    failedAttempts: r.failed_attempts,
    totpEnabled: r.totp_enabled,
    lastLoginAt: iso(r.last_login_at),
    createdAt: iso(r.created_at)!,
    memberships: r.memberships,
  };
}

/** The state recorded in the change log (no timestamps of logins, no secrets). */
export const officialSnapshot = (o: OfficialView) => ({
  username: o.username,
  fullName: o.fullName,
  title: o.title,
  email: o.email,
  phone: o.phone,
  active: o.active,
  locked: o.locked,
  totpEnabled: o.totpEnabled,
});

export const unitsOf = (...sets: (readonly Membership[])[]) => [...new Set(sets.flat().map((m) => m.unitId))];

export async function findOfficial(db: Queryable, id: string, opts: { lock?: boolean } = {}): Promise<OfficialView | null> {
  // FOR UPDATE cannot lock through the aggregate; lock the account row first.
  if (opts.lock) await db.query('SELECT id FROM officials WHERE id = $1 FOR UPDATE', [id]);
  const r = (await db.query<OfficialRow>(`${SELECT_OFFICIAL} WHERE o.id = $1`, [id])).rows[0];
  return r ? toView(r) : null;
}

export async function requireOfficial(db: Queryable, id: string, opts: { lock?: boolean } = {}): Promise<OfficialView> {
  const o = await findOfficial(db, id, opts);
  if (!o) throw notFound('Không tìm thấy cán bộ.');
  return o;
}

export interface OfficialFilter {
  q?: string;
  unitId?: string;
  role?: string;
  active?: boolean;
  page: number;
  pageSize: number;
}

export async function listOfficials(
  db: Queryable,
  access: AdminAccess,
  f: OfficialFilter,
): Promise<{ total: number; page: number; pageSize: number; items: OfficialView[] }> {
  const scope = unitScope(access, 'officials.read');
  const where = `WHERE ($1::text[] IS NULL OR EXISTS (SELECT 1 FROM official_memberships m WHERE m.official_id = o.id AND m.unit_id = ANY($1::text[])))
      AND ${matchesAllWords("o.username || ' ' || o.full_name", '$2')}
      AND ($3::text IS NULL OR EXISTS (SELECT 1 FROM official_memberships m WHERE m.official_id = o.id AND m.unit_id = $3))
      AND ($4::text IS NULL OR EXISTS (SELECT 1 FROM official_memberships m WHERE m.official_id = o.id AND m.role = $4))
      AND ($5::boolean IS NULL OR o.active = $5)`;
  const params = [scope === 'all' ? null : [...scope], wordPatterns(f.q), f.unitId ?? null, f.role ?? null, f.active ?? null];
  const total = (await db.query<{ n: number }>(`SELECT count(*)::int AS n FROM officials o ${where}`, params)).rows[0].n;
  const { rows } = await db.query<OfficialRow>(`${SELECT_OFFICIAL} ${where} ORDER BY o.username LIMIT $6 OFFSET $7`, [
    ...params,
    f.pageSize,
    (f.page - 1) * f.pageSize,
  ]);
  const now = systemNow();
  return { total, page: f.page, pageSize: f.pageSize, items: rows.map((r) => toView(r, now)) };
}

export async function getOfficial(db: Queryable, access: AdminAccess, id: string): Promise<OfficialView> {
  const o = await requireOfficial(db, id);
  assertCanReadOfficial(access, o.memberships);
  return o;
}

const isUniqueViolation = (err: unknown) => (err as { code?: string })?.code === '23505';
const usernameTaken = (username: string) => new AppError('USERNAME_TAKEN', `Tên đăng nhập ${username} đã được sử dụng.`, 409, undefined, { username });

/** Creates an account with its memberships and logs it (API and command line alike; permissions are the caller's). */
export async function createOfficialAccount(tx: Queryable, actor: ChangeActor, input: Omit<OfficialCreate, 'reason'>, reason?: string): Promise<OfficialView> {
  if ((await tx.query('SELECT 1 FROM officials WHERE username = $1', [input.username])).rows.length) throw usernameTaken(input.username);
  for (const unitId of unitsOf(input.memberships)) await requireOpenUnit(tx, unitId);
  let id: string;
  try {
    id = await createOfficial(tx, input);
  } catch (err) {
    if (isUniqueViolation(err)) throw usernameTaken(input.username);
    throw err;
  }
  const created = (await findOfficial(tx, id))!;
  await recordChange(tx, actor, {
    entityKind: 'official',
    entityId: id,
    action: 'create',
    unitIds: unitsOf(created.memberships),
    before: null,
    after: { ...officialSnapshot(created), memberships: created.memberships },
    reason,
  });
  return created;
}

export async function createOfficialByAdmin(db: Database, access: AdminAccess, input: OfficialCreate): Promise<OfficialView> {
  assertCanCreateOfficial(access, input.memberships);
  const { reason, ...account } = input;
  return db.transaction((tx) => createOfficialAccount(tx, actorOf(access), account, reason));
}

const PROFILE_COLUMNS = { fullName: 'full_name', title: 'title', email: 'email', phone: 'phone' } as const;

export async function updateOfficialProfile(db: Database, access: AdminAccess, id: string, patch: OfficialUpdate): Promise<OfficialView> {
  return db.transaction(async (tx) => {
    const before = await requireOfficial(tx, id, { lock: true });
    assertCanManageOfficial(access, before, { selfAllowed: true });
    const changed = (Object.keys(PROFILE_COLUMNS) as (keyof typeof PROFILE_COLUMNS)[]).filter((k) => patch[k] !== undefined && patch[k] !== before[k]);
    if (changed.length === 0) return before;
    const sets = changed.map((k, i) => `${PROFILE_COLUMNS[k]} = $${i + 2}`);
    await tx.query(`UPDATE officials SET ${sets.join(', ')} WHERE id = $1`, [id, ...changed.map((k) => patch[k] ?? null)]);
    const after = (await findOfficial(tx, id))!;
    await recordChange(tx, actorOf(access), {
      entityKind: 'official',
      entityId: id,
      action: 'update',
      unitIds: unitsOf(after.memberships),
      before: officialSnapshot(before),
      after: officialSnapshot(after),
      reason: patch.reason,
    });
    return after;
  });
}
