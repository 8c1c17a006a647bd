/**
 * The one TanStack Query client of the web app (provided in main.tsx). Every GET the browser makes goes through a
 * query (keys in keys.ts); writes are mutations that invalidate the keys they change (invalidate.ts).
 *
 * - staleTime 30 s: a page opened again within 30 s shows what it has without asking again; older data is shown at
 *   once and refreshed in the background (also when the window regains focus).
 * - A refusal (4xx) is final and shown at once; a lost connection or a server error (0, 5xx) is tried twice more.
 * - Mutations are never retried: a citizen's write carries its own idempotency key where it matters.
 */
import { QueryClient } from '@tanstack/react-query';
import { ApiError } from '../api/client.ts';

declare module '@tanstack/react-query' {
  interface Register {
    defaultError: Error;
  }
}

/** Whether a failed request is worth trying again: not when the server refused it. */
export function retryable(failureCount: number, error: Error): boolean {
  if (error instanceof ApiError && error.status >= 400 && error.status < 500) return false;
  return failureCount < 2;
}

export function createQueryClient(): QueryClient {
  return new QueryClient({
    defaultOptions: {
      queries: { staleTime: 30_000, gcTime: 5 * 60_000, retry: retryable, refetchOnWindowFocus: true },
      mutations: { retry: false },
    },
  });
}
