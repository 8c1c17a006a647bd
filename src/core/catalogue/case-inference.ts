/**
 * Case inference (issue 18, fewer steps): where the data decides the case (trường hợp), the journey chooses it.
 * Birth registration: a child born at most 60 days before today is registered on time (Luật Hộ tịch 2014, Điều 15),
 * later than that late (Nghị định 123/2015/NĐ-CP, Điều 9). The bands are catalogue data with effective dates
 * (`ProcedureDefinition.caseInference`), never constants here: the law may change the 60 days.
 *
 * Pure: the caller gives today's local date (Vietnam) and the answers (prefilled or typed).
 */

export interface CaseInferenceBand {
  caseCode: string;
  /** The band holds dates at least this many days before today (inclusive). */
  minDays?: number;
  /** The band holds dates at most this many days before today (inclusive). */
  maxDays?: number;
}

export interface CaseInferenceRule {
  /** The e-form field (a date) whose answer decides, the same key in every case of the bands. */
  field: string;
  bands: CaseInferenceBand[];
  /** Why: the legal basis shown to the citizen with the chosen case. */
  basis: string;
  effectiveFrom: string;
  effectiveTo?: string;
}

export interface InferredCase {
  caseCode: string;
  /** Days from the deciding date to today (0 = today). */
  days: number;
  field: string;
  basis: string;
}

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
const DAY_MS = 86_400_000;

/** Midnight UTC of a valid calendar date `YYYY-MM-DD`, or null (2026-02-30 is not a date). */
function dayNumber(s: unknown): number | null {
  if (typeof s !== 'string') return null;
  const m = ISO_DATE.exec(s);
  if (!m) return null;
  const t = Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]));
  return new Date(t).toISOString().slice(0, 10) === s ? t / DAY_MS : null;
}

/** The rule in force on `today` (the latest effectiveFrom not after it, not yet ended), or null. */
export function caseRuleInForce(rules: readonly CaseInferenceRule[] | undefined, today: string): CaseInferenceRule | null {
  let best: CaseInferenceRule | null = null;
  for (const r of rules ?? []) {
    if (r.effectiveFrom > today || (r.effectiveTo !== undefined && r.effectiveTo < today)) continue;
    if (!best || r.effectiveFrom > best.effectiveFrom) best = r;
  }
  return best;
}

/**
 * The case the answers decide on `today`, or null when no rule is in force, the deciding answer is missing or not a
 * date, lies in the future, or falls in no band. Only cases the procedure offers online (with an e-form) are chosen.
 */
export function inferCase(
  procedure: { cases: readonly { code: string; form?: unknown }[]; caseInference?: readonly CaseInferenceRule[] },
  values: Readonly<Record<string, unknown>>,
  today: string,
): InferredCase | null {
  const rule = caseRuleInForce(procedure.caseInference, today);
  if (!rule) return null;
  const at = dayNumber(values[rule.field]);
  const now = dayNumber(today);
  if (at === null || now === null || at > now) return null;
  const days = now - at;
  const band = rule.bands.find((b) => (b.minDays === undefined || days >= b.minDays) && (b.maxDays === undefined || days <= b.maxDays));
  if (!band || !procedure.cases.some((c) => c.code === band.caseCode && c.form)) return null;
  return { caseCode: band.caseCode, days, field: rule.field, basis: rule.basis };
}

/** Problems of a procedure's inference rules against its cases (for the catalogue check): empty when sound. */
export function caseInferenceProblems(procedure: {
  cases: readonly { code: string; form?: { pages: readonly { fields: readonly { key: string; type: string }[] }[] } }[];
  caseInference?: readonly CaseInferenceRule[];
}): string[] {
  const problems: string[] = [];
  for (const r of procedure.caseInference ?? []) {
    if (r.effectiveTo !== undefined && r.effectiveTo < r.effectiveFrom) problems.push(`${r.field}: effectiveTo trước effectiveFrom`);
    for (const b of r.bands) {
      const c = procedure.cases.find((x) => x.code === b.caseCode);
      if (!c) problems.push(`${r.field}: không có trường hợp ${b.caseCode}`);
      else if (!c.form?.pages.some((p) => p.fields.some((f) => f.key === r.field && f.type === 'date')))
        problems.push(`${r.field}: biểu mẫu của trường hợp ${b.caseCode} không có trường ngày ${r.field}`);
      if (b.minDays !== undefined && b.maxDays !== undefined && b.minDays > b.maxDays) problems.push(`${r.field}: khoảng ${b.caseCode} rỗng`);
    }
    // Every number of days from 0 on falls in exactly one band.
    const sorted = [...r.bands].sort((a, b) => (a.minDays ?? 0) - (b.minDays ?? 0));
    let next = 0;
    for (const b of sorted) {
      if ((b.minDays ?? 0) !== next) problems.push(`${r.field}: các khoảng ngày không liền nhau tại ${next}`);
      if (b.maxDays === undefined) {
        next = Number.POSITIVE_INFINITY;
        break;
      }
      next = b.maxDays + 1;
    }
    if (next !== Number.POSITIVE_INFINITY) problems.push(`${r.field}: các khoảng ngày không phủ hết (từ ${next} ngày)`);
  }
  return problems;
}
