import ExcelJS from 'exceljs';
import { readSheet } from 'read-excel-file/node';
import { describe, expect, it } from 'vitest';
import type { Channel, NationalStatus } from '../../core/dossiers/status.ts';
import { renderMau07Pdf } from './mau07.ts';
import { REGISTER_HEADER_ROW, REGISTER_SHEET, renderMau07Xlsx } from './mau07-xlsx.ts';
import { REGISTER_COLUMNS, registerNote, type RegisterData, type RegisterRow } from './register.ts';
import { agency, issue, PUBLIC_URL } from './test-fixtures.ts';
import { A4_LANDSCAPE, pdfInfo, pdfQrPayload, pdfText, writeTempPdf } from './test-pdf.ts';

const names = ['Trần Thị Mai', 'Nguyễn Văn Hùng', 'Lê Quang Vinh', 'Phạm Thu Hà', 'Hoàng Văn Tư', 'Đỗ Thị Lan'];
const procedures = ['Đăng ký khai sinh', 'Đăng ký kết hôn', 'Cấp bản sao trích lục hộ tịch', 'Chứng thực bản sao từ bản chính', 'Xác nhận tình trạng hôn nhân'];
const units = ['Phòng Văn hóa - Xã hội', 'Văn phòng HĐND và UBND xã Phú Riềng', 'Công an xã Phú Riềng'];
const H = 3_600_000;

function row(i: number): RegisterRow {
  const receivedAt = new Date(Date.UTC(2026, 2, 2 + (i % 28), 1 + (i % 8), (i * 7) % 60));
  const done = i % 4 !== 3;
  return {
    dossierCode: `000.01.52.H19-2603${String(2 + (i % 28)).padStart(2, '0')}-${String(i + 1).padStart(4, '0')}`,
    procedureName: procedures[i % procedures.length],
    sets: 1 + (i % 3 === 0 ? 1 : 0),
    applicantName: names[i % names.length],
    applicantAddress: i % 5 === 0 ? undefined : `Thôn Phú Thịnh, xã Phú Riềng, tỉnh Đồng Nai`,
    applicantPhone: i % 2 ? `0912 345 ${String(i).padStart(3, '0')}` : undefined,
    handlingAgency: units[i % units.length],
    receivedAt,
    dueAt: new Date(receivedAt.getTime() + 48 * H),
    transferredAt: new Date(receivedAt.getTime() + H),
    resultReceivedAt: done ? new Date(receivedAt.getTime() + 30 * H) : null,
    returnedAt: done ? new Date(receivedAt.getTime() + 31 * H) : null,
    resultTakenBy: done ? names[(i + 1) % names.length] : null,
    channel: ((i % 3) + 1) as Channel,
    status: (done ? 10 : 4) as NationalStatus,
    note: i % 10 === 0 ? 'Có yêu cầu bổ sung một lần' : undefined,
  };
}

const data: RegisterData = {
  agency: { ...agency, code: '000.01.52.H19' },
  issue: { ...issue, issuedAt: new Date('2026-04-01T01:00:00Z'), number: undefined },
  period: { from: '2026-03-01', to: '2026-03-31' },
  bookNumber: '03',
  rows: Array.from({ length: 300 }, (_, i) => row(i)),
};
data.rows[299] = { ...data.rows[299], applicantName: 'Võ Thị Ánh Tuyết', note: 'Hồ sơ cuối sổ' };

