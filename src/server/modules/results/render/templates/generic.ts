/**
 * The generic result ("generic"), for every result without a template of its own: the agency's wording (it decides,
 * confirms, notifies, certifies or issues, after the title), the person it is issued to, a table of the answers
 * with their labels, the validity and scope, and the signature.
 *
 * Labels: `data.labels` (from the case's form definition, see `formLabels`; the caller always passes them) chooses and
 * orders the rows of the answers given; without it the rows are the answers given, labelled from COMMON_LABELS,
 * else by their key. An unanswered question is left out (an optional one the applicant skipped).
 */
import { BODY, drawSigner, line, para } from '../layout.ts';
import type { ResultData } from '../types.ts';
import { COMMON_LABELS, formatValue, idLabel, isoToVn, show } from '../values.ts';
import type { ResultTemplate } from './template.ts';

/** What the agency does, from the result's title: "quyết định", "xác nhận", "thông báo", … or "cấp <title>". */
export function agencyVerb(title: string): string {
  const t = title.normalize('NFC').trim();
  const lower = t.toLocaleLowerCase('vi-VN');
  if (lower.startsWith('quyết định')) return 'quyết định';
  if (lower.startsWith('thông báo')) return 'thông báo';
  if (/(^|\s)xác nhận(\s|$)/.test(lower)) return 'xác nhận';
  if (/(^|\s)chứng nhận(\s|$)/.test(lower)) return 'chứng nhận';
  if (/(^|\s)chứng thực(\s|$)/.test(lower)) return 'chứng thực';
  // "TRÍCH LỤC KHAI TỬ" → "cấp trích lục khai tử"; "Bản sao từ sổ gốc" → "cấp bản sao từ sổ gốc".
  const named = t === t.toLocaleUpperCase('vi-VN') ? lower : lower.charAt(0) + t.slice(1);
  return `cấp ${named}`;
}

/** The value of one answer for a table cell: repeated groups item by item, "label: value" for each sub-field. */
function cell(key: string, value: unknown, labels: Record<string, string>, options: Record<string, Record<string, string>>): string {
  if (Array.isArray(value) && value.some((x) => x && typeof x === 'object' && !Array.isArray(x) && formatValue(x) === undefined)) {
    const items = value
      .filter((x): x is Record<string, unknown> => !!x && typeof x === 'object')
      .map((item, i) => {
        const parts = Object.entries(item)
          .map(([k, v]) => {
            const text = formatValue(v, options[`${key}.${k}`]);
            return text ? `${labels[`${key}.${k}`] ?? k}: ${text}` : undefined;
          })
          .filter(Boolean);
        return `${i + 1}. ${parts.join('; ')}`;
      });
    return items.length ? items.join('\n') : show(undefined);
  }
  return show(value, options[key]);
}

/** The rows of the answers table: [label, value]. */
export function answerRows(data: ResultData): [string, string][] {
  const labels = data.labels && Object.keys(data.labels).length ? data.labels : null;
  const options = data.options ?? {};
  const present = (k: string) => formatValue(data.values[k]) !== undefined || (Array.isArray(data.values[k]) && (data.values[k] as unknown[]).length > 0);
  // Only what was answered: an optional question left unanswered is not part of the result (no dotted blank).
  const keys = (labels ? Object.keys(labels).filter((k) => !k.includes('.')) : Object.keys(data.values)).filter(present);
  const all = { ...COMMON_LABELS, ...labels };
  return keys.filter((k) => !isFileAnswer(data.values[k])).map((k) => [all[k] ?? k, cell(k, data.values[k], all, options)]);
}

function isFileAnswer(v: unknown): boolean {
  const isFile = (x: unknown) => !!x && typeof x === 'object' && 'fileId' in (x as object);
  return isFile(v) || (Array.isArray(v) && v.length > 0 && v.every(isFile));
}

export const genericTemplate: ResultTemplate = {
  key: 'generic',
  description:
    'Mẫu chung cho kết quả chưa có mẫu riêng: lời văn của cơ quan theo tên kết quả (quyết định, xác nhận, thông báo, chứng nhận, chứng thực, cấp …), người được cấp, bảng các thông tin đã khai kèm nhãn, thời hạn và phạm vi sử dụng.',
  resultCodes: [],
  subject: (data) => {
    // A death extract is about the deceased, not the relative who registered the death.
    const name = formatValue(data.values.hoTenNguoiChet);
    const idNumber = formatValue(data.values.soDinhDanhNguoiChet);
    return name ? { label: 'Người được đăng ký khai tử', name, ...(idNumber ? { idNumber } : {}) } : undefined;
  },
  body(w, data, validity) {
    const owner = `${data.owner.name} (${idLabel(data.owner.idNumber)}: ${data.owner.idNumber})`;
    para(w, `Xét hồ sơ mã số ${data.dossier.code} đề nghị giải quyết thủ tục hành chính “${data.dossier.procedureName}” của ${owner};`);
    para(w, `${data.agency.name} ${agencyVerb(data.title)} với các nội dung sau:`, { gap: 6 });
    line(w, 'Người được cấp', data.owner.name, { bold: true });
    line(
      w,
      idLabel(data.owner.idNumber).replace(/^./, (c) => c.toUpperCase()),
      data.owner.idNumber,
    );
    const rows = answerRows(data);
    if (rows.length) {
      w.space(4);
      w.table(
        [
          { title: 'STT', width: 7, align: 'center' },
          { title: 'Nội dung', width: 38 },
          { title: 'Thông tin', width: 55 },
        ],
        rows.map(([label, value], i) => [String(i + 1), label, value]),
        { size: 10, headerSize: 10 },
      );
    }
    const validityText = validity.validTo
      ? `có giá trị sử dụng từ ngày ${isoToVn(validity.validFrom)} đến hết ngày ${isoToVn(validity.validTo)}`
      : `có hiệu lực kể từ ngày ${isoToVn(validity.validFrom)}`;
    const name = data.title.normalize('NFC').trim();
    const subject = name === name.toLocaleUpperCase('vi-VN') ? name.charAt(0) + name.slice(1).toLocaleLowerCase('vi-VN') : name;
    para(w, `${subject} ${validityText}.${validity.scope ? ` Phạm vi sử dụng: ${validity.scope}.` : ''}`, { italic: true, size: BODY - 0.5 });
    drawSigner(w, data);
  },
};
