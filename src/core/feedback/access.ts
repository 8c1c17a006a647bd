/**
 * Who may do what with a PAKN item (docs/feedback.md), pure: the caller passes the official's memberships and the
 * organisation tree's subtrees.
 *
 * - Handlers (reception, clerk, specialist, leader) see, classify, assign, transfer and answer the items of the units
 *   where they hold the role; a leader also those of every unit below theirs (as for dossiers); a system
 *   administrator (the installation-wide role) every unit's. A receptionist also handles the items addressed to the
 *   unit their one-stop desk belongs to (the commune's People's Committee: its feedback address, "Gửi đến").
 * - Items not yet given a unit (the portal without a dossier code, the national portal's import) wait in a triage
 *   queue seen by the one-stop receptionists and the system administrator; whoever handles one takes it into a unit.
 * - Only a `feedback_moderator` publishes (after removing personal data): the items of their unit and every unit
 *   below it; an item without a unit only a moderator of a top-level unit (the province) publishes.
 */
export const FEEDBACK_HANDLER_ROLES = ['reception', 'clerk', 'specialist', 'leader'] as const;
export const FEEDBACK_MODERATOR_ROLE = 'feedback_moderator';
/** Roles that open the officials' PAKN screen. */
export const FEEDBACK_STAFF_ROLES: readonly string[] = [...FEEDBACK_HANDLER_ROLES, 'system_admin', FEEDBACK_MODERATOR_ROLE];

export interface FeedbackReach {
  /** Units whose items the official handles; 'all' for a system administrator. */
  handle: 'all' | ReadonlySet<string>;
  /** May see and take the items without a unit. */
  triage: boolean;
  /** Units whose answered items the official may publish. */
  moderate: ReadonlySet<string>;
  /** May publish an item without a unit (a moderator of a top-level unit). */
  moderateUnassigned: boolean;
  /** The unit an item without a unit goes to when this official handles it (their first handler unit). */
  homeUnit: string | null;
}

export interface FeedbackTree {
  subtree(unitId: string): ReadonlySet<string>;
  isTopLevel(unitId: string): boolean;
  /** The unit directly above, or null. */
  parentOf(unitId: string): string | null;
}

export function feedbackReach(memberships: readonly { unitId: string; role: string }[], tree: FeedbackTree): FeedbackReach {
  const handlerRoles = new Set<string>(FEEDBACK_HANDLER_ROLES);
  const admin = memberships.some((m) => m.role === 'system_admin');
  const handle = new Set<string>();
  const moderate = new Set<string>();
  let moderateUnassigned = false;
  for (const m of memberships) {
    if (handlerRoles.has(m.role)) {
      handle.add(m.unitId);
      if (m.role === 'leader') for (const u of tree.subtree(m.unitId)) handle.add(u);
      const parent = m.role === 'reception' ? tree.parentOf(m.unitId) : null;
      if (parent) handle.add(parent);
    }
    if (m.role === FEEDBACK_MODERATOR_ROLE) {
      for (const u of tree.subtree(m.unitId)) moderate.add(u);
      if (tree.isTopLevel(m.unitId)) moderateUnassigned = true;
    }
  }
  const home = memberships.find((m) => m.role === 'reception') ?? memberships.find((m) => handlerRoles.has(m.role));
  return {
    handle: admin ? 'all' : handle,
    triage: admin || memberships.some((m) => m.role === 'reception'),
    moderate,
    moderateUnassigned,
    homeUnit: home?.unitId ?? null,
  };
}

/** Sees, classifies, assigns, transfers and answers the item. */
export function mayHandle(r: FeedbackReach, unitId: string | null): boolean {
  if (!unitId) return r.triage;
  return r.handle === 'all' || r.handle.has(unitId);
}

/** Publishes the item (after moderation). */
export function mayModerate(r: FeedbackReach, unitId: string | null): boolean {
  return unitId ? r.moderate.has(unitId) : r.moderateUnassigned;
}

/** Sees the item on the officials' screen: handlers of its unit, and its moderators once it is answered or published. */
export function maySee(r: FeedbackReach, item: { unitId: string | null; status: string }): boolean {
  return mayHandle(r, item.unitId) || ((item.status === 'answered' || item.status === 'published') && mayModerate(r, item.unitId));
}
