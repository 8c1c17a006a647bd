/**
 * Procedure content in English (issue 18 item 7): the catalogue is Vietnamese, the legal text; a procedure may carry
 * an English translation as data (`en` on the definition for its name, guide and legal basis titles; `nameEn`,
 * `labelEn`, `titleEn`, `hintEn`, `noteEn` beside the Vietnamese of its cases, documents, fees, results and e-form).
 *
 * Pure functions: which language a request asks for (`chooseLanguage`), whether a translation agrees with the
 * Vietnamese (`englishProblems`, run when a definition is imported or written), how much of a procedure has English
 * (`englishCoverage`), and the procedure's text in the language asked for (`localiseProcedure`).
 *
 * Structural types only (no import of schema.ts, which imports this file).
 */

export type ContentLanguage = 'vi' | 'en';

/** How much of a procedure a person meets in English: all of it, some of it (the rest in Vietnamese), none. */
export type EnglishCoverage = 'full' | 'partial' | 'none';

interface FieldText {
  label: string;
  labelEn?: string;
  hint?: string;
  hintEn?: string;
  options?: { label: string; labelEn?: string }[];
  fields?: FieldText[];
}

interface CaseText {
  code: string;
  name: string;
  nameEn?: string;
  documents: { name: string; nameEn?: string }[];
  fees?: { name: string; nameEn?: string; exemptions?: { name: string; nameEn?: string }[] }[];
  timeLimit: { note?: string; noteEn?: string };
  result: { name: string; nameEn?: string };
  form?: { pages: { title: string; titleEn?: string; fields: FieldText[] }[] };
}

export interface EnglishText {
  name: string;
  fieldName?: string;
  guide: { summary: string; whoNeedsIt: string; steps: string[]; conditions?: string };
  legalBasis?: { number: string; title: string }[];
}

export interface ProcedureTexts {
  name: string;
  field: { code: string; name: string };
  guide: { summary: string; whoNeedsIt: string; steps: string[]; conditions?: string };
  legalBasis: { number: string; title: string }[];
  cases: CaseText[];
  en?: EnglishText;
}

const LANGUAGES: readonly ContentLanguage[] = ['vi', 'en'];

/** "en", "EN", "en-GB", "en_US" → "en"; anything else → undefined. */
function primaryLanguage(tag: string): ContentLanguage | undefined {
  const primary = tag.trim().toLowerCase().split(/[-_]/)[0];
  return (LANGUAGES as readonly string[]).includes(primary) ? (primary as ContentLanguage) : undefined;
}

/**
 * The language of a request: `?lang=` when given (`vi`, `en`, or a tag such as `en-GB`; any other value gives
 * Vietnamese, the legal text, never an error), else the preferred of Vietnamese and English in Accept-Language (by
 * q-value, then order), else Vietnamese.
 */
export function chooseLanguage(langParam: string | undefined, acceptLanguage: string | undefined): ContentLanguage {
  if (langParam !== undefined && langParam !== '') return primaryLanguage(langParam) ?? 'vi';
  if (!acceptLanguage) return 'vi';
  let best: { lang: ContentLanguage; q: number } | undefined;
  // A header longer than any real one is read only as far as its first 40 entries.
  for (const entry of acceptLanguage.split(',').slice(0, 40)) {
    const [tag, ...params] = entry.split(';');
    const lang = primaryLanguage(tag);
    if (!lang) continue;
    let q = 1;
    for (const p of params) {
      const m = /^\s*q\s*=\s*([01](?:\.\d{0,3})?)\s*$/.exec(p);
      if (m) q = Number(m[1]);
    }
    if (q > 0 && q <= 1 && (!best || q > best.q)) best = { lang, q };
  }
  return best?.lang ?? 'vi';
}

export interface EnglishProblem {
  path: (string | number)[];
  message: string;
}

