/**
 * Syntax of autofill bindings (a field's `prefill`):
 *
 *   eid.<Claim>[.<step>…]             a claim of the e-ID (VNeID / DVCQG) userinfo: eid.HoVaTen, eid.SoDinhDanh,
 *                                     eid.NgayThangNamSinh (yyyyMMdd, given to date fields as yyyy-mm-dd)
 *   population.<role>[.<step>…]       a population-database record the server looked up for a role: the basic
 *                                     self, spouse, children, household, or one the form's `prefillRoles` deriver
 *                                     adds (mother, father, newborn, bride, groom, …; see roles.ts);
 *                                     then attributes of the national shape: population.self.thuongTru,
 *                                     population.self.me.hoVaTen, population.mother.hoTen,
 *                                     population.household.diaChi, population.household.members[0].hoTen
 *   item[.<step>…]                    inside a prefilled repeated group only: the source element of the item
 *
 * Steps are names or `[n]` indexes. A final `.exists` asks whether the object is known (true), known to be
 * absent (false, the source says null), or not looked up (no value). `population.<role>` alone is the whole
 * record (for person fields).
 */
import { parseSteps, type Step } from './paths.ts';

export interface Binding {
  root: 'eid' | 'population' | 'item';
  steps: Step[];
  text: string;
}

export function parseBinding(text: string): Binding | null {
  if (typeof text !== 'string' || text.length === 0 || text.length > 300) return null;
  const steps = parseSteps(text);
  if (!steps) return null;
  const [root, ...rest] = steps;
  if (root === 'item') return { root, steps: rest, text };
  if ((root === 'eid' || root === 'population') && rest.length >= 1 && typeof rest[0] === 'string') return { root, steps: rest, text };
  return null;
}

/** The source system a binding reads from, as recorded in provenance. */
export const bindingSource = (b: Binding): 'eid' | 'population' => (b.root === 'eid' ? 'eid' : 'population');
