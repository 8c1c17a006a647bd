/** The procedure catalogue: public search and reading; new versions by catalogue administrators. */
import { z } from 'zod';
import { ProcedureDefinition, ProcedureLevel, TimeLimit } from '../core/catalogue/schema.ts';
import { Day, Instant } from './http.ts';

export { ProcedureDefinition };

export const ProcedureSearchQuery = z.object({
  q: z.string().max(200).optional(),
  field: z.string().max(50).optional(),
  level: ProcedureLevel.optional(),
  unitKind: z.string().max(50).optional(),
  page: z.coerce.number().int().min(1).default(1),
  pageSize: z.coerce.number().int().min(1).max(100).default(20),
  /** The language of the names (vi, en); without it, Accept-Language; unknown values give Vietnamese. */
  lang: z.string().max(35).optional(),
});

export const ProcedureCodeParams = z.object({ code: z.string().max(64) });

/** `?lang=vi|en` (also a tag such as en-GB); without it, Accept-Language; unknown values give Vietnamese. */
export const ContentLanguageQuery = z.object({ lang: z.string().max(35).optional() });

const ContentLanguage = z.enum(['vi', 'en']);
const LocalisedText = z.strictObject({ text: z.string(), lang: ContentLanguage });

/** The procedure's own text in the language asked for (src/core/catalogue/english.ts, `localiseProcedure`). */
export const ProcedureContent = z.strictObject({
  /** The language asked for. */
  lang: ContentLanguage,
  /** How much of the procedure exists in English: full, partial (some texts in Vietnamese only), none. */
  english: z.enum(['full', 'partial', 'none']),
  /** The language of name and guide: English only when asked for and present. */
  textLang: ContentLanguage,
  name: z.string(),
  fieldName: LocalisedText,
  guide: z.strictObject({ summary: z.string(), whoNeedsIt: z.string(), steps: z.array(z.string()), conditions: z.string().optional() }),
  legalBasis: z.array(z.strictObject({ number: z.string(), title: LocalisedText })),
});
export type ProcedureContent = z.infer<typeof ProcedureContent>;

/** A procedure in a list of search results. */
export const ProcedureSummary = z.strictObject({
  code: z.string(),
  /** The name in the language asked for when the procedure has it, else the Vietnamese. */
  name: z.string(),
  /** The language of `name` (the English interface marks a Vietnamese name lang="vi"). */
  nameLang: z.enum(['vi', 'en']),
  field: z.strictObject({ code: z.string(), name: z.string() }),
  level: ProcedureLevel,
  competentLevel: z.enum(['tinh', 'xa']),
  competentUnitKind: z.string(),
  onlineOnly: z.boolean(),
  timeLimit: TimeLimit,
  hasFee: z.boolean(),
  /** Some case costs nothing (its fees come to 0 with the fewest quantities its form allows: core/fees/free.ts). */
  freeInSomeCases: z.boolean(),
  /** When exactly one case is free: its condition in words, from its name ("đúng hạn"), else null. */
  freeWhen: z.string().nullable(),
  caseCount: z.number().int(),
  version: z.number().int(),
});
export type ProcedureSummary = z.infer<typeof ProcedureSummary>;

export const ProcedureSearchResult = z.strictObject({
  total: z.number().int(),
  page: z.number().int(),
  pageSize: z.number().int(),
  items: z.array(ProcedureSummary),
});

export const ProcedureField = z.strictObject({ code: z.string(), name: z.string(), count: z.number().int() });
export type ProcedureField = z.infer<typeof ProcedureField>;

/** The version in force of a procedure. */
export const ProcedureDetail = z.strictObject({
  code: z.string(),
  version: z.number().int(),
  effectiveFrom: Day,
  /** The whole definition: Vietnamese (the legal text) with the English beside it where the catalogue has it. */
  definition: ProcedureDefinition,
  /** The name, guide, field and legal basis in the language asked for (`?lang=`, Accept-Language). */
  content: ProcedureContent,
});
export type ProcedureDetail = z.infer<typeof ProcedureDetail>;

/** One version of a procedure (catalogue administration). */
export const ProcedureVersion = z.strictObject({
  code: z.string(),
  version: z.number().int(),
  status: z.enum(['active', 'draft', 'retired']),
  effectiveFrom: Day,
  effectiveTo: Day.nullable(),
  definition: ProcedureDefinition,
  createdAt: Instant,
  createdBy: z.string(),
});
export type ProcedureVersion = z.infer<typeof ProcedureVersion>;
