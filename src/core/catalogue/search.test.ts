import { describe, expect, it } from 'vitest';
import { foldVietnamese, ProcedureIndex } from './search.ts';

const items = [
  { name: 'Đăng ký lại khai sinh', keywords: ['mất giấy khai sinh'] },
  { name: 'Liên thông các thủ tục hành chính: đăng ký khai sinh, đăng ký thường trú, cấp thẻ bảo hiểm y tế cho trẻ em dưới 6 tuổi', keywords: [] },
  { name: 'Đăng ký khai sinh', keywords: ['giấy khai sinh', 'làm giấy khai sinh'] },
  { name: 'Cấp bản sao trích lục hộ tịch', keywords: ['bản sao giấy khai sinh'] },
  { name: 'Đăng ký kết hôn', keywords: ['cưới'] },
  { name: 'Chứng thực bản sao từ bản chính giấy tờ, văn bản', keywords: ['sao y', 'công chứng bản sao'] },
];
const index = new ProcedureIndex(items);
const names = (q: string) => index.search(q).map((r) => r.item.name);

describe('foldVietnamese', () => {
  it('removes tones and marks, đ → d, case and punctuation, for NFC and NFD input', () => {
    expect(foldVietnamese('Đăng ký KHAI SINH!')).toBe('dang ky khai sinh');
    expect(foldVietnamese('Chứng thực'.normalize('NFD'))).toBe('chung thuc');
    expect(foldVietnamese('  Hồ   sơ, thủ tục  ')).toBe('ho so thu tuc');
  });
});

describe('procedure search', () => {
  it('puts "Đăng ký khai sinh" first with or without diacritics', () => {
    for (const q of ['dang ky khai sinh', 'Đăng ký khai sinh', 'khai sinh', 'KHAI SINH', 'dang ky khai sinh'.normalize('NFD')]) {
      expect(names(q)[0], q).toBe('Đăng ký khai sinh');
    }
  });
  it('finds procedures through everyday words', () => {
    expect(names('cuoi')[0]).toBe('Đăng ký kết hôn');
    expect(names('sao y')[0]).toBe('Chứng thực bản sao từ bản chính giấy tờ, văn bản');
    expect(names('mat giay khai sinh')[0]).toBe('Đăng ký lại khai sinh');
  });
  it('matches word prefixes while typing, and requires every word', () => {
    expect(names('ket ho')).toContain('Đăng ký kết hôn');
    expect(names('khai sinh xe may')).toEqual([]);
  });
  it('returns everything for an empty query', () => {
    expect(names('')).toHaveLength(items.length);
  });
});
