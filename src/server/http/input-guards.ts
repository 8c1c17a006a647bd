/**
 * Input refused at the edge, for every route, before any handler or database sees it:
 * - a NUL character (U+0000) anywhere in the path, the query or a parsed body (JSON or form): PostgreSQL cannot
 *   store it in text and answered 500; it is never meaningful in MotCua's data. Uploaded file bytes are not
 *   looked at (binary files hold NUL bytes).
 * - a malformed multipart body (no boundary, a truncated part): the parser's error becomes a 400.
 */
import type { FastifyInstance } from 'fastify';
import { AppError } from './errors.ts';

const NUL_MESSAGE = 'Dữ liệu gửi lên chứa ký tự không hợp lệ (ký tự NUL). Vui lòng kiểm tra lại.';

export const nulCharacterError = (where: 'url' | 'body') => new AppError('NUL_CHARACTER', NUL_MESSAGE, 400, { where });

/** Whether a value parsed from JSON or a form holds U+0000 in a string or a key (depth-limited walk). */
export function containsNul(value: unknown, depth = 0): boolean {
  if (typeof value === 'string') return value.includes('\u0000');
  if (value === null || typeof value !== 'object' || depth > 64 || Buffer.isBuffer(value)) return false;
  if (Array.isArray(value)) return value.some((v) => containsNul(v, depth + 1));
  for (const [k, v] of Object.entries(value)) if (k.includes('\u0000') || containsNul(v, depth + 1)) return true;
  return false;
}

/** Whether a raw request URL carries a NUL, literally or percent-encoded (the path and the query both decode it). */
export const urlHasNul = (url: string) => url.includes('\u0000') || /%00/i.test(url);

/**
 * The errors of the multipart parser (busboy and @fastify/multipart) that mean a malformed body, not a server fault:
 * no boundary, a header cut short, or (on a multipart request) a part whose stream ended before its boundary.
 */
export function isMalformedMultipart(err: { message?: string; code?: string }, contentType: string | undefined): boolean {
  if (err.code === 'FST_INVALID_MULTIPART_CONTENT_TYPE' || err.code === 'FST_PROTO_VIOLATION') return true;
  if (err.code === 'ERR_STREAM_PREMATURE_CLOSE' && /^multipart\//i.test(contentType ?? '')) return true;
  return /^(Multipart: Boundary not found|Unexpected end of (form|multipart data)|Malformed part header|Malformed urlencoded form)/i.test(err.message ?? '');
}

export function registerInputGuards(app: FastifyInstance): void {
  app.addHook('onRequest', async (req) => {
    if (urlHasNul(req.url)) throw nulCharacterError('url');
  });
  app.addHook('preValidation', async (req) => {
    if (containsNul(req.body)) throw nulCharacterError('body');
  });
}

/**
 * A PostgreSQL "data exception" (SQLSTATE class 22: a value that is not a date, a number out of range, a character
 * the database cannot store…) raised by a request's input: the backstop that turns what slipped past a schema into a
 * 400 instead of a 500.
 */
export function isDataException(err: { code?: unknown; severity?: unknown; routine?: unknown }): boolean {
  return typeof err.code === 'string' && /^22[0-9A-Z]{3}$/.test(err.code) && (err.severity !== undefined || err.routine !== undefined);
}
