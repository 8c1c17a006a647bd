import { describe, expect, it } from 'vitest';
import type { BreakdownRow } from '../api/metrics-types.ts';
import { rowRates } from './rates.ts';

const row = (r: Partial<BreakdownRow>): BreakdownRow => ({
  key: 'k',
  label: 'l',
  received: 0,
  online: 0,
  onTime: 0,
  overdue: 0,
  paidOnline: 0,
  feeBearing: 0,
  digitised: 0,
  electronicResult: 0,
  satisfied: 0,
  rated: 0,
  score: null,
  ...r,
});

describe('rates of a breakdown row', () => {
  it('divides each count by its own base: received, finished-or-due, fee-bearing, rated', () => {
    const r = rowRates(
      row({ received: 8, online: 6, onTime: 3, overdue: 1, paidOnline: 1, feeBearing: 3, digitised: 8, electronicResult: 2, satisfied: 2, rated: 3 }),
    );
    expect(r).toEqual({ online: 75, onTime: 75, paidOnline: 33.33, digitised: 100, electronicResult: 25, satisfied: 66.67 });
  });
  it('says "no data" (null) for a zero base instead of 0 %', () => {
    const r = rowRates(row({ received: 2, online: 1 }));
    expect(r.online).toBe(50);
    expect(r.onTime).toBeNull();
    expect(r.paidOnline).toBeNull();
    expect(r.satisfied).toBeNull();
  });
});
