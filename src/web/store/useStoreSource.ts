/** Loads a person's store once, on first need (a picker opening, or a page that must show chosen titles). */
import { useCallback, useRef, useState } from 'react';
import { ApiError } from '../api/client.ts';
import type { StoreItem } from '../api/types.ts';
import type { StoreSource } from './StorePicker.tsx';

export function useStoreSource(fetcher: () => Promise<StoreItem[]>, fallbackError: string): StoreSource {
  const [items, setItems] = useState<StoreItem[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const started = useRef(false);
  const load = useCallback(() => {
    if (started.current) return;
    started.current = true;
    setError(null);
    fetcher().then(setItems, (e: unknown) => {
      // A failed load may be tried again by opening a picker again.
      started.current = false;
      setError(e instanceof ApiError ? e.message : fallbackError);
    });
  }, [fetcher, fallbackError]);
  return { items, error, load };
}
