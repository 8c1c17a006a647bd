/** Pure helpers of the public Q&A pages (tested in group.test.ts). */
import type { Qa } from './types.ts';

/** Field → procedure → items, in the order of first appearance (the newest first). */
export function groupQa(items: Qa[], other: string, general: string): { field: string; procedures: { code: string; items: Qa[] }[] }[] {
  const fields = new Map<string, Map<string, Qa[]>>();
  for (const x of items) {
    const field = x.category?.trim() || other;
    const byProc = fields.get(field) ?? new Map<string, Qa[]>();
    const code = x.procedureCode ?? general;
    byProc.set(code, [...(byProc.get(code) ?? []), x]);
    fields.set(field, byProc);
  }
  return [...fields].map(([field, m]) => ({ field, procedures: [...m].map(([code, list]) => ({ code, items: list })) }));
}

/** The words worth searching: at most five of three letters or more (every word must match on the server). */
export function searchWords(text: string): string {
  return text
    .split(/[^\p{L}\p{N}]+/u)
    .filter((w) => w.length >= 3)
    .slice(0, 5)
    .join(' ');
}
