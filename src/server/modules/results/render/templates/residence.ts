/**
 * "xac-nhan-cu-tru": the residence confirmation (Xác nhận thông tin về cư trú, 1.004227; Luật Cư trú 2020 Art. 17,
 * TT 55/2021/TT-BCA Art. 17 as amended by TT 66/2023/TT-BCA: valid 1 year from the day of issue, and no longer once
 * the person's residence data change). Reads the answers of the 1.004227 e-form (hoTenNguoiNop, ngaySinhNguoiNop,
 * noiCuTru, quanHeNguoiLamThay, mucDich) and, when the caller adds them from the residence database: gioiTinh,
 * danToc, tonGiao, quocTich, queQuan, noiThuongTru, noiTamTru, noiOHienTai, hoTenChuHo, quanHeVoiChuHo and
 * thanhVienHo (a list of {hoTen, ngaySinh, gioiTinh, soDinhDanh, quanHeVoiChuHo}).
 */
import { BODY, drawSigner, heading, line, lineRow, para } from '../layout.ts';
import { addMonths, formatValue, isoToVn, pick, show, upper } from '../values.ts';
import type { ResultTemplate } from './template.ts';

export const RESIDENCE_VALIDITY_MONTHS = 12;

export const residenceTemplate: ResultTemplate = {
  key: 'xac-nhan-cu-tru',
  description:
    'Xác nhận thông tin về cư trú: họ tên, ngày sinh, giới tính, số định danh cá nhân, dân tộc, tôn giáo, quốc tịch, quê quán, nơi thường trú, nơi tạm trú, nơi ở hiện tại, chủ hộ và quan hệ với chủ hộ, các thành viên hộ gia đình (nếu có), mục đích; giá trị 01 năm kể từ ngày cấp.',
  resultCodes: ['KQ.CTRU.XN'],
  validityMonths: RESIDENCE_VALIDITY_MONTHS,
  defaultScope: (data) => formatValue(data.values.mucDich),
  body(w, data, validity) {
    const v = data.values;
    const requester = formatValue(v.hoTenNguoiNop) ?? data.owner.name;
    const onBehalf = formatValue(v.quanHeNguoiLamThay);
    para(
      w,
      `Theo đề nghị của ông/bà ${requester}${onBehalf ? ` (${onBehalf} của công dân)` : ''}, ${data.agency.name} xác nhận thông tin về cư trú của công dân như sau:`,
      { gap: 6 },
    );
    line(w, 'Họ, chữ đệm và tên', upper(data.owner.name), { bold: true });
    lineRow(w, [
      ['Ngày, tháng, năm sinh', pick(v, 'ngaySinh', 'ngaySinhNguoiNop')],
      ['Giới tính', v.gioiTinh],
    ]);
    line(w, 'Số định danh cá nhân', data.owner.idNumber);
    lineRow(w, [
      ['Dân tộc', v.danToc],
      ['Tôn giáo', v.tonGiao],
      ['Quốc tịch', v.quocTich],
    ]);
    line(w, 'Quê quán', v.queQuan);
    line(w, 'Nơi thường trú', pick(v, 'noiThuongTru', 'noiCuTru'));
    // Temporary residence and the household head exist for some citizens only: printed when the database has them.
    if (formatValue(v.noiTamTru)) line(w, 'Nơi tạm trú', v.noiTamTru);
    line(w, 'Nơi ở hiện tại', pick(v, 'noiOHienTai', 'noiTamTru', 'noiThuongTru', 'noiCuTru'));
    if (formatValue(v.hoTenChuHo))
      lineRow(w, [
        ['Họ, chữ đệm và tên chủ hộ', upper(v.hoTenChuHo)],
        ['Quan hệ với chủ hộ', v.quanHeVoiChuHo],
      ]);
    const members = Array.isArray(v.thanhVienHo) ? v.thanhVienHo.filter((m): m is Record<string, unknown> => !!m && typeof m === 'object') : [];
    if (members.length) {
      heading(w, 'Thông tin các thành viên trong hộ gia đình');
      w.table(
        [
          { title: 'STT', width: 6, align: 'center' },
          { title: 'Họ, chữ đệm và tên', width: 28 },
          { title: 'Ngày sinh', width: 14, align: 'center' },
          { title: 'Giới tính', width: 10, align: 'center' },
          { title: 'Số định danh cá nhân', width: 22, align: 'center' },
          { title: 'Quan hệ với chủ hộ', width: 20 },
        ],
        members.map((m, i) => [String(i + 1), show(m.hoTen), show(m.ngaySinh), show(m.gioiTinh), show(m.soDinhDanh), show(m.quanHeVoiChuHo)]),
        { size: 9.5 },
      );
    }
    const purpose = formatValue(v.mucDich);
    line(w, 'Mục đích sử dụng', purpose ?? validity.scope);
    if (validity.scope && purpose && validity.scope !== purpose) line(w, 'Phạm vi sử dụng', validity.scope);
    const to = validity.validTo;
    const legal = to === addMonths(validity.validFrom, RESIDENCE_VALIDITY_MONTHS);
    w.space(2);
    para(
      w,
      `${to ? `Xác nhận thông tin về cư trú có giá trị sử dụng ${legal ? '01 năm kể từ ngày cấp, ' : ''}từ ngày ${isoToVn(validity.validFrom)} đến hết ngày ${isoToVn(to)}.` : `Xác nhận thông tin về cư trú có giá trị sử dụng kể từ ngày ${isoToVn(validity.validFrom)}.`} Trường hợp thông tin về cư trú của công dân có sự thay đổi, điều chỉnh và được cập nhật trong Cơ sở dữ liệu về cư trú thì xác nhận này hết giá trị kể từ thời điểm thay đổi.`,
      { italic: true, size: BODY - 0.5 },
    );
    drawSigner(w, data);
  },
};
