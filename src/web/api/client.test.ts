import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { validationIssues } from '../../contract/http.ts';
import { apiErrorOf, loadEnglishErrors } from './client.ts';

/** What the server sends for a body that fails validation (src/server/http/route.ts). */
function validationAnswer(schema: z.ZodType, value: unknown) {
  const r = schema.safeParse(value);
  if (r.success) throw new Error('expected a failure');
  return {
    error: {
      code: 'VALIDATION_FAILED',
      message: 'Dữ liệu gửi lên không hợp lệ. Vui lòng kiểm tra lại các trường được đánh dấu.',
      details: { where: 'body', issues: validationIssues(r.error) },
    },
  };
}

describe('API errors in the interface language', () => {
  it('keeps the server’s Vietnamese message in Vietnamese', () => {
    const e = apiErrorOf(409, { error: { code: 'USERNAME_TAKEN', message: 'Tên đăng nhập a.b đã được sử dụng.', params: { username: 'a.b' } } }, 'vi');
    expect(e.message).toBe('Tên đăng nhập a.b đã được sử dụng.');
    expect(e.code).toBe('USERNAME_TAKEN');
    expect(e.status).toBe(409);
  });

  it('keeps the server’s words in English until the registry is loaded, then builds the message from the code and its params', async () => {
    const answer = { error: { code: 'USERNAME_TAKEN', message: 'Tên đăng nhập a.b đã được sử dụng.', params: { username: 'a.b' } } };
    expect(apiErrorOf(409, answer, 'en').message).toBe('Tên đăng nhập a.b đã được sử dụng.');
    await loadEnglishErrors();
    const e = apiErrorOf(409, { error: { code: 'USERNAME_TAKEN', message: 'Tên đăng nhập a.b đã được sử dụng.', params: { username: 'a.b' } } }, 'en');
    expect(e.message).toBe('The username a.b is already taken.');
    expect(e.params).toEqual({ username: 'a.b' });
  });

  it('falls back to the server’s Vietnamese message for an unknown code, and to a generic message without a body', async () => {
    await loadEnglishErrors();
    expect(apiErrorOf(400, { error: { code: 'NEW_CODE', message: 'Một lỗi mới.' } }, 'en').message).toBe('Một lỗi mới.');
    const none = apiErrorOf(502, undefined, 'en');
    expect(none.code).toBe('HTTP_502');
    expect(none.message).toBe('Something went wrong. Please try again.');
  });

  it('words the issues of a validation failure in English, keeping their path and code', async () => {
    await loadEnglishErrors();
    const schema = z.object({ name: z.string().min(3), age: z.number() });
    const answer = validationAnswer(schema, { name: 'a', age: 'x' });
    const vi = apiErrorOf(400, answer, 'vi').details as { issues: { path: string; message: string; code: string }[] };
    const en = apiErrorOf(400, answer, 'en').details as { issues: { path: string; message: string; code: string }[] };
    expect(en.issues.map((i) => [i.path, i.code])).toEqual(vi.issues.map((i) => [i.path, i.code]));
    expect(en.issues.find((i) => i.path === 'name')?.message).toMatch(/too small/i);
    expect(en.issues.find((i) => i.path === 'name')?.message).toMatch(/3/);
    expect(en.issues.find((i) => i.path === 'age')?.message).toMatch(/expected number/i);
    expect(apiErrorOf(400, answer, 'en').message).toBe('Some of the data sent is not valid. Please check the highlighted fields.');
  });
});
