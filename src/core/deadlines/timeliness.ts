/**
 * On-time classification exactly as indicator 2.1 of Decision 766/QĐ-TTg defines it (domain-and-law.md §2.3):
 *
 * - the end of processing is the first terminal status (result issued, returned, stopped, refused, withdrawn after
 *   receipt); a dossier not finished by the end of the period is judged at the end of the period;
 * - on time ⇔ end ≤ appointment date (NgàyHẹnTrả);
 * - more than one supplement request (yêu cầu bổ sung): overdue;
 * - exactly one supplement request the citizen has not answered: the end is the time of the request;
 * - the supplement interval (request → supplied) is subtracted from the elapsed time (in plain clock time, as the
 *   national portal computes it);
 * - without an appointment date: on time when end − start − supplement time ≤ the statutory maximum, i.e. when
 *   end − supplement time ≤ the statutory due time computed from the receipt.
 *
 * The appointment date given here must be the one NOT already moved by the supplement (the original appointment, or
 * the one set by an extension / new appointment), otherwise the supplement time would be deducted twice.
 * Only what has happened by the end of the evaluation counts: a request after it is ignored, a supply after it is
 * treated as not yet supplied.
 *
 * "Before time" (trước hạn) is an on-time dossier finished on an earlier local day than the appointment day;
 * an unfinished dossier within time is "on_time" (đang giải quyết trong hạn).
 */
import { toLocal } from './deadlines.ts';

export type Timeliness = 'before' | 'on_time' | 'overdue';

export interface Supplement {
  requestedAt: Date;
  suppliedAt?: Date | null;
}

export interface TimelinessInput {
  receivedAt: Date;
  /** Appointment date (NgàyHẹnTrả), not moved by the supplement. */
  dueAt?: Date | null;
  /** First terminal time, if any. */
  finishedAt?: Date | null;
  /** End of the reporting period (or "now" for a live view). */
  periodEnd: Date;
  supplements: readonly Supplement[];
  /** For dossiers without an appointment date: the statutory due time from the receipt (dueDate of the case's limit). */
  statutoryDueAt?: Date | null;
  /** For dossiers without an appointment date: the statutory maximum as a duration in milliseconds. */
  statutoryMaxMs?: number;
}

export interface TimelinessDetail {
  result: Timeliness;
  /** The instant judged (end of processing, request time, or period end). */
  end: Date;
  /** Milliseconds of supplement interval subtracted. */
  supplementMs: number;
  /** The due time compared with. */
  due: Date | null;
  finished: boolean;
  reason: 'multiple_supplements' | 'compared';
}

export function classifyTimelinessDetail(d: TimelinessInput): TimelinessDetail {
  const finished = !!d.finishedAt && d.finishedAt <= d.periodEnd;
  const asOf = finished ? d.finishedAt! : d.periodEnd;
  const requests = d.supplements.filter((s) => s.requestedAt <= asOf).sort((a, b) => a.requestedAt.getTime() - b.requestedAt.getTime());
  const due = d.dueAt ?? d.statutoryDueAt ?? (d.statutoryMaxMs !== undefined ? new Date(d.receivedAt.getTime() + d.statutoryMaxMs) : null);
  if (requests.length > 1) return { result: 'overdue', end: asOf, supplementMs: 0, due, finished, reason: 'multiple_supplements' };
  let end = asOf;
  let supplementMs = 0;
  if (requests.length === 1) {
    const s = requests[0];
    if (s.suppliedAt && s.suppliedAt <= asOf) supplementMs = Math.max(0, s.suppliedAt.getTime() - s.requestedAt.getTime());
    else end = s.requestedAt;
  }
  if (!due) throw new RangeError('Cannot classify a dossier without an appointment date or a statutory limit');
  const effectiveEnd = new Date(end.getTime() - supplementMs);
  let result: Timeliness;
  if (effectiveEnd > due) result = 'overdue';
  else result = finished && toLocal(effectiveEnd).day < toLocal(due).day ? 'before' : 'on_time';
  return { result, end, supplementMs, due, finished, reason: 'compared' };
}

export function classifyTimeliness(d: TimelinessInput): Timeliness {
  return classifyTimelinessDetail(d).result;
}
