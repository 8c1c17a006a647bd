import { describe, expect, it } from 'vitest';
import { characterAccuracy, editDistance, fieldAccuracy } from './accuracy.ts';
import { formatCccdQr, parseCccdQr } from './cccd-qr.ts';
import { correctText, createLexicon, DOCUMENT_WORDS, phrasesOf, vowelKey } from './lexicon.ts';
import { approximateFind, extractFields, normaliseValue } from './extract.ts';
import { DOCUMENT_TEMPLATES, DOCUMENT_TYPES, detectDocumentType, RECOGNISABLE_TYPES, templateFor } from './templates.ts';

const card = {
  personalId: '075190000123',
  oldIdNumber: '271234567',
  fullName: 'Nguyễn Thị Hương',
  dateOfBirth: '1990-03-12',
  sex: 'Nữ' as const,
  permanentResidence: 'Thôn 3, Phú Riềng, Đồng Nai',
  issueDate: '2021-07-01',
};

describe('chip identity card QR', () => {
  it('gives the seven fields exactly, from the QR, with confidence 1', () => {
    const r = parseCccdQr(formatCccdQr(card));
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(Object.fromEntries(r.fields.map((f) => [f.name, f.value]))).toEqual(card);
    expect(r.fields.every((f) => f.source === 'qr' && f.confidence === 1)).toBe(true);
    expect(r.fields.find((f) => f.name === 'dateOfBirth')?.rawText).toBe('12031990');
  });
  it('accepts six segments (no old ID), an empty old ID and a trailing "|"', () => {
    const six = '075190000123|Nguyễn Thị Hương|12031990|Nữ|Thôn 3, Phú Riềng, Đồng Nai|01072021';
    for (const payload of [six, `${formatCccdQr({ ...card, oldIdNumber: '' })}|`, `${formatCccdQr(card)}|`]) {
      const r = parseCccdQr(payload);
      expect(r.ok, payload).toBe(true);
      if (r.ok) expect(r.fields.find((f) => f.name === 'fullName')?.value).toBe('Nguyễn Thị Hương');
    }
  });
  it('normalises a decomposed (NFD) payload to NFC', () => {
    const r = parseCccdQr(formatCccdQr(card).normalize('NFD'));
    expect(r.ok && r.fields.find((f) => f.name === 'fullName')?.value).toBe('Nguyễn Thị Hương');
  });
  it('refuses what is not a card QR with a clear Vietnamese message', () => {
    for (const payload of [
      'https://dichvucong.gov.vn/p/home/dvc-tra-cuu-ho-so.html?ma=000.00.H01-260101-0001',
      '',
      '1|2|3',
      formatCccdQr({ ...card, dateOfBirth: '1990-02-30' }),
    ]) {
      const r = parseCccdQr(payload);
      expect(r.ok).toBe(false);
      if (!r.ok) expect(r.reason).toMatch(/^Mã QR này không phải mã QR của thẻ căn cước công dân gắn chip/);
    }
  });
});

