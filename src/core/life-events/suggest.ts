/**
 * Life-event suggestions: effective-dated rules (data/life-events/rules.json) evaluated over one citizen's own
 * records — the birth dates of themselves and their household (population database), births and deaths not yet
 * registered, and the results in their document store. Each suggestion says why, what to do by when, and links to
 * the procedure when the catalogue has it. Pure: no I/O, today passed in; a rule version with a future
 * effectiveFrom changes nothing until its day.
 */
import { z } from 'zod';
import { addDaysIso } from '../calendar/holidays.ts';

const Day = z.string().regex(/^\d{4}-\d{2}-\d{2}$/);

const Version = z.discriminatedUnion('kind', [
  z.object({
    kind: z.literal('newborn_unregistered'),
    effectiveFrom: Day,
    withinDays: z.number().int().min(1),
    procedureCode: z.string(),
    caseCode: z.string().optional(),
    basis: z.string(),
  }),
  z.object({
    kind: z.literal('age_reached'),
    effectiveFrom: Day,
    ages: z.array(z.number().int().min(0).max(150)).min(1),
    leadDays: z.number().int().min(0),
    /** The citizen themselves (card renewal) rather than their children. */
    self: z.boolean().default(false),
    where: z.string(),
    document: z.string(),
    procedureCode: z.string().optional(),
    basis: z.string(),
  }),
  z.object({ kind: z.literal('household_death'), effectiveFrom: Day, withinDays: z.number().int().min(1), procedureCode: z.string(), basis: z.string() }),
  z.object({
    kind: z.literal('document_expiring'),
    effectiveFrom: Day,
    documentType: z.string(),
    validityMonths: z.number().int().min(1),
    warnDays: z.number().int().min(0),
    procedureCode: z.string(),
    basis: z.string(),
  }),
]);
export type RuleVersion = z.infer<typeof Version>;
export const LifeEventRules = z.object({ rules: z.array(z.object({ id: z.string(), versions: z.array(Version).min(1) })) });
export type LifeEventRules = z.infer<typeof LifeEventRules>;

export interface Person {
  name: string;
  birthDate: string;
}
export interface CitizenRecords {
  self: Person;
  children: (Person & { birthRegistered: boolean })[];
  /** Household members who died, with whether the death is registered. */
  deaths: { name: string; deathDate: string; deathRegistered: boolean }[];
  documents: { type: string; name: string; issuedOn: string }[];
}

export interface Suggestion {
  ruleId: string;
  title: string;
  /** Why, in plain Vietnamese, from the citizen's own records. */
  reason: string;
  /** The day by which to act (yyyy-mm-dd). */
  dueBy: string;
  procedureCode?: string;
  caseCode?: string;
  basis: string;
}

/** The version of each rule in force on a day. */
export function versionOn(versions: readonly RuleVersion[], today: string): RuleVersion | undefined {
  return [...versions].filter((v) => v.effectiveFrom <= today).sort((a, b) => b.effectiveFrom.localeCompare(a.effectiveFrom))[0];
}

const vn = (iso: string) => iso.split('-').reverse().join('/');
const birthday = (birthDate: string, age: number) => {
  const [y, m, d] = birthDate.split('-').map(Number);
  const dd = m === 2 && d === 29 && !((y + age) % 4 === 0 && ((y + age) % 100 !== 0 || (y + age) % 400 === 0)) ? 28 : d;
  return `${y + age}-${String(m).padStart(2, '0')}-${String(dd).padStart(2, '0')}`;
};
const addMonths = (iso: string, months: number) => {
  const [y, m, d] = iso.split('-').map(Number);
  const first = new Date(Date.UTC(y, m - 1 + months, 1));
  const last = new Date(Date.UTC(first.getUTCFullYear(), first.getUTCMonth() + 1, 0)).getUTCDate();
  return `${first.toISOString().slice(0, 8)}${String(Math.min(d, last)).padStart(2, '0')}`;
};

export function suggest(rules: LifeEventRules, records: CitizenRecords, today: string): Suggestion[] {
  const out: Suggestion[] = [];
  for (const rule of rules.rules) {
    const v = versionOn(rule.versions, today);
    if (!v) continue;
    if (v.kind === 'newborn_unregistered') {
      for (const c of records.children) {
        const dueBy = addDaysIso(c.birthDate, v.withinDays);
        if (c.birthRegistered || c.birthDate > today || today > dueBy) continue;
        out.push({
          ruleId: rule.id,
          title: `Đăng ký khai sinh cho ${c.name}`,
          reason: `${c.name} sinh ngày ${vn(c.birthDate)} chưa được đăng ký khai sinh; cần đăng ký trong ${v.withinDays} ngày kể từ ngày sinh (đến hết ngày ${vn(dueBy)}).`,
          dueBy,
          procedureCode: v.procedureCode,
          caseCode: v.caseCode,
          basis: v.basis,
        });
      }
    } else if (v.kind === 'age_reached') {
      const people = v.self ? [records.self] : records.children;
      for (const p of people) {
        for (const age of v.ages) {
          const on = birthday(p.birthDate, age);
          // From leadDays before the birthday until 30 days after it.
          if (today < addDaysIso(on, -v.leadDays) || today > addDaysIso(on, 30)) continue;
          const who = v.self ? 'Bạn' : p.name;
          out.push({
            ruleId: rule.id,
            title: v.self ? `Đổi ${v.document} khi đủ ${age} tuổi` : `Làm ${v.document} cho ${p.name}`,
            reason: `${who} ${on > today ? 'sẽ đủ' : 'đã đủ'} ${age} tuổi vào ngày ${vn(on)} (ngày sinh ${vn(p.birthDate)}); ${v.basis}. Nơi làm: ${v.where}.`,
            dueBy: addDaysIso(on, 30),
            ...(v.procedureCode ? { procedureCode: v.procedureCode } : {}),
            basis: v.basis,
          });
        }
      }
    } else if (v.kind === 'household_death') {
      for (const d of records.deaths) {
        const dueBy = addDaysIso(d.deathDate, v.withinDays);
        if (d.deathRegistered || today > dueBy) continue;
        out.push({
          ruleId: rule.id,
          title: `Khai tử cho ${d.name}`,
          reason: `${d.name} mất ngày ${vn(d.deathDate)}; cần đăng ký khai tử trong ${v.withinDays} ngày (đến hết ngày ${vn(dueBy)}). Một hồ sơ liên thông gồm khai tử, xóa thường trú, trợ cấp mai táng và tử tuất.`,
          dueBy,
          procedureCode: v.procedureCode,
          basis: v.basis,
        });
      }
    } else {
      for (const doc of records.documents.filter((x) => x.type === v.documentType)) {
        const expires = addMonths(doc.issuedOn, v.validityMonths);
        if (today < addDaysIso(expires, -v.warnDays) || today > expires) continue;
        out.push({
          ruleId: rule.id,
          title: `${doc.name} sắp hết hạn`,
          reason: `${doc.name} cấp ngày ${vn(doc.issuedOn)} có giá trị ${v.validityMonths} tháng, hết hạn ngày ${vn(expires)}. Nếu còn cần dùng, hãy xin cấp lại.`,
          dueBy: expires,
          procedureCode: v.procedureCode,
          basis: v.basis,
        });
      }
    }
  }
  return out.sort((a, b) => a.dueBy.localeCompare(b.dueBy) || a.ruleId.localeCompare(b.ruleId));
}
