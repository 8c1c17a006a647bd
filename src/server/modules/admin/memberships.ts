/**
 * An official's roles per unit (official_memberships), replaced as a whole. The change is logged with the sets
 * before and after, and the official's sessions end so the new roles apply at their next login.
 */
import type { Database } from '../../db/database.ts';
import { endOfficialSessions, type Membership } from '../officials/index.ts';
import { actorOf, recordChange } from './changes.ts';
import { findOfficial, requireOfficial, unitsOf, type OfficialView } from './officials.ts';
import { assertCanSetMemberships, type AdminAccess } from './permissions.ts';
import { requireOpenUnit } from './units.ts';

const key = (m: Membership) => `${m.unitId}|${m.role}`;
const sorted = (ms: readonly Membership[]) => [...ms].sort((a, b) => (key(a) < key(b) ? -1 : key(a) > key(b) ? 1 : 0));

export async function setMemberships(db: Database, access: AdminAccess, id: string, next: Membership[], reason?: string): Promise<OfficialView> {
  return db.transaction(async (tx) => {
    const before = await requireOfficial(tx, id, { lock: true });
    assertCanSetMemberships(access, before, next);
    const current = new Set(before.memberships.map(key));
    // Roles kept in a unit that has since closed stay; a new role needs an open unit.
    for (const unitId of unitsOf(next.filter((m) => !current.has(key(m))))) await requireOpenUnit(tx, unitId);
    const target = sorted(next);
    if (target.map(key).join() === sorted(before.memberships).map(key).join()) return before;
    await tx.query('DELETE FROM official_memberships WHERE official_id = $1', [id]);
    for (const m of target) await tx.query('INSERT INTO official_memberships (official_id, unit_id, role) VALUES ($1, $2, $3)', [id, m.unitId, m.role]);
    await endOfficialSessions(tx, id);
    const after = (await findOfficial(tx, id))!;
    await recordChange(tx, actorOf(access), {
      entityKind: 'membership',
      entityId: id,
      action: 'set',
      unitIds: unitsOf(before.memberships, after.memberships),
      before: { username: before.username, memberships: before.memberships },
      after: { username: after.username, memberships: after.memberships },
      reason,
    });
    return after;
  });
}
