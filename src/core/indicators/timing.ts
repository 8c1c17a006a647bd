/**
 * The timing facts of one dossier that indicator 2.1 of Decision 766 needs (domain-and-law.md §2.3), in a form
 * that lets counters answer for ANY period end exactly:
 *
 * - `endOfProcessing`: the end of processing is the time of the first terminal status, with priority
 *   Đã xử lý xong (9) > Đã trả kết quả (10) > Dừng xử lý (8) / Không được tiếp nhận (3) / Công dân rút (7);
 *   a withdrawal is terminal only for a dossier that had been received.
 * - `overdueAt`: the first instant T at which the dossier, if still unfinished at T, is judged overdue by
 *   classifyTimeliness(periodEnd = T). It exists because that judgement is monotone in T: on time until some
 *   instant, overdue from then on (proved case by case below and checked against classifyTimeliness by tests).
 * - `progressEnd` E = min(end of processing, overdueAt), never before the receipt. A dossier counts as
 *   "in progress within time" at a period end T exactly when receivedAt ≤ T < E.
 */
import type { Supplement } from '../deadlines/timeliness.ts';

export interface StatusChange {
  status: number;
  at: Date;
}

export const RESULT_ISSUED = 9;
export const RESULT_RETURNED = 10;
const STOP_LIKE = new Set([3, 8]);
const WITHDRAWN = 7;

/** The end of processing: first 9, else first 10, else the first stop / refusal / withdrawal after receipt. */
export function endOfProcessing(changes: readonly StatusChange[], receivedAt: Date | null): { at: Date; status: number } | null {
  const sorted = [...changes].sort((a, b) => a.at.getTime() - b.at.getTime());
  const first = (pred: (c: StatusChange) => boolean) => sorted.find(pred) ?? null;
  const issued = first((c) => c.status === RESULT_ISSUED);
  if (issued) return { at: issued.at, status: issued.status };
  const returned = first((c) => c.status === RESULT_RETURNED);
  if (returned) return { at: returned.at, status: returned.status };
  const stopped = first((c) => STOP_LIKE.has(c.status) || (c.status === WITHDRAWN && receivedAt !== null && c.at >= receivedAt));
  return stopped ? { at: stopped.at, status: stopped.status } : null;
}

export interface TimingInput {
  receivedAt: Date;
  /** The appointment (NgàyHẹnTrả) not moved by the supplement: the original one or the one set by a new appointment. */
  dueAt: Date | null;
  supplements: readonly Supplement[];
  statutoryMaxMs?: number;
}

/** The statutory due instant when the dossier has no appointment: receipt + the statutory maximum. */
export function effectiveDue(d: TimingInput): Date | null {
  if (d.dueAt) return d.dueAt;
  if (d.statutoryMaxMs !== undefined) return new Date(d.receivedAt.getTime() + d.statutoryMaxMs);
  return null;
}

/**
 * The first instant (ms) from which an unfinished dossier is overdue; null = never (e.g. waiting for a single
 * supplement requested in time that the citizen never brings).
 *
 * With r1, r2 the first two supplement requests and s1 the supply of the first:
 *  - before r1 (or without requests): judged at T itself, overdue iff T > due → from due + 1 ms;
 *  - in [r1, s1): judged at r1, overdue iff r1 > due (then already overdue from due + 1 ms ≤ r1);
 *  - from s1: judged at T − (s1 − r1), overdue from due + (s1 − r1) + 1 ms (which is after s1 when r1 ≤ due);
 *  - from r2: overdue (more than one supplement request).
 */
export function overdueAt(d: TimingInput): Date | null {
  const due = effectiveDue(d);
  const requests = [...d.supplements].sort((a, b) => a.requestedAt.getTime() - b.requestedAt.getTime());
  const candidates: number[] = [];
  if (requests.length > 1) candidates.push(requests[1].requestedAt.getTime());
  if (due) {
    const dueMs = due.getTime();
    const r1 = requests[0];
    if (!r1 || r1.requestedAt.getTime() > dueMs) candidates.push(dueMs + 1);
    else if (r1.suppliedAt) {
      // A supply recorded before its request counts as an interval of 0.
      const s1 = Math.max(r1.suppliedAt.getTime(), r1.requestedAt.getTime());
      candidates.push(Math.max(s1, dueMs + (s1 - r1.requestedAt.getTime()) + 1));
    }
  }
  return candidates.length ? new Date(Math.min(...candidates)) : null;
}

/** E = min(end of processing, overdueAt), not before the receipt; null = never (still within time forever). */
export function progressEnd(d: TimingInput & { finishedAt: Date | null }): Date | null {
  const o = overdueAt(d);
  const candidates = [o, d.finishedAt].filter((x): x is Date => x !== null).map((x) => x.getTime());
  if (candidates.length === 0) return null;
  return new Date(Math.max(d.receivedAt.getTime(), Math.min(...candidates)));
}
