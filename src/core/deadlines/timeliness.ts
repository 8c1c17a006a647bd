/**
 * On-time classification exactly as indicator 2.1 of Decision 766 defines it (domain-and-law.md §2.3):
 * - on time ⇔ end of processing ≤ appointment date; the end is the first terminal status (result issued, returned,
 *   stopped, refused, withdrawn after receipt), or the end of the period when not finished;
 * - with exactly one supplement request the citizen has not answered, the end is the time of the request;
 * - more than one supplement request: overdue;
 * - the supplement interval (request → supplied) is subtracted from the elapsed time;
 * - without an appointment date: on time if end − start − supplement time ≤ the statutory maximum.
 * "Before time" (trước hạn) is on time and finished on an earlier local day than the appointment date.
 */
import { toLocal } from './deadlines.ts';

export type Timeliness = 'before' | 'on_time' | 'overdue';

export interface TimelinessInput {
  receivedAt: Date;
  dueAt?: Date | null;
  /** First terminal time, if any. */
  finishedAt?: Date | null;
  periodEnd: Date;
  supplements: { requestedAt: Date; suppliedAt?: Date | null }[];
  /** Statutory maximum in milliseconds, for dossiers without an appointment date. */
  statutoryMaxMs?: number;
}

export function classifyTimeliness(d: TimelinessInput): Timeliness {
  if (d.supplements.length > 1) return 'overdue';
  const open = d.supplements.find((s) => !s.suppliedAt);
  let end = d.finishedAt ?? d.periodEnd;
  if (d.supplements.length === 1 && open) end = open.requestedAt < end ? open.requestedAt : end;
  const pausedMs = d.supplements.reduce((n, s) => n + (s.suppliedAt ? Math.max(0, s.suppliedAt.getTime() - s.requestedAt.getTime()) : 0), 0);
  const effectiveEnd = new Date(end.getTime() - pausedMs);
  if (!d.dueAt) {
    if (d.statutoryMaxMs === undefined) return 'on_time';
    return effectiveEnd.getTime() - d.receivedAt.getTime() <= d.statutoryMaxMs ? 'on_time' : 'overdue';
  }
  if (effectiveEnd > d.dueAt) return 'overdue';
  return d.finishedAt && toLocal(effectiveEnd).day < toLocal(d.dueAt).day ? 'before' : 'on_time';
}
