/**
 * A compiled form together with a set of answers: which fields are visible, what a reference points to, and
 * the scopes of repeated-group items. A hidden field counts as not answered in every condition, so a chain of
 * conditions (A hides B, B shows C) behaves as a person reading the form expects.
 */
import { evaluateCompiled, type CompiledCondition } from './conditions.ts';
import { anchorScope, compileForm, FormDefinitionError, type CompiledField, type CompiledForm, type ScopeDef } from './definition.ts';
import type { FormDefinition } from '../catalogue/schema.ts';
import { getAt, parseSteps, type FieldRef } from './paths.ts';

export type Values = Record<string, unknown>;

/** One instance of a scope: the top level, or item `index` of a group. */
export interface Instance {
  def: ScopeDef;
  values: Values;
  /** Value path of the instance ('' at the top level, e.g. 'con[1]' for an item). */
  path: string;
  parent?: Instance;
  index?: number;
}

const asObject = (v: unknown): Values => (v !== null && typeof v === 'object' && !Array.isArray(v) ? (v as Values) : {});

export const fieldPath = (inst: Instance, key: string) => (inst.path === '' ? key : `${inst.path}.${key}`);

export class FormState {
  readonly form: CompiledForm;
  readonly root: Instance;
  private readonly memo = new Map<string, boolean>();
  private readonly evaluating = new Set<string>();

  constructor(def: FormDefinition | CompiledForm, values: Values) {
    this.form = 'root' in def && 'pages' in def && 'definition' in def ? def : compileForm(def as FormDefinition);
    this.root = { def: this.form.root, values: asObject(values), path: '' };
  }

  /** The items of a group in an instance (empty when the value is not a list). */
  items(group: CompiledField, inst: Instance): Instance[] {
    const list = inst.values[group.key];
    if (!Array.isArray(list) || !group.item) return [];
    return list.map((v, index) => ({ def: group.item!, values: asObject(v), path: `${fieldPath(inst, group.key)}[${index}]`, parent: inst, index }));
  }

  isVisible(field: CompiledField, inst: Instance): boolean {
    const path = fieldPath(inst, field.key);
    const known = this.memo.get(path);
    if (known !== undefined) return known;
    if (this.evaluating.has(path)) {
      throw new FormDefinitionError(this.form.definition.id, [`điều kiện hiển thị phụ thuộc vòng tròn tại "${path}".`]);
    }
    this.evaluating.add(path);
    try {
      let visible = true;
      if (inst.parent && inst.def.group) visible = this.isVisible(inst.def.group, inst.parent);
      if (visible && field.showIf) visible = this.holds(field.showIf, inst);
      this.memo.set(path, visible);
      return visible;
    } finally {
      this.evaluating.delete(path);
    }
  }

  isRequired(field: CompiledField, inst: Instance): boolean {
    return field.field.required === true || (field.requireIf !== undefined && this.holds(field.requireIf, inst));
  }

  holds(cond: CompiledCondition, inst: Instance): boolean {
    return evaluateCompiled(cond, (ref) => this.resolve(ref, inst));
  }

  /** The value a reference points to, seen from an instance; undefined when the field is hidden or absent. */
  resolve(ref: FieldRef, inst: Instance): unknown {
    const anchorDef = anchorScope(ref, inst.def);
    if (!anchorDef) return undefined;
    let anchored: Instance | undefined = inst;
    while (anchored && anchored.def !== anchorDef) anchored = anchored.parent;
    if (!anchored) return undefined;
    let target: Instance = anchored;
    let field = target.def.fields.get(ref.key);
    if (!field || !this.isVisible(field, target)) return undefined;
    let value = target.values[ref.key];
    const tail = ref.tail;
    for (let i = 0; i < tail.length; i++) {
      if (field.type === 'group' && typeof tail[i] === 'number') {
        const item: Instance | undefined = this.items(field, target)[tail[i] as number];
        if (!item) return undefined;
        const subKey = tail[i + 1];
        if (subKey === undefined) return item.values;
        const sub: CompiledField | undefined = typeof subKey === 'string' ? item.def.fields.get(subKey) : undefined;
        if (!sub || !this.isVisible(sub, item)) return undefined;
        field = sub;
        target = item;
        value = item.values[subKey as string];
        i++;
        continue;
      }
      return getAt(value, tail.slice(i));
    }
    return value;
  }

  /** The field a value path names (`con[1].hoTen`) and the instance it lives in; null when there is none. */
  locate(path: string): { field: CompiledField; inst: Instance } | null {
    const steps = parseSteps(path);
    if (!steps) return null;
    let inst: Instance = this.root;
    for (let i = 0; i < steps.length; i++) {
      const key = steps[i];
      if (typeof key !== 'string') return null;
      const field = inst.def.fields.get(key);
      if (!field) return null;
      if (i === steps.length - 1) return { field, inst };
      const index = steps[i + 1];
      if (field.type !== 'group' || typeof index !== 'number') return null;
      const item = this.items(field, inst)[index];
      if (!item) {
        // The item is gone from the answers: still name the field, in an empty item.
        if (i + 2 >= steps.length) return null;
        inst = { def: field.item!, values: {}, path: `${fieldPath(inst, key)}[${index}]`, parent: inst, index };
      } else inst = item;
      i++;
    }
    return null;
  }

  /** Calls `visit` for every visible field, depth first in form order (group items after their group). */
  walkVisible(visit: (field: CompiledField, inst: Instance) => void, fields: CompiledField[] = this.form.root.order, inst: Instance = this.root): void {
    for (const f of fields) {
      if (!this.isVisible(f, inst)) continue;
      visit(f, inst);
      if (f.type === 'group') for (const item of this.items(f, inst)) this.walkVisible(visit, item.def.order, item);
    }
  }
}
