/**
 * Browser API client: JSON in and out, the CSRF header on writes, error messages in the interface language.
 *
 * An error answer is `{ error: { code, message, params?, details? } }` (src/contract/errors.ts). In Vietnamese the
 * server's message is shown; in English the message is built from the code and its params with the registry's
 * English template (the server's Vietnamese message when the code is unknown). The issues of a VALIDATION_FAILED
 * keep their path and zod code; in English they are worded with zod's English messages.
 */
import type { z } from 'zod';
import i18next from 'i18next';
import { whenEnglish } from '../i18n/english.ts';

type LocaleError = NonNullable<ReturnType<typeof z.locales.en>['localeError']>;
type ErrorRegistry = typeof import('../../contract/errors.ts');
let englishLocale: LocaleError | undefined;
let registry: ErrorRegistry | undefined;
/**
 * What English error messages need, loaded on demand (chunks of their own: the Vietnamese interface shows the
 * server's own message and never needs them; issue 18, light first load): the error registry (every code's English
 * template, src/contract/errors.ts) and zod's English messages. Loaded when the interface is or becomes English
 * (i18n/english.ts: the switch to English waits for it); until then an error keeps the server's words.
 */
export function loadEnglishErrors(): Promise<void> {
  return Promise.all([import('../../contract/errors.ts'), import('zod/v4/locales/en.js')]).then(([errors, zodEn]) => {
    registry = errors;
    englishLocale = zodEn.default().localeError;
  });
}
whenEnglish(() => loadEnglishErrors().then(() => undefined));

export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly details?: unknown,
    readonly params?: Readonly<Record<string, string | number>>,
  ) {
    super(message);
  }
}

export function csrfToken(): string {
  const m = document.cookie.match(/(?:^|;\s*)motcua_csrf=([^;]+)/);
  return m ? decodeURIComponent(m[1]) : '';
}

/** The interface language (i18next's), Vietnamese before i18next is set up. */
const language = () => i18next.language || 'vi';

const FALLBACK = {
  vi: { network: 'Không kết nối được tới máy chủ. Vui lòng kiểm tra mạng và thử lại.', generic: 'Đã có lỗi xảy ra. Vui lòng thử lại.' },
  en: { network: 'The server cannot be reached. Please check your connection and try again.', generic: 'Something went wrong. Please try again.' },
};
const fallback = (lang: string) => (lang.startsWith('en') ? FALLBACK.en : FALLBACK.vi);

interface WireIssue {
  path: string;
  message: string;
  code: string;
  params?: Record<string, unknown>;
}

/** A validation issue worded in English by zod's English messages (the Vietnamese one when zod has none). */
function englishIssue(issue: WireIssue): string {
  try {
    const raw = {
      ...issue.params,
      code: issue.code,
      path: issue.path ? issue.path.split('.') : [],
      message: undefined,
    } as unknown as Parameters<LocaleError>[0];
    const out = englishLocale?.(raw);
    const text = typeof out === 'string' ? out : out?.message;
    return text || issue.message;
  } catch {
    return issue.message;
  }
}

/** The details of an error in the interface language (only the issues of a VALIDATION_FAILED are worded). */
export function localiseDetails(code: string, details: unknown, lang: string): unknown {
  if (code !== 'VALIDATION_FAILED' || !lang.startsWith('en')) return details;
  const d = details as { issues?: WireIssue[] } | undefined;
  if (!d || !Array.isArray(d.issues)) return details;
  return { ...d, issues: d.issues.map((i) => ({ ...i, message: englishIssue(i) })) };
}

/** The ApiError of an error answer, its message in the interface language. */
export function apiErrorOf(status: number, body: unknown, lang = language()): ApiError {
  const e = (body as { error?: { code?: string; message?: string; params?: Record<string, string | number>; details?: unknown } } | undefined)?.error;
  const code = e?.code ?? `HTTP_${status}`;
  const generic = fallback(lang).generic;
  // Vietnamese: the server's own message. English: the registry's template (once loaded), else the server's words.
  const message = registry ? registry.errorMessage({ code, message: e?.message, params: e?.params }, lang, generic) : e?.message || generic;
  return new ApiError(status, code, message, localiseDetails(code, e?.details, lang), e?.params);
}

export async function api<T>(path: string, init: { method?: string; body?: unknown; signal?: AbortSignal } = {}): Promise<T> {
  const method = init.method ?? 'GET';
  const headers: Record<string, string> = { accept: 'application/json' };
  if (init.body !== undefined) headers['content-type'] = 'application/json';
  if (method !== 'GET') headers['x-csrf-token'] = csrfToken();
  let res: Response;
  try {
    res = await fetch(path, {
      method,
      headers,
      body: init.body === undefined ? undefined : JSON.stringify(init.body),
      credentials: 'same-origin',
      signal: init.signal,
    });
  } catch (err) {
    if ((err as Error).name === 'AbortError') throw err;
    throw new ApiError(0, 'NETWORK', fallback(language()).network);
  }
  const text = await res.text();
  const data = text ? safeJson(text) : undefined;
  if (!res.ok) throw apiErrorOf(res.status, data);
  return data as T;
}

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}
