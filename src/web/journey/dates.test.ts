import { describe, expect, it } from 'vitest';
import { isoToDmy, maskDmy, parseDmy } from './dates.ts';

describe('dd/mm/yyyy dates', () => {
  it('shows ISO dates as dd/mm/yyyy and leaves anything else as typed', () => {
    expect(isoToDmy('2026-02-03')).toBe('03/02/2026');
    expect(isoToDmy('3/2/20')).toBe('3/2/20');
    expect(isoToDmy('')).toBe('');
  });

  it('reads the usual ways of writing a date', () => {
    for (const s of ['03/02/2026', '3/2/2026', '03-02-2026', '03.02.2026', '03022026', ' 03/02/2026 '])
      expect(parseDmy(s), s).toEqual({ kind: 'date', iso: '2026-02-03' });
    expect(parseDmy('29/02/2024')).toEqual({ kind: 'date', iso: '2024-02-29' });
    expect(parseDmy('')).toEqual({ kind: 'empty' });
  });

  it('says a day that does not exist, with the last day of its month', () => {
    expect(parseDmy('31/02/2026')).toEqual({ kind: 'impossible', day: 31, month: 2, year: 2026, lastDay: 28 });
    expect(parseDmy('29/02/2025')).toEqual({ kind: 'impossible', day: 29, month: 2, year: 2025, lastDay: 28 });
    expect(parseDmy('31/04/2026')).toMatchObject({ kind: 'impossible', lastDay: 30 });
    expect(parseDmy('00/01/2026')).toMatchObject({ kind: 'impossible', lastDay: 31 });
    expect(parseDmy('12/13/2026')).toEqual({ kind: 'impossible', day: 12, month: 13, year: 2026, lastDay: null });
  });

  it('treats a half-typed or shapeless text as incomplete, never as a date', () => {
    for (const s of ['03/02', '03/02/26', 'hôm qua', '2026-02-03', '03/02/0026', '1/2/3/2026']) expect(parseDmy(s).kind, s).toBe('incomplete');
  });

  it('adds the slashes while digits are typed forward, not while deleting', () => {
    expect(maskDmy('0', '')).toBe('0');
    expect(maskDmy('03', '0')).toBe('03/');
    expect(maskDmy('03/0', '03/')).toBe('03/0');
    expect(maskDmy('03/02', '03/0')).toBe('03/02/');
    expect(maskDmy('03/02/2026', '03/02/202')).toBe('03/02/2026');
    expect(maskDmy('03022026', '0302202')).toBe('03/02/2026');
    expect(maskDmy('03/', '03/0')).toBe('03/');
    expect(maskDmy('03/02/', '03/02/2')).toBe('03/02/');
    expect(maskDmy('3-2-2026', '3-2-202')).toBe('3-2-2026');
    // One-digit day or month with the person's own slashes.
    expect(maskDmy('3/', '3')).toBe('3/');
    expect(maskDmy('3/2/', '3/2')).toBe('3/2/');
    expect(maskDmy('3/2/2026', '3/2/202')).toBe('3/2/2026');
  });
});
