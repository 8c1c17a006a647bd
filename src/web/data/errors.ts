/** What to show for a failed query or mutation: the server's message (localised by api/client.ts), else a fallback. */
import { ApiError } from '../api/client.ts';

export function errorText(err: unknown, fallback: string): string {
  return err instanceof ApiError ? err.message : fallback;
}

/** The first validation issue's message when the server listed them (VALIDATION_FAILED), else the error's message. */
export function firstIssueText(err: unknown, fallback: string): string {
  if (!(err instanceof ApiError)) return fallback;
  return (err.details as { issues?: { message?: string }[] } | undefined)?.issues?.[0]?.message ?? err.message;
}
