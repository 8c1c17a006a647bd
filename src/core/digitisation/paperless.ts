/**
 * Paperless days and online-only procedures (issue 16 item 6; wave2-capabilities.md C16). Both are local decisions
 * (a province's công văn, e.g. BR-VT 9321/UBND-VP of 08/7/2024), so they are data: rules per unit with their legal
 * basis and effective dates, never code. On a paperless day (a weekday, or a listed date) the counter takes no
 * paper dossier; an online-only procedure is never taken on paper while its rule is in force. Instead the official
 * helps the citizen submit online at the counter (assisted online submission: the dossier is the citizen's, channel
 * online, so it counts in 766 indicator 3.3). An exception (an elderly person without support, a system outage, a
 * law that requires the originals) is allowed with a reason and reported.
 *
 * Pure: which rules are in force on a day, and whether paper intake of a procedure is refused.
 */

export interface PaperlessRule {
  id: string;
  unitId: string;
  /** weekday: every such weekday; date: one date; online_only: one procedure, every day. */
  kind: 'weekday' | 'date' | 'online_only';
  /** ISO weekday 1 (Monday) … 7 (Sunday), for kind weekday. */
  weekday?: number | null;
  /** YYYY-MM-DD, for kind date. */
  day?: string | null;
  /** For kind online_only. */
  procedureCode?: string | null;
  /** In force from this day (inclusive) … */
  effectiveFrom: string;
  /** … to this day (inclusive); open-ended when absent. */
  effectiveTo?: string | null;
  /** Số, ký hiệu of the decision (e.g. "Công văn 9321/UBND-VP ngày 08/7/2024"). */
  legalBasis: string;
}

export const EXCEPTION_REASONS = {
  elderly_without_support: 'Người cao tuổi, người khuyết tật không có người hỗ trợ',
  no_device: 'Người dân không có thiết bị, tài khoản định danh điện tử',
  system_outage: 'Hệ thống gặp sự cố',
  originals_required: 'Pháp luật yêu cầu nộp bản giấy, bản chính',
  other: 'Lý do khác',
} as const;
export type ExceptionReason = keyof typeof EXCEPTION_REASONS;

export const WEEKDAY_NAMES = ['', 'Thứ Hai', 'Thứ Ba', 'Thứ Tư', 'Thứ Năm', 'Thứ Sáu', 'Thứ Bảy', 'Chủ nhật'] as const;

/** ISO weekday (1 Monday … 7 Sunday) of a calendar day YYYY-MM-DD. */
export function isoWeekday(day: string): number {
  const [y, m, d] = day.split('-').map(Number);
  const w = new Date(Date.UTC(y, m - 1, d)).getUTCDay();
  return w === 0 ? 7 : w;
}

const inForce = (r: PaperlessRule, day: string) => r.effectiveFrom <= day && (!r.effectiveTo || day <= r.effectiveTo);

export interface DayRule {
  /** No paper dossier at the counter today, for any procedure. */
  paperless: boolean;
  /** The rules that make today paperless (with their legal basis). */
  paperlessBecause: PaperlessRule[];
  /** Procedures taken online only today (with the rule of each). */
  onlineOnly: PaperlessRule[];
}

/** The rules of a unit in force on a day. */
export function dayRule(rules: readonly PaperlessRule[], unitId: string, day: string): DayRule {
  const mine = rules.filter((r) => r.unitId === unitId && inForce(r, day));
  const wd = isoWeekday(day);
  const paperlessBecause = mine.filter((r) => (r.kind === 'weekday' && r.weekday === wd) || (r.kind === 'date' && r.day === day));
  const onlineOnly = mine.filter((r) => r.kind === 'online_only' && r.procedureCode);
  return { paperless: paperlessBecause.length > 0, paperlessBecause, onlineOnly };
}

export interface PaperIntakeDecision {
  allowed: boolean;
  /** Why paper is refused (Vietnamese), with the legal basis; absent when allowed. */
  message?: string;
  rule?: PaperlessRule;
}

/** Whether the counter may take a paper dossier of this procedure on this day (before any exception). */
export function paperIntake(rules: readonly PaperlessRule[], unitId: string, day: string, procedureCode: string): PaperIntakeDecision {
  const today = dayRule(rules, unitId, day);
  const only = today.onlineOnly.find((r) => r.procedureCode === procedureCode);
  if (only) {
    return {
      allowed: false,
      rule: only,
      message: `Thủ tục này chỉ tiếp nhận hồ sơ trực tuyến (${only.legalBasis}). Bộ phận một cửa không tiếp nhận hồ sơ giấy; cán bộ sẽ hỗ trợ ông/bà nộp hồ sơ trực tuyến ngay tại quầy.`,
    };
  }
  if (today.paperless) {
    const r = today.paperlessBecause[0];
    const when = r.kind === 'weekday' ? `${WEEKDAY_NAMES[r.weekday ?? 0]} hằng tuần` : 'hôm nay';
    return {
      allowed: false,
      rule: r,
      message: `${when[0].toUpperCase()}${when.slice(1)} là ngày không tiếp nhận hồ sơ giấy (${r.legalBasis}). Cán bộ sẽ hỗ trợ ông/bà nộp hồ sơ trực tuyến ngay tại quầy.`,
    };
  }
  return { allowed: true };
}

const validDay = (s: string) => {
  const d = new Date(`${s}T00:00:00Z`);
  return !Number.isNaN(d.getTime()) && d.toISOString().startsWith(s);
};

/** Problems of a rule as entered by an administrator (Vietnamese), empty when valid. */
export function ruleProblems(r: Omit<PaperlessRule, 'id'>): string[] {
  const out: string[] = [];
  const isDay = (s: string | null | undefined) => !!s && /^\d{4}-\d{2}-\d{2}$/.test(s) && validDay(s);
  if (!isDay(r.effectiveFrom)) out.push('Ngày có hiệu lực không hợp lệ.');
  if (r.effectiveTo && (!isDay(r.effectiveTo) || r.effectiveTo < r.effectiveFrom)) out.push('Ngày hết hiệu lực phải sau ngày có hiệu lực.');
  if (!r.legalBasis.trim()) out.push('Vui lòng nêu căn cứ pháp lý (số, ký hiệu văn bản).');
  if (r.kind === 'weekday' && !(Number.isInteger(r.weekday) && (r.weekday as number) >= 1 && (r.weekday as number) <= 7))
    out.push('Vui lòng chọn thứ trong tuần.');
  if (r.kind === 'date' && !isDay(r.day)) out.push('Vui lòng chọn ngày không tiếp nhận hồ sơ giấy.');
  if (r.kind === 'online_only' && !r.procedureCode?.trim()) out.push('Vui lòng chọn thủ tục chỉ tiếp nhận trực tuyến.');
  return out;
}
