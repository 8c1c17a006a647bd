/**
 * Whether a case of a procedure can be done without paying (issue 18, point 13: the search results said "Có thu
 * phí" for birth registration, which is free when on time). Read from the fee data: a case is free when its fees come
 * to 0 with the fewest quantities its form allows — no extra copy when the number of copies (`soBan`, `soBanSao`)
 * is an optional question, one otherwise (as `feeQuantities` reads the answers). Exemptions do not count: they need a
 * proof and apply to some people only.
 */
import type { ProcedureCase } from '../catalogue/schema.ts';
import { quoteFees } from './quote.ts';

export function caseCanBeFree(kase: Pick<ProcedureCase, 'fees' | 'form'>): boolean {
  const fields = kase.form?.pages.flatMap((p) => p.fields) ?? [];
  const copiesField = fields.find((f) => f.key === 'soBan' || f.key === 'soBanSao');
  const copies = copiesField && !copiesField.required ? 0 : 1;
  // At the counter: online reductions never make a fee free, and the date only picks a reduction.
  return quoteFees({ lines: kase.fees, channel: 'counter', date: '2000-01-01', copies, pagesPerCopy: 1 }).total === 0;
}

/**
 * The short condition under which a procedure is free, from the name of its one free case: "Đăng ký khai sinh đúng
 * hạn (trong 60 ngày kể từ ngày sinh)" of "Đăng ký khai sinh" → "đúng hạn". Null when no case or several are free,
 * or when the case's name does not extend the procedure's.
 */
export function freeCondition(procedureName: string, freeCaseNames: string[]): string | null {
  if (freeCaseNames.length !== 1) return null;
  const name = freeCaseNames[0]!.trim();
  if (!name.toLocaleLowerCase('vi').startsWith(`${procedureName.trim().toLocaleLowerCase('vi')} `)) return null;
  const rest = name
    .slice(procedureName.trim().length)
    .replace(/\s*\([^)]*\)\s*$/, '')
    .trim();
  return rest === '' ? null : rest;
}
