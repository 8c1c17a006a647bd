/**
 * Paths in form values and references between fields.
 *
 * A value path names one answer: `hoTenMe`, `con[1].hoTen`, `con[1].giayTo[0].so` (groups nest). Errors and
 * prefill provenance use value paths, with 0-based item indexes.
 *
 * A field reference (in conditions and cross-field validation) names a field as seen from where the condition
 * is written:
 *   `x`        the nearest enclosing scope that defines a field `x`: inside a repeated-group item, the item's own
 *              fields first, then the enclosing item's, then the top level (lexical scoping, by definition —
 *              not by which values happen to be present)
 *   `./x`      a field of the current item only
 *   `../x`     a field of the enclosing scope (repeatable: `../../x`)
 *   `/x`       a top-level field
 * followed by optional steps into the value: `[n]` selects item n of a group, `.name` a sub-field of that item or
 * a property of an object value (`noiCuTru.provinceCode`, `me.idNumber`). Examples: `hasFather`, `./relation`,
 * `/applicantRole`, `children[0].birthDate`.
 */

export type Step = string | number;

const KEY = /^[a-zA-Z][a-zA-Z0-9_]*$/;

/** Parses steps like `a[1].b.c[0]` into ['a', 1, 'b', 'c', 0]; null when malformed. */
export function parseSteps(text: string): Step[] | null {
  const steps: Step[] = [];
  const re = /([a-zA-Z][a-zA-Z0-9_]*)|\[(\d+)\]|(\.)/gy;
  let expectName = true;
  let pos = 0;
  let m: RegExpExecArray | null;
  re.lastIndex = 0;
  while (pos < text.length) {
    re.lastIndex = pos;
    m = re.exec(text);
    if (!m || m.index !== pos) return null;
    if (m[1] !== undefined) {
      if (!expectName) return null;
      steps.push(m[1]);
      expectName = false;
    } else if (m[2] !== undefined) {
      if (expectName) return null;
      steps.push(Number(m[2]));
    } else {
      if (expectName) return null;
      expectName = true;
    }
    pos = re.lastIndex;
  }
  if (expectName || steps.length === 0) return null;
  return steps;
}

export function formatPath(steps: readonly Step[]): string {
  let out = '';
  for (const s of steps) out += typeof s === 'number' ? `[${s}]` : out === '' ? s : `.${s}`;
  return out;
}

export function joinPath(prefix: string, key: string): string {
  return prefix === '' ? key : `${prefix}.${key}`;
}

/** Reads a value at steps; undefined when any step is missing. */
export function getAt(root: unknown, steps: readonly Step[]): unknown {
  let cur = root;
  for (const s of steps) {
    if (cur === null || cur === undefined) return undefined;
    if (typeof s === 'number') {
      if (!Array.isArray(cur)) return undefined;
      cur = cur[s];
    } else {
      if (typeof cur !== 'object' || Array.isArray(cur)) return undefined;
      cur = Object.hasOwn(cur, s) ? (cur as Record<string, unknown>)[s] : undefined;
    }
  }
  return cur;
}

export interface FieldRef {
  /** lexical: nearest scope defining the key; current: this scope only; root: top level; up: n scopes up. */
  anchor: 'lexical' | 'current' | 'root' | 'up';
  up: number;
  key: string;
  /** Steps after the field key: item indexes and sub-field / property names. */
  tail: Step[];
  text: string;
}

/** Parses a field reference (see the module comment); null when malformed. */
export function parseFieldRef(text: string): FieldRef | null {
  if (typeof text !== 'string' || text.length === 0 || text.length > 200) return null;
  let rest = text;
  let anchor: FieldRef['anchor'] = 'lexical';
  let up = 0;
  if (rest.startsWith('/')) {
    anchor = 'root';
    rest = rest.slice(1);
  } else if (rest.startsWith('./')) {
    anchor = 'current';
    rest = rest.slice(2);
  } else if (rest.startsWith('../')) {
    anchor = 'up';
    while (rest.startsWith('../')) {
      up++;
      rest = rest.slice(3);
    }
  }
  const steps = parseSteps(rest);
  if (!steps || typeof steps[0] !== 'string' || !KEY.test(steps[0])) return null;
  return { anchor, up, key: steps[0], tail: steps.slice(1), text };
}
