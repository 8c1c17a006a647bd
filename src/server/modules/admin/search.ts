/** Free-text search of the administration lists: every word of the query must appear, ignoring case and diacritics. */

/** One LIKE pattern per word of `q` (LIKE's wildcards taken literally), or null for an empty query. */
export function wordPatterns(q: string | undefined): string[] | null {
  const words = (q ?? '').trim().split(/\s+/).filter(Boolean);
  return words.length ? words.map((w) => `%${w.replace(/[\\%_]/g, (c) => `\\${c}`)}%`) : null;
}

/** SQL: `haystack` (an expression) matches every pattern of the text[] parameter `param`; true when it is null. */
export const matchesAllWords = (haystack: string, param: string) =>
  `(${param}::text[] IS NULL OR unaccent(lower(${haystack})) LIKE ALL (SELECT unaccent(lower(p)) FROM unnest(${param}::text[]) AS p))`;
