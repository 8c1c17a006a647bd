/**
 * Population roles: the records a form's `population.<role>` bindings read (bindings.ts).
 *
 * The engine knows the basic roles — the applicant's own record and what the server looks up beside it: `self`,
 * `spouse`, `children`, `household` — and one named extension point for roles a procedure derives from them (the
 * mother, father and newborn of a birth registration; the bride and groom of a marriage). A form names its deriver
 * in `prefillRoles`; the derivers live outside the engine (src/core/procedures/prefill-roles) and are handed to it
 * as a registry, so the engine never knows a procedure.
 */
import type { FormDefinition, FormField } from '../catalogue/schema.ts';
import { parseBinding } from './bindings.ts';
import type { NationalHousehold, NationalPerson } from './prefill.ts';

/** What the server has looked up about the applicant in the population database. */
export interface ApplicantRecords {
  /** The applicant's own record; null when the population database does not know them. */
  self: NationalPerson | null;
  /** The spouse's full record when looked up, else null. */
  spouse: NationalPerson | null;
  children: NationalPerson[];
  /** The household (address, members); undefined when not looked up. */
  household?: NationalHousehold | null;
  /** Today's local date, yyyy-mm-dd (derivers that judge ages use it). */
  today: string;
}

/** The roles every form may bind, whatever its deriver. */
export const BASIC_ROLES: readonly string[] = ['self', 'spouse', 'children', 'household'];

/** A procedure's roles, derived from the applicant's records. */
export interface PrefillRoleDeriver {
  /** The name a form gives in `prefillRoles`, e.g. "birth-registration". */
  name: string;
  /** The roles it adds to the basic ones (a form's bindings are checked against them). */
  roles: readonly string[];
  /** The roles by name; null = known to be absent, left out = not looked up. */
  derive(records: ApplicantRecords): Record<string, unknown>;
}

export type PrefillRoleRegistry = ReadonlyMap<string, PrefillRoleDeriver>;

/** The basic roles; nothing at all when the applicant has no record (every binding is then "not looked up"). */
export function basicRoles(records: ApplicantRecords): Record<string, unknown> {
  if (!records.self) return {};
  const roles: Record<string, unknown> = { self: records.self, spouse: records.spouse, children: records.children };
  if (records.household !== undefined) roles.household = records.household;
  return roles;
}

/**
 * The population source of a form's prefill: the basic roles, plus those of the deriver the form names. A name the
 * registry does not know adds nothing (the catalogue refuses such forms: prefillRoleProblems).
 */
export function populationRoles(form: Pick<FormDefinition, 'prefillRoles'>, records: ApplicantRecords, registry: PrefillRoleRegistry): Record<string, unknown> {
  const roles = basicRoles(records);
  const deriver = form.prefillRoles ? registry.get(form.prefillRoles) : undefined;
  if (!records.self || !deriver) return roles;
  return { ...roles, ...deriver.derive(records) };
}

/**
 * What is wrong with a form's roles: a deriver name the registry does not know, or a `population.<role>` binding
 * to a role neither basic nor added by the form's deriver (it would never be filled). Messages in Vietnamese.
 */
export function prefillRoleProblems(form: FormDefinition, registry: PrefillRoleRegistry): string[] {
  const problems: string[] = [];
  const deriver = form.prefillRoles === undefined ? undefined : registry.get(form.prefillRoles);
  if (form.prefillRoles !== undefined && !deriver) {
    problems.push(`prefillRoles: không có bộ suy vai trò "${form.prefillRoles}"; dùng một trong: ${[...registry.keys()].join(', ')}.`);
  }
  const known = new Set([...BASIC_ROLES, ...(deriver?.roles ?? [])]);
  const walk = (fields: readonly FormField[], where: string) => {
    for (const f of fields) {
      const b = f.prefill === undefined ? null : parseBinding(f.prefill);
      const role = b?.root === 'population' ? b.steps[0] : undefined;
      if (typeof role === 'string' && !known.has(role)) {
        problems.push(
          `${where}trường "${f.key}": vai trò "${role}" của nguồn "${f.prefill}" không có; ` +
            (form.prefillRoles
              ? `bộ suy "${form.prefillRoles}" cho: ${[...known].join(', ')}.`
              : `vai trò cơ bản: ${BASIC_ROLES.join(', ')}; vai trò riêng của thủ tục cần "prefillRoles".`),
        );
      }
      if (f.fields) walk(f.fields, `${where}trường "${f.key}" › `);
    }
  };
  for (const p of form.pages) walk(p.fields, `trang "${p.key}", `);
  return problems;
}
