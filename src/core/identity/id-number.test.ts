import { describe, expect, it } from 'vitest';
import { composeIdNumber, parseIdNumber, validateIdNumberStructure } from './id-number.ts';

describe('personal identification number structure', () => {
  it('encodes province, century and sex, and year of birth', () => {
    expect(composeIdNumber('075', 1990, 'Nữ', 123)).toBe('075190000123');
    expect(composeIdNumber('070', 2025, 'Nam', 42)).toBe('070225000042');
    expect(parseIdNumber('075190000123')).toEqual({ provinceCode: '075', sex: 'Nữ', birthYear: 1990, serial: '000123' });
    expect(parseIdNumber('070225000042')).toMatchObject({ sex: 'Nam', birthYear: 2025 });
  });
  it('refuses malformed numbers and contradictions with birth date or sex', () => {
    expect(validateIdNumberStructure('07519000012')).toBe(false);
    expect(validateIdNumberStructure('000190000123')).toBe(false); // province 000 does not exist
    expect(validateIdNumberStructure('099190000123')).toBe(false);
    expect(validateIdNumberStructure('075190000123', { birthDate: '1991-01-01' })).toBe(false);
    expect(validateIdNumberStructure('075190000123', { sex: 'Nam' })).toBe(false);
    expect(validateIdNumberStructure('075190000123', { birthDate: '1990-05-01', sex: 'Nữ' })).toBe(true);
  });
});
