/**
 * Who may do what in the administration API — every rule is here, one entry or function per action.
 *
 * - system_admin: everything, on the whole installation;
 * - unit_admin: units and officials of the units where they hold the role and every unit below them
 *   (org_units.parent_id); structural changes (move, close) only for units strictly below; never grants
 *   system_admin or catalogue_admin, never manages an account holding them;
 * - supervisor: read-only, on their units and every unit below them;
 * - catalogue_admin: the procedure catalogue and its change log;
 * - anyone else: 403; a citizen session: 403; no session: 401.
 *
 * Roles are read from the database at each request (not from the session), so a revoked role or a deactivated
 * account stops working at once.
 */
import type { FastifyRequest } from 'fastify';
import type { Queryable } from '../../db/database.ts';
import { currentActor } from '../../http/actor.ts';
import { RESERVED_ROLES } from '../../../core/workflow/roles.ts';
import { AppError, unauthorized } from '../../http/errors.ts';
import { loadSubject, type Membership, type OfficialRole, roleName } from '../officials/index.ts';
import type { ChangeVisibility, EntityKind } from './changes.ts';

export type AdminAction =
  | 'changes.read'
  | 'changes.verify'
  | 'units.read'
  | 'units.create'
  | 'units.update'
  | 'units.close'
  | 'officials.read'
  | 'officials.create'
  | 'officials.manage'
  | 'officials.memberships'
  | 'calendar.read'
  | 'calendar.write'
  | 'working_time.read'
  | 'working_time.write'
  | 'procedures.write'
  | 'paperless.read'
  | 'paperless.write';

interface Rule {
  /** Roles that may act on the whole installation. */
  anywhere: readonly OfficialRole[];
  /** Roles that may act on the units where they hold the role and every unit below them. */
  ownUnits: readonly OfficialRole[];
  /** Roles that may act on the whole installation, but only on these kinds of entries. */
  kindsOnly?: Partial<Record<OfficialRole, readonly EntityKind[]>>;
  /** The Vietnamese refusal for any other role. */
  refusal: string;
}

const ADMINS_ONLY = 'Chỉ quản trị hệ thống hoặc quản trị đơn vị được thực hiện thao tác này.';
const READERS_ONLY = 'Chỉ quản trị hệ thống, quản trị đơn vị hoặc giám sát được xem thông tin này.';
const SYSTEM_ONLY = 'Chỉ quản trị hệ thống được thực hiện thao tác này.';

export const PERMISSIONS: Record<AdminAction, Rule> = {
  'changes.read': {
    anywhere: ['system_admin'],
    ownUnits: ['unit_admin', 'supervisor'],
    kindsOnly: { catalogue_admin: ['procedure'] },
    refusal: 'Bạn không có quyền xem nhật ký quản trị.',
  },
  'changes.verify': { anywhere: ['system_admin'], ownUnits: [], refusal: SYSTEM_ONLY },
  'units.read': { anywhere: ['system_admin'], ownUnits: ['unit_admin', 'supervisor'], refusal: READERS_ONLY },
  'units.create': { anywhere: ['system_admin'], ownUnits: ['unit_admin'], refusal: ADMINS_ONLY },
  'units.update': { anywhere: ['system_admin'], ownUnits: ['unit_admin'], refusal: ADMINS_ONLY },
  'units.close': { anywhere: ['system_admin'], ownUnits: ['unit_admin'], refusal: ADMINS_ONLY },
  'officials.read': { anywhere: ['system_admin'], ownUnits: ['unit_admin', 'supervisor'], refusal: READERS_ONLY },
  'officials.create': { anywhere: ['system_admin'], ownUnits: ['unit_admin'], refusal: ADMINS_ONLY },
  'officials.manage': { anywhere: ['system_admin'], ownUnits: ['unit_admin'], refusal: ADMINS_ONLY },
  'officials.memberships': { anywhere: ['system_admin'], ownUnits: ['unit_admin'], refusal: ADMINS_ONLY },
  'calendar.read': { anywhere: ['system_admin', 'unit_admin', 'supervisor'], ownUnits: [], refusal: READERS_ONLY },
  'calendar.write': { anywhere: ['system_admin'], ownUnits: [], refusal: 'Chỉ quản trị hệ thống được sửa lịch ngày nghỉ, ngày làm bù.' },
  'working_time.read': { anywhere: ['system_admin', 'unit_admin', 'supervisor'], ownUnits: [], refusal: READERS_ONLY },
  'working_time.write': { anywhere: ['system_admin'], ownUnits: [], refusal: 'Chỉ quản trị hệ thống được sửa giờ làm việc.' },
  'procedures.write': { anywhere: ['system_admin', 'catalogue_admin'], ownUnits: [], refusal: 'Chỉ quản trị danh mục thủ tục mới được thay đổi danh mục.' },
  'paperless.read': { anywhere: ['system_admin'], ownUnits: ['unit_admin', 'supervisor'], refusal: READERS_ONLY },
  'paperless.write': {
    anywhere: ['system_admin'],
    ownUnits: ['unit_admin'],
    refusal: 'Chỉ quản trị hệ thống hoặc quản trị đơn vị được quy định ngày không tiếp nhận hồ sơ giấy và thủ tục chỉ tiếp nhận trực tuyến.',
  },
};

