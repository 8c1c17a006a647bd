import { describe, expect, it } from 'vitest';
import { canonicalJson } from './canonical-json.ts';

describe('canonicalJson', () => {
  it('sorts keys at every depth and drops undefined', () => {
    expect(canonicalJson({ b: 1, a: { d: [1, { z: 1, y: 2 }], c: undefined } })).toBe('{"a":{"d":[1,{"y":2,"z":1}]},"b":1}');
  });
  it('normalises strings to NFC so decomposed Vietnamese hashes the same', () => {
    const nfd = 'Nguyễn Thị Mai'.normalize('NFD');
    expect(canonicalJson({ name: nfd })).toBe(canonicalJson({ name: 'Nguyễn Thị Mai' }));
  });
  it('refuses values without a canonical form', () => {
    expect(() => canonicalJson(Number.NaN)).toThrow();
  });
});
