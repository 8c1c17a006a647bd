/**
 * A person's store as the store picker needs it: a query that runs only once something asks for it (a picker
 * opening, or a page that must show the titles of chosen documents), then kept like any other query.
 */
import { useQuery, type QueryKey, type UseQueryOptions } from '@tanstack/react-query';
import { useCallback, useState } from 'react';
import type { StoreItem } from '../api/types.ts';
import { errorText } from '../data/errors.ts';
import type { StoreSource } from './StorePicker.tsx';

export function useStoreSource(query: UseQueryOptions<{ items: StoreItem[] }, Error, { items: StoreItem[] }, QueryKey>, fallbackError: string): StoreSource {
  const [wanted, setWanted] = useState(false);
  const q = useQuery({ ...query, enabled: wanted });
  const { refetch, isError } = q;
  const load = useCallback(() => {
    setWanted(true);
    // A failed load is tried again by opening a picker again.
    if (isError) void refetch();
  }, [isError, refetch]);
  return { items: q.data?.items ?? null, error: q.error ? errorText(q.error, fallbackError) : null, load };
}
