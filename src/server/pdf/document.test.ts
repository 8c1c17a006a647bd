import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { decodeQrPayload, vnIso, type QrPayload } from '../../core/documents/qr-payload.ts';
import { decodeQrFromPdf } from '../testing/pdf.ts';
import { DocumentWriter, PAGE_A5 } from './document.ts';

describe('PDF documents with Vietnamese text and the TT 01/2023 QR code', () => {
  it('keeps the Vietnamese text intact and carries the QR fields', async () => {
    const payload: QrPayload = {
      maHoSo: '000.01.52.H19-261123-0001',
      maTTHC: '1.001193',
      maDinhDanh: '070195012346',
      tenGiayTo: 'Giấy tiếp nhận hồ sơ và hẹn trả kết quả',
      heThong: 'MotCua – Hệ thống thông tin giải quyết TTHC tỉnh Đồng Nai',
      thoiDiem: vnIso(new Date('2026-11-23T02:00:00Z')),
      ngayHenTra: '2026-11-24T17:00:00+07:00',
      url: 'http://localhost:3000/tra-cuu?ma=000.01.52.H19-261123-0001',
    };
    const w = await DocumentWriter.create(PAGE_A5, { title: 'Giấy tiếp nhận hồ sơ' });
    const qr = await w.qr(payload);
    w.text('TRUNG TÂM PHỤC VỤ HÀNH CHÍNH CÔNG XÃ PHÚ RIỀNG', { bold: true, align: 'right', size: 9, x: w.margin + qr + 8, width: w.width - qr - 8 });
    w.skipTo(qr + 8);
    w.text('GIẤY TIẾP NHẬN HỒ SƠ VÀ HẸN TRẢ KẾT QUẢ', { bold: true, align: 'center', size: 12 });
    w.text('Tiếp nhận hồ sơ của bà Trần Thị Mai, đề nghị giải quyết thủ tục Đăng ký khai sinh.'.normalize('NFD'));
    w.table(
      [
        { title: 'Tên giấy tờ', width: 6 },
        { title: 'Bản chính', width: 2 },
        { title: 'Bản sao', width: 2 },
      ],
      [
        ['Giấy chứng sinh', '1', '0'],
        ['Tờ khai đăng ký khai sinh', '1', '0'],
      ],
    );
    const bytes = await w.save();
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'motcua-pdf-'));
    const file = path.join(dir, 'mau01.pdf');
    fs.writeFileSync(file, bytes);
    const text = execFileSync('pdftotext', [file, '-'], { encoding: 'utf8' }).replace(/\s+/g, ' ');
    expect(text).toContain('GIẤY TIẾP NHẬN HỒ SƠ VÀ HẸN TRẢ KẾT QUẢ');
    expect(text).toContain('Trần Thị Mai');
    expect(text).toContain('Đăng ký khai sinh');
    expect(text).toContain('Giấy chứng sinh');
    const decoded = decodeQrFromPdf(file);
    expect(decoded).not.toBeNull();
    expect(decodeQrPayload(decoded!)).toEqual(payload);
  });
});