describe('templates', () => {
  it('finds labels despite diacritic slips and splits a line with several labels', () => {
    const t = templateFor('birth-certificate')!;
    const fields = extractFields(t, [
      { text: 'GIẤY KHAI SINH', confidence: 0.95 },
      { text: 'Họ, chữ đệm, tên: NGUYỄN THỊ HƯƠNG', confidence: 0.93 },
      { text: 'Ngày, thóng, năm sinh: 12/03/2020', confidence: 0.9 },
      { text: 'Giới tính: Nữ Dôn tộc: Kinh Quốc tịch: Việt Nam', confidence: 0.9 },
      { text: 'Số định dơønh có nhôn: 07532OOO1234', confidence: 0.8 },
      { text: 'Nơi sinh: Trạm Y tế xã Phú Riềng, tỉnh Đồng Nai', confidence: 0.7 },
      { text: 'Họ, chữ đệm, tên người mẹ: TRẦN THỊ LAN', confidence: 0.9 },
    ]);
    const v = Object.fromEntries(fields.map((f) => [f.name, f.value]));
    expect(v).toMatchObject({
      fullName: 'NGUYỄN THỊ HƯƠNG',
      dateOfBirth: '2020-03-12',
      sex: 'Nữ',
      ethnicity: 'Kinh',
      nationality: 'Việt Nam',
      personalId: '075320001234',
      motherName: 'TRẦN THỊ LAN',
      fatherName: '',
    });
    // a/o confusions cost nothing in labels (tháng → thóng); other slips lower the confidence a little.
    expect(fields.find((f) => f.name === 'placeOfBirth')).toMatchObject({ value: 'Trạm Y tế xã Phú Riềng, tỉnh Đồng Nai', confidence: 0.7 });
    const dob = fields.find((f) => f.name === 'dateOfBirth')!;
    expect(dob).toMatchObject({ source: 'ocr', rawText: 'Ngày, thóng, năm sinh: 12/03/2020', confidence: 0.9 });
    expect(fields.find((f) => f.name === 'fullName')?.confidence).toBe(0.93);
    expect(fields.find((f) => f.name === 'fatherName')?.confidence).toBe(0);
  });
  it('detects the document type from its title', () => {
    expect(detectDocumentType('CỘNG HÒA…\nGIẤY CHỨNG NHẬN KẾT HÔN')?.type).toBe('marriage-certificate');
    expect(detectDocumentType('GIẤY XÁC NHẬN THÔNG TIN VỀ CƯ TRÚ')?.type).toBe('residence-confirmation');
    expect(detectDocumentType('GIẤY CHỨNG NHẬN QUYỀN SỬ DỤNG ĐẤT, QUYỀN SỞ HỮU TÀI SẢN')?.type).toBe('land-certificate');
    expect(detectDocumentType('hoá đơn')).toBeUndefined();
  });
  it('validates values by kind', () => {
    expect(normaliseValue('date', '31/02/2020')).toEqual({ value: '', valid: false });
    expect(normaliseValue('name', 'NGUYÊN ĐỨC ĐẠT')).toEqual({ value: 'NGUYỄN ĐỨC ĐẠT', valid: true });
    expect(normaliseValue('name', 'PHAM HỮU SƠN').value).toBe('PHẠM HỮU SƠN');
    expect(normaliseValue('name', 'HÀ VĂN AN').value).toBe('HÀ VĂN AN');
    expect(normaliseValue('sex', 'Ngm')).toEqual({ value: 'Nam', valid: false });
    expect(normaliseValue('personal-id', '075 320 001 234')).toEqual({ value: '075320001234', valid: true });
    expect(normaliseValue('personal-id', '999320001234').valid).toBe(false);
    expect(normaliseValue('area', '120.5 m²')).toEqual({ value: '120,5', valid: true });
    expect(approximateFind('ngay, thang', 'xx ngay, thong nam')).toEqual({ start: 3, end: 14, distance: 1 });
  });
});

describe('accuracy', () => {
  it('is one minus edit distance over the truth length', () => {
    expect(editDistance('tháng', 'thóng')).toBe(1);
    expect(characterAccuracy('tháng năm', 'thóng  năm')).toBeCloseTo(1 - 1 / 9);
    expect(characterAccuracy('abc', 'xyzxyzxyz')).toBe(0);
    expect(fieldAccuracy({ a: 'X', b: 'Y' }, { a: 'X', b: 'Z' })).toBe(0.5);
  });
});

describe('lexicon correction of a/o vowel slips', () => {
  const labels = DOCUMENT_TEMPLATES.flatMap((t) => t.fields.flatMap((f) => f.labels));
  const lexicon = createLexicon([...DOCUMENT_WORDS, ...phrasesOf(labels), 'hải', 'châu', 'long', 'lăng']);
  it('restores the word that differs only in a/ă/â/o/ô/ơ with the same tone', () => {
    expect(correctText('Ngòy, thóng, năm sinh', lexicon)).toBe('Ngày, tháng, năm sinh');
    expect(correctText('thị trốn Kim Long, thành phố Hỏi Phòng, huyện Chôu Đức', lexicon)).toBe('thị trấn Kim Long, thành phố Hải Phòng, huyện Châu Đức');
    expect(correctText('Số định danh có nhôn', lexicon)).toBe('Số định danh cá nhân');
    const withUnits = createLexicon([...DOCUMENT_WORDS, ...phrasesOf(['Tỉnh Đồng Nai'])]);
    expect(correctText('tỉnh Đồng Nơi', withUnits)).toBe('tỉnh Đồng Nai');
  });
  it('leaves names in capitals, known words and ambiguous words alone', () => {
    expect(correctText('NGUYỄN THỊ LAN', lexicon)).toBe('NGUYỄN THỊ LAN');
    expect(correctText('Long', lexicon)).toBe('Long');
    expect(vowelKey('tháng')).toBe(vowelKey('thóng'));
    expect(vowelKey('tháng')).not.toBe(vowelKey('thông'));
  });
});

describe('recognisable types', () => {
  it('are the identity card and every template', () => {
    expect([...RECOGNISABLE_TYPES].sort()).toEqual(['citizen-id-card', ...DOCUMENT_TYPES].sort());
  });
});
