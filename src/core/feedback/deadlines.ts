/**
 * Deadlines of feedback and complaints (phản ánh, kiến nghị — PAKN) in working days (QĐ 766 indicator 5.2), as
 * effective-dated data (data/feedback/deadlines.json): the rule in force on the day of receipt (or of the latest
 * transfer) applies, so a change with a future date changes nothing today. Counted with the working-day calendar
 * of src/core/deadlines (the receipt day is not counted; due at the close of the last working day).
 */
import { z } from 'zod';
import { type Calendar, dueDate } from '../deadlines/deadlines.ts';
import { localDay } from '../time/local.ts';

export const FeedbackDeadlineRule = z.object({
  effectiveFrom: z.string().regex(/^\d{4}-\d{2}-\d{2}$/),
  answerDays: z.number().int().min(1).max(120),
  refuseDays: z.number().int().min(1).max(60),
  askMoreDays: z.number().int().min(1).max(60),
  publishDays: z.number().int().min(1).max(60),
  basis: z.string(),
});
export type FeedbackDeadlineRule = z.infer<typeof FeedbackDeadlineRule>;
export const FeedbackDeadlineRules = z.object({ rules: z.array(FeedbackDeadlineRule).min(1) });

/** What has to be done by a deadline: answer, refuse, ask for more information, publish the answer. */
export type FeedbackStep = 'answer' | 'refuse' | 'askMore' | 'publish';

const DAYS: Record<FeedbackStep, keyof FeedbackDeadlineRule> = {
  answer: 'answerDays',
  refuse: 'refuseDays',
  askMore: 'askMoreDays',
  publish: 'publishDays',
};

/** The rule in force on a day (yyyy-mm-dd): the latest effectiveFrom on or before it. */
export function ruleOn(rules: readonly FeedbackDeadlineRule[], day: string): FeedbackDeadlineRule {
  const r = [...rules].filter((x) => x.effectiveFrom <= day).sort((a, b) => b.effectiveFrom.localeCompare(a.effectiveFrom))[0];
  if (!r) throw new RangeError(`no feedback deadline rule in force on ${day}`);
  return r;
}

/**
 * When a step is due. `from` is the receipt (or the latest transfer) for answer/refuse/askMore, and the answer
 * for publish; the rule is the one in force on that day.
 */
export function feedbackDue(step: FeedbackStep, from: Date, rules: readonly FeedbackDeadlineRule[], cal: Calendar): Date {
  const rule = ruleOn(rules, localDay(from));
  return dueDate({ from, amount: rule[DAYS[step]] as number, unit: 'working_days' }, cal);
}
