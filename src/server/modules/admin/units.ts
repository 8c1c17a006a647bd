/**
 * Org units (cơ quan, đơn vị): list with closed units, create, edit, close with a successor. A unit is never
 * deleted: closing sets effective_to (and succeeded_by), and every change keeps the previous state in admin_changes.
 */
import { toLocal } from '../../../core/deadlines/deadlines.ts';
import { now } from '../../clock.ts';
import type { Database, Queryable } from '../../db/database.ts';
import { AppError, notFound } from '../../http/errors.ts';
import { actorOf, listChanges, recordChange, type ChangeEntry } from './changes.ts';
import { assertCanCloseUnit, assertCanCreateUnit, assertCanUpdateUnit, assertUnitInScope, unitScope, type AdminAccess } from './permissions.ts';
import type { UnitClose, UnitCreate, UnitUpdate } from '../../../contract/admin.ts';
import { matchesAllWords, wordPatterns } from './search.ts';

export interface OrgUnitView {
  id: string;
  name: string;
  shortName: string | null;
  kind: string;
  adminUnitCode: string;
  parentId: string | null;
  agencyCode: string | null;
  address: string | null;
  phone: string | null;
  email: string | null;
  effectiveFrom: string;
  effectiveTo: string | null;
  succeededBy: string | null;
  status: 'open' | 'closed';
}

interface UnitRow {
  id: string;
  name: string;
  short_name: string | null;
  kind: string;
  admin_unit_code: string;
  parent_id: string | null;
  agency_code: string | null;
  address: string | null;
  phone: string | null;
  email: string | null;
  effective_from: string;
  effective_to: string | null;
  succeeded_by: string | null;
}

const SELECT_UNIT = `SELECT id, name, short_name, kind, admin_unit_code, parent_id, agency_code, address, phone, email,
  to_char(effective_from, 'YYYY-MM-DD') AS effective_from, to_char(effective_to, 'YYYY-MM-DD') AS effective_to, succeeded_by FROM org_units`;

const toView = (r: UnitRow): OrgUnitView => ({
  id: r.id,
  name: r.name,
  shortName: r.short_name,
  kind: r.kind,
  adminUnitCode: r.admin_unit_code,
  parentId: r.parent_id,
  agencyCode: r.agency_code,
  address: r.address,
  phone: r.phone,
  email: r.email,
  effectiveFrom: r.effective_from,
  effectiveTo: r.effective_to,
  succeededBy: r.succeeded_by,
  status: r.effective_to ? 'closed' : 'open',
});

/** Today by the business clock, like the catalogue's effective dates. */
const vnToday = () => toLocal(now()).day;

export async function findUnit(db: Queryable, id: string, opts: { lock?: boolean } = {}): Promise<OrgUnitView | null> {
  const r = (await db.query<UnitRow>(`${SELECT_UNIT} WHERE id = $1${opts.lock ? ' FOR UPDATE' : ''}`, [id])).rows[0];
  return r ? toView(r) : null;
}

async function requireUnit(db: Queryable, id: string, opts: { lock?: boolean } = {}): Promise<OrgUnitView> {
  const u = await findUnit(db, id, opts);
  if (!u) throw notFound(`Không tìm thấy đơn vị ${id}.`);
  return u;
}

/** An existing, open unit (a parent, a successor, a unit an official is assigned to). */
export async function requireOpenUnit(db: Queryable, id: string, what = 'Đơn vị'): Promise<OrgUnitView> {
  const u = await findUnit(db, id);
  if (!u) throw new AppError('UNIT_NOT_FOUND', `${what} ${id} không tồn tại.`, 400, undefined, { id });
  if (u.status === 'closed')
    throw new AppError('UNIT_CLOSED', `${what} ${id} đã giải thể hoặc ngừng hoạt động từ ${u.effectiveTo}.`, 409, undefined, { id, date: u.effectiveTo ?? '' });
  return u;
}

export async function listUnits(db: Queryable, access: AdminAccess, filter: { status: 'open' | 'closed' | 'all'; q?: string }): Promise<OrgUnitView[]> {
  const scope = unitScope(access, 'units.read');
  const { rows } = await db.query<UnitRow>(
    `${SELECT_UNIT}
      WHERE ($1::text[] IS NULL OR id = ANY($1::text[]))
        AND ($2 = 'all' OR ($2 = 'open') = (effective_to IS NULL))
        AND ${matchesAllWords("name || ' ' || coalesce(short_name, '') || ' ' || id", '$3')}
      ORDER BY admin_unit_code, id`,
    [scope === 'all' ? null : [...scope], filter.status, wordPatterns(filter.q)],
  );
  return rows.map(toView);
}

