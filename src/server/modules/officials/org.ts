/**
 * The organisation tree as the workflow needs it: units by id, their descendants (for leaders, unit administrators
 * and supervisors, who oversee the units below theirs), and where each workflow step is done (the unit of the
 * step's kind in the competent agency's commune). Org units change rarely; the tree is cached per database for a
 * minute and dropped at once when an administrator changes a unit (invalidateOrgTree).
 */
import type { Queryable } from '../../db/database.ts';
import type { OfficialAuth, OfficialRole } from '../../../core/workflow/permissions.ts';
import { OVERSIGHT_ROLES } from '../../../core/workflow/roles.ts';

export interface OrgUnit {
  id: string;
  name: string;
  shortName: string | null;
  kind: string;
  adminUnitCode: string;
  parentId: string | null;
  agencyCode: string | null;
}

export interface OrgTree {
  units: Map<string, OrgUnit>;
  /** The unit and every unit below it. */
  subtree(unitId: string): Set<string>;
  /** The active unit of a kind in an administrative unit (commune or province). */
  byKind(kind: string, adminUnitCode: string): OrgUnit | undefined;
}

const TTL_MS = 60_000;
const caches = new WeakMap<Queryable, { at: number; tree: Promise<OrgTree> }>();

export function orgTree(db: Queryable): Promise<OrgTree> {
  const hit = caches.get(db);
  if (hit && Date.now() - hit.at < TTL_MS) return hit.tree;
  const tree = loadOrgTree(db);
  caches.set(db, { at: Date.now(), tree });
  tree.catch(() => caches.delete(db));
  return tree;
}

export function invalidateOrgTree(db: Queryable): void {
  caches.delete(db);
}

async function loadOrgTree(db: Queryable): Promise<OrgTree> {
  const { rows } = await db.query<{
    id: string;
    name: string;
    short_name: string | null;
    kind: string;
    admin_unit_code: string;
    parent_id: string | null;
    agency_code: string | null;
  }>('SELECT id, name, short_name, kind, admin_unit_code, parent_id, agency_code FROM org_units WHERE effective_to IS NULL ORDER BY id');
  const units = new Map<string, OrgUnit>();
  const children = new Map<string, string[]>();
  for (const r of rows) {
    units.set(r.id, {
      id: r.id,
      name: r.name,
      shortName: r.short_name,
      kind: r.kind,
      adminUnitCode: r.admin_unit_code,
      parentId: r.parent_id,
      agencyCode: r.agency_code,
    });
    if (r.parent_id) children.set(r.parent_id, [...(children.get(r.parent_id) ?? []), r.id]);
  }
  const subtrees = new Map<string, Set<string>>();
  const subtree = (id: string): Set<string> => {
    let s = subtrees.get(id);
    if (s) return s;
    s = new Set([id]);
    for (const c of children.get(id) ?? []) for (const x of subtree(c)) s.add(x);
    subtrees.set(id, s);
    return s;
  };
  const kindIndex = new Map<string, OrgUnit>();
  for (const u of units.values()) if (!kindIndex.has(`${u.kind}@${u.adminUnitCode}`)) kindIndex.set(`${u.kind}@${u.adminUnitCode}`, u);
  return { units, subtree, byKind: (kind, code) => kindIndex.get(`${kind}@${code}`) };
}

/** Roles whose membership gives no sight of the unit's dossiers. */
export const NO_DOSSIER_ROLES: ReadonlySet<string> = new Set(['community_helper', 'feedback_moderator']);

/** The official's authority: direct memberships, and the subtrees they oversee. */
export function officialAuth(tree: OrgTree, official: { id: string; memberships: readonly { unitId: string; role: string }[] }): OfficialAuth {
  // A community helper's membership gives no sight of the unit's dossiers: they see only the dossiers they assisted
  // (modules/community). Nor does a feedback moderator's: they publish PAKN only (modules/feedback).
  const memberships = official.memberships.filter((m) => !NO_DOSSIER_ROLES.has(m.role)).map((m) => ({ unitId: m.unitId, role: m.role as OfficialRole }));
  const oversight: OfficialAuth['oversight'] = {};
  for (const role of OVERSIGHT_ROLES) {
    const units = memberships.filter((m) => m.role === role);
    if (units.length === 0) continue;
    // A system administrator sees every unit of the installation.
    const set = role === 'system_admin' ? new Set(tree.units.keys()) : new Set<string>();
    for (const m of units) for (const u of tree.subtree(m.unitId)) set.add(u);
    oversight[role] = set;
  }
  return { id: official.id, memberships, oversight };
}

/** Every unit the official can see dossiers of (their own units and the subtrees they oversee). */
export function visibleUnits(auth: OfficialAuth): string[] {
  const set = new Set(auth.memberships.map((m) => m.unitId));
  for (const s of Object.values(auth.oversight)) for (const u of s ?? []) set.add(u);
  return [...set];
}

/**
 * Where a workflow step is done: the counter's steps at the receiving unit (the dossier is returned where it was
 * received), the others at the unit of the step's kind in the competent agency's commune.
 */
export function stepUnit(
  tree: OrgTree,
  step: { role: string; unitKind: string },
  dossier: { receivingUnitId: string; competentUnitId: string | null },
): OrgUnit | undefined {
  if (step.role === 'reception') return tree.units.get(dossier.receivingUnitId);
  const competent = dossier.competentUnitId ? tree.units.get(dossier.competentUnitId) : undefined;
  const home = competent ?? tree.units.get(dossier.receivingUnitId);
  if (!home) return undefined;
  if (home.kind === step.unitKind) return home;
  return tree.byKind(step.unitKind, home.adminUnitCode);
}

/** The units of every step of the workflow, for the dossier's unit set. */
export function routeUnits(
  tree: OrgTree,
  steps: readonly { role: string; unitKind: string }[],
  d: { receivingUnitId: string; competentUnitId: string | null },
): string[] {
  const units = new Set([d.receivingUnitId, ...(d.competentUnitId ? [d.competentUnitId] : [])]);
  for (const s of steps) {
    const u = stepUnit(tree, s, d);
    if (u) units.add(u.id);
  }
  return [...units];
}
