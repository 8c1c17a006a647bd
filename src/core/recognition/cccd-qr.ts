/**
 * The QR code on the back of the chip citizen identity card (CCCD gắn chip / thẻ căn cước): one line, fields separated
 * by `|`, in this order:
 *
 *   số định danh (12 digits) | số CMND cũ (9 digits, may be empty) | họ và tên | ngày sinh ddMMyyyy | giới tính |
 *   nơi thường trú | ngày cấp ddMMyyyy
 *
 * Some cards omit the old-ID segment entirely (six segments) and some readers append a trailing `|`; both are accepted.
 * Decoding is exact, so the values carry confidence 1 — but they are self-declared (anyone can print a QR): identity is
 * assured only by the e-ID login or a population-database check.
 */
import type { RecognisedField } from './fields.ts';

export const CCCD_FIELDS = [
  { name: 'personalId', label: 'Số định danh cá nhân' },
  { name: 'oldIdNumber', label: 'Số CMND cũ' },
  { name: 'fullName', label: 'Họ và tên' },
  { name: 'dateOfBirth', label: 'Ngày sinh' },
  { name: 'sex', label: 'Giới tính' },
  { name: 'permanentResidence', label: 'Nơi thường trú' },
  { name: 'issueDate', label: 'Ngày cấp' },
] as const;

export type CccdQrResult = { ok: true; fields: RecognisedField[] } | { ok: false; reason: string; reasonEn: string };

const notCard = (detail: string, detailEn: string): CccdQrResult => ({
  ok: false,
  reason: `Mã QR này không phải mã QR của thẻ căn cước công dân gắn chip (${detail}).`,
  reasonEn: `This QR code is not a chip citizen identity card QR code (${detailEn}).`,
});

/** ddMMyyyy → YYYY-MM-DD when it is a real calendar date, else null. */
export function parseCompactDate(s: string): string | null {
  const m = /^(\d{2})(\d{2})(\d{4})$/.exec(s);
  if (!m) return null;
  const [, dd, mm, yyyy] = m as unknown as [string, string, string, string];
  const d = new Date(Date.UTC(Number(yyyy), Number(mm) - 1, Number(dd)));
  if (d.getUTCFullYear() !== Number(yyyy) || d.getUTCMonth() !== Number(mm) - 1 || d.getUTCDate() !== Number(dd)) return null;
  return `${yyyy}-${mm}-${dd}`;
}

export function parseCccdQr(payload: string): CccdQrResult {
  const text = payload.normalize('NFC').replace(/[\r\n]+$/, '');
  if (!text.includes('|')) return notCard('không có các trường phân cách bằng "|"', 'no "|"-separated fields');
  let parts = text.split('|');
  if (parts.length === 8 && parts[7] === '') parts = parts.slice(0, 7);
  if (parts.length === 6) parts = [parts[0] as string, '', ...parts.slice(1)];
  if (parts.length !== 7) return notCard(`có ${parts.length} trường thay vì 7`, `${parts.length} fields instead of 7`);
  const [id, oldId, name, dob, sex, residence, issued] = parts.map((p) => p.trim()) as [string, string, string, string, string, string, string];
  if (!/^\d{12}$/.test(id)) return notCard('số định danh không đủ 12 chữ số', 'the personal ID is not 12 digits');
  if (oldId !== '' && !/^\d{9}$/.test(oldId)) return notCard('số CMND cũ không phải 9 chữ số', 'the old ID is not 9 digits');
  if (name === '') return notCard('thiếu họ và tên', 'no name');
  const birth = parseCompactDate(dob);
  const issue = parseCompactDate(issued);
  if (!birth || !issue) return notCard('ngày sinh hoặc ngày cấp không hợp lệ', 'invalid date of birth or issue date');
  if (sex !== 'Nam' && sex !== 'Nữ') return notCard('giới tính không phải Nam hoặc Nữ', 'sex is neither Nam nor Nữ');
  const values = [id, oldId, name, birth, sex, residence, issue];
  const raws = [id, oldId, name, dob, sex, residence, issued];
  return {
    ok: true,
    fields: CCCD_FIELDS.map((f, i) => ({
      name: f.name,
      label: f.label,
      value: values[i] as string,
      source: 'qr' as const,
      confidence: 1,
      rawText: raws[i] as string,
    })),
  };
}

/** The payload a card carries, for generating test cards (the inverse of parseCccdQr). */
export function formatCccdQr(card: {
  personalId: string;
  oldIdNumber?: string;
  fullName: string;
  dateOfBirth: string;
  sex: 'Nam' | 'Nữ';
  permanentResidence: string;
  issueDate: string;
}): string {
  const compact = (iso: string) => `${iso.slice(8, 10)}${iso.slice(5, 7)}${iso.slice(0, 4)}`;
  return [card.personalId, card.oldIdNumber ?? '', card.fullName, compact(card.dateOfBirth), card.sex, card.permanentResidence, compact(card.issueDate)].join(
    '|',
  );
}