/** One unit with its change history (newest first). */
export async function unitWithHistory(db: Queryable, access: AdminAccess, id: string): Promise<{ unit: OrgUnitView; history: ChangeEntry[] }> {
  const unit = await requireUnit(db, id);
  assertUnitInScope(access, 'units.read', id);
  const history = await listChanges(db, { entityKind: 'org_unit', entityId: id, page: 1, pageSize: 200 }, 'all');
  return { unit, history: history.items };
}

async function assertAgencyCodeFree(db: Queryable, code: string, exceptUnit?: string): Promise<void> {
  const taken = (
    await db.query<{ id: string }>('SELECT id FROM org_units WHERE agency_code = $1 AND effective_to IS NULL AND id <> $2', [code, exceptUnit ?? ''])
  ).rows[0];
  if (taken) throw new AppError('AGENCY_CODE_TAKEN', `Mã định danh ${code} đang được đơn vị ${taken.id} sử dụng.`, 409, undefined, { code, unitId: taken.id });
}

async function assertAdminUnitInProvince(db: Queryable, code: string): Promise<void> {
  const r = (
    await db.query<{ code: string; in_province: boolean | null }>(
      `SELECT a.code, (i.province_code IS NULL OR a.code = i.province_code OR a.parent_code = i.province_code) AS in_province
       FROM admin_units a LEFT JOIN installation i ON true WHERE a.code = $1 AND a.effective_to IS NULL`,
      [code],
    )
  ).rows[0];
  if (!r) throw new AppError('ADMIN_UNIT_NOT_FOUND', `Không có đơn vị hành chính mã ${code}.`, 400, undefined, { code });
  if (r.in_province === false)
    throw new AppError('ADMIN_UNIT_OUTSIDE_PROVINCE', `Đơn vị hành chính ${code} không thuộc tỉnh của hệ thống.`, 400, undefined, { code });
}

export async function createUnit(db: Database, access: AdminAccess, input: UnitCreate): Promise<OrgUnitView> {
  assertCanCreateUnit(access, input.parentId ?? null);
  return db.transaction(async (tx) => {
    if (await findUnit(tx, input.id)) throw new AppError('UNIT_EXISTS', `Đã có đơn vị mã ${input.id}.`, 409, undefined, { id: input.id });
    await assertAdminUnitInProvince(tx, input.adminUnitCode);
    if (input.parentId) await requireOpenUnit(tx, input.parentId, 'Đơn vị cấp trên');
    if (input.agencyCode) await assertAgencyCodeFree(tx, input.agencyCode);
    const effectiveFrom = input.effectiveFrom ?? vnToday();
    await tx.query(
      `INSERT INTO org_units (id, name, short_name, kind, admin_unit_code, parent_id, agency_code, address, phone, email, effective_from)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)`,
      [
        input.id,
        input.name,
        input.shortName ?? null,
        input.kind,
        input.adminUnitCode,
        input.parentId ?? null,
        input.agencyCode ?? null,
        input.address ?? null,
        input.phone ?? null,
        input.email ?? null,
        effectiveFrom,
      ],
    );
    const unit = (await findUnit(tx, input.id))!;
    await recordChange(tx, actorOf(access), {
      entityKind: 'org_unit',
      entityId: unit.id,
      action: 'create',
      unitIds: [unit.id, unit.parentId ?? unit.id],
      before: null,
      after: unit,
      reason: input.reason,
    });
    return unit;
  });
}

/** Whether `candidate` is `unitId` or lies below it (a move there would make a cycle). */
async function isSelfOrBelow(db: Queryable, unitId: string, candidate: string): Promise<boolean> {
  const { rows } = await db.query(
    `WITH RECURSIVE up(id, depth) AS (
       SELECT id, 0 FROM org_units WHERE id = $2
       UNION ALL SELECT o.parent_id, u.depth + 1 FROM org_units o JOIN up u ON o.id = u.id WHERE o.parent_id IS NOT NULL AND u.depth < 64
     ) SELECT 1 FROM up WHERE id = $1 LIMIT 1`,
    [unitId, candidate],
  );
  return rows.length > 0;
}

const COLUMNS: Record<Exclude<keyof UnitUpdate, 'reason'>, string> = {
  name: 'name',
  shortName: 'short_name',
  address: 'address',
  phone: 'phone',
  email: 'email',
  agencyCode: 'agency_code',
  parentId: 'parent_id',
};

