import { describe, expect, it } from 'vitest';
import { areaId, areaOfAddress } from './areas.ts';
import { ageOn, areaFigures, campaignWeeks, householdCovered, type Member, usesOnlineServices } from './coverage.ts';
import { maskPhone, otpCheck, OTP_MAX_ATTEMPTS, refusalToUse } from './representation.ts';

describe('areas from residence addresses', () => {
  it('reads the village or residential group named in the detail line', () => {
    expect(areaOfAddress('Số 12, Thôn Phú Bình')).toEqual({ kind: 'thon', name: 'Thôn Phú Bình' });
    expect(areaOfAddress('Số 7, Ấp 3')).toEqual({ kind: 'ap', name: 'Ấp 3' });
    expect(areaOfAddress('Số 1, Tổ dân phố 3, Khu phố 2')).toEqual({ kind: 'to_dan_pho', name: 'Tổ dân phố 3' });
    expect(areaOfAddress('Khu phố  5')).toEqual({ kind: 'khu_pho', name: 'Khu phố 5' });
    expect(areaOfAddress('Bản Na Hang')).toEqual({ kind: 'ban', name: 'Bản Na Hang' });
    expect(areaOfAddress('Số 1 phố Điện Biên Phủ')).toBeNull();
  });
  it('gives each area of a commune a stable identifier without diacritics', () => {
    expect(areaId('25252', 'Thôn Phú Bình')).toBe('25252:thon-phu-binh');
    expect(areaId('25252', 'Ấp Đồng Xoài')).toBe('25252:ap-dong-xoai');
  });
});

const member = (idNumber: string, birthDate: string, evidence: Member['evidence'] = []): Member => ({ idNumber, birthDate, evidence });

describe('household coverage', () => {
  const login = { skill: 'eid_login' as const, at: '2026-11-02T03:00:00.000Z' };
  const submit = { skill: 'online_submission' as const, at: '2026-11-10T03:00:00.000Z' };
  it('needs one member with both an e-ID login and an online submission', () => {
    expect(householdCovered([member('a', '1990-01-01', [login]), member('b', '1992-01-01', [submit])])).toBe(false);
    expect(householdCovered([member('a', '1990-01-01', [login, submit]), member('b', '1992-01-01')])).toBe(true);
    expect(householdCovered([])).toBe(false);
  });
  it('counts evidence only up to the day asked', () => {
    const m = member('a', '1990-01-01', [login, submit]);
    expect(usesOnlineServices(m, '2026-11-09T16:59:59.999Z')).toBe(false);
    expect(usesOnlineServices(m, '2026-11-10T16:59:59.999Z')).toBe(true);
  });
  it('computes age in whole years; adults are 15 or older', () => {
    expect(ageOn('2011-12-07', '2026-12-06')).toBe(14);
    expect(ageOn('2011-12-06', '2026-12-06')).toBe(15);
    expect(ageOn('2008-02-29', '2026-02-28')).toBe(17);
    expect(ageOn('2008-02-29', '2026-03-01')).toBe(18);
  });
  it('sums an area: households covered, adults and adults online (hand-counted fixture)', () => {
    const both = [login, submit];
    const households = [
      [member('h1a', '1980-05-01', both), member('h1b', '1982-01-01'), member('h1c', '2015-01-01')], // covered; 2 adults, 1 online
      [member('h2a', '1970-01-01', [login]), member('h2b', '2012-01-01', both)], // covered by a 14-year-old; 1 adult, 0 online
      [member('h3a', '1960-01-01')], // not covered; 1 adult
    ];
    expect(areaFigures(households, '2026-12-06')).toEqual({ households: 3, coveredHouseholds: 2, adults: 4, adultsOnline: 1 });
    expect(areaFigures(households, '2026-11-05', '2026-11-05T16:59:59.999Z')).toEqual({ households: 3, coveredHouseholds: 0, adults: 4, adultsOnline: 0 });
  });
  it('lists a campaign week by week, Monday to Sunday', () => {
    expect(campaignWeeks('2026-11-04', '2026-11-20')).toEqual([
      { start: '2026-11-02', end: '2026-11-08' },
      { start: '2026-11-09', end: '2026-11-15' },
      { start: '2026-11-16', end: '2026-11-22' },
    ]);
    expect(campaignWeeks('2026-01-01', '2026-12-31', 4)).toHaveLength(4);
  });
});

describe('representation', () => {
  const active = { status: 'active' as const, procedureCodes: ['1.001193'], expiresAt: '2026-12-31T00:00:00.000Z' };
  const now = '2026-12-06T00:00:00.000Z';
  it('may be used only when confirmed, not revoked, not expired and in scope', () => {
    expect(refusalToUse(active, '1.001193', now)).toBeNull();
    expect(refusalToUse({ ...active, status: 'pending' }, '1.001193', now)).toBe('not_confirmed');
    expect(refusalToUse({ ...active, status: 'revoked' }, '1.001193', now)).toBe('revoked');
    expect(refusalToUse(active, '1.001193', '2026-12-31T00:00:00.000Z')).toBe('expired');
    expect(refusalToUse(active, '2.000001', now)).toBe('out_of_scope');
    expect(refusalToUse({ ...active, procedureCodes: ['*'] }, '2.000001', now)).toBeNull();
  });
  it('checks a one-time code: pending, in time, limited attempts', () => {
    const pending = { status: 'pending' as const, otpExpiresAt: '2026-12-06T00:10:00.000Z', otpAttempts: 0 };
    expect(otpCheck(pending, true, now)).toBeNull();
    expect(otpCheck(pending, false, now)).toBe('wrong_code');
    expect(otpCheck({ ...pending, otpAttempts: OTP_MAX_ATTEMPTS }, true, now)).toBe('too_many_attempts');
    expect(otpCheck(pending, true, '2026-12-06T00:10:00.000Z')).toBe('expired');
    expect(otpCheck({ ...pending, status: 'active' }, true, now)).toBe('not_pending');
  });
  it('shows the helper only the last digits of the resident’s phone', () => {
    expect(maskPhone('0987654321')).toBe('*******321');
  });
});
