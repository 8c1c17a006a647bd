import { describe, expect, it } from 'vitest';
import { safeReturnTo } from './return-to.ts';

describe('safeReturnTo', () => {
  it('keeps paths on this site with their query and fragment', () => {
    expect(safeReturnTo('/ho-so/123?tab=2#buoc-3')).toBe('/ho-so/123?tab=2#buoc-3');
    expect(safeReturnTo('/')).toBe('/');
    expect(safeReturnTo('/thu-tuc/khai-sinh')).toBe('/thu-tuc/khai-sinh');
  });

  it.each([
    ['absolute URL', 'https://evil.example/'],
    ['protocol-relative', '//evil.example/x'],
    ['backslash trick', '/\\evil.example'],
    ['backslash later', '/a\\b'],
    ['scheme', 'javascript:alert(1)'],
    ['relative without slash', 'ho-so'],
    ['control character', '/a\nb'],
    ['tab', '/\t/evil.example'],
    ['dot segment before a double slash', '/.//evil.example'],
    ['dot-dot segment before a double slash', '/a/..//evil.example'],
    ['encoded dot segment', '/%2e//evil.example'],
    ['several dot segments', '/././/evil.example/x?y#z'],
    ['login loop', '/auth/login?returnTo=/'],
    ['provider path', '/eid/auth'],
    ['empty', ''],
    ['not a string', 42],
    ['too long', `/${'a'.repeat(2001)}`],
  ])('falls back to / for %s', (_name, value) => {
    expect(safeReturnTo(value)).toBe('/');
  });

  it('normalises dot segments without leaving the site', () => {
    expect(safeReturnTo('/a/../../b')).toBe('/b');
  });
});
