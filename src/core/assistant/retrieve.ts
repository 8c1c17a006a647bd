/**
 * Retrieval for the assistant: which procedure (and which of its cases) a citizen's question is about, or which
 * curated answer answers it, ranked over the catalogue, the phrasing table and the curated/published answers.
 *
 * Scoring, per procedure: BM25 over its words (MiniSearch, diacritic-free, prefix and one-typo tolerant) taken as
 * the best of its documents (the procedure itself, each phrasing that points to it), plus a bonus for the longest
 * phrase of the question that is a name, keyword or phrasing of the procedure. The answer is "confident" only when
 * most of the question's meaningful words (not pronouns or question words) appear among the procedure's own words:
 * a question about something outside the catalogue ("xin visa đi Mỹ") then gets the not-sure answer instead of
 * the nearest procedure.
 */
import MiniSearch from 'minisearch';
import type { ProcedureDefinition } from '../catalogue/schema.ts';
import { withoutAspectWords } from './intent.ts';
import { contentTokens, foldForAssistant, tokensOf } from './text.ts';

/** A row of the phrasing table: an everyday way of saying a procedure (or one case of it). */
export interface Phrasing {
  phrase: string;
  procedureCode: string;
  caseCode?: string;
}

/** A curated or published answer (hỏi đáp), optionally about one procedure. */
export interface CuratedAnswer {
  id: string;
  question: string;
  answer: string;
  procedureCode?: string;
  kind: 'curated' | 'qa';
}

export interface RankedProcedure {
  code: string;
  score: number;
  /** Share of the question's meaningful words found among the procedure's words (0–1). */
  coverage: number;
  caseCode?: string;
}

export interface Retrieval {
  procedures: RankedProcedure[];
  /** A curated answer that matches the question closely, if any. */
  answer?: { item: CuratedAnswer; coverage: number };
  confident: boolean;
}

/** Below this share of meaningful words found, the assistant says it is not sure. */
export const MIN_COVERAGE = 0.6;

interface Doc {
  id: string;
  code: string;
  caseCode?: string;
  name: string;
  keywords: string;
  phrase: string;
  text: string;
}

const within1 = (a: string, b: string): boolean => {
  if (a === b) return true;
  if (Math.abs(a.length - b.length) > 1) return false;
  let i = 0;
  let j = 0;
  let edits = 0;
  while (i < a.length && j < b.length) {
    if (a[i] === b[j]) {
      i++;
      j++;
      continue;
    }
    if (++edits > 1) return false;
    if (a.length > b.length) i++;
    else if (b.length > a.length) j++;
    else if (a[i + 1] === b[j] && a[i] === b[j + 1]) {
      // transposed letters
      i += 2;
      j += 2;
    } else {
      i++;
      j++;
    }
  }
  return edits + (a.length - i) + (b.length - j) <= 1;
};

/** A question word matches a vocabulary word exactly, as its beginning (≥ 3 letters), or with one typo (≥ 5 letters). */
const wordMatches = (token: string, vocab: ReadonlySet<string>): boolean => {
  if (vocab.has(token)) return true;
  for (const w of vocab) {
    if (token.length >= 3 && w.startsWith(token)) return true;
    if (token.length >= 5 && w.length >= 5 && within1(token, w)) return true;
  }
  return false;
};

const hasPhrase = (q: string, phrase: string) => phrase.length > 0 && ` ${q} `.includes(` ${phrase} `);

interface ProcedureEntry {
  def: ProcedureDefinition;
  vocab: Set<string>;
  phrases: { folded: string; caseCode?: string }[];
  /** Per case: the words of its name that no other case of the procedure has. */
  caseWords: { code: string; words: Set<string> }[];
}

export class AssistantIndex {
  private readonly search: MiniSearch<Doc>;
  private readonly entries = new Map<string, ProcedureEntry>();
  private readonly answers: { item: CuratedAnswer; folded: string; words: Set<string> }[];

