import { describe, expect, it } from 'vitest';
import { adultsWithPersonalSignature } from './signature.ts';

const END = '2026-12-07T16:59:59.999Z'; // the end of 7/12/2026 in Việt Nam (UTC+7)

describe('adults using a personal digital signature', () => {
  it('counts the adults (15+ on the day) who signed at least once by the end of the day', () => {
    const residents = [
      { idNumber: 'a', birthDate: '1980-05-01' }, // adult, signed
      { idNumber: 'b', birthDate: '1990-01-01' }, // adult, not signed
      { idNumber: 'c', birthDate: '2011-12-07' }, // 15 today: adult, signed
      { idNumber: 'd', birthDate: '2011-12-08' }, // 15 tomorrow: not an adult, their signature does not count
      { idNumber: 'e', birthDate: '1970-03-03' }, // adult, signs only after the day
    ];
    const signed = new Map([
      ['a', '2026-01-02T03:00:00Z'],
      ['c', '2026-12-07T16:00:00Z'],
      ['d', '2026-11-01T00:00:00Z'],
      ['e', '2026-12-07T17:00:00Z'],
      ['stranger', '2026-01-01T00:00:00Z'], // not in the register
    ]);
    expect(adultsWithPersonalSignature(residents, signed, '2026-12-07', END)).toEqual({ adults: 4, signed: 2, percent: 50 });
  });

  it('counts a person listed twice once and rounds to two decimals', () => {
    const residents = [
      { idNumber: 'a', birthDate: '1980-05-01' },
      { idNumber: 'a', birthDate: '1980-05-01' },
      { idNumber: 'b', birthDate: '1981-05-01' },
      { idNumber: 'c', birthDate: '1982-05-01' },
    ];
    expect(adultsWithPersonalSignature(residents, new Map([['a', '2026-01-01T00:00:00Z']]), '2026-12-07', END)).toEqual({
      adults: 3,
      signed: 1,
      percent: 33.33,
    });
  });

  it('has no percentage without adults, and none signed is 0%', () => {
    expect(adultsWithPersonalSignature([], new Map(), '2026-12-07', END)).toEqual({ adults: 0, signed: 0, percent: null });
    expect(adultsWithPersonalSignature([{ idNumber: 'x', birthDate: '2020-01-01' }], new Map([['x', '2026-01-01T00:00:00Z']]), '2026-12-07', END)).toEqual({
      adults: 0,
      signed: 0,
      percent: null,
    });
    expect(adultsWithPersonalSignature([{ idNumber: 'y', birthDate: '1960-01-01' }], new Map(), '2026-12-07', END).percent).toBe(0);
  });
});
