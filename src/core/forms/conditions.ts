/**
 * Conditions in e-form definitions (JSON, stored in the catalogue): show or require a field when …
 *   { "field": "coThongTinCha", "equals": true }
 *   { "field": "loai", "in": ["a", "b"] }   { "field": "x", "notEmpty": true }
 *   { "all": [ … ] }   { "any": [ … ] }   { "not": { … } }
 * A field name resolves first inside the current repeated-group item, then at the top level.
 */
import { z } from 'zod';

export type Condition =
  | { field: string; equals: unknown }
  | { field: string; in: unknown[] }
  | { field: string; notEmpty: true }
  | { all: Condition[] }
  | { any: Condition[] }
  | { not: Condition };

export const Condition: z.ZodType<Condition> = z.lazy(() =>
  z.union([
    z.object({ field: z.string(), equals: z.unknown() }).strict(),
    z.object({ field: z.string(), in: z.array(z.unknown()) }).strict(),
    z.object({ field: z.string(), notEmpty: z.literal(true) }).strict(),
    z.object({ all: z.array(Condition) }).strict(),
    z.object({ any: z.array(Condition) }).strict(),
    z.object({ not: Condition }).strict(),
  ]),
) as z.ZodType<Condition>;

export type Values = Record<string, unknown>;

export const isEmpty = (v: unknown) =>
  v === undefined || v === null || (typeof v === 'string' && v.trim() === '') || (Array.isArray(v) && v.length === 0);

function lookup(field: string, values: Values, item?: Values): unknown {
  if (item && field in item) return item[field];
  return values[field];
}

export function evaluate(cond: unknown, values: Values, item?: Values): boolean {
  if (cond === undefined || cond === null) return true;
  const parsed = Condition.safeParse(cond);
  if (!parsed.success) throw new Error(`Điều kiện không hợp lệ trong biểu mẫu: ${JSON.stringify(cond)}`);
  const c = parsed.data as Record<string, unknown>;
  if ('all' in c) return (c.all as Condition[]).every((x) => evaluate(x, values, item));
  if ('any' in c) return (c.any as Condition[]).some((x) => evaluate(x, values, item));
  if ('not' in c) return !evaluate(c.not, values, item);
  const v = lookup(c.field as string, values, item);
  if ('equals' in c) return v === c.equals;
  if ('in' in c) return (c.in as unknown[]).includes(v);
  return !isEmpty(v);
}
