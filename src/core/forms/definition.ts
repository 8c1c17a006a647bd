/**
 * A catalogue e-form (FormDefinition of src/core/catalogue/schema.ts) as the engine understands it: every
 * condition parsed, every field reference resolved, every `validation` object checked against the schema of
 * its field type, every autofill binding parsed. Compiling is done once per definition object (cached).
 *
 * The catalogue schema keeps `showIf`, `requireIf` and `validation` as `unknown`; this module is where they
 * get their meaning. `EngineFormDefinition` is the catalogue schema plus these checks, for catalogue files.
 */
import type { FormDefinition, FormField, FormFieldType } from '../catalogue/schema.ts';
import { parseBinding, type Binding } from './bindings.ts';
import { parseCondition, type CompiledCondition } from './conditions.ts';
import { parseFieldRef, type FieldRef } from './paths.ts';

/**
 * The `validation` object of a field, by field type; checked against its zod schema (FieldValidationSchemas in
 * definition-schema.ts) where definitions enter the system (catalogue import, administration), not here: this module
 * is the browser's compile path too and holds no zod (issue 18, light first load).
 */
export type { AnyFieldValidation, FieldValidation } from './definition-schema.ts';
import type { AnyFieldValidation } from './definition-schema.ts';

/** Sub-values a reference may step into, per field type. */
const PARTS: Partial<Record<FormFieldType, readonly string[]>> = {
  address: ['provinceCode', 'communeCode', 'detail'],
  person: ['idNumber', 'fullName', 'birthDate'],
  file: ['fileId', 'sha256', 'name', 'size', 'mime'],
};

export interface CompiledField {
  field: FormField;
  key: string;
  type: FormFieldType;
  label: string;
  /** Page the field (or its top-level group) is on. */
  pageKey: string;
  scope: ScopeDef;
  showIf?: CompiledCondition;
  requireIf?: CompiledCondition;
  validation: Partial<AnyFieldValidation>;
  /** Parsed cross-field references of the validation (birthDateField, sexField). */
  refs: { birthDate?: FieldRef; sex?: FieldRef };
  binding?: Binding;
  policy: 'locked' | 'declared';
  /** For groups: the scope of one item. */
  item?: ScopeDef;
}

export interface ScopeDef {
  fields: Map<string, CompiledField>;
  order: CompiledField[];
  parent?: ScopeDef;
  /** The group whose item this scope is (absent at the top level). */
  group?: CompiledField;
}

export interface CompiledPage {
  key: string;
  title: string;
  fields: CompiledField[];
}

export interface CompiledForm {
  definition: FormDefinition;
  root: ScopeDef;
  pages: CompiledPage[];
}

export class FormDefinitionError extends Error {
  constructor(
    readonly formId: string,
    readonly problems: string[],
  ) {
    super(`Biểu mẫu "${formId}" không hợp lệ:\n- ${problems.join('\n- ')}`);
    this.name = 'FormDefinitionError';
  }
}

const cache = new WeakMap<object, CompiledForm | FormDefinitionError>();

/** Compiles a definition, or throws a FormDefinitionError listing every problem found. */
export function compileForm(def: FormDefinition): CompiledForm {
  const hit = cache.get(def);
  if (hit instanceof FormDefinitionError) throw hit;
  if (hit) return hit;
  const result = build(def);
  cache.set(def, result);
  if (result instanceof FormDefinitionError) throw result;
  return result;
}

/**
 * Checks a field's `validation` object: the checked value, or the problems (messages after `at`). Without a checker
 * (the browser, and compiling at run time) the object is taken as given: definitions come from our own catalogue,
 * checked when they entered it (checkFormDefinition in definition-schema.ts).
 */
export type ValidationChecker = (f: FormField, at: string) => { validation: Partial<AnyFieldValidation> } | { problems: string[] };

