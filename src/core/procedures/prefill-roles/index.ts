/**
 * The procedures' population-role derivers, the registry behind the form engine's extension point `prefillRoles`
 * (src/core/forms/roles.ts). A new procedure with roles of its own adds a module here and an entry below; its
 * forms name it in `prefillRoles`. See docs/forms.md.
 */
import type { FormDefinition, ProcedureDefinition } from '../../catalogue/schema.ts';
import { populationRoles, prefillRoleProblems, type ApplicantRecords, type PrefillRoleDeriver, type PrefillRoleRegistry } from '../../forms/roles.ts';
import { birthRegistration } from './birth.ts';
import { marriageRegistration } from './marriage.ts';

export { birthRegistration, birthRegistrationRoles } from './birth.ts';
export { marriageRegistration, marriageRoles } from './marriage.ts';

export const prefillRoleDerivers: PrefillRoleRegistry = new Map<string, PrefillRoleDeriver>([birthRegistration, marriageRegistration].map((d) => [d.name, d]));

/** The `population` prefill source of a form for an applicant: basic roles plus the form's procedure roles. */
export function populationRolesFor(form: Pick<FormDefinition, 'prefillRoles'>, records: ApplicantRecords): Record<string, unknown> {
  return populationRoles(form, records, prefillRoleDerivers);
}

/** Role problems of every e-form of a procedure, with the path of the form in the definition (empty when fine). */
export function procedureRoleProblems(def: Pick<ProcedureDefinition, 'cases'>): { path: string; message: string }[] {
  return def.cases.flatMap((c, i) =>
    c.form
      ? prefillRoleProblems(c.form, prefillRoleDerivers).map((message) => ({ path: `cases.${i}.form`, message: `trường hợp "${c.code}": ${message}` }))
      : [],
  );
}
