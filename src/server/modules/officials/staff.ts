/**
 * The official behind a back-office request, with their authority read fresh from the database on every request:
 * a deactivated account or a withdrawn role stops working at once, not at the next login.
 */
import type { FastifyRequest } from 'fastify';
import type { OfficialAuth } from '../../../core/workflow/permissions.ts';
import type { AppContext } from '../../context.ts';
import { requireActor, type OfficialActor } from '../../http/actor.ts';
import { AppError } from '../../http/errors.ts';
import { loadSubject } from './service.ts';
import { officialAuth, orgTree, type OrgTree } from './org.ts';

export interface Staff {
  actor: OfficialActor;
  auth: OfficialAuth;
  tree: OrgTree;
}

export async function requireStaff(ctx: AppContext, req: FastifyRequest): Promise<Staff> {
  const actor = requireActor(req);
  if (actor.kind !== 'official') throw new AppError('FORBIDDEN', 'Chức năng dành cho cán bộ, công chức.', 403);
  const staff = await loadStaff(ctx, actor);
  if (!staff) throw new AppError('UNAUTHENTICATED', 'Tài khoản không còn hoạt động. Vui lòng đăng nhập lại.', 401);
  return staff;
}

/** An active official with their current memberships; null when the account is inactive or unknown. */
export async function loadStaff(ctx: Pick<AppContext, 'db'>, actor: Pick<OfficialActor, 'id'> & Partial<OfficialActor>): Promise<Staff | null> {
  const subject = await loadSubject(ctx.db, actor.id);
  if (!subject) return null;
  const tree = await orgTree(ctx.db);
  return {
    actor: { kind: 'official', username: '', ...actor, fullName: subject.fullName, roles: subject.roles, unitIds: subject.unitIds } as OfficialActor,
    auth: officialAuth(tree, { id: actor.id, memberships: subject.memberships }),
    tree,
  };
}

/** The units where the official has the role directly (e.g. the counters where they receive). */
export const unitsWithRole = (staff: Staff, role: string) => staff.auth.memberships.filter((m) => m.role === role).map((m) => m.unitId);
