/**
 * The shorter time limit for online dossiers (issue 16 item 6: "the lower online fee and shorter time where
 * defined"), pure. A case of the catalogue may declare, beside its time limit, effective-dated online time limits
 * (`onlineTimeLimits`: an amount in the case's own unit, from a date, optionally to a date, with the legal basis — a
 * provincial decision that shortens the time for dossiers submitted online). Rules:
 *
 * - It applies to online dossiers only (channel 2, including dossiers an official helped the citizen submit online at
 *   the counter); counter (1) and postal (3) dossiers keep the case's time limit.
 * - The period in force on the day the dossier was submitted (local date, Asia/Ho_Chi_Minh) decides, as for the
 *   online fee reduction: `effectiveFrom <= day < effectiveTo` (effectiveTo exclusive, like every effective period of
 *   the catalogue).
 * - It counts in the case's unit and keeps the case's 15:00 rule; it must be shorter than the case's time limit and
 *   the periods must not overlap (checked when a catalogue file or an edit is validated: `onlineTimeLimitProblems`).
 */

export interface OnlineTimeLimitRule {
  amount: number;
  effectiveFrom: string;
  effectiveTo?: string;
  basis: string;
}

export interface CaseTimeLimits<U extends string = string> {
  timeLimit: { amount: number; unit: U; sameDayRule?: boolean };
  onlineTimeLimits?: readonly OnlineTimeLimitRule[];
}

export interface ApplicableTimeLimit<U extends string = string> {
  amount: number;
  unit: U;
  sameDayRule: boolean;
  /** Set when the online rule shortened it: the rule and the case's normal amount. */
  online?: { basis: string; effectiveFrom: string; normalAmount: number };
}

const inForce = (r: OnlineTimeLimitRule, day: string) => r.effectiveFrom <= day && (!r.effectiveTo || day < r.effectiveTo);

/** The online time limit in force on a day (YYYY-MM-DD), if any. */
export function onlineTimeLimitOn(c: CaseTimeLimits, day: string): OnlineTimeLimitRule | undefined {
  return (c.onlineTimeLimits ?? []).find((r) => inForce(r, day) && r.amount < c.timeLimit.amount);
}

/** The time limit a dossier is counted under: its channel (1 counter, 2 online, 3 post) and its submission day. */
export function applicableTimeLimit<U extends string>(c: CaseTimeLimits<U>, channel: number, submittedDay: string): ApplicableTimeLimit<U> {
  const normal = { amount: c.timeLimit.amount, unit: c.timeLimit.unit, sameDayRule: c.timeLimit.sameDayRule ?? false };
  if (channel !== 2) return normal;
  const rule = onlineTimeLimitOn(c, submittedDay);
  if (!rule) return normal;
  return { ...normal, amount: rule.amount, online: { basis: rule.basis, effectiveFrom: rule.effectiveFrom, normalAmount: c.timeLimit.amount } };
}

/** What is wrong with a case's online time limits (Vietnamese messages, for the import and the editor). */
export function onlineTimeLimitProblems(c: CaseTimeLimits): string[] {
  const rules = c.onlineTimeLimits ?? [];
  const problems: string[] = [];
  for (const r of rules) {
    if (r.amount >= c.timeLimit.amount)
      problems.push(`Thời hạn giải quyết khi nộp trực tuyến (${r.amount}) phải ngắn hơn thời hạn của trường hợp (${c.timeLimit.amount}).`);
    if (r.effectiveTo !== undefined && r.effectiveTo <= r.effectiveFrom)
      problems.push(`Thời hạn trực tuyến từ ${r.effectiveFrom}: ngày hết hiệu lực phải sau ngày có hiệu lực.`);
  }
  const sorted = [...rules].sort((a, b) => a.effectiveFrom.localeCompare(b.effectiveFrom));
  for (let i = 1; i < sorted.length; i++) {
    const prev = sorted[i - 1];
    if (prev.effectiveTo === undefined || prev.effectiveTo > sorted[i].effectiveFrom)
      problems.push(`Các thời hạn trực tuyến từ ${prev.effectiveFrom} và từ ${sorted[i].effectiveFrom} chồng lên nhau.`);
  }
  return problems;
}
