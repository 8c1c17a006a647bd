/**
 * "giay-khai-sinh": the birth certificate and the electronic birth-registration extract (Giấy khai sinh / Trích lục
 * khai sinh, Luật Hộ tịch 2014, NĐ 123/2015): the child, the mother, the father, and the registration (place, date,
 * "Số: …, Quyển số: …"). Reads the answers of the 1.001193 e-form (hoTenTre, ngaySinhTre, …, hoTenMe, ngaySinhMe,
 * danTocMe, quocTichMe, noiCuTruMe, coThongTinCha, hoTenCha, danTocCha, quocTichCha, …); the child's personal number
 * (soDinhDanhTre) and quê quán are printed when known. A fact it prints that the dossier lacks refuses the result
 * (see completeness.ts). When the father is not known (coThongTinCha = false) his section is left empty, as the law
 * requires.
 */
import type { DocumentWriter } from '../../../../pdf/document.ts';
import { drawSigner, heading, line, lineRow, para } from '../layout.ts';
import type { ResultData } from '../types.ts';
import { dateInWords, DOTS, formatValue, isIsoDay, isoToVn, pick, upper, vnDay, yearOf } from '../values.ts';
import type { ResultTemplate } from './template.ts';

/** "20/02/2026; ghi bằng chữ: Ngày hai mươi, tháng hai, năm hai nghìn không trăm hai mươi sáu" */
export function birthDateLine(v: unknown): string {
  if (typeof v === 'string' && isIsoDay(v.trim())) return `${isoToVn(v.trim())}; ghi bằng chữ: ${dateInWords(v.trim())}`;
  return `${formatValue(v) ?? DOTS}; ghi bằng chữ: ${DOTS}`;
}

/** "Số: 125, Quyển số: 01/2026" from the register entry, dotted where it is not known. */
export function registerLine(data: ResultData): string {
  return `Số: ${data.register?.entry?.trim() || DOTS}, Quyển số: ${data.register?.book?.trim() || DOTS}`;
}

/** The registration: place, date and the entry in the register. */
export function drawRegistration(w: DocumentWriter, data: ResultData, what: string): void {
  heading(w, `Thông tin đăng ký ${what}`);
  line(w, `Nơi đăng ký ${what}`, data.register?.place || data.agency.name);
  line(w, 'Ngày, tháng, năm đăng ký', data.register?.registeredOn ?? vnDay(data.issuedAt));
  para(w, registerLine(data));
}

function parent(w: DocumentWriter, v: Record<string, unknown>, who: 'mẹ' | 'cha', suffix: 'Me' | 'Cha', known: boolean): void {
  heading(w, `Người ${who}`);
  const blank = !known;
  line(w, `Họ, chữ đệm, tên người ${who}`, upper(v[`hoTen${suffix}`]), { bold: known, blank });
  lineRow(
    w,
    [
      ['Năm sinh', yearOf(v[`ngaySinh${suffix}`]) ?? v[`namSinh${suffix}`]],
      ['Dân tộc', v[`danToc${suffix}`]],
      ['Quốc tịch', v[`quocTich${suffix}`]],
    ],
    { blank },
  );
  line(w, 'Nơi cư trú', v[`noiCuTru${suffix}`], { blank });
  if (known && formatValue(v[`soDinhDanh${suffix}`])) line(w, 'Số định danh cá nhân', v[`soDinhDanh${suffix}`]);
}

export const birthTemplate: ResultTemplate = {
  key: 'giay-khai-sinh',
  description:
    'Giấy khai sinh / Trích lục khai sinh: họ tên, ngày sinh bằng số và bằng chữ, giới tính, dân tộc, quốc tịch, nơi sinh, quê quán, số định danh cá nhân (nếu có) của trẻ; họ tên, năm sinh, dân tộc, quốc tịch, nơi cư trú của mẹ và cha; nơi, ngày đăng ký, "Số: …, Quyển số: …".',
  resultCodes: ['KQ.HT.KS'],
  subject: (data) => {
    const name = formatValue(data.values.hoTenTre);
    const idNumber = formatValue(data.values.soDinhDanhTre);
    return name ? { label: 'Người được đăng ký khai sinh', name, ...(idNumber ? { idNumber } : {}) } : undefined;
  },
  body(w, data) {
    const v = data.values;
    heading(w, 'Người được đăng ký khai sinh');
    line(w, 'Họ, chữ đệm, tên', upper(pick(v, 'hoTenTre')), { bold: true });
    line(w, 'Ngày, tháng, năm sinh', birthDateLine(v.ngaySinhTre));
    lineRow(w, [
      ['Giới tính', v.gioiTinhTre],
      ['Dân tộc', v.danTocTre],
      ['Quốc tịch', v.quocTichTre],
    ]);
    line(w, 'Nơi sinh', v.noiSinhTre);
    // Quê quán is optional in the e-form (it follows a parent's by agreement): printed when declared.
    if (formatValue(v.queQuanTre)) line(w, 'Quê quán', v.queQuanTre);
    if (formatValue(v.soDinhDanhTre)) line(w, 'Số định danh cá nhân', v.soDinhDanhTre);
    parent(w, v, 'mẹ', 'Me', true);
    parent(w, v, 'cha', 'Cha', v.coThongTinCha !== false);
    drawRegistration(w, data, 'khai sinh');
    drawSigner(w, data);
  },
};
