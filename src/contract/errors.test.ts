/**
 * The error-code registry: every code the server can answer is registered (found by scanning src/server and the
 * decisions of src/core it turns into errors), with a status that matches where it is raised, and messages in both
 * languages; the browser's wording of a code.
 */
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { ERRORS, ERROR_CODES, errorMessage, isErrorCode, placeholdersOf, renderError, statusesOf, type ErrorEntry } from './errors.ts';

const SRC = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

function sourceFiles(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) return sourceFiles(p);
    return /\.tsx?$/.test(e.name) && !/\.test\.tsx?$/.test(e.name) ? [p] : [];
  });
}

interface Raised {
  code: string;
  status?: number;
  where: string;
}

/** The top-level arguments of the call whose opening parenthesis is at `open`. */
function callArguments(text: string, open: number): string[] {
  const args: string[] = [];
  let depth = 0;
  let quote: string | null = null;
  let current = '';
  for (let i = open; i < text.length; i++) {
    const c = text[i];
    if (quote) {
      current += c;
      if (c === '\\') current += text[++i];
      else if (c === quote) quote = null;
      continue;
    }
    if (c === "'" || c === '"' || c === '`') {
      quote = c;
      current += c;
      continue;
    }
    if ('([{'.includes(c)) {
      depth++;
      if (depth === 1) continue;
    }
    if (')]}'.includes(c)) {
      depth--;
      if (depth === 0) {
        args.push(current.trim());
        return args;
      }
    }
    if (c === ',' && depth === 1) {
      args.push(current.trim());
      current = '';
      continue;
    }
    current += c;
  }
  return args;
}

