/**
 * Building blocks of the API contract: wire formats shared by every area (instants, days, ids, pages), the error
 * answer, and the descriptions of answers that are not JSON (files, redirects, pages).
 *
 * Every schema describes JSON as it travels: instants are ISO 8601 strings (`toISOString()`), days are yyyy-mm-dd.
 * Response objects are strict (an unknown or renamed field is an error in tests).
 */
import { z } from 'zod';
import { ERROR_CODES } from './errors.ts';

/** An instant, as `Date.prototype.toISOString()` writes it (UTC). */
export const Instant = z.iso.datetime({ offset: true });
/** A calendar day, yyyy-mm-dd. */
export const Day = z.string().regex(/^\d{4}-\d{2}-\d{2}$/);
export const Uuid = z.uuid();

/** `{ ok: true }`: the answer of a write that has nothing else to say. */
export const Ok = z.strictObject({ ok: z.literal(true) });

/** `{ items: [...] }` */
export const Items = <T extends z.ZodType>(item: T) => z.strictObject({ items: z.array(item) });

/** One page of a paged list. */
export const Paged = <T extends z.ZodType>(item: T) =>
  z.strictObject({ total: z.number().int().min(0), page: z.number().int().min(1), pageSize: z.number().int().min(1), items: z.array(item) });

/** `{ code, name }` of a national dossier status (1–10). */
export const StatusView = z.strictObject({ code: z.number().int().min(1).max(10), name: z.string() });

/** One problem of a request that failed validation (VALIDATION_FAILED): where, what, and zod's issue data. */
export const ValidationIssue = z.strictObject({
  /** Dotted path of the field (`cases.0.workflow`); empty for the whole input. */
  path: z.string(),
  /** Vietnamese message (the schema's own, or zod's Vietnamese one). */
  message: z.string(),
  /** zod's issue code (too_small, invalid_type, invalid_format, custom, …). */
  code: z.string(),
  /** The issue's own data (minimum, maximum, origin, format, expected, values, …), enough to word it in another language. */
  params: z.record(z.string(), z.unknown()).optional(),
});
export type ValidationIssue = z.infer<typeof ValidationIssue>;

/** Every error answer: `{ error: { code, message, params?, details? } }` (codes in src/contract/errors.ts). */
export const ErrorBody = z.strictObject({
  error: z.strictObject({
    code: z.enum(ERROR_CODES as [string, ...string[]]),
    message: z.string(),
    params: z.record(z.string(), z.union([z.string(), z.number()])).optional(),
    details: z.unknown().optional(),
  }),
});
export type ErrorBody = z.infer<typeof ErrorBody>;

/** zod's data about an issue, without the input itself (it may be personal data) and nested union branches. */
function issueParams(issue: z.core.$ZodIssue): Record<string, unknown> | undefined {
  const out: Record<string, unknown> = {};
  const plain = (v: unknown) => v === null || ['string', 'number', 'boolean'].includes(typeof v);
  for (const [k, v] of Object.entries(issue)) {
    if (['code', 'path', 'message', 'input', 'inst', 'errors', 'issues'].includes(k) || v === undefined) continue;
    if (k === 'pattern' && v instanceof RegExp) out[k] = v.source;
    else if (typeof v === 'bigint') out[k] = v.toString();
    else if (plain(v) || (Array.isArray(v) && v.every(plain))) out[k] = v;
  }
  return Object.keys(out).length > 0 ? out : undefined;
}

/** The issues of a failed validation as they travel (VALIDATION_FAILED's details.issues). */
export function validationIssues(error: z.ZodError): ValidationIssue[] {
  return error.issues.map((i) => {
    const params = issueParams(i);
    return { path: i.path.join('.'), message: i.message, code: i.code, ...(params ? { params } : {}) };
  });
}

/** The `details` of a VALIDATION_FAILED error. */
export const ValidationDetails = z.strictObject({ where: z.enum(['body', 'query', 'params']), issues: z.array(ValidationIssue) });
export type ValidationDetails = z.infer<typeof ValidationDetails>;

// --- Answers --------------------------------------------------------------------------------------------------------

/** A JSON answer: its schema and the 2xx statuses it is sent with (200 unless told). */
export interface JsonAnswer<S extends z.ZodType = z.ZodType> {
  kind: 'json';
  schema: S;
  statuses: readonly number[];
}
/** A file (PDF, spreadsheet, image, CSV, HTML page): its media types. */
export interface FileAnswer {
  kind: 'file';
  mediaTypes: readonly string[];
  description: string;
}
/** A redirect (no body): its status and where it leads. */
export interface RedirectAnswer {
  kind: 'redirect';
  status: 301 | 302 | 303 | 307 | 308;
  location: string;
}
export type Answer = JsonAnswer | FileAnswer | RedirectAnswer;

/** JSON answered with 201 Created (or the statuses given, e.g. 200 and 201 for an idempotent create). */
export const json = <S extends z.ZodType>(schema: S, statuses: readonly number[] = [200]): JsonAnswer<S> => ({ kind: 'json', schema, statuses });
export const created = <S extends z.ZodType>(schema: S): JsonAnswer<S> => json(schema, [201]);
/** 201 for a new resource, 200 when an idempotent retry finds the one created before. */
export const createdOrFound = <S extends z.ZodType>(schema: S): JsonAnswer<S> => json(schema, [200, 201]);
export const file = (description: string, ...mediaTypes: string[]): FileAnswer => ({ kind: 'file', mediaTypes, description });
export const redirect = (status: RedirectAnswer['status'], location: string): RedirectAnswer => ({ kind: 'redirect', status, location });

export const PDF = 'application/pdf';
export const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
export const CSV = 'text/csv';
export const HTML = 'text/html';
