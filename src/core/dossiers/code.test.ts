import { describe, expect, it } from 'vitest';
import { formatDossierCode, isAgencyCode, parseDossierCode, vnDateStamp } from './code.ts';

describe('dossier code', () => {
  it('formats V1V2V3.Z1Z2.Y1Y2.MX1X2-YYMMDD-XXXX with the Vietnam date', () => {
    // 2025-07-31 18:30 UTC is already 1 August in Vietnam
    expect(formatDossierCode('000.52.25.H21', new Date('2025-07-31T18:30:00Z'), 7)).toBe('000.52.25.H21-250801-0007');
    expect(formatDossierCode('000.00.01.H22', new Date('2026-01-05T02:00:00Z'), 1234)).toBe('000.00.01.H22-260105-1234');
  });

  it('uses the local date until midnight in Vietnam', () => {
    expect(vnDateStamp(new Date('2025-12-31T16:59:59Z'))).toBe('251231');
    expect(vnDateStamp(new Date('2025-12-31T17:00:00Z'))).toBe('260101');
  });

  it('rejects malformed agency codes and sequences', () => {
    expect(isAgencyCode('000.00.01.H22')).toBe(true);
    expect(isAgencyCode('00.00.01.H22')).toBe(false);
    expect(() => formatDossierCode('abc', new Date(), 1)).toThrow();
    expect(() => formatDossierCode('000.00.01.H22', new Date(), 0)).toThrow();
  });

  it('parses what it formats, case-insensitively', () => {
    expect(parseDossierCode('000.52.25.h21-250801-0007')).toEqual({ agencyCode: '000.52.25.H21', dateStamp: '250801', sequence: 7 });
    expect(parseDossierCode('not a code')).toBeNull();
  });
});
