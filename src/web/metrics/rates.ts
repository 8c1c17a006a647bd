/** The rates the pages derive from a breakdown row's counts (pure). */
import type { BreakdownRow } from '../api/metrics-types.ts';
import { rate } from './period.ts';

export interface RowRates {
  online: number | null;
  onTime: number | null;
  paidOnline: number | null;
  digitised: number | null;
  electronicResult: number | null;
  satisfied: number | null;
}

/** The rates of a breakdown row (percentages with 2 decimals; null when the base is 0). */
export function rowRates(r: BreakdownRow): RowRates {
  return {
    online: rate(r.online, r.received),
    onTime: rate(r.onTime, r.onTime + r.overdue),
    paidOnline: rate(r.paidOnline, r.feeBearing),
    digitised: rate(r.digitised, r.received),
    electronicResult: rate(r.electronicResult, r.received),
    satisfied: rate(r.satisfied, r.rated),
  };
}