/** Every error code raised in a file: AppError and appError calls, the helpers, error bodies written by hand. */
function raisedIn(file: string): Raised[] {
  const text = fs.readFileSync(file, 'utf8');
  const rel = path.relative(SRC, file);
  const at = (index: number) => `${rel}:${text.slice(0, index).split('\n').length}`;
  const found: Raised[] = [];
  for (const m of text.matchAll(/new AppError\(/g)) {
    const [code, , status] = callArguments(text, m.index + m[0].length - 1);
    const literal = /^'([A-Z][A-Z0-9_]+)'$/.exec(code ?? '');
    if (!literal) continue; // a code passed through (checked where it is decided, below)
    found.push({ code: literal[1], status: /^\d{3}$/.test(status ?? '') ? Number(status) : undefined, where: at(m.index) });
  }
  for (const m of text.matchAll(/\bappError\(\s*'([A-Z][A-Z0-9_]+)'/g)) found.push({ code: m[1], where: at(m.index) });
  for (const [helper, code] of [
    ['notFound', 'NOT_FOUND'],
    ['unauthorized', 'UNAUTHENTICATED'],
    ['forbidden', 'FORBIDDEN'],
  ] as const) {
    for (const m of text.matchAll(new RegExp(`\\b${helper}\\(`, 'g'))) found.push({ code, where: at(m.index) });
  }
  // Error bodies written by hand ({ error: { code: 'X', … } }) and refusals decided in core ({ ok: false, status, code: 'X' }).
  for (const m of text.matchAll(/error: \{ code: '([A-Z][A-Z0-9_]+)'/g)) found.push({ code: m[1], where: at(m.index) });
  for (const m of text.matchAll(/ok: false, status: (\d{3}), code: '([A-Z][A-Z0-9_]+)'/g)) found.push({ code: m[2], status: Number(m[1]), where: at(m.index) });
  return found;
}

/** src/server, and the back-office permission decision whose refusals (with their status) the server throws as they are. */
const raised = [...sourceFiles(path.join(SRC, 'server')), path.join(SRC, 'core/workflow/permissions.ts')].flatMap(raisedIn);

describe('error-code registry', () => {
  it('finds the codes the server raises (the scan itself works)', () => {
    const codes = new Set(raised.map((r) => r.code));
    expect(codes.size).toBeGreaterThan(80);
    for (const c of ['VALIDATION_FAILED', 'NOT_FOUND', 'MALFORMED_JSON', 'FILE_TYPE_NOT_ALLOWED', 'DRAFT_CONFLICT', 'RATE_LIMITED']) expect(codes).toContain(c);
  });

  it('registers every code raised in src/server', () => {
    const missing = raised.filter((r) => !isErrorCode(r.code)).map((r) => `${r.code} (${r.where})`);
    expect(missing).toEqual([]);
  });

  it('registers the refusals of the transition rules and of the back-office permissions that the server answers with', () => {
    const core = ['core/dossiers/transitions.ts', 'core/workflow/permissions.ts'].map((f) => fs.readFileSync(path.join(SRC, f), 'utf8'));
    const codes = core.flatMap((text) => [...text.matchAll(/code: '([A-Z][A-Z0-9_]+)'/g)].map((m) => m[1]));
    expect(codes).toEqual(expect.arrayContaining(['INVALID_TRANSITION', 'REASON_REQUIRED', 'SUPPLEMENT_ONCE', 'RESCHEDULE_ONCE', 'WRONG_STEP']));
    expect(codes.filter((c) => !isErrorCode(c))).toEqual([]);
  });

  it('raises each code with one of its registered statuses', () => {
    const wrong = raised.filter((r) => isErrorCode(r.code) && r.status !== undefined && !statusesOf(r.code).includes(r.status));
    expect(wrong.map((r) => `${r.code} ${r.status} (${r.where}); registered ${statusesOf(r.code as keyof typeof ERRORS).join('/')}`)).toEqual([]);
  });

  it('gives every code a client-error or server-error status and a message in Vietnamese and in English', () => {
    for (const code of ERROR_CODES) {
      const e: ErrorEntry = ERRORS[code];
      expect(code).toMatch(/^[A-Z][A-Z0-9_]+$/);
      for (const s of statusesOf(code)) expect(s >= 400 && s < 600, `${code} ${s}`).toBe(true);
      expect(e.vi.length, code).toBeGreaterThan(5);
      expect(e.en.length, code).toBeGreaterThan(5);
      // The English message is English: none of the letters only Vietnamese has.
      expect(e.en, code).not.toMatch(/[ăâđêôơưạảấầẩẫậắằẳẵặẹẻẽếềểễệỉịọỏốồổỗộớờởỡợụủứừửữựỳỵỷỹ]/i);
      expect(e.vi, code).toMatch(/[ăâđêôơưàáạảãấầẩẫậắằẳẵặèéẹẻẽếềểễệìíỉĩịòóọỏõốồổỗộớờởỡợùúụủũứừửữựỳýỵỷỹ]/i);
    }
  });

  it('registers the transition errors the lead raises from the registry', () => {
    for (const code of [
      'INVALID_TRANSITION',
      'REASON_REQUIRED',
      'SUPPLEMENT_ONCE',
      'RESCHEDULE_ONCE',
      'WRONG_STEP',
      'ASSIGNED_TO_ANOTHER',
      'ROLE_NOT_ALLOWED',
    ]) {
      expect(isErrorCode(code), code).toBe(true);
    }
  });
});

describe('wording an error in the interface language', () => {
  it('fills the placeholders from the params, and a dossier status by its name in the language', () => {
    expect(renderError('USERNAME_TAKEN', { username: 'tiepnhan.a' }, 'en')).toBe('The username tiepnhan.a is already taken.');
    expect(renderError('USERNAME_TAKEN', { username: 'tiepnhan.a' }, 'vi')).toBe('Tên đăng nhập tiepnhan.a đã được sử dụng.');
    expect(placeholdersOf(ERRORS.UNIT_CLOSED.en)).toEqual(['id', 'date']);
  });

  it('gives nothing for an unknown code or a missing param', () => {
    expect(renderError('NO_SUCH_CODE', {}, 'en')).toBeUndefined();
    expect(renderError('USERNAME_TAKEN', {}, 'en')).toBeUndefined();
  });

  it('shows the server’s Vietnamese message in Vietnamese, the registry’s English in English, the server’s message as the fallback', () => {
    const err = { code: 'NOT_FOUND', message: 'Không tìm thấy hồ sơ.' };
    expect(errorMessage(err, 'vi', 'x')).toBe('Không tìm thấy hồ sơ.');
    expect(errorMessage(err, 'en', 'x')).toBe('The requested item was not found.');
    expect(errorMessage({ code: 'USERNAME_TAKEN', message: 'Tên đăng nhập a đã được sử dụng.' }, 'en-GB', 'x')).toBe('Tên đăng nhập a đã được sử dụng.');
    expect(errorMessage({ code: 'SOMETHING_NEW', message: 'Thông báo mới.' }, 'en', 'x')).toBe('Thông báo mới.');
    expect(errorMessage({ code: 'SOMETHING_NEW' }, 'en', 'Đã có lỗi xảy ra.')).toBe('Đã có lỗi xảy ra.');
  });
});
