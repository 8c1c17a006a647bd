/** Loads one GET endpoint of the metrics API and reloads when the address changes (older answers are dropped). */
import { useCallback, useEffect, useRef, useState } from 'react';
import { api } from '../api/client.ts';
import { errorMessage } from '../staff/format.ts';

export interface Loaded<T> {
  data: T | undefined;
  error: string | null;
  loading: boolean;
  reload: () => void;
}

export function useApi<T>(path: string | null, fallbackError: string): Loaded<T> {
  const [data, setData] = useState<T | undefined>(undefined);
  const [error, setError] = useState<string | null>(null);
  const [loading, setLoading] = useState(false);
  const [tick, setTick] = useState(0);
  const latest = useRef(0);
  useEffect(() => {
    if (!path) {
      setData(undefined);
      return;
    }
    const ticket = ++latest.current;
    const ctl = new AbortController();
    setLoading(true);
    api<T>(path, { signal: ctl.signal }).then(
      (d) => {
        if (ticket !== latest.current) return;
        setData(d);
        setError(null);
        setLoading(false);
      },
      (e: unknown) => {
        if (ticket !== latest.current || (e as Error).name === 'AbortError') return;
        setError(errorMessage(e, fallbackError));
        setLoading(false);
      },
    );
    return () => ctl.abort();
  }, [path, tick, fallbackError]);
  const reload = useCallback(() => setTick((n) => n + 1), []);
  return { data, error, loading, reload };
}

/** A query string from the defined, non-empty values. */
export function qs(params: Record<string, string | number | null | undefined>): string {
  const p = new URLSearchParams();
  for (const [k, v] of Object.entries(params)) if (v !== undefined && v !== null && v !== '') p.set(k, String(v));
  return p.toString();
}