/** Where the English text does not agree with the Vietnamese (messages in Vietnamese, like every import check). */
export function englishProblems(d: ProcedureTexts): EnglishProblem[] {
  const problems: EnglishProblem[] = [];
  d.cases.forEach((c, i) => {
    if (c.timeLimit.noteEn && !c.timeLimit.note)
      problems.push({
        path: ['cases', i, 'timeLimit', 'noteEn'],
        message: `Trường hợp ${c.code}: có ghi chú thời hạn tiếng Anh nhưng không có ghi chú tiếng Việt`,
      });
  });
  const en = d.en;
  if (!en) return problems;
  if (en.guide.steps.length !== d.guide.steps.length)
    problems.push({
      path: ['en', 'guide', 'steps'],
      message: `Bản tiếng Anh có ${en.guide.steps.length} bước, bản tiếng Việt có ${d.guide.steps.length} bước: phải bằng nhau`,
    });
  if (!!en.guide.conditions !== !!d.guide.conditions)
    problems.push({
      path: ['en', 'guide', 'conditions'],
      message: d.guide.conditions ? 'Bản tiếng Anh thiếu điều kiện (bản tiếng Việt có)' : 'Bản tiếng Anh có điều kiện mà bản tiếng Việt không có',
    });
  const numbers = new Set(d.legalBasis.map((l) => l.number));
  const seen = new Set<string>();
  (en.legalBasis ?? []).forEach((l, i) => {
    if (!numbers.has(l.number))
      problems.push({ path: ['en', 'legalBasis', i, 'number'], message: `Căn cứ pháp lý "${l.number}" không có trong bản tiếng Việt của thủ tục` });
    else if (seen.has(l.number)) problems.push({ path: ['en', 'legalBasis', i, 'number'], message: `Căn cứ pháp lý "${l.number}" được dịch hai lần` });
    seen.add(l.number);
  });
  return problems;
}

const fieldHasEnglish = (f: FieldText): boolean =>
  !!f.labelEn && (!f.hint || !!f.hintEn) && (f.options ?? []).every((o) => !!o.labelEn) && (f.fields ?? []).every(fieldHasEnglish);

/** Every text of a case that a person meets has English. */
export function caseHasEnglish(c: CaseText): boolean {
  return (
    !!c.nameEn &&
    !!c.result.nameEn &&
    (!c.timeLimit.note || !!c.timeLimit.noteEn) &&
    c.documents.every((x) => !!x.nameEn) &&
    (c.fees ?? []).every((f) => !!f.nameEn && (f.exemptions ?? []).every((x) => !!x.nameEn)) &&
    (c.form?.pages ?? []).every((p) => !!p.titleEn && p.fields.every(fieldHasEnglish))
  );
}

/** None without the procedure's English name and guide; full when every text a person meets has English too. */
export function englishCoverage(d: ProcedureTexts): EnglishCoverage {
  if (!d.en) return 'none';
  const full = !!d.en.fieldName && d.legalBasis.every((l) => (d.en?.legalBasis ?? []).some((e) => e.number === l.number)) && d.cases.every(caseHasEnglish);
  return full ? 'full' : 'partial';
}

/** A text and the language it is in (the English interface marks Vietnamese text `lang="vi"` for screen readers). */
export interface LocalisedText {
  text: string;
  lang: ContentLanguage;
}

/** The procedure's own text in the language asked for, each piece with the language it is actually in. */
export interface LocalisedProcedure {
  /** The language asked for. */
  lang: ContentLanguage;
  /** How much of the procedure exists in English (whatever the language asked for). */
  english: EnglishCoverage;
  /** The language of the name and guide below: English only when asked for and present. */
  textLang: ContentLanguage;
  name: string;
  fieldName: LocalisedText;
  guide: { summary: string; whoNeedsIt: string; steps: string[]; conditions?: string };
  legalBasis: { number: string; title: LocalisedText }[];
}

/** The name, guide, field and legal basis titles in `lang`, falling back to the Vietnamese piece by piece. */
export function localiseProcedure(d: ProcedureTexts, lang: ContentLanguage): LocalisedProcedure {
  const en = lang === 'en' ? d.en : undefined;
  const vi = (text: string): LocalisedText => ({ text, lang: 'vi' });
  const pick = (english: string | undefined, vietnamese: string): LocalisedText => (english ? { text: english, lang: 'en' } : vi(vietnamese));
  return {
    lang,
    english: englishCoverage(d),
    textLang: en ? 'en' : 'vi',
    name: en ? en.name : d.name,
    fieldName: pick(en?.fieldName, d.field.name),
    guide: en ? { ...en.guide } : { ...d.guide },
    legalBasis: d.legalBasis.map((l) => ({ number: l.number, title: pick(en?.legalBasis?.find((e) => e.number === l.number)?.title, l.title) })),
  };
}