  constructor(procedures: ProcedureDefinition[], phrasings: Phrasing[], answers: CuratedAnswer[] = []) {
    this.search = new MiniSearch<Doc>({
      fields: ['name', 'keywords', 'phrase', 'text'],
      storeFields: ['code', 'caseCode'],
      processTerm: (t) => foldForAssistant(t) || null,
      tokenize: (s) => foldForAssistant(s).split(' '),
    });
    const docs: Doc[] = [];
    for (const def of procedures) {
      const names = [def.name, ...def.keywords, ...def.cases.map((c) => c.name)];
      const entry: ProcedureEntry = {
        def,
        vocab: new Set(names.flatMap(tokensOf)),
        phrases: [def.name, ...def.keywords].map((p) => ({ folded: foldForAssistant(p) })),
        caseWords: [],
      };
      const caseTokens = def.cases.map((c) => new Set(tokensOf(c.name)));
      entry.caseWords = def.cases.map((c, i) => ({
        code: c.code,
        words: new Set([...caseTokens[i]].filter((w) => caseTokens.every((other, j) => j === i || !other.has(w)) && !/^\d+$/.test(w))),
      }));
      this.entries.set(def.code, entry);
      docs.push({
        id: `p:${def.code}`,
        code: def.code,
        name: def.name,
        keywords: def.keywords.join(' . '),
        phrase: def.cases.map((c) => c.name).join(' . '),
        text: [def.guide.summary, def.guide.whoNeedsIt, def.field.name].join(' '),
      });
    }
    phrasings.forEach((p, i) => {
      const entry = this.entries.get(p.procedureCode);
      if (!entry) return; // a phrasing of a procedure not (or no longer) in the catalogue is ignored
      for (const w of tokensOf(p.phrase)) entry.vocab.add(w);
      entry.phrases.push({ folded: foldForAssistant(p.phrase), caseCode: p.caseCode });
      docs.push({ id: `s:${i}`, code: p.procedureCode, caseCode: p.caseCode, name: '', keywords: '', phrase: p.phrase, text: '' });
    });
    this.search.addAll(docs);
    this.answers = answers
      .filter((a) => !a.procedureCode || this.entries.has(a.procedureCode))
      .map((item) => ({ item, folded: foldForAssistant(item.question), words: new Set(contentTokens(tokensOf(item.question))) }));
  }

  /** The catalogue entry of a code retrieved by this index. */
  procedure(code: string): ProcedureDefinition | undefined {
    return this.entries.get(code)?.def;
  }

  retrieve(question: string, limit = 3): Retrieval {
    const q = foldForAssistant(question);
    const tokens = q ? q.split(' ') : [];
    const meaningful = [...new Set(contentTokens(withoutAspectWords(q).split(' ').filter(Boolean)))];
    if (meaningful.length === 0) return { procedures: [], confident: false };

    const hits = this.search.search(q, {
      boost: { name: 3, keywords: 2, phrase: 3, text: 0.5 },
      prefix: (term) => term.length >= 3,
      fuzzy: (term) => (term.length >= 4 ? 1 : 0),
      combineWith: 'OR',
    });
    const best = new Map<string, { score: number; caseCode?: string }>();
    for (const h of hits) {
      const code = h.code as string;
      const cur = best.get(code);
      if (!cur || h.score > cur.score) best.set(code, { score: h.score, caseCode: (h.caseCode as string | undefined) ?? cur?.caseCode });
    }
    const top = Math.max(1, ...[...best.values()].map((b) => b.score));

    const ranked: RankedProcedure[] = [];
    for (const [code, b] of best) {
      const entry = this.entries.get(code);
      if (!entry) continue;
      const found = meaningful.filter((t) => wordMatches(t, entry.vocab)).length;
      const coverage = found / meaningful.length;
      // The longest phrase of the procedure said in the question, in words; a phrasing may name the case.
      let phraseWords = 0;
      let caseCode: string | undefined;
      for (const p of entry.phrases) {
        if (!hasPhrase(q, p.folded)) continue;
        const n = p.folded.split(' ').length;
        if (n > phraseWords || (n === phraseWords && p.caseCode)) {
          phraseWords = n;
          caseCode = p.caseCode ?? caseCode;
        }
      }
      const score = (100 * b.score) / top + 15 * phraseWords + 60 * coverage;
      ranked.push({ code, score: Math.round(score * 10) / 10, coverage, caseCode: caseCode ?? this.caseFromWords(entry, tokens) });
    }
    ranked.sort((a, b) => b.score - a.score || a.code.localeCompare(b.code));
    const procedures = ranked.slice(0, limit);

    let answer: Retrieval['answer'];
    for (const a of this.answers) {
      if (a.words.size === 0) continue;
      const inQuestion = meaningful.filter((t) => wordMatches(t, a.words)).length / meaningful.length;
      const ofAnswer = [...a.words].filter((w) => meaningful.some((t) => within1(t, w))).length / a.words.size;
      const coverage = Math.min(inQuestion, ofAnswer);
      if (coverage >= 0.75 && (!answer || coverage > answer.coverage)) answer = { item: a.item, coverage };
    }
    const confident = (procedures[0]?.coverage ?? 0) >= MIN_COVERAGE || answer !== undefined;
    return { procedures, answer, confident };
  }

  /** The case whose own words (not shared with the other cases) the question uses, if exactly one. */
  private caseFromWords(entry: ProcedureEntry, tokens: string[]): string | undefined {
    if (entry.def.cases.length === 1) return entry.def.cases[0].code;
    const scored = entry.caseWords.map((c) => ({ code: c.code, n: tokens.filter((t) => c.words.has(t)).length }));
    const max = Math.max(...scored.map((s) => s.n));
    const winners = scored.filter((s) => s.n === max);
    return max > 0 && winners.length === 1 ? winners[0].code : undefined;
  }
}
