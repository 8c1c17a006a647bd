/**
 * "giay-chung-nhan-ket-hon": the marriage certificate (Giấy chứng nhận kết hôn, 1.000894): the wife and the
 * husband side by side (name, date of birth, ethnicity, nationality, personal number, residence), then the
 * registration (place, date, "Số: …, Quyển số: …"). Reads the answers of the 1.000894 e-form (hoTenNu, ngaySinhNu,
 * danTocNu, quocTichNu, soDinhDanhNu, noiCuTruNu, and the same with Nam).
 */
import { drawSigner, para } from '../layout.ts';
import { formatValue, show, upper } from '../values.ts';
import { drawRegistration } from './birth.ts';
import type { ResultTemplate } from './template.ts';

export const marriageTemplate: ResultTemplate = {
  key: 'giay-chung-nhan-ket-hon',
  description:
    'Giấy chứng nhận kết hôn: bảng thông tin người vợ và người chồng (họ tên, ngày sinh, dân tộc, quốc tịch, số định danh cá nhân, nơi cư trú); nơi, ngày đăng ký, "Số: …, Quyển số: …".',
  resultCodes: ['KQ.HT.KH'],
  subject: (data) => {
    const wife = formatValue(data.values.hoTenNu);
    const husband = formatValue(data.values.hoTenNam);
    return wife && husband ? { label: 'Hai bên đăng ký kết hôn', name: `${wife} và ${husband}` } : undefined;
  },
  body(w, data) {
    const v = data.values;
    para(w, `${data.agency.name} chứng nhận hai bên nam, nữ có tên dưới đây đã đăng ký kết hôn:`, { gap: 6 });
    const row = (label: string, key: string, format: (x: unknown) => string = (x) => show(x)) => [label, format(v[`${key}Nu`]), format(v[`${key}Nam`])];
    w.table(
      [
        { title: 'Thông tin', width: 26 },
        { title: 'Người vợ', width: 37, align: 'center' },
        { title: 'Người chồng', width: 37, align: 'center' },
      ],
      [
        row('Họ, chữ đệm, tên', 'hoTen', (x) => upper(x) ?? show(x)),
        row('Ngày, tháng, năm sinh', 'ngaySinh'),
        row('Dân tộc', 'danToc'),
        row('Quốc tịch', 'quocTich'),
        row('Số định danh cá nhân', 'soDinhDanh'),
        row('Nơi cư trú', 'noiCuTru'),
      ],
      { size: 10.5, headerSize: 10.5, repeatHeader: true },
    );
    drawRegistration(w, data, 'kết hôn');
    drawSigner(w, data);
  },
};
