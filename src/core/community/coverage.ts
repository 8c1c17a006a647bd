/**
 * Household coverage (the plans' target: "mỗi hộ gia đình có ít nhất 01 người biết sử dụng tài khoản VNeID và dịch vụ
 * công trực tuyến"). A household is covered when at least one member has evidence of both an e-ID login and an online
 * submission — from an online dossier submitted after an e-ID login (recorded automatically), or from a helper's visit
 * checklist. Adults are people aged 15 or more on the day counted (the plans count "dân số trưởng thành từ 15 tuổi trở
 * lên"). Pure functions; the server reads the register and the evidence and calls them.
 */
export const SKILLS = ['eid_login', 'online_submission', 'online_payment', 'digital_signature'] as const;
export type Skill = (typeof SKILLS)[number];

/** The skills that make a member count for the household. */
export const COVERING_SKILLS: readonly Skill[] = ['eid_login', 'online_submission'];

export const ADULT_AGE = 15;

export interface Evidence {
  skill: Skill;
  /** ISO instant. */
  at: string;
}

export interface Member {
  idNumber: string;
  /** yyyy-mm-dd. */
  birthDate: string;
  evidence: readonly Evidence[];
}

/** Evidence up to and including an instant (all evidence when `asOf` is omitted). */
const until = (evidence: readonly Evidence[], asOf?: string) => (asOf ? evidence.filter((e) => e.at <= asOf) : evidence);

/** Whether this person has both covering skills evidenced (by `asOf`). */
export function usesOnlineServices(member: Member, asOf?: string): boolean {
  const have = new Set(until(member.evidence, asOf).map((e) => e.skill));
  return COVERING_SKILLS.every((s) => have.has(s));
}

/** Whether a household is covered (by `asOf`): one member is enough. */
export function householdCovered(members: readonly Member[], asOf?: string): boolean {
  return members.some((m) => usesOnlineServices(m, asOf));
}

/** Age in whole years on a day (yyyy-mm-dd); a person born on 29 February turns a year older on 1 March. */
export function ageOn(birthDate: string, day: string): number {
  const [by, bm, bd] = birthDate.split('-').map(Number);
  const [y, m, d] = day.split('-').map(Number);
  let age = y - by;
  if (m < bm || (m === bm && d < bd)) age -= 1;
  return age;
}

export const isAdult = (birthDate: string, day: string) => ageOn(birthDate, day) >= ADULT_AGE;

export interface AreaFigures {
  households: number;
  coveredHouseholds: number;
  adults: number;
  adultsOnline: number;
}

/** The figures of one area's households on a day (`asOf` is the end of that day as an ISO instant). */
export function areaFigures(households: readonly (readonly Member[])[], day: string, asOf?: string): AreaFigures {
  let coveredHouseholds = 0;
  let adults = 0;
  let adultsOnline = 0;
  for (const members of households) {
    if (householdCovered(members, asOf)) coveredHouseholds += 1;
    for (const m of members) {
      if (!isAdult(m.birthDate, day)) continue;
      adults += 1;
      if (usesOnlineServices(m, asOf)) adultsOnline += 1;
    }
  }
  return { households: households.length, coveredHouseholds, adults, adultsOnline };
}

/**
 * The Mondays (yyyy-mm-dd) of the weeks from `from` to `to` inclusive, each week Monday–Sunday: a campaign's weeks.
 * At most `maxWeeks` (the newest kept).
 */
export function campaignWeeks(from: string, to: string, maxWeeks = 26): { start: string; end: string }[] {
  const toDate = (s: string) => new Date(`${s}T00:00:00Z`);
  const iso = (d: Date) => d.toISOString().slice(0, 10);
  const start = toDate(from);
  start.setUTCDate(start.getUTCDate() - ((start.getUTCDay() + 6) % 7));
  const end = toDate(to);
  const weeks: { start: string; end: string }[] = [];
  for (const d = start; d <= end; d.setUTCDate(d.getUTCDate() + 7)) {
    const sunday = new Date(d);
    sunday.setUTCDate(sunday.getUTCDate() + 6);
    weeks.push({ start: iso(d), end: iso(sunday) });
  }
  return weeks.slice(-maxWeeks);
}
