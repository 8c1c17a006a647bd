/**
 * The roles an official may hold in a unit — the one list, imported by the catalogue schema, the permission rules,
 * the server modules, the API contract and the web app.
 *
 * - Workflow-step roles: who works a dossier at one step of a procedure's internal workflow (counter, handling,
 *   signing, registry office).
 * - The other official roles administer or oversee units and never hold a workflow step.
 * - `community_helper`: a member of a community digital team (Tổ công nghệ số cộng đồng), scoped to villages and
 *   residential groups (community_helper_areas), who sees only the dossiers they assisted (docs/community.md).
 * - `feedback_moderator`: edits out personal data and publishes the answered PAKN of their unit and the units below
 *   it (docs/feedback.md); the officials who answer a PAKN no longer publish it.
 */

/** Roles of the steps of a procedure's internal workflow. */
export const STEP_ROLES = ['reception', 'specialist', 'leader', 'clerk'] as const;
export type StepRole = (typeof STEP_ROLES)[number];

/** Every role an official may hold in a unit: the workflow-step roles, then administration and oversight. */
export const OFFICIAL_ROLES = [...STEP_ROLES, 'unit_admin', 'supervisor', 'system_admin', 'catalogue_admin', 'community_helper', 'feedback_moderator'] as const;
export type OfficialRole = (typeof OFFICIAL_ROLES)[number];

/** Roles only a system administrator may grant. */
export const RESERVED_ROLES: readonly OfficialRole[] = ['system_admin', 'catalogue_admin'];

/** Roles whose holder oversees a unit and every unit below it. */
export const OVERSIGHT_ROLES = ['leader', 'unit_admin', 'supervisor', 'system_admin'] as const satisfies readonly OfficialRole[];
export type OversightRole = (typeof OVERSIGHT_ROLES)[number];

export const isOfficialRole = (value: string): value is OfficialRole => (OFFICIAL_ROLES as readonly string[]).includes(value);
export const isStepRole = (value: string): value is StepRole => (STEP_ROLES as readonly string[]).includes(value);