/** Compiles a definition; `checkValidation` checks each field's validation object (see ValidationChecker). */
export function build(def: FormDefinition, checkValidation?: ValidationChecker): CompiledForm | FormDefinitionError {
  const problems: string[] = [];
  const root: ScopeDef = { fields: new Map(), order: [] };
  const pages: CompiledPage[] = [];
  const pageKeys = new Set<string>();
  const all: CompiledField[] = [];

  const addScope = (fields: FormField[], scope: ScopeDef, pageKey: string, where: string) => {
    for (const f of fields) {
      const at = `${where}trường "${f.key}"`;
      if (scope.fields.has(f.key)) {
        problems.push(`${at}: khóa trường bị trùng${scope.group ? ` trong nhóm "${scope.group.key}"` : ' (khóa phải duy nhất trong cả biểu mẫu)'}.`);
        continue;
      }
      const cf: CompiledField = {
        field: f,
        key: f.key,
        type: f.type,
        label: f.label,
        pageKey,
        scope,
        validation: {},
        refs: {},
        policy: f.prefillPolicy ?? 'locked',
      };
      scope.fields.set(f.key, cf);
      scope.order.push(cf);
      all.push(cf);

      for (const prop of ['showIf', 'requireIf'] as const) {
        if (f[prop] === undefined) continue;
        const r = parseCondition(f[prop], `${at}, ${prop}`);
        if (r.ok) cf[prop] = r.condition;
        else problems.push(...r.problems);
      }
      if (f.validation !== undefined) {
        const v = checkValidation ? checkValidation(f, at) : { validation: f.validation as Partial<AnyFieldValidation> };
        if ('validation' in v) cf.validation = v.validation;
        else problems.push(...v.problems);
      }
      if (cf.validation.birthDateField) cf.refs.birthDate = parseFieldRef(cf.validation.birthDateField)!;
      if (cf.validation.sexField) cf.refs.sex = parseFieldRef(cf.validation.sexField)!;

      if (f.type === 'select') {
        if (!f.options?.length) problems.push(`${at}: trường chọn (select) phải có danh sách "options".`);
        else if (new Set(f.options.map((o) => o.value)).size !== f.options.length) problems.push(`${at}: các giá trị trong "options" bị trùng.`);
      } else if (f.options !== undefined) problems.push(`${at}: chỉ trường chọn (select) mới có "options".`);

      if (f.type === 'group') {
        if (!f.fields?.length) problems.push(`${at}: nhóm lặp (group) phải có danh sách "fields".`);
        if (f.minItems !== undefined && f.minItems < 0) problems.push(`${at}: minItems không được âm.`);
        if (f.maxItems !== undefined && f.maxItems < 1) problems.push(`${at}: maxItems phải từ 1 trở lên.`);
        if (f.minItems !== undefined && f.maxItems !== undefined && f.minItems > f.maxItems)
          problems.push(`${at}: minItems (${f.minItems}) lớn hơn maxItems (${f.maxItems}).`);
        cf.item = { fields: new Map(), order: [], parent: scope, group: cf };
        addScope(f.fields ?? [], cf.item, pageKey, `${at} › `);
      } else {
        if (f.fields !== undefined) problems.push(`${at}: chỉ nhóm lặp (group) mới có "fields".`);
        if (f.minItems !== undefined || f.maxItems !== undefined) problems.push(`${at}: chỉ nhóm lặp (group) mới có minItems/maxItems.`);
      }

      if (f.prefill !== undefined) {
        const b = parseBinding(f.prefill);
        if (!b)
          problems.push(
            `${at}: nguồn điền sẵn "${f.prefill}" không hợp lệ; dùng "eid.<thuộc tính>", "population.<vai trò>.<thuộc tính>" hoặc, trong nhóm lặp, "item.<thuộc tính>".`,
          );
        else if (b.root === 'item' && !scope.group?.field.prefill) problems.push(`${at}: nguồn "item.…" chỉ dùng trong nhóm lặp có nguồn điền sẵn.`);
        else if (f.type === 'file') problems.push(`${at}: trường tệp không điền sẵn được.`);
        else cf.binding = b;
      } else if (f.prefillPolicy !== undefined) problems.push(`${at}: có "prefillPolicy" nhưng không có nguồn "prefill".`);
    }
  };

  for (const p of def.pages) {
    if (pageKeys.has(p.key)) problems.push(`trang "${p.key}": khóa trang bị trùng.`);
    pageKeys.add(p.key);
    const before = root.order.length;
    addScope(p.fields, root, p.key, `trang "${p.key}", `);
    pages.push({ key: p.key, title: p.title, fields: root.order.slice(before) });
  }

  // References: every field a condition or a validation names must exist where it is looked up.
  const edges = new Map<CompiledField, CompiledField[]>();
  for (const cf of all) {
    const at = `trường "${cf.key}"${cf.scope.group ? ` (nhóm "${cf.scope.group.key}")` : ''}`;
    const deps: CompiledField[] = [];
    const check = (ref: FieldRef, what: string): CompiledField | null => {
      const r = resolveStatic(ref, cf.scope);
      if (typeof r === 'string') {
        problems.push(`${at}, ${what}: ${r}`);
        return null;
      }
      return r;
    };
    for (const prop of ['showIf', 'requireIf'] as const) {
      const c = cf[prop];
      if (!c) continue;
      for (const ref of refsOf(c)) {
        const target = check(ref, prop);
        if (target && prop === 'showIf') {
          if (target === cf) problems.push(`${at}, showIf: điều kiện hiển thị không được tham chiếu chính trường này.`);
          else deps.push(target);
        }
      }
    }
    if (cf.refs.birthDate) {
      const t = check(cf.refs.birthDate, 'validation.birthDateField');
      if (t && t.type !== 'date') problems.push(`${at}, validation.birthDateField: "${t.key}" không phải trường ngày.`);
    }
    if (cf.refs.sex) {
      const t = check(cf.refs.sex, 'validation.sexField');
      if (t && t.type !== 'select' && t.type !== 'text') problems.push(`${at}, validation.sexField: "${t.key}" phải là trường chọn hoặc chữ.`);
    }
    // An item field is visible only when its group is.
    if (cf.scope.group) deps.push(cf.scope.group);
    edges.set(cf, deps);
  }
  const cycle = findCycle(all, edges);
  if (cycle) problems.push(`điều kiện hiển thị (showIf) phụ thuộc vòng tròn: ${cycle.map((f) => `"${f.key}"`).join(' → ')}.`);

  return problems.length ? new FormDefinitionError(def.id, problems) : { definition: def, root, pages };
}

