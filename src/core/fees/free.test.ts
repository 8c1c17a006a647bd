import { describe, expect, it } from 'vitest';
import type { FeeLine, ProcedureCase } from '../catalogue/schema.ts';
import { caseCanBeFree, freeCondition } from './free.ts';

const line = (over: Partial<FeeLine>): FeeLine => ({
  kind: 'le_phi',
  code: 'LP',
  name: 'Lệ phí',
  amount: 8000,
  unit: 'dossier',
  tiers: [],
  onlineReductions: [],
  exemptions: [],
  ...over,
});
const formAsking = (required: boolean): ProcedureCase['form'] =>
  ({ pages: [{ key: 'p', title: 'Trang', fields: [{ key: 'soBanSao', type: 'number', label: 'Số bản sao', required }] }] }) as unknown as ProcedureCase['form'];

describe('a case that can be done without paying', () => {
  it('is free without fee lines, or with lines of 0 đ', () => {
    expect(caseCanBeFree({ fees: [] })).toBe(true);
    expect(caseCanBeFree({ fees: [line({ amount: 0 })] })).toBe(true);
  });

  it('is not free with a fee per dossier, even with an online reduction or an exemption', () => {
    expect(caseCanBeFree({ fees: [line({})] })).toBe(false);
    expect(
      caseCanBeFree({
        fees: [
          line({
            onlineReductions: [{ percent: 100, effectiveFrom: '2025-07-01', basis: 'x' }],
            exemptions: [{ code: 'ho-ngheo', name: 'Hộ nghèo', requiredDocumentType: 'x' }],
          }),
        ],
      }),
    ).toBe(false);
  });

  it('is free when the only fee is per extra copy and the number of copies is optional (birth on time)', () => {
    const copies = line({ kind: 'phi', code: 'BSTL', unit: 'copy' });
    expect(caseCanBeFree({ fees: [copies], form: formAsking(false) })).toBe(true);
    expect(caseCanBeFree({ fees: [copies], form: formAsking(true) })).toBe(false);
    // A form that does not ask: one copy, as feeQuantities reads it.
    expect(caseCanBeFree({ fees: [copies] })).toBe(false);
    expect(caseCanBeFree({ fees: [copies, line({})], form: formAsking(false) })).toBe(false);
  });
});

describe('the condition under which a procedure is free', () => {
  it("is the free case's name after the procedure's, without its parenthesis", () => {
    expect(freeCondition('Đăng ký khai sinh', ['Đăng ký khai sinh đúng hạn (trong 60 ngày kể từ ngày sinh)'])).toBe('đúng hạn');
  });
  it('is unknown with no free case, several, or a name that does not extend the procedure’s', () => {
    expect(freeCondition('Đăng ký khai sinh', [])).toBeNull();
    expect(freeCondition('Đăng ký khai sinh', ['Đăng ký khai sinh đúng hạn', 'Đăng ký khai sinh cho trẻ bị bỏ rơi'])).toBeNull();
    expect(freeCondition('Đăng ký khai sinh', ['Trẻ bị bỏ rơi'])).toBeNull();
    expect(freeCondition('Đăng ký khai sinh', ['Đăng ký khai sinh'])).toBeNull();
    expect(freeCondition('Đăng ký khai sinh', ['Đăng ký khai sinh (mọi trường hợp)'])).toBeNull();
  });
});
