/**
 * The citizen's journey through a form: one question group (page) per screen, pages whose questions are all
 * hidden are skipped, and each page is checked before moving on with an error summary at the top.
 */
import type { FormDefinition, FormField } from '../catalogue/schema.ts';
import { compileForm } from './definition.ts';
import { parseSteps } from './paths.ts';
import type { Values } from './runtime.ts';
import { validateForm, type FieldError, type ValidationContext, type ValidationResult } from './validate.ts';
import { answersState } from './values.ts';

type Page = FormDefinition['pages'][number];
const keyOf = (page: string | { key: string }) => (typeof page === 'string' ? page : page.key);

/** The pages with at least one visible question, in order. */
export function visiblePages(def: FormDefinition, values: Values): Page[] {
  const state = answersState(def, values);
  return def.pages.filter((_, i) => state.form.pages[i].fields.some((f) => state.isVisible(f, state.root)));
}

/** The visible questions of one page (top-level fields; a group's items are the group's business). */
export function visibleFields(def: FormDefinition, page: string | { key: string }, values: Values): FormField[] {
  const state = answersState(def, values);
  const p = state.form.pages.find((x) => x.key === keyOf(page));
  return p ? p.fields.filter((f) => state.isVisible(f, state.root)).map((f) => f.field) : [];
}

/** Whether the field at a value path (`hoTenCha`, `con[1].ngaySinh`) is shown with these answers. */
export function isFieldVisible(def: FormDefinition, values: Values, path: string): boolean {
  const state = answersState(def, values);
  const at = state.locate(path);
  return at !== null && state.isVisible(at.field, at.inst);
}

/** The key of the page a value path is on (null for an unknown path). */
export function pageOf(def: FormDefinition, path: string): string | null {
  const steps = parseSteps(path);
  const key = steps?.[0];
  if (typeof key !== 'string') return null;
  return compileForm(def).root.fields.get(key)?.pageKey ?? null;
}

/** The errors of one page, checked with the whole form's answers (conditions may read other pages). */
export function pageErrors(page: string | { key: string }, def: FormDefinition, values: Values, ctx: ValidationContext = {}): ValidationResult {
  return validateForm(def, values, ctx, keyOf(page));
}

/** The visible page after (or before) the current one; null at the end (or the start). */
export function nextPage(def: FormDefinition, values: Values, current: string | { key: string }): string | null {
  return neighbour(def, values, keyOf(current), 1);
}

export function previousPage(def: FormDefinition, values: Values, current: string | { key: string }): string | null {
  return neighbour(def, values, keyOf(current), -1);
}

function neighbour(def: FormDefinition, values: Values, current: string, dir: 1 | -1): string | null {
  const visible = new Set(visiblePages(def, values).map((p) => p.key));
  const keys = def.pages.map((p) => p.key);
  for (let i = keys.indexOf(current) + dir; i >= 0 && i < keys.length; i += dir) if (visible.has(keys[i])) return keys[i];
  return null;
}

/** The first visible page with an error (to send the citizen back there from "check your answers"). */
export function firstPageWithErrors(def: FormDefinition, errors: FieldError[]): string | null {
  const pages = new Set(errors.map((e) => e.page ?? pageOf(def, e.path)).filter((p): p is string => !!p));
  return def.pages.find((p) => pages.has(p.key))?.key ?? null;
}

/**
 * An HTML id for the input of a value path, for links from an error summary: `con[1].hoTen` → `f-con-1-hoTen`
 * (with the part of a composite answer appended: `f-noiCuTru-communeCode`).
 */
export function fieldAnchor(path: string, part?: string): string {
  const base = `f-${path.replace(/\[(\d+)\]/g, '-$1').replace(/\./g, '-')}`;
  return part ? `${base}-${part}` : base;
}