describe('Mẫu 07 — Sổ theo dõi hồ sơ (PDF, A4 landscape)', () => {
  it('pages hundreds of rows with the header repeated, page numbers and the register QR', async () => {
    const file = writeTempPdf('mau07.pdf', await renderMau07Pdf(data));
    const info = pdfInfo(file);
    expect(info.width).toBeCloseTo(A4_LANDSCAPE.width, 1);
    expect(info.height).toBeCloseTo(A4_LANDSCAPE.height, 1);
    expect(info.pages).toBeGreaterThan(9);
    const first = pdfText(file, 1);
    for (const s of [
      'SỔ THEO DÕI HỒ SƠ',
      'Đơn vị: Trung tâm Phục vụ hành chính công xã Phú Riềng',
      'Từ ngày 01/03/2026 đến ngày 31/03/2026',
      'Quyển số: 03',
      'Phú Riềng, ngày 01 tháng 4 năm 2026',
      'CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM',
      'STT',
      'Mã hồ sơ',
      'Tên thủ tục hành chính',
      'Số lượng hồ sơ (bộ)',
      'Tên người nộp / tổ chức',
      'Địa chỉ, số điện thoại',
      'Cơ quan chủ trì giải quyết',
      'Ngày nhận hồ sơ',
      'Ngày hẹn trả',
      'Ngày chuyển hồ sơ đến cơ quan giải quyết',
      'Ngày nhận kết quả từ cơ quan giải quyết',
      'Ngày trả kết quả',
      'Ký nhận (tên người nhận)',
      'Ghi chú',
      '000.01.52.H19-260302-0001',
      'Nộp trực tiếp; Đã trả kết quả; Có yêu cầu bổ sung một lần',
      'Trang 1/',
    ])
      expect(first).toContain(s);
    const last = pdfText(file, info.pages);
    expect(last).toContain('Ngày chuyển hồ sơ đến cơ quan giải quyết');
    expect(last).toContain('Võ Thị Ánh Tuyết');
    expect(last).toContain('Hồ sơ cuối sổ');
    expect(last).toContain(data.rows[299].dossierCode);
    expect(last).toContain(`Trang ${info.pages}/${info.pages}`);
    const all = pdfText(file);
    for (const r of data.rows) expect(all).toContain(r.dossierCode);
    expect(await pdfQrPayload(file)).toEqual({
      maHoSo: 'SO-000.01.52.H19-20260301-20260331',
      maTTHC: '*',
      maDinhDanh: '000.01.52.H19',
      tenGiayTo: 'Sổ theo dõi hồ sơ',
      heThong: 'MotCua – Hệ thống thông tin giải quyết TTHC',
      thoiDiem: '2026-04-01T08:00:00+07:00',
      url: `${PUBLIC_URL}/tra-cuu?ma=SO-000.01.52.H19-20260301-20260331`,
    });
  });

  it('prints dates and times in Vietnam time', async () => {
    const one = {
      ...data,
      rows: [{ ...data.rows[0], receivedAt: new Date('2026-03-02T17:30:00Z'), dueAt: null, transferredAt: null, resultReceivedAt: null, returnedAt: null }],
    };
    const text = pdfText(writeTempPdf('mau07-mot.pdf', await renderMau07Pdf(one)));
    expect(text).toContain('03/03/2026 00:30');
  });

  it('refuses a period that ends before it starts or is not YYYY-MM-DD', async () => {
    await expect(renderMau07Pdf({ ...data, period: { from: '2026-03-31', to: '2026-03-01' } })).rejects.toThrow(/ends before/);
    await expect(renderMau07Xlsx({ ...data, period: { from: '01/03/2026', to: '2026-03-31' } })).rejects.toThrow(/YYYY-MM-DD/);
  });
});

describe('Mẫu 07 — Sổ theo dõi hồ sơ (Excel)', () => {
  it('holds the same columns and values, read back by an independent reader', async () => {
    const bytes = await renderMau07Xlsx(data);
    const sheet = (await readSheet(Buffer.from(bytes), REGISTER_SHEET)) as unknown as (string | number | Date | boolean | null)[][];
    expect(sheet[0][0]).toBe('SỔ THEO DÕI HỒ SƠ');
    expect(sheet[1][0]).toBe('Đơn vị: Trung tâm Phục vụ hành chính công xã Phú Riềng');
    expect(sheet[2][0]).toBe('Từ ngày 01/03/2026 đến ngày 31/03/2026');
    expect(sheet[3][0]).toBe('Quyển số: 03');
    expect(sheet[4][0]).toBe('Mã sổ: SO-000.01.52.H19-20260301-20260331; lập lúc 08 giờ 00 phút, ngày 01/04/2026');
    expect(sheet[REGISTER_HEADER_ROW - 1]).toEqual(REGISTER_COLUMNS.map((c) => c.title));
    const body = sheet.slice(REGISTER_HEADER_ROW);
    expect(body).toHaveLength(300);
    body.forEach((read, i) => {
      let cells = read;
      const r = data.rows[i];
      // Vietnam wall-clock time; the reader turns the serial number into a Date to within a millisecond.
      const vn = (d: Date | null | undefined) => (d ? new Date(d.getTime() + 7 * H) : null);
      const toSecond = (v: unknown) => (v instanceof Date ? new Date(Math.round(v.getTime() / 1000) * 1000) : v);
      cells = cells.map(toSecond) as typeof cells;
      expect(cells).toEqual([
        i + 1,
        r.dossierCode,
        r.procedureName,
        r.sets,
        r.applicantName,
        [r.applicantAddress, r.applicantPhone && `ĐT: ${r.applicantPhone}`].filter(Boolean).join('; ') || null,
        r.handlingAgency,
        vn(r.receivedAt),
        vn(r.dueAt),
        vn(r.transferredAt),
        vn(r.resultReceivedAt),
        vn(r.returnedAt),
        r.resultTakenBy ?? null,
        registerNote(r),
      ]);
    });
    expect(body[299][4]).toBe('Võ Thị Ánh Tuyết');
    expect(body[299][13]).toBe('Nộp qua bưu chính công ích; Đang xử lý; Hồ sơ cuối sổ');
    expect(typeof body[0][0]).toBe('number');
    expect(body[0][7]).toBeInstanceOf(Date);
  });

  it('freezes the header row, sets column widths and formats dates', async () => {
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(Buffer.from(await renderMau07Xlsx(data)) as unknown as ArrayBuffer);
    const ws = wb.getWorksheet(REGISTER_SHEET)!;
    expect(ws.views[0]).toMatchObject({ state: 'frozen', ySplit: REGISTER_HEADER_ROW });
    expect(ws.columns.map((c) => c.width)).toEqual(REGISTER_COLUMNS.map((c) => c.xlsxWidth));
    expect(ws.getRow(REGISTER_HEADER_ROW + 1).getCell(8).numFmt).toBe('dd/mm/yyyy hh:mm');
  });
});
