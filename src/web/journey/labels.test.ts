import { describe, expect, it } from 'vitest';
import { dossierProcedureName } from './labels.ts';

describe('dossierProcedureName', () => {
  const named = { procedureName: 'Đăng ký khai sinh', procedureNameEn: 'Birth registration' };
  const vietnameseOnly = { procedureName: 'Chứng thực bản sao', procedureNameEn: null };

  it('the Vietnamese interface shows the name the dossier was submitted under, even where the catalogue has English', () => {
    expect(dossierProcedureName(named, 'vi')).toEqual({ text: 'Đăng ký khai sinh' });
  });

  it('the English interface shows the English name, or the Vietnamese one marked lang="vi" for screen readers', () => {
    expect(dossierProcedureName(named, 'en')).toEqual({ text: 'Birth registration' });
    expect(dossierProcedureName(vietnameseOnly, 'en')).toEqual({ text: 'Chứng thực bản sao', lang: 'vi' });
  });
});
