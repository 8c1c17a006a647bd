/** A GET of the API as query options: the key says what it is, the path where it comes from (api/client.ts fetches). */
import { queryOptions, type QueryKey } from '@tanstack/react-query';
import { api } from '../api/client.ts';

export function apiQuery<T>(queryKey: QueryKey, path: string) {
  return queryOptions<T>({ queryKey, queryFn: ({ signal }) => api<T>(path, { signal }) });
}
