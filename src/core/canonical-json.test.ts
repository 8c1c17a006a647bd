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
  it('normalises keys, sorts them by their normal form, and escapes text as JSON does', () => {
    const key = 'Họ tên'.normalize('NFD');
    expect(canonicalJson({ [key]: 1, a: 'x"y\\z\n', '\u00e0': null })).toBe('{"Họ tên":1,"a":"x\\"y\\\\z\\n","à":null}');
    expect(canonicalJson([undefined, 'Ạ'.normalize('NFD'), new Date(0)])).toBe('[null,"Ạ","1970-01-01T00:00:00.000Z"]');
    expect(canonicalJson(Object.assign(Object.create({ inherited: 1 }), { own: 2 }))).toBe('{"own":2}');
  });
  it('refuses values without a canonical form', () => {
    expect(() => canonicalJson(Number.NaN)).toThrow();
  });
});
