/**
 * Which dossier events tell the citizen what, on which channels: rules as data. The defaults below are the
 * national baseline (domain-and-law.md §3.4); a province switches a rule off or on for itself, for one procedure
 * or for all, from a date (`NotificationSwitch`, stored in notification_switches). The notices the law requires
 * (Mẫu 02–05: completion or supplement requested, refusal, apology with a new date, stop) cannot be switched off
 * and always go out on at least one channel besides in-app.
 */
import type { DossierEventType } from '../dossiers/transitions.ts';
import type { NotificationChannel } from './channels.ts';

/**
 * Events of other modules that tell a citizen something, emitted in the transaction of their change (each module
 * calls the notifications module's `queueNotices` there, never a page handler):
 * - a liên thông member's outcome (lienthong/handoffs.ts, lienthong/bundles.ts): accepted by its agency, rejected
 *   with the agency's reason, its result issued — told to the bundle's citizen;
 * - a PAKN item handled (feedback/service.ts): answered, sent back for more information, refused — told to its author;
 * - a life-event suggestion (assistant/life-events.ts, a background job) — only to a citizen who opted in.
 */
export const NOTICE_EVENTS = [
  'lienthong.member_accepted',
  'lienthong.member_rejected',
  'lienthong.member_result',
  'feedback.answered',
  'feedback.asked_more',
  'feedback.refused',
  'life_event.suggested',
] as const;
export type NoticeEventType = (typeof NOTICE_EVENTS)[number];

/** Every event a rule may name: the dossier vocabulary and the other modules' notice events. */
export type NotificationEventType = DossierEventType | NoticeEventType;

export interface NotificationRule {
  event: NotificationEventType;
  /** The template (templates.ts) the citizen receives. */
  template: string;
  /** A notice the law requires: never switched off, never opted out of. */
  mandatory: boolean;
  /** The channels the rule uses (the channel policy picks among them: policy.ts). */
  channels: readonly NotificationChannel[];
}

const ALL: readonly NotificationChannel[] = ['zns', 'sms', 'email', 'inapp'];

/** The baseline rules, one per event the citizen is told about. Events not listed are internal (handover, reassignment …). */
export const DEFAULT_RULES: readonly NotificationRule[] = [
  { event: 'submitted', template: 'dossier.submitted', mandatory: false, channels: ['email', 'inapp'] },
  { event: 'received', template: 'dossier.received', mandatory: false, channels: ALL },
  { event: 'completion_requested', template: 'dossier.completion_requested', mandatory: true, channels: ALL },
  { event: 'refused', template: 'dossier.refused', mandatory: true, channels: ALL },
  { event: 'supplement_requested', template: 'dossier.supplement_requested', mandatory: true, channels: ALL },
  { event: 'supplement_provided', template: 'dossier.supplement_provided', mandatory: false, channels: ['email', 'inapp'] },
  { event: 'payment_requested', template: 'dossier.payment_requested', mandatory: false, channels: ALL },
  { event: 'paid', template: 'dossier.paid', mandatory: false, channels: ['email', 'inapp'] },
  { event: 'rescheduled', template: 'dossier.rescheduled', mandatory: true, channels: ALL },
  { event: 'stopped', template: 'dossier.stopped', mandatory: true, channels: ALL },
  { event: 'withdrawal_requested', template: 'dossier.withdrawn', mandatory: false, channels: ['email', 'inapp'] },
  { event: 'result_issued', template: 'dossier.result_issued', mandatory: false, channels: ALL },
  { event: 'result_returned', template: 'dossier.result_returned', mandatory: false, channels: ALL },
  { event: 'lienthong.member_accepted', template: 'lienthong.member_accepted', mandatory: false, channels: ['email', 'inapp'] },
  { event: 'lienthong.member_rejected', template: 'lienthong.member_rejected', mandatory: false, channels: ALL },
  { event: 'lienthong.member_result', template: 'lienthong.member_result', mandatory: false, channels: ALL },
  { event: 'feedback.answered', template: 'feedback.answered', mandatory: false, channels: ALL },
  { event: 'feedback.asked_more', template: 'feedback.asked_more', mandatory: false, channels: ALL },
  { event: 'feedback.refused', template: 'feedback.refused', mandatory: false, channels: ALL },
  // Sent only to a citizen who opted in (notification_opt_ins), at most once per suggestion and period.
  { event: 'life_event.suggested', template: 'life_event.suggested', mandatory: false, channels: ['zns', 'email', 'inapp'] },
];

/** A province's decision on one rule: for one procedure (procedureCode) or all (null), from a date. */
export interface NotificationSwitch {
  provinceCode: string;
  event: NotificationEventType;
  procedureCode: string | null;
  enabled: boolean;
  /** ISO dates (YYYY-MM-DD); effectiveTo exclusive, null = open-ended. */
  effectiveFrom: string;
  effectiveTo: string | null;
}

export interface ResolvedRule extends NotificationRule {
  /** Whether the rule sends (false = its notifications are recorded as suppressed). */
  enabled: boolean;
}

/**
 * The rule for an event in a province, for a procedure, on a day: the most specific switch in force wins (a
 * procedure's over the province's), the latest effective date among equals. A mandatory rule stays enabled.
 */
export function resolveRule(
  event: NotificationEventType,
  ctx: { provinceCode: string; procedureCode: string; day: string },
  switches: readonly NotificationSwitch[],
  rules: readonly NotificationRule[] = DEFAULT_RULES,
): ResolvedRule | null {
  const rule = rules.find((r) => r.event === event);
  if (!rule) return null;
  const inForce = switches
    .filter(
      (s) =>
        s.event === event &&
        s.provinceCode === ctx.provinceCode &&
        (s.procedureCode === null || s.procedureCode === ctx.procedureCode) &&
        s.effectiveFrom <= ctx.day &&
        (s.effectiveTo === null || ctx.day < s.effectiveTo),
    )
    .sort((a, b) => Number(a.procedureCode !== null) - Number(b.procedureCode !== null) || a.effectiveFrom.localeCompare(b.effectiveFrom));
  const decided = inForce.at(-1);
  return { ...rule, enabled: rule.mandatory || (decided ? decided.enabled : true) };
}

/** Whether a switch may be saved: a mandatory notice cannot be switched off. */
export function checkSwitch(s: Pick<NotificationSwitch, 'event' | 'enabled'>, rules: readonly NotificationRule[] = DEFAULT_RULES): string | null {
  const rule = rules.find((r) => r.event === s.event);
  if (!rule) return 'Sự kiện này không có thông báo cho người dân.';
  if (rule.mandatory && !s.enabled) return 'Thông báo này là bắt buộc theo quy định (Mẫu 02–05), không thể tắt.';
  return null;
}
