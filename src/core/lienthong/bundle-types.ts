/**
 * Linked procedures (liên thông, NĐ 63/2024; domain-and-law.md §5.6) as data: a bundle type lists its member
 * procedures, the agency of each and the adapter that hands the member over, the dependencies between members (the
 * health-insurance card waits for the birth extract), the mapping from the one form the citizen fills to each
 * member's data, the fee and the time limit of each member, and the rule that selects a member (the death bundle's
 * funeral-allowance branch). Bundle types are effective-dated: the version in force at submission applies.
 *
 * Pure: no I/O. The server loads the files of data/lienthong/ through `parseBundleType`.
 */
import { z } from 'zod';
import { localDay } from '../time/local.ts';

/** How a member is handed to its agency: processed here, or sent through an adapter. */
export const HANDOFF_ADAPTERS = ['local', 'cutru', 'bhxh', 'manual'] as const;
export type HandoffAdapter = (typeof HANDOFF_ADAPTERS)[number];

/** Where a member's value comes from. */
const ValueSource = z.union([
  z.object({ form: z.string().min(1) }).strict(),
  z.object({ result: z.string().min(1), field: z.enum(['number', 'reference', 'issuedAt']) }).strict(),
  z.object({ value: z.union([z.string(), z.number(), z.boolean()]) }).strict(),
]);
export type ValueSource = z.infer<typeof ValueSource>;

const Condition = z.object({ field: z.string().min(1), equals: z.union([z.string(), z.number(), z.boolean()]) }).strict();
export type Condition = z.infer<typeof Condition>;

export const BundleMember = z
  .object({
    key: z.string().regex(/^[a-z0-9-]{2,40}$/),
    name: z.string().min(1),
    procedureCode: z.string().min(1),
    caseCode: z.string().min(1),
    agency: z.object({ code: z.string().min(1), name: z.string().min(1), unitKind: z.string().min(1).optional() }).strict(),
    adapter: z.enum(HANDOFF_ADAPTERS),
    /** Members whose result this member waits for before it is handed over. */
    dependsOn: z.array(z.string()).default([]),
    /** The member exists only when the condition holds on the citizen's form (a branch). */
    when: Condition.optional(),
    /** Target field → where its value comes from; `*` copies the whole form (a local member with the same form). */
    fields: z.record(z.string(), ValueSource).default({}),
    copyForm: z.boolean().default(false),
    fee: z.number().int().min(0).default(0),
    timeLimit: z.object({ amount: z.number().min(0), unit: z.enum(['working_days', 'working_hours']) }).strict(),
    /** Working hours the agency has to answer a hand-off before the responsible official is alerted. */
    answerWithinHours: z.number().positive().default(8),
  })
  .strict();
export type BundleMember = z.infer<typeof BundleMember>;

export const BundleType = z
  .object({
    code: z.string().min(1),
    version: z.number().int().positive(),
    name: z.string().min(1),
    /** The procedure the citizen submits (the parent dossier's procedure). */
    parentProcedureCode: z.string().min(1),
    effectiveFrom: z.string().regex(/^\d{4}-\d{2}-\d{2}$/),
    effectiveTo: z
      .string()
      .regex(/^\d{4}-\d{2}-\d{2}$/)
      .nullable()
      .default(null),
    /** A national bundle (NĐ 63) is always on; a local bundle is switched on per installation. */
    scope: z.enum(['national', 'local']),
    enabledByDefault: z.boolean(),
    /** The prefix of the bundle's own code (mã hồ sơ liên thông), e.g. the national liên thông software's G22.99.08. */
    codePrefix: z.string().regex(/^[0-9A-Z.]{3,20}$/),
    legalBasis: z.array(z.string()).default([]),
    members: z.array(BundleMember).min(1),
  })
  .strict()
  .superRefine((t, c) => {
    const keys = new Set<string>();
    for (const m of t.members) {
      if (keys.has(m.key)) c.addIssue({ code: 'custom', message: `duplicate member ${m.key}` });
      keys.add(m.key);
    }
    for (const m of t.members) {
      for (const d of m.dependsOn) if (!keys.has(d) || d === m.key) c.addIssue({ code: 'custom', message: `${m.key} depends on unknown member ${d}` });
      for (const s of Object.values(m.fields))
        if ('result' in s && !m.dependsOn.includes(s.result))
          c.addIssue({ code: 'custom', message: `${m.key} reads the result of ${s.result} without waiting for it` });
    }
    if (hasCycle(t.members)) c.addIssue({ code: 'custom', message: 'dependency cycle' });
  });
