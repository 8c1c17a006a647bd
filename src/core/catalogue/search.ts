/**
 * Procedure search that ignores diacritics and case ("dang ky khai sinh" finds "Đăng ký khai sinh"), shared by
 * the server and the browser. Ranking: the whole query as the name > the query as a phrase in the name (shorter
 * names first) > every word in the name > keywords/synonyms > the guide text. A word also matches the start of
 * a longer word, so partial typing works.
 */
export function foldVietnamese(s: string): string {
  return s
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/đ/g, 'd')
    .replace(/Đ/g, 'D')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, ' ')
    .trim();
}

export interface Searchable {
  name: string;
  keywords?: string[];
  text?: string;
}

interface Indexed<T> {
  item: T;
  name: string;
  nameWords: string[];
  keywords: string[];
  text: string;
}

export class ProcedureIndex<T extends Searchable> {
  private readonly entries: Indexed<T>[];

  constructor(items: T[]) {
    this.entries = items.map((item) => {
      const name = foldVietnamese(item.name);
      return { item, name, nameWords: name.split(' '), keywords: (item.keywords ?? []).map(foldVietnamese), text: foldVietnamese(item.text ?? '') };
    });
  }

  search(query: string): { item: T; score: number }[] {
    const q = foldVietnamese(query);
    if (!q) return this.entries.map((e) => ({ item: e.item, score: 0 }));
    const tokens = q.split(' ');
    const out: { item: T; score: number }[] = [];
    for (const e of this.entries) {
      const score = scoreEntry(e, q, tokens);
      if (score > 0) out.push({ item: e.item, score });
    }
    return out.sort((a, b) => b.score - a.score || a.item.name.length - b.item.name.length || a.item.name.localeCompare(b.item.name, 'vi'));
  }
}

const hasPhrase = (hay: string, phrase: string) => ` ${hay} `.includes(` ${phrase} `);
const wordMatches = (words: string[], token: string) => words.some((w) => w === token || (token.length >= 2 && w.startsWith(token)));

function scoreEntry(e: Indexed<unknown>, q: string, tokens: string[]): number {
  let score = 0;
  if (e.name === q) score += 1000;
  else if (hasPhrase(e.name, q)) score += 600 - Math.min(200, e.name.length - q.length);
  const inName = tokens.filter((t) => wordMatches(e.nameWords, t)).length;
  const keywordWords = e.keywords.flatMap((k) => k.split(' '));
  const inKeywords = tokens.filter((t) => wordMatches(keywordWords, t)).length;
  const textWords = e.text.split(' ');
  const inText = tokens.filter((t) => wordMatches(textWords, t)).length;
  const matchedSomewhere = tokens.filter((t) => wordMatches(e.nameWords, t) || wordMatches(keywordWords, t) || wordMatches(textWords, t)).length;
  if (matchedSomewhere < tokens.length) return 0; // every word must appear somewhere
  if (inName === tokens.length) score += 200;
  score += inName * 20;
  if (e.keywords.some((k) => k === q)) score += 300;
  else if (e.keywords.some((k) => hasPhrase(k, q))) score += 150;
  score += inKeywords * 8 + inText * 2;
  return score;
}
