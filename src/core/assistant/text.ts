/**
 * Text handling of the assistant: the catalogue's diacritic-free folding (src/core/catalogue/search.ts), plus the
 * i/y spelling variants Vietnamese allows ("ký"/"kí", "lý"/"lí"), and the words that say nothing about which
 * procedure is meant (pronouns, politeness, question words) so they do not count as evidence.
 */
import { foldVietnamese } from '../catalogue/search.ts';

/** Folded, lower-case, diacritic-free, with a final "y" after a consonant spelt "i" ("dang ky" = "dang ki"). */
export function foldForAssistant(s: string): string {
  return foldVietnamese(s)
    .split(' ')
    .map((w) => (w === 'y' ? 'i' : w.replace(/([^aeiou])y$/, '$1i')))
    .join(' ');
}

export function tokensOf(s: string): string[] {
  const f = foldForAssistant(s);
  return f ? f.split(' ') : [];
}

/**
 * Folded words that carry no evidence of a procedure. Question words stay in the query (the aspect detector reads
 * them) but a procedure is only "confidently" found through the other words.
 */
export const STOPWORDS: ReadonlySet<string> = new Set(
  (
    'toi minh em anh chi ong ba co bac nha cho xin hoi muon can phai lam the nao gi o dau bao nhieu lau ' +
    'khong duoc va la cua thi a ah nhe voi ve de di den roi nay nhu sao vay ai dc k ko j nhi ak ' +
    'giay to thu tuc dang ki giup huong dan phi le tien ngay mau nop gom nhung cac khi neu hay ' +
    'bi tu trong ra vao len xuong cung hoac may mot vua moi da dang se hom nay'
  ).split(' '),
);

export const contentTokens = (tokens: string[]) => tokens.filter((t) => !STOPWORDS.has(t));
