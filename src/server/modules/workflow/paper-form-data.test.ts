/**
 * The forms of real dossiers (Mẫu 01–06) and the register (Mẫu 07) as served to officials and to the applicant:
 * each opens in pdftotext with its Vietnamese text intact, its QR code decodes to the TT 01/2023 fields, the
 * register's Excel file reads back (with an independent reader) to the same rows.
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import readXlsxFile from 'read-excel-file/node';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { decodeQrPayload } from '../../../core/documents/qr-payload.ts';
import { testDatabaseKind, type TestClient } from '../../testing/harness.ts';
import { decodeQrFromPdf } from '../../testing/pdf.ts';
import { startBackOffice, type BackOffice } from '../../testing/back-office.ts';

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'motcua-forms-db-'));
function pdfOf(name: string, bytes: Buffer) {
  expect(bytes.subarray(0, 5).toString()).toBe('%PDF-');
  const file = path.join(dir, name);
  fs.writeFileSync(file, bytes);
  const text = execFileSync('pdftotext', [file, '-'], { encoding: 'utf8' }).replace(/\s+/g, ' ');
  const qr = decodeQrPayload(decodeQrFromPdf(file) ?? '');
  return { text, qr };
}

describe(`forms Mẫu 01–07 of real dossiers on ${testDatabaseKind}`, () => {
  let b: BackOffice;
  let counter: TestClient;
  const ids: Record<string, { id: string; code: string }> = {};
  beforeAll(async () => {
    b = await startBackOffice();
    counter = await b.staff('tiepnhan.phurieng');
    const act = async (user: string, id: string, action: string, body: Record<string, unknown> = {}) => {
      const r = await (await b.staff(user)).post(`/api/staff/dossiers/${id}/${action}`, body);
      expect(r.statusCode, r.body).toBe(200);
      return r.json();
    };
    const specialist = async (id: string) =>
      (await (await counter.get(`/api/staff/dossiers/${id}`)).json()).tasks.find((t: { current: boolean }) => t.current).assigneeName === 'Nguyễn Văn An'
        ? 'chuyenvien2.vhxh'
        : 'chuyenvien.vhxh';

    b.at('08:00');
    ids.full = await b.submitBirthRegistration();
    await act('tiepnhan.phurieng', ids.full.id, 'request-completion', {
      reason: 'Ảnh Giấy chứng sinh bị lóa một phần',
      items: [{ name: 'Giấy chứng sinh', reason: 'Ảnh bị lóa' }],
    });
    await act('tiepnhan.phurieng', ids.full.id, 'accept');
    b.at('08:30');
    const s = await specialist(ids.full.id);
    await act(s, ids.full.id, 'request-supplement', {
      reason: 'Cần bản chụp rõ nét Giấy chứng sinh',
      items: [{ name: 'Giấy chứng sinh', reason: 'Không đọc được họ tên người mẹ' }],
    });
    b.at('09:30');
    const up = (await b.citizen.upload('/api/uploads', 'gcs.pdf', 'application/pdf', Buffer.from('%PDF-1.4\n%%EOF\n'))).json();
    expect((await b.citizen.post(`/api/my/dossiers/${ids.full.id}/supplement`, { documents: [{ requirementCode: 'GCS', uploadId: up.id }] })).statusCode).toBe(
      200,
    );
    await act('lanhdao.phurieng', ids.full.id, 'reschedule', {
      reason: 'Cần xác minh nơi sinh với Trạm Y tế xã',
      newDueAt: b.instant('17:30', 1).toISOString(),
    });
    b.at('10:00');
    await act(s, ids.full.id, 'forward');
    await act('lanhdao.phurieng', ids.full.id, 'forward');
    await act('vanthu.phurieng', ids.full.id, 'issue-result', { resultNumber: '12/TLKS' });
    b.at('15:00');
    await act('tiepnhan.phurieng', ids.full.id, 'return-result', {
      delivery: { method: 'in_person', receiverName: 'Trần Thị Mai', receiverIdNumber: '070195012346' },
    });

    ids.refused = await b.submitBirthRegistration();
    await act('tiepnhan.phurieng', ids.refused.id, 'refuse', { reason: 'Trẻ đã được đăng ký khai sinh tại xã khác' });
    ids.stopped = await b.submitBirthRegistration();
    await act('tiepnhan.phurieng', ids.stopped.id, 'accept');
    await act('lanhdao.phurieng', ids.stopped.id, 'stop', { reason: 'Phát hiện giấy tờ giả mạo trong hồ sơ' });
  });
  afterAll(async () => b?.close());

  const form = async (id: string, name: string) => {
    const res = await counter.get(`/api/staff/dossiers/${id}/forms/${name}.pdf`);
    expect(res.statusCode, res.body).toBe(200);
    expect(res.headers['content-type']).toContain('application/pdf');
    return pdfOf(`${id}-${name}.pdf`, res.rawPayload);
  };
  const qrFields = (code: string, tenGiayTo: string) => ({
    maHoSo: code,
    maTTHC: '1.001193',
    maDinhDanh: '070195012346',
    tenGiayTo,
    heThong: expect.any(String),
    thoiDiem: expect.stringMatching(/\+07:00$/),
    url: expect.stringContaining('/tra-cuu?ma='),
  });

  it('Mẫu 01: the receipt with the register entry and the appointment in the QR', async () => {
    const { text, qr } = await form(ids.full.id, 'mau-01');
    expect(text).toContain('GIẤY TIẾP NHẬN HỒ SƠ VÀ HẸN TRẢ KẾT QUẢ');
    expect(text).toContain('Trần Thị Mai');
    expect(text).toMatch(/Quyển số \d{4}, Số thứ tự \d+/);
    expect(qr).toMatchObject({ ...qrFields(ids.full.code, 'Giấy tiếp nhận hồ sơ và hẹn trả kết quả'), ngayHenTra: expect.stringMatching(/\+07:00$/) });
  });

  it('Mẫu 02: the supplement request during processing, with the items and the handling agency', async () => {
    const { text, qr } = await form(ids.full.id, 'mau-02');
    expect(text).toContain('PHIẾU YÊU CẦU BỔ SUNG, HOÀN THIỆN HỒ SƠ');
    expect(text).toContain('Không đọc được họ tên người mẹ');
    expect(text).toContain('Ủy ban nhân dân xã Phú Riềng');
    expect(qr).toMatchObject(qrFields(ids.full.code, 'Phiếu yêu cầu bổ sung, hoàn thiện hồ sơ'));
  });

  it('Mẫu 03: the refusal with its reason', async () => {
    const { text, qr } = await form(ids.refused.id, 'mau-03');
    expect(text).toContain('PHIẾU TỪ CHỐI TIẾP NHẬN GIẢI QUYẾT HỒ SƠ');
    expect(text).toContain('Trẻ đã được đăng ký khai sinh tại xã khác');
    expect(qr).toMatchObject(qrFields(ids.refused.code, 'Phiếu từ chối tiếp nhận giải quyết hồ sơ'));
  });

  it('Mẫu 04: the apology with the original and the new appointment', async () => {
    const { text, qr } = await form(ids.full.id, 'mau-04');
    expect(text).toContain('VĂN BẢN XIN LỖI VÀ ĐỀ NGHỊ GIA HẠN THỜI GIAN GIẢI QUYẾT');
    expect(text).toContain('Cần xác minh nơi sinh với Trạm Y tế xã');
    expect(text).toContain('Võ Minh Tâm');
    expect(qr).toMatchObject(qrFields(ids.full.code, 'Văn bản xin lỗi và đề nghị gia hạn thời gian giải quyết'));
  });

  it('Mẫu 05: the stop notice with its reason', async () => {
    const { text, qr } = await form(ids.stopped.id, 'mau-05');
    expect(text).toContain('THÔNG BÁO DỪNG GIẢI QUYẾT HỒ SƠ');
    expect(text).toContain('Phát hiện giấy tờ giả mạo trong hồ sơ');
    expect(qr).toMatchObject(qrFields(ids.stopped.code, 'Thông báo dừng giải quyết hồ sơ'));
  });

  it('Mẫu 06: the control sheet derived from the log, one row per handover with its result', async () => {
    const { text, qr } = await form(ids.full.id, 'mau-06');
    expect(text).toContain('PHIẾU KIỂM SOÁT QUÁ TRÌNH GIẢI QUYẾT HỒ SƠ');
    for (const unit of ['Phòng Văn hóa - Xã hội xã Phú Riềng', 'Văn phòng HĐND và UBND xã Phú Riềng', 'Ủy ban nhân dân xã Phú Riềng'])
      expect(text).toContain(unit);
    expect(text).toMatch(/Đúng hạn|Trước hạn|Quá hạn/);
    expect(qr).toMatchObject(qrFields(ids.full.code, 'Phiếu kiểm soát quá trình giải quyết hồ sơ'));
    const detail = (await counter.get(`/api/staff/dossiers/${ids.full.id}`)).json();
    expect(detail.log.filter((e: { data: { handover?: unknown } }) => e.data.handover).length).toBe(5);
  });

  it('a form whose event has not happened is not available; the applicant gets theirs, not the control sheet', async () => {
    expect((await counter.get(`/api/staff/dossiers/${ids.refused.id}/forms/mau-04.pdf`)).statusCode).toBe(404);
    expect((await counter.get(`/api/staff/dossiers/${ids.refused.id}/forms/mau-09.pdf`)).statusCode).toBe(404);
    expect((await b.citizen.get(`/api/my/dossiers/${ids.full.id}/forms/mau-04.pdf`)).statusCode).toBe(200);
    expect((await b.citizen.get(`/api/my/dossiers/${ids.full.id}/forms/mau-06.pdf`)).statusCode).toBe(404);
    expect((await (await b.staff('tiepnhan.xuanthanh')).get(`/api/staff/dossiers/${ids.full.id}/forms/mau-01.pdf`)).statusCode).toBe(404);
  });

  it('Mẫu 07: the register of the counter for the day, as PDF and as Excel that reads back to the same rows', async () => {
    const q = `unitId=dni.phurieng.ttpvhcc&from=${b.day}&to=${b.day}`;
    const res = await counter.get(`/api/staff/register.pdf?${q}`);
    expect(res.statusCode, res.body).toBe(200);
    const { text, qr } = pdfOf('register.pdf', res.rawPayload);
    expect(text).toContain('SỔ THEO DÕI HỒ SƠ');
    expect(text).toContain(ids.full.code);
    expect(text).toContain(ids.stopped.code);
    expect(text).not.toContain(ids.refused.code); // refused at reception: never received, not in the register
    expect(qr).toMatchObject({ maTTHC: '*', maDinhDanh: '000.01.52.H19', tenGiayTo: 'Sổ theo dõi hồ sơ' });

    const xlsx = await counter.get(`/api/staff/register.xlsx?${q}`);
    expect(xlsx.statusCode).toBe(200);
    const file = path.join(dir, 'register.xlsx');
    fs.writeFileSync(file, xlsx.rawPayload);
    const sheets = await readXlsxFile(file);
    const cells = sheets
      .flatMap((s) => s.data)
      .flat()
      .map((c) => String(c ?? ''));
    expect(cells).toContain(ids.full.code);
    expect(cells).toContain(ids.stopped.code);
    expect(cells).toContain('Trần Thị Mai');

    expect((await (await b.staff('tiepnhan.xuanthanh')).get(`/api/staff/register.pdf?${q}`)).statusCode).toBe(403);
    expect((await (await b.staff('chuyenvien.vhxh')).get(`/api/staff/register.pdf?${q}`)).statusCode).toBe(403);
    expect((await (await b.staff('giamsat.dongnai')).get(`/api/staff/register.xlsx?${q}`)).statusCode).toBe(200);
  });
});