/** Roles only a system administrator grants (and accounts holding them only a system administrator manages). */
export { RESERVED_ROLES };

/** Roles whose reach is a subtree of units. */
const UNIT_SCOPED_ROLES = [...new Set(Object.values(PERMISSIONS).flatMap((r) => r.ownUnits))];

export interface AdminAccess {
  official: { id: string; username: string; fullName: string };
  roles: ReadonlySet<OfficialRole>;
  /** Per unit-scoped role: the units where it is held and every unit below them. */
  reach: ReadonlyMap<OfficialRole, ReadonlySet<string>>;
  /** Per unit-scoped role: the units strictly below a unit where it is held. */
  below: ReadonlyMap<OfficialRole, ReadonlySet<string>>;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export const outOfScope = (what: string) => new AppError('OUT_OF_SCOPE', `${what} nằm ngoài phạm vi quản trị của bạn.`, 403, undefined, { what });

/** The official behind the request with their current roles and reach; 401 without a session, 403 for a citizen. */
export async function loadAdminAccess(db: Queryable, req: FastifyRequest): Promise<AdminAccess> {
  const actor = currentActor(req);
  if (!actor) throw unauthorized();
  if (actor.kind !== 'official') throw new AppError('FORBIDDEN', 'Chức năng quản trị chỉ dành cho cán bộ được phân quyền.', 403);
  const subject = UUID.test(actor.id) ? await loadSubject(db, actor.id) : null;
  if (!subject) throw new AppError('UNAUTHENTICATED', 'Tài khoản không còn hoạt động. Vui lòng đăng nhập lại.', 401);
  const { rows } = await db.query<{ role: OfficialRole; id: string; depth: number }>(
    `WITH RECURSIVE down(role, id, depth) AS (
       SELECT role, unit_id, 0 FROM official_memberships WHERE official_id = $1 AND role = ANY($2::text[])
       UNION ALL
       SELECT d.role, o.id, d.depth + 1 FROM org_units o JOIN down d ON o.parent_id = d.id WHERE d.depth < 32
     )
     SELECT role, id, max(depth)::int AS depth FROM down GROUP BY role, id`,
    [subject.userId, UNIT_SCOPED_ROLES],
  );
  const reach = new Map<OfficialRole, Set<string>>();
  const below = new Map<OfficialRole, Set<string>>();
  for (const r of rows) {
    if (!reach.has(r.role)) reach.set(r.role, new Set());
    if (!below.has(r.role)) below.set(r.role, new Set());
    reach.get(r.role)!.add(r.id);
    if (r.depth > 0) below.get(r.role)!.add(r.id);
  }
  return { official: { id: subject.userId, username: subject.username, fullName: subject.fullName }, roles: new Set(subject.roles), reach, below };
}

const holdsAny = (a: AdminAccess, roles: readonly OfficialRole[]) => roles.some((r) => a.roles.has(r));

/** Refuses (403) an official who holds none of the roles of the action. */
export function assertAllowed(a: AdminAccess, action: AdminAction): void {
  const rule = PERMISSIONS[action];
  const limited = Object.keys(rule.kindsOnly ?? {}) as OfficialRole[];
  if (!holdsAny(a, [...rule.anywhere, ...rule.ownUnits, ...limited])) throw new AppError('FORBIDDEN', rule.refusal, 403);
}

/** Loads the official's access and checks the action's roles. */
export async function authorize(db: Queryable, req: FastifyRequest, action: AdminAction): Promise<AdminAccess> {
  const access = await loadAdminAccess(db, req);
  assertAllowed(access, action);
  return access;
}

/** The units an action reaches: 'all' for an installation-wide role, else the union of the subtrees. */
export function unitScope(a: AdminAccess, action: AdminAction): 'all' | Set<string> {
  const rule = PERMISSIONS[action];
  if (holdsAny(a, rule.anywhere)) return 'all';
  const units = new Set<string>();
  for (const role of rule.ownUnits) for (const u of a.reach.get(role) ?? []) units.add(u);
  return units;
}

function unitsBelow(a: AdminAccess, action: AdminAction): 'all' | Set<string> {
  const rule = PERMISSIONS[action];
  if (holdsAny(a, rule.anywhere)) return 'all';
  const units = new Set<string>();
  for (const role of rule.ownUnits) for (const u of a.below.get(role) ?? []) units.add(u);
  return units;
}

const inScope = (scope: 'all' | Set<string>, unitId: string) => scope === 'all' || scope.has(unitId);

export function assertUnitInScope(a: AdminAccess, action: AdminAction, unitId: string): void {
  assertAllowed(a, action);
  if (!inScope(unitScope(a, action), unitId)) throw outOfScope(`Đơn vị ${unitId}`);
}

/** Creating a unit: anywhere for a system administrator; a unit administrator only below one of their units. */
export function assertCanCreateUnit(a: AdminAccess, parentId: string | null): void {
  assertAllowed(a, 'units.create');
  const scope = unitScope(a, 'units.create');
  if (scope === 'all') return;
  if (!parentId) throw new AppError('FORBIDDEN', 'Chỉ quản trị hệ thống được tạo đơn vị cấp cao nhất; hãy chọn đơn vị cấp trên.', 403);
  if (!scope.has(parentId)) throw outOfScope(`Đơn vị cấp trên ${parentId}`);
}

/** Editing a unit's details: in scope. Moving it: the unit strictly below one of the admin's units, the new parent in scope. */
export function assertCanUpdateUnit(a: AdminAccess, unitId: string, newParentId?: string | null): void {
  assertUnitInScope(a, 'units.update', unitId);
  if (newParentId === undefined) return;
  if (!inScope(unitsBelow(a, 'units.update'), unitId)) throw outOfScope(`Việc chuyển đơn vị ${unitId} sang đơn vị cấp trên khác`);
  if (newParentId === null) {
    if (unitScope(a, 'units.update') !== 'all') throw new AppError('FORBIDDEN', 'Chỉ quản trị hệ thống được đưa một đơn vị lên cấp cao nhất.', 403);
  } else if (!inScope(unitScope(a, 'units.update'), newParentId)) throw outOfScope(`Đơn vị cấp trên ${newParentId}`);
}

/** Closing a unit: a unit strictly below one of the admin's units; its successor in scope. */
export function assertCanCloseUnit(a: AdminAccess, unitId: string, successorId: string | null): void {
  assertAllowed(a, 'units.close');
  if (!inScope(unitsBelow(a, 'units.close'), unitId)) throw outOfScope(`Việc giải thể đơn vị ${unitId}`);
  if (successorId && !inScope(unitScope(a, 'units.close'), successorId)) throw outOfScope(`Đơn vị kế thừa ${successorId}`);
}

/** Reading an official: one of their units in scope. */
export function assertCanReadOfficial(a: AdminAccess, memberships: readonly Membership[]): void {
  assertAllowed(a, 'officials.read');
  const scope = unitScope(a, 'officials.read');
  if (scope !== 'all' && !memberships.some((m) => scope.has(m.unitId))) throw outOfScope('Cán bộ này');
}

function assertGrantable(a: AdminAccess, action: AdminAction, memberships: readonly Membership[]): void {
  const scope = unitScope(a, action);
  if (scope === 'all') return;
  for (const m of memberships) {
    if (RESERVED_ROLES.includes(m.role))
      throw new AppError('RESERVED_ROLE', `Chỉ quản trị hệ thống được cấp vai trò "${roleName[m.role]}".`, 403, undefined, {
        role: m.role,
        roleName: roleName[m.role],
      });
    if (!scope.has(m.unitId)) throw outOfScope(`Đơn vị ${m.unitId}`);
  }
}

/** Creating an official: every (unit, role) grantable by the admin. */
export function assertCanCreateOfficial(a: AdminAccess, memberships: readonly Membership[]): void {
  assertAllowed(a, 'officials.create');
  assertGrantable(a, 'officials.create', memberships);
}

/**
 * Managing an account (profile, activation, password, lock, TOTP): a system administrator any account; a unit
 * administrator an account whose every membership is in their units and holds no reserved role. Nobody changes
 * their own roles, password, activation or TOTP here (another administrator must), so an administrator cannot
 * lock themselves out or widen their own rights.
 */
export function assertCanManageOfficial(
  a: AdminAccess,
  target: { id: string; memberships: readonly Membership[] },
  opts: { selfAllowed?: boolean } = {},
): void {
  assertAllowed(a, 'officials.manage');
  if (target.id === a.official.id && !opts.selfAllowed) {
    throw new AppError(
      'SELF_CHANGE_FORBIDDEN',
      'Bạn không thể tự thay đổi vai trò, mật khẩu, xác thực hai lớp hoặc trạng thái tài khoản của chính mình; hãy đề nghị một quản trị khác.',
      403,
    );
  }
  if (unitScope(a, 'officials.manage') === 'all') return;
  if (target.memberships.length === 0) throw outOfScope('Cán bộ này');
  assertGrantable(a, 'officials.manage', target.memberships);
}

/** Replacing an official's memberships: the account manageable, every new (unit, role) grantable. */
export function assertCanSetMemberships(a: AdminAccess, target: { id: string; memberships: readonly Membership[] }, next: readonly Membership[]): void {
  assertAllowed(a, 'officials.memberships');
  assertCanManageOfficial(a, target);
  assertGrantable(a, 'officials.memberships', next);
}

/** Which change-log entries the official reads. */
export function changeVisibility(a: AdminAccess): ChangeVisibility {
  assertAllowed(a, 'changes.read');
  const rule = PERMISSIONS['changes.read'];
  if (holdsAny(a, rule.anywhere)) return 'all';
  const everywhere = new Set<EntityKind>();
  let units: string[] = [];
  if (holdsAny(a, rule.ownUnits)) {
    // Installation-wide settings are visible to every administrator; units and people only within their reach.
    for (const k of ['calendar_day', 'working_time', 'procedure'] as const) everywhere.add(k);
    units = [...(unitScope(a, 'changes.read') as Set<string>)];
  }
  for (const [role, kinds] of Object.entries(rule.kindsOnly ?? {}) as [OfficialRole, EntityKind[]][]) {
    if (a.roles.has(role)) for (const k of kinds) everywhere.add(k);
  }
  return { everywhere: [...everywhere], inUnits: ['org_unit', 'official', 'membership'], units };
}