export type BundleType = z.infer<typeof BundleType>;

export function parseBundleType(json: unknown): BundleType {
  return BundleType.parse(json);
}

function hasCycle(members: readonly { key: string; dependsOn: readonly string[] }[]): boolean {
  const deps = new Map(members.map((m) => [m.key, m.dependsOn]));
  const state = new Map<string, 1 | 2>();
  const visit = (k: string): boolean => {
    if (state.get(k) === 2) return false;
    if (state.get(k) === 1) return true;
    state.set(k, 1);
    for (const d of deps.get(k) ?? []) if (visit(d)) return true;
    state.set(k, 2);
    return false;
  };
  return members.some((m) => visit(m.key));
}

/** The version of a bundle type in force on a day (yyyy-mm-dd, Vietnam time), or null. */
export function versionInForce(types: readonly BundleType[], code: string, day: string): BundleType | null {
  const candidates = types
    .filter((t) => t.code === code && t.effectiveFrom <= day && (t.effectiveTo === null || day < t.effectiveTo))
    .sort((a, b) => b.version - a.version);
  return candidates[0] ?? null;
}

/** The bundle type whose parent procedure is this one, in force at that instant. */
export function bundleForProcedure(types: readonly BundleType[], procedureCode: string, at: Date): BundleType | null {
  const day = localDay(at);
  const codes = [...new Set(types.filter((t) => t.parentProcedureCode === procedureCode).map((t) => t.code))];
  for (const code of codes) {
    const t = versionInForce(types, code, day);
    if (t) return t;
  }
  return null;
}

/** The members that apply to this form (branch rules). */
export function selectMembers(type: BundleType, form: Record<string, unknown>): BundleMember[] {
  return type.members.filter((m) => !m.when || form[m.when.field] === m.when.equals);
}

/** A member's result as the bundle knows it (the birth extract's number, the agency's reference). */
export interface MemberResult {
  number?: string | null;
  reference?: string | null;
  issuedAt?: string | null;
}

/** The member's data, mapped from the citizen's one form and the results of the members it waits for. */
export function memberValues(
  member: BundleMember,
  form: Record<string, unknown>,
  results: Readonly<Record<string, MemberResult>> = {},
): Record<string, unknown> {
  const out: Record<string, unknown> = member.copyForm ? { ...form } : {};
  for (const [target, source] of Object.entries(member.fields)) {
    if ('form' in source) {
      if (form[source.form] !== undefined) out[target] = form[source.form];
    } else if ('result' in source) {
      const r = results[source.result]?.[source.field];
      if (r !== undefined && r !== null) out[target] = r;
    } else out[target] = source.value;
  }
  return out;
}

/** Whether every member it waits for has its result. */
export function dependenciesMet(member: BundleMember, results: Readonly<Record<string, MemberResult | undefined>>): boolean {
  return member.dependsOn.every((d) => results[d] !== undefined);
}

/** A member's state in the bundle. */
export const MEMBER_STATES = ['waiting', 'processing', 'handed_off', 'accepted', 'rejected', 'done', 'failed'] as const;
export type MemberState = (typeof MEMBER_STATES)[number];

export type BundleState = 'open' | 'partially_done' | 'done' | 'failed';

/** The bundle's state from its members': done when all are done; failed when one failed and none is still going. */
export function bundleState(states: readonly MemberState[]): BundleState {
  if (states.length > 0 && states.every((s) => s === 'done')) return 'done';
  const finished = states.every((s) => s === 'done' || s === 'failed');
  if (finished) return states.some((s) => s === 'done') ? 'partially_done' : 'failed';
  return 'open';
}

/** The bundle's total fee (each member's fee). */
export function bundleFee(members: readonly BundleMember[]): number {
  return members.reduce((s, m) => s + m.fee, 0);
}
