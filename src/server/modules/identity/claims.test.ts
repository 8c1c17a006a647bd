import { describe, expect, it } from 'vitest';
import { identityFromClaims, maskIdNumber, needsUserinfo, parseBirthDate } from './claims.ts';

describe('e-ID claims → citizen identity', () => {
  it('reads the national e-ID attribute names', () => {
    const r = identityFromClaims({ sub: 'a1', HoVaTen: 'Nguyễn  Thị Hoà', SoDinhDanh: '001085012345', NgayThangNamSinh: '19850307', name: 'ignored' });
    expect(r).toEqual({ ok: true, identity: { sub: 'a1', idNumber: '001085012345', fullName: 'Nguyễn Thị Hoà', birthDate: '1985-03-07' } });
  });

  it('normalises names to NFC', () => {
    const decomposed = 'Nguyễn Thị Hoà'.normalize('NFD');
    const r = identityFromClaims({ sub: 'a', HoVaTen: decomposed, SoDinhDanh: '001085012345' });
    expect(r.ok && r.identity.fullName).toBe('Nguyễn Thị Hoà'.normalize('NFC'));
  });

  it('falls back to standard OpenID Connect claims', () => {
    const r = identityFromClaims({ sub: 'x', name: 'Trần Văn Đức', preferred_username: '001090054321', birthdate: '1990-11-30' });
    expect(r).toEqual({ ok: true, identity: { sub: 'x', idNumber: '001090054321', fullName: 'Trần Văn Đức', birthDate: '1990-11-30' } });
  });

  it('reports what is missing, and refuses an id number that is not 12 digits', () => {
    expect(identityFromClaims({ sub: 'x', HoVaTen: 'A', SoDinhDanh: '12345' })).toEqual({ ok: false, missing: ['SoDinhDanh'] });
    expect(identityFromClaims({})).toEqual({ ok: false, missing: ['sub', 'SoDinhDanh', 'HoVaTen'] });
    expect(needsUserinfo({ sub: 'x' })).toBe(true);
    expect(needsUserinfo({ sub: 'x', HoVaTen: 'A', SoDinhDanh: '001085012345' })).toBe(false);
  });

  it('parses birth dates only when they are real calendar dates', () => {
    expect(parseBirthDate('20000229')).toBe('2000-02-29');
    expect(parseBirthDate('19000229')).toBeNull();
    expect(parseBirthDate('2001-13-01')).toBeNull();
    expect(parseBirthDate('1.1.2001')).toBeNull();
    expect(parseBirthDate(undefined)).toBeNull();
    expect(identityFromClaims({ sub: 'x', HoVaTen: 'A', SoDinhDanh: '001085012345', NgayThangNamSinh: '19850231' })).toMatchObject({
      ok: true,
      identity: { birthDate: null },
    });
  });

  it('masks all but the last four digits', () => {
    expect(maskIdNumber('001085012345')).toBe('********2345');
  });
});
