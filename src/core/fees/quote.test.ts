import { describe, expect, it } from 'vitest';
import type { FeeLine } from '../catalogue/schema.ts';
import { pageAmount, quoteFees } from './quote.ts';

const copyFee: FeeLine = {
  kind: 'phi',
  code: 'PCT',
  name: 'Phí chứng thực',
  amount: 2000,
  unit: 'page',
  tiers: [{ fromUnit: 3, amount: 1000 }],
  maxPerCopy: 200000,
  onlineReductions: [],
  exemptions: [],
};
const lePhi: FeeLine = {
  kind: 'le_phi',
  code: 'LP',
  name: 'Lệ phí',
  amount: 15000,
  unit: 'dossier',
  tiers: [],
  onlineReductions: [
    { percent: 50, effectiveFrom: '2025-07-01', effectiveTo: '2026-01-01', basis: 'NQ A' },
    { amount: 5000, effectiveFrom: '2026-01-01', basis: 'NQ B' },
  ],
  exemptions: [{ code: 'ho-ngheo', name: 'Hộ nghèo', requiredDocumentType: 'giay-chung-nhan-ho-ngheo' }],
};

describe('fee quote', () => {
  it('prices certified copies per page: 2,000 đ for pages 1–2, 1,000 đ from page 3, at most 200,000 đ per copy', () => {
    expect(pageAmount(copyFee, 1)).toBe(2000);
    expect(pageAmount(copyFee, 2)).toBe(4000);
    expect(pageAmount(copyFee, 5)).toBe(7000);
    expect(pageAmount(copyFee, 300)).toBe(200000);
    expect(quoteFees({ lines: [copyFee], channel: 'counter', date: '2026-01-05', copies: 3, pagesPerCopy: 5 }).total).toBe(21000);
  });
  it('applies the online reduction in effect on the day, not at the counter', () => {
    expect(quoteFees({ lines: [lePhi], channel: 'online', date: '2025-09-01' }).lines[0]).toMatchObject({
      gross: 15000,
      reduction: 7500,
      net: 7500,
      reductionBasis: 'NQ A',
    });
    expect(quoteFees({ lines: [lePhi], channel: 'online', date: '2026-03-01' }).lines[0]).toMatchObject({
      reduction: 5000,
      net: 10000,
      reductionBasis: 'NQ B',
    });
    expect(quoteFees({ lines: [lePhi], channel: 'online', date: '2025-06-30' }).total).toBe(15000);
    expect(quoteFees({ lines: [lePhi], channel: 'counter', date: '2025-09-01' }).total).toBe(15000);
  });
  it('exempts a claimed exemption', () => {
    expect(quoteFees({ lines: [lePhi], channel: 'online', date: '2025-09-01', exemptions: ['ho-ngheo'] }).lines[0]).toMatchObject({ exempted: true, net: 0 });
  });
});

describe('fee quantities from the form', () => {
  it('uses the copies the citizen asked for, none when the optional question is unanswered, 1 when not asked', async () => {
    const { feeQuantities } = await import('./quote.ts');
    expect(feeQuantities(['soBanSao'], {})).toEqual({ copies: 0, pagesPerCopy: 1 });
    expect(feeQuantities(['soBanSao'], { soBanSao: 2 })).toEqual({ copies: 2, pagesPerCopy: 1 });
    expect(feeQuantities(['soBan', 'soTrang'], { soBan: 3, soTrang: 5 })).toEqual({ copies: 3, pagesPerCopy: 5 });
    expect(feeQuantities(['hoTen'], {})).toEqual({ copies: 1, pagesPerCopy: 1 });
  });
});
