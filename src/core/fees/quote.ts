/**
 * Fee quote (phí, lệ phí) of a case for a dossier: per-unit lines, page tiers with a cap per copy, the online
 * reduction in effect on the day, and exemptions proven by a document. Integer đồng throughout; reductions round
 * down to the đồng in the citizen's favour.
 */
import type { FeeLine } from '../catalogue/schema.ts';

export interface QuoteInput {
  lines: FeeLine[];
  channel: 'online' | 'counter';
  /** yyyy-mm-dd in Vietnam time: which reduction is in effect. */
  date: string;
  /** Quantities: copies and pages per copy (from the form), cases. */
  copies?: number;
  pagesPerCopy?: number;
  /** Exemption codes the applicant claims (each needs its proving document, checked by the caller). */
  exemptions?: string[];
}

export interface QuoteLine {
  code: string;
  name: string;
  kind: FeeLine['kind'];
  units: number;
  gross: number;
  reduction: number;
  exempted: boolean;
  net: number;
  reductionBasis?: string;
}

export interface Quote {
  lines: QuoteLine[];
  total: number;
}

/** Amount for one copy of a page-priced document: tiered per page, capped per copy. */
export function pageAmount(line: FeeLine, pages: number): number {
  let total = 0;
  for (let page = 1; page <= pages; page++) {
    const tier = [...line.tiers].sort((a, b) => b.fromUnit - a.fromUnit).find((t) => page >= t.fromUnit);
    total += tier ? tier.amount : line.amount;
  }
  return line.maxPerCopy !== undefined ? Math.min(total, line.maxPerCopy) : total;
}

export function quoteFees(input: QuoteInput): Quote {
  const copies = Math.max(0, Math.floor(input.copies ?? 1));
  const pages = Math.max(0, Math.floor(input.pagesPerCopy ?? 1));
  const lines = input.lines.map((line): QuoteLine => {
    let units = 1;
    let gross: number;
    if (line.unit === 'page') {
      units = copies * pages;
      gross = copies * pageAmount(line, pages);
    } else {
      units = line.unit === 'copy' ? copies : 1;
      gross = units * line.amount;
    }
    const exempted = line.exemptions.some((e) => input.exemptions?.includes(e.code));
    const r =
      input.channel === 'online'
        ? line.onlineReductions.find((x) => x.effectiveFrom <= input.date && (!x.effectiveTo || input.date < x.effectiveTo))
        : undefined;
    const reduction = exempted || !r ? 0 : Math.min(gross, r.percent !== undefined ? Math.floor((gross * r.percent) / 100) : (r.amount ?? 0) * units);
    const net = exempted ? 0 : gross - reduction;
    return {
      code: line.code,
      name: line.name,
      kind: line.kind,
      units,
      gross,
      reduction,
      exempted,
      net,
      ...(r && !exempted ? { reductionBasis: r.basis } : {}),
    };
  });
  return { lines, total: lines.reduce((n, l) => n + l.net, 0) };
}

/**
 * Quantities for a quote from the e-form answers: copies from `soBan` or `soBanSao` and pages per copy from
 * `soTrang` when the form asks for them (an unanswered optional question means none); 1 when it does not ask.
 */
export function feeQuantities(formFieldKeys: string[], values: Record<string, unknown>): { copies: number; pagesPerCopy: number } {
  const asked = (k: string) => formFieldKeys.includes(k);
  const num = (v: unknown) => (v === undefined || v === null || v === '' ? 0 : Math.max(0, Math.floor(Number(v)) || 0));
  const copiesKey = ['soBan', 'soBanSao'].find(asked);
  return { copies: copiesKey ? num(values[copiesKey]) : 1, pagesPerCopy: asked('soTrang') ? Math.max(1, num(values.soTrang)) : 1 };
}
