/**
 * "xac-nhan-tinh-trang-hon-nhan": the marital-status confirmation (Giấy xác nhận tình trạng hôn nhân, 1.004873;
 * NĐ 123/2015 Art. 23: valid 6 months from the day of issue, for the purpose stated). Reads the answers of the
 * 1.004873 e-form: hoTenNguoiNop (who asked), ngaySinhNguoiNop, noiCuTru, quanHeNguoiLamThay, tinhTrangHonNhan,
 * mucDichSuDung (the purpose, also the QR scope unless the caller gives one). Sex, ethnicity and nationality are
 * printed when the caller adds them (gioiTinh, danToc, quocTich, from the population database); a request made on
 * someone's behalf takes that person's facts from ngaySinh / noiCuTru when given.
 */
import { BODY, drawSigner, line, lineRow, para } from '../layout.ts';
import { addMonths, formatValue, isoToVn, pick, upper } from '../values.ts';
import type { ResultTemplate } from './template.ts';

export const MARITAL_STATUS_VALIDITY_MONTHS = 6;

export const maritalStatusTemplate: ResultTemplate = {
  key: 'xac-nhan-tinh-trang-hon-nhan',
  description:
    'Giấy xác nhận tình trạng hôn nhân: người đề nghị, họ tên, ngày sinh, giới tính, dân tộc, quốc tịch, số định danh cá nhân, nơi cư trú, tình trạng hôn nhân, mục đích sử dụng; giá trị 06 tháng kể từ ngày cấp.',
  resultCodes: ['KQ.HT.XNHN'],
  validityMonths: MARITAL_STATUS_VALIDITY_MONTHS,
  defaultScope: (data) => formatValue(data.values.mucDichSuDung),
  body(w, data, validity) {
    const v = data.values;
    const requester = formatValue(v.hoTenNguoiNop) ?? data.owner.name;
    const onBehalf = formatValue(v.quanHeNguoiLamThay);
    para(
      w,
      `Xét đề nghị của ông/bà ${requester}${onBehalf ? ` (${onBehalf} của người được xác nhận)` : ''} về việc xác nhận tình trạng hôn nhân cho ông/bà ${data.owner.name},`,
    );
    para(w, `${data.agency.name.toLocaleUpperCase('vi-VN')} XÁC NHẬN:`, { bold: true, align: 'center', gap: 6 });
    line(w, 'Họ, chữ đệm, tên', upper(data.owner.name), { bold: true });
    line(w, 'Ngày, tháng, năm sinh', pick(v, 'ngaySinh', 'ngaySinhNguoiNop'));
    lineRow(w, [
      ['Giới tính', v.gioiTinh],
      ['Dân tộc', v.danToc],
      ['Quốc tịch', v.quocTich],
    ]);
    line(w, 'Số định danh cá nhân', data.owner.idNumber);
    line(w, 'Nơi cư trú', v.noiCuTru);
    line(w, 'Tình trạng hôn nhân', v.tinhTrangHonNhan, { bold: true });
    const purpose = formatValue(v.mucDichSuDung);
    line(w, 'Giấy này được cấp để', purpose ?? validity.scope);
    if (validity.scope && purpose && validity.scope !== purpose) line(w, 'Phạm vi sử dụng', validity.scope);
    const to = validity.validTo;
    const legal = to === addMonths(validity.validFrom, MARITAL_STATUS_VALIDITY_MONTHS);
    w.space(2);
    para(
      w,
      to
        ? `Giấy này có giá trị sử dụng ${legal ? 'trong thời hạn 06 tháng kể từ ngày cấp, ' : ''}từ ngày ${isoToVn(validity.validFrom)} đến hết ngày ${isoToVn(to)}.`
        : `Giấy này có giá trị sử dụng kể từ ngày ${isoToVn(validity.validFrom)}.`,
      { italic: true, size: BODY - 0.5 },
    );
    drawSigner(w, data);
  },
};