export function refsOf(c: CompiledCondition): FieldRef[] {
  if (c.kind === 'leaf') return [c.ref];
  if (c.kind === 'not') return refsOf(c.item);
  return c.items.flatMap(refsOf);
}

/** The scope a reference anchors in, seen from `scope` (null when it climbs above the top level). */
export function anchorScope(ref: FieldRef, scope: ScopeDef): ScopeDef | null {
  switch (ref.anchor) {
    case 'root': {
      let s = scope;
      while (s.parent) s = s.parent;
      return s;
    }
    case 'current':
      return scope;
    case 'up': {
      let s: ScopeDef | undefined = scope;
      for (let i = 0; i < ref.up && s; i++) s = s.parent;
      return s ?? null;
    }
    case 'lexical': {
      let s: ScopeDef | undefined = scope;
      while (s && !s.fields.has(ref.key)) s = s.parent;
      return s ?? null;
    }
  }
}

/** The field a reference names (stepping through group items), or a message saying why it names none. */
function resolveStatic(ref: FieldRef, scope: ScopeDef): CompiledField | string {
  const s = anchorScope(ref, scope);
  const target = s?.fields.get(ref.key);
  if (!s || !target) return `tham chiếu "${ref.text}" không trỏ tới trường nào của biểu mẫu.`;
  let cur = target;
  const tail = ref.tail;
  for (let i = 0; i < tail.length; i++) {
    const step = tail[i];
    if (cur.type === 'group') {
      if (typeof step !== 'number')
        return `tham chiếu "${ref.text}": sau nhóm "${cur.key}" phải là chỉ số mục, ví dụ "${cur.key}[0].${cur.item?.order[0]?.key ?? 'x'}".`;
      const sub = tail[i + 1];
      if (sub === undefined) return cur;
      const next = typeof sub === 'string' ? cur.item?.fields.get(sub) : undefined;
      if (!next) return `tham chiếu "${ref.text}": nhóm "${cur.key}" không có trường "${String(sub)}".`;
      cur = next;
      i++;
      continue;
    }
    const parts = PARTS[cur.type];
    if (!parts || typeof step !== 'string' || !parts.includes(step) || i !== tail.length - 1) {
      return `tham chiếu "${ref.text}": trường "${cur.key}" (${cur.type}) ${parts ? `chỉ có các phần ${parts.join(', ')}` : 'không có phần con'}.`;
    }
    return cur;
  }
  return cur;
}

function findCycle(all: CompiledField[], edges: Map<CompiledField, CompiledField[]>): CompiledField[] | null {
  const state = new Map<CompiledField, 1 | 2>();
  const stack: CompiledField[] = [];
  const visit = (f: CompiledField): CompiledField[] | null => {
    if (state.get(f) === 2) return null;
    if (state.get(f) === 1) return [...stack.slice(stack.indexOf(f)), f];
    state.set(f, 1);
    stack.push(f);
    for (const d of edges.get(f) ?? []) {
      const c = visit(d);
      if (c) return c;
    }
    stack.pop();
    state.set(f, 2);
    return null;
  };
  for (const f of all) {
    const c = visit(f);
    if (c) return c;
  }
  return null;
}
