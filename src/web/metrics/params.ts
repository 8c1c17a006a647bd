/** The dashboard's selection kept in the address (so it can be shared, bookmarked and opened in a new tab). */
import { useCallback, useMemo } from 'react';
import { useSearchParams } from 'react-router';
import { vnTodayIso } from '../staff/format.ts';
import { isValidRange, kindOfRange, monthRange, type PeriodKind } from './period.ts';

export interface MetricsSelection {
  unit: string;
  kind: PeriodKind;
  from: string;
  to: string;
  campaign: string;
  week: string;
  procedure: string;
  official: string;
}

const KINDS: PeriodKind[] = ['month', 'quarter', 'year', 'custom', 'campaign'];

export function useMetricsSelection(): [MetricsSelection, (patch: Partial<MetricsSelection>) => void] {
  const [params, setParams] = useSearchParams();
  const selection = useMemo<MetricsSelection>(() => {
    const month = monthRange(vnTodayIso().slice(0, 7));
    const range = { from: params.get('from') ?? '', to: params.get('to') ?? '' };
    const valid = isValidRange(range);
    const asked = params.get('kind') as PeriodKind | null;
    const kind: PeriodKind = asked && KINDS.includes(asked) ? asked : valid ? kindOfRange(range) : 'month';
    return {
      unit: params.get('unit') ?? '',
      kind,
      from: valid ? range.from : month.from,
      to: valid ? range.to : month.to,
      campaign: params.get('campaign') ?? '',
      week: params.get('week') ?? '',
      procedure: params.get('procedure') ?? '',
      official: params.get('official') ?? '',
    };
  }, [params]);
  const update = useCallback(
    (patch: Partial<MetricsSelection>) => {
      setParams(
        (prev) => {
          const next = new URLSearchParams(prev);
          for (const [k, v] of Object.entries(patch)) {
            if (v) next.set(k, v);
            else next.delete(k);
          }
          return next;
        },
        { replace: true },
      );
    },
    [setParams],
  );
  return [selection, update];
}
