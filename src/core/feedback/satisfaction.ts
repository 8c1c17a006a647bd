/**
 * QĐ 766 group 5 from feedback data (domain-and-law.md §2.3):
 * - 5.2 Tiến độ xử lý PAKN: the share of PAKN whose every step was on time — answered (to "chờ công khai / đã
 *   công khai") within 15 working days of receipt or latest transfer, refused within 2, sent back for more
 *   information within 5, published within 2 of the answer. A step still open past its deadline is late too.
 * - 5.3 Hài lòng xử lý PAKN: (total − PAKN with more dislikes than likes, late, or re-complained) / total.
 * - 5.4 Hài lòng trong tiếp nhận, giải quyết TTHC: 100 % − (overdue dossier rate + rate of dossiers with a PAKN or
 *   a "dislike" rating).
 * Pure: the caller passes the facts and the calendar.
 */
import type { Calendar } from '../deadlines/deadlines.ts';
import { type FeedbackDeadlineRule, feedbackDue } from './deadlines.ts';

export interface FeedbackFacts {
  /** Receipt, or the latest transfer (the clock restarts). */
  receivedAt: Date;
  refusedAt?: Date;
  askedMoreAt?: Date;
  answeredAt?: Date;
  publishedAt?: Date;
  likes: number;
  dislikes: number;
  /** The citizen reopened it (re-complaint). */
  reopened: boolean;
}

const late = (done: Date | undefined, due: Date, now: Date) => (done ? done.getTime() > due.getTime() : now.getTime() > due.getTime());

/** Whether any step of one PAKN was (or, still open, is already) late at `now`. */
export function isLate(f: FeedbackFacts, rules: readonly FeedbackDeadlineRule[], cal: Calendar, now: Date): boolean {
  if (f.refusedAt) return late(f.refusedAt, feedbackDue('refuse', f.receivedAt, rules, cal), now);
  if (f.askedMoreAt && late(f.askedMoreAt, feedbackDue('askMore', f.receivedAt, rules, cal), now)) return true;
  if (late(f.answeredAt, feedbackDue('answer', f.receivedAt, rules, cal), now)) return true;
  return !!f.answeredAt && late(f.publishedAt, feedbackDue('publish', f.answeredAt, rules, cal), now);
}

/** Unsatisfied in 5.3: more dislikes than likes, late, or reopened. */
export function isUnsatisfied(f: FeedbackFacts, rules: readonly FeedbackDeadlineRule[], cal: Calendar, now: Date): boolean {
  return f.dislikes > f.likes || f.reopened || isLate(f, rules, cal, now);
}

export interface Ratio {
  numerator: number;
  denominator: number;
  /** Percent, or null when there is nothing to measure ("no data"). */
  percent: number | null;
}
const ratio = (n: number, d: number): Ratio => ({ numerator: n, denominator: d, percent: d === 0 ? null : Math.round((10_000 * n) / d) / 100 });

export function indicator52(all: readonly FeedbackFacts[], rules: readonly FeedbackDeadlineRule[], cal: Calendar, now: Date): Ratio {
  return ratio(all.filter((f) => !isLate(f, rules, cal, now)).length, all.length);
}

export function indicator53(all: readonly FeedbackFacts[], rules: readonly FeedbackDeadlineRule[], cal: Calendar, now: Date): Ratio {
  return ratio(all.filter((f) => !isUnsatisfied(f, rules, cal, now)).length, all.length);
}

/** 5.4 from dossier counts: 100 % − (overdue rate + rate of dossiers with a PAKN or a "dislike" rating). */
export function indicator54(d: { dossiers: number; overdue: number; withFeedbackOrDislike: number }): Ratio {
  if (d.dossiers === 0) return ratio(0, 0);
  const percent = Math.max(0, 100 - (100 * d.overdue) / d.dossiers - (100 * d.withFeedbackOrDislike) / d.dossiers);
  return { numerator: d.dossiers - d.overdue - d.withFeedbackOrDislike, denominator: d.dossiers, percent: Math.round(percent * 100) / 100 };
}