export async function updateUnit(db: Database, access: AdminAccess, id: string, patch: UnitUpdate): Promise<OrgUnitView> {
  return db.transaction(async (tx) => {
    const before = await requireUnit(tx, id, { lock: true });
    const changed = (Object.keys(COLUMNS) as (keyof typeof COLUMNS)[]).filter((k) => patch[k] !== undefined && patch[k] !== before[k]);
    assertCanUpdateUnit(access, id, changed.includes('parentId') ? (patch.parentId ?? null) : undefined);
    if (before.status === 'closed')
      throw new AppError('UNIT_CLOSED', `Đơn vị ${id} đã giải thể từ ${before.effectiveTo}; không sửa được.`, 409, undefined, {
        id,
        date: before.effectiveTo ?? '',
      });
    if (changed.length === 0) return before;
    if (changed.includes('parentId') && patch.parentId) {
      await requireOpenUnit(tx, patch.parentId, 'Đơn vị cấp trên');
      if (await isSelfOrBelow(tx, id, patch.parentId)) throw new AppError('UNIT_CYCLE', 'Không thể đặt đơn vị làm cấp dưới của chính nó.', 400);
    }
    if (changed.includes('agencyCode') && patch.agencyCode) await assertAgencyCodeFree(tx, patch.agencyCode, id);
    const sets = changed.map((k, i) => `${COLUMNS[k]} = $${i + 2}`);
    await tx.query(`UPDATE org_units SET ${sets.join(', ')} WHERE id = $1`, [id, ...changed.map((k) => patch[k] ?? null)]);
    const after = (await findUnit(tx, id))!;
    const unitIds = [id, before.parentId, after.parentId].filter((u): u is string => !!u);
    await recordChange(tx, actorOf(access), { entityKind: 'org_unit', entityId: id, action: 'update', unitIds, before, after, reason: patch.reason });
    return after;
  });
}

export async function closeUnit(db: Database, access: AdminAccess, id: string, input: UnitClose): Promise<OrgUnitView> {
  return db.transaction(async (tx) => {
    const before = await requireUnit(tx, id, { lock: true });
    assertCanCloseUnit(access, id, input.succeededBy ?? null);
    if (before.status === 'closed')
      throw new AppError('UNIT_CLOSED', `Đơn vị ${id} đã giải thể từ ${before.effectiveTo}.`, 409, undefined, { id, date: before.effectiveTo ?? '' });
    const effectiveTo = input.effectiveTo ?? vnToday();
    if (effectiveTo < before.effectiveFrom || effectiveTo > vnToday()) {
      throw new AppError('INVALID_CLOSE_DATE', `Ngày giải thể phải từ ngày đơn vị bắt đầu hoạt động (${before.effectiveFrom}) đến hôm nay.`, 400, undefined, {
        from: before.effectiveFrom,
      });
    }
    if (input.succeededBy) {
      if (input.succeededBy === id) throw new AppError('INVALID_SUCCESSOR', 'Đơn vị kế thừa phải là đơn vị khác.', 400);
      await requireOpenUnit(tx, input.succeededBy, 'Đơn vị kế thừa');
    }
    const children = (await tx.query<{ id: string }>('SELECT id FROM org_units WHERE parent_id = $1 AND effective_to IS NULL ORDER BY id', [id])).rows;
    if (children.length) {
      throw new AppError(
        'UNIT_HAS_OPEN_CHILDREN',
        `Đơn vị còn đơn vị cấp dưới đang hoạt động (${children.map((c) => c.id).join(', ')}); hãy chuyển hoặc giải thể trước.`,
        409,
        undefined,
        { children: children.map((c) => c.id).join(', ') },
      );
    }
    const members = (
      await tx.query<{ n: number }>(
        'SELECT count(DISTINCT m.official_id)::int AS n FROM official_memberships m JOIN officials o ON o.id = m.official_id WHERE m.unit_id = $1 AND o.active',
        [id],
      )
    ).rows[0].n;
    if (members > 0)
      throw new AppError(
        'UNIT_HAS_MEMBERS',
        `Đơn vị còn ${members} cán bộ đang hoạt động; hãy phân công lại vai trò của họ trước khi giải thể.`,
        409,
        undefined,
        { count: members },
      );
    const isDefault = (await tx.query('SELECT 1 FROM installation WHERE default_unit = $1', [id])).rows.length > 0;
    if (isDefault) throw new AppError('UNIT_IS_DEFAULT', 'Đây là nơi tiếp nhận mặc định của hệ thống; không giải thể được.', 409);
    await tx.query('UPDATE org_units SET effective_to = $2, succeeded_by = $3 WHERE id = $1', [id, effectiveTo, input.succeededBy ?? null]);
    const after = (await findUnit(tx, id))!;
    const unitIds = [id, before.parentId, input.succeededBy].filter((u): u is string => !!u);
    await recordChange(tx, actorOf(access), { entityKind: 'org_unit', entityId: id, action: 'close', unitIds, before, after, reason: input.reason });
    return after;
  });
}
