import { describe, expect, it } from 'vitest';
import { FeeLine } from '../catalogue/schema.ts';
import { checkExemptionClaims } from './exemptions.ts';
import { quoteFees } from './quote.ts';

const line = FeeLine.parse({
  kind: 'le_phi',
  code: 'LP',
  name: 'Lệ phí',
  amount: 5000,
  onlineReductions: [{ percent: 50, effectiveFrom: '2025-07-01', basis: 'NQ HĐND tỉnh' }],
  exemptions: [{ code: 'ho-ngheo', name: 'Hộ nghèo', requiredDocumentType: 'giay-chung-nhan-ho-ngheo' }],
});

describe('fee exemptions need their proving document', () => {
  it('grants an exemption proven by an upload or by a store document of the right type', () => {
    expect(checkExemptionClaims([line], ['ho-ngheo'], [{ exemptionCode: 'ho-ngheo' }]).granted).toEqual(['ho-ngheo']);
    expect(checkExemptionClaims([line], ['ho-ngheo'], [{ exemptionCode: 'ho-ngheo', documentType: 'giay-chung-nhan-ho-ngheo' }]).granted).toEqual(['ho-ngheo']);
  });

  it('refuses a claim without proof, with a proof of another type, or for an exemption the procedure does not have', () => {
    expect(checkExemptionClaims([line], ['ho-ngheo'], []).problems[0].code).toBe('EXEMPTION_PROOF_MISSING');
    expect(checkExemptionClaims([line], ['ho-ngheo'], [{ exemptionCode: 'ho-ngheo', documentType: 'giay-khai-sinh' }]).problems[0].code).toBe(
      'EXEMPTION_PROOF_MISSING',
    );
    expect(checkExemptionClaims([line], ['thuong-binh'], [{ exemptionCode: 'thuong-binh' }]).problems[0].code).toBe('EXEMPTION_UNKNOWN');
  });

  it('a granted exemption makes the line free; otherwise the online reduction applies', () => {
    const granted = checkExemptionClaims([line], ['ho-ngheo'], [{ exemptionCode: 'ho-ngheo' }]).granted;
    expect(quoteFees({ lines: [line], channel: 'online', date: '2026-01-05', exemptions: granted }).total).toBe(0);
    expect(quoteFees({ lines: [line], channel: 'online', date: '2026-01-05', exemptions: [] }).total).toBe(2500);
    // Before the resolution took effect there is no reduction.
    expect(quoteFees({ lines: [line], channel: 'online', date: '2025-06-30' }).total).toBe(5000);
  });
});
