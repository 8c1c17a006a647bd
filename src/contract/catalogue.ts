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
});

export const ProcedureCodeParams = z.object({ code: z.string().max(64) });

/** A procedure in a list of search results. */
export const ProcedureSummary = z.strictObject({
  code: z.string(),
  name: z.string(),
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
export const ProcedureDetail = z.strictObject({ code: z.string(), version: z.number().int(), effectiveFrom: Day, definition: ProcedureDefinition });
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
