import crypto from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { toLocal } from '../../../core/deadlines/deadlines.ts';
import { DEMO_OFFICIAL_PASSWORD } from '../officials/index.ts';
import { DEMO_MOTHER_ID } from '../../standins/population/demo-residents.ts';
import { startTestApp, TestClient, testDatabaseKind, type TestApp } from '../../testing/harness.ts';

const pdf = Buffer.from('%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n');

describe(`reception of online dossiers on ${testDatabaseKind}`, () => {
  let t: TestApp;
  let citizen: TestClient;
  const staff: Record<string, TestClient> = {};

  async function submitted(): Promise<{ id: string; code: string }> {
    const draft = (await citizen.post('/api/drafts', { procedureCode: '1.001193', caseCode: 'dung-han' })).json();
    const upload = (await citizen.upload('/api/uploads', 'gcs.pdf', 'application/pdf', pdf)).json();
    const saved = (
      await citizen.put(`/api/drafts/${draft.id}`, {
        revision: draft.revision,
        values: { ...draft.values, noiSinhTre: 'Trạm Y tế', quanHeVoiTre: 'me' },
        documents: [{ requirementCode: 'GCS', uploadId: upload.id }],
      })
    ).json();
    const res = await citizen.post('/api/dossiers', { draftId: saved.id, idempotencyKey: crypto.randomUUID() });
    expect(res.statusCode).toBe(201);
    return res.json();
  }

  beforeAll(async () => {
    t = await startTestApp({ seed: true });
    citizen = new TestClient(t.app);
    await citizen.loginAs(t.ctx.db, 'citizen', {
      citizenId: crypto.randomUUID(),
      idNumber: DEMO_MOTHER_ID,
      fullName: 'Trần Thị Mai',
      loginAt: new Date().toISOString(),
    });
    for (const u of ['tiepnhan.phurieng', 'tiepnhan.xuanthanh', 'chuyenvien.vhxh']) {
      staff[u] = new TestClient(t.app);
      expect((await staff[u].post('/api/staff/login', { username: u, password: DEMO_OFFICIAL_PASSWORD })).statusCode).toBe(200);
    }
  });
  afterAll(async () => t?.close());

  it('the receiving officer of the unit sees the dossier and accepts it with an appointment date (→ 2)', async () => {
    const d = await submitted();
    const queue = (await staff['tiepnhan.phurieng'].get('/api/staff/reception/queue')).json();
    expect(queue.items.map((x: { code: string }) => x.code)).toContain(d.code);
    const res = await staff['tiepnhan.phurieng'].post(`/api/staff/dossiers/${d.id}/accept`);
    expect(res.statusCode).toBe(200);
    expect(res.json().status).toBe(2);
    // A same-day procedure: due at the end of a working day (17:30 Vietnam time), today or the next working day.
    expect(toLocal(new Date(res.json().dueAt)).minute).toBe(17 * 60 + 30);
    const detail = (await citizen.get(`/api/my/dossiers/${d.id}`)).json();
    expect(detail.status.code).toBe(2);
    expect(detail.timeline.map((x: { action: string }) => x.action)).toEqual(['submitted', 'received']);
    expect(detail.dueAt).toBe(res.json().dueAt);
    // accepting twice breaks the rules
    const again = await staff['tiepnhan.phurieng'].post(`/api/staff/dossiers/${d.id}/accept`);
    expect(again.statusCode).toBe(409);
    expect(again.json().error.code).toBe('INVALID_TRANSITION');
  });

  it('refuses another unit (404), another role (403) and a citizen (403)', async () => {
    const d = await submitted();
    expect((await staff['tiepnhan.xuanthanh'].post(`/api/staff/dossiers/${d.id}/accept`)).statusCode).toBe(404);
    expect((await staff['tiepnhan.xuanthanh'].get('/api/staff/reception/queue')).json().items.map((x: { code: string }) => x.code)).not.toContain(d.code);
    expect((await staff['chuyenvien.vhxh'].post(`/api/staff/dossiers/${d.id}/accept`)).statusCode).toBe(403);
    expect((await citizen.post(`/api/staff/dossiers/${d.id}/accept`)).statusCode).toBe(403);
    expect((await new TestClient(t.app).post(`/api/staff/dossiers/${d.id}/accept`)).statusCode).toBe(401);
  });

  it('refusing needs a reason (Mẫu 03, → 3) and the citizen sees it', async () => {
    const d = await submitted();
    const noReason = await staff['tiepnhan.phurieng'].post(`/api/staff/dossiers/${d.id}/refuse`, { reason: '' });
    expect(noReason.statusCode).toBe(400);
    const res = await staff['tiepnhan.phurieng'].post(`/api/staff/dossiers/${d.id}/refuse`, { reason: 'Hồ sơ không thuộc thẩm quyền giải quyết của xã' });
    expect(res.json().status).toBe(3);
    const detail = (await citizen.get(`/api/my/dossiers/${d.id}`)).json();
    expect(detail.timeline[1]).toMatchObject({ action: 'refused', note: 'Hồ sơ không thuộc thẩm quyền giải quyết của xã' });
    expect(detail.canWithdraw).toBe(false);
  });

  it('requesting completion at reception keeps the dossier new (Mẫu 02) and logs the reason', async () => {
    const d = await submitted();
    const res = await staff['tiepnhan.phurieng'].post(`/api/staff/dossiers/${d.id}/request-completion`, {
      reason: 'Ảnh giấy chứng sinh bị mờ, vui lòng chụp lại',
    });
    expect(res.json().status).toBe(1);
    const detail = (await citizen.get(`/api/my/dossiers/${d.id}`)).json();
    expect(detail.timeline[1]).toMatchObject({ action: 'completion_requested' });
  });

  it('prints the receipt (Mẫu 01) with Vietnamese text and the QR fields, for the unit and for the owner only', async () => {
    const { execFileSync, spawnSync } = await import('node:child_process');
    const fs = await import('node:fs');
    const os = await import('node:os');
    const path = await import('node:path');
    const d = await submitted();
    expect((await citizen.get(`/api/my/dossiers/${d.id}/receipt.pdf`)).statusCode).toBe(404); // not received yet
    await staff['tiepnhan.phurieng'].post(`/api/staff/dossiers/${d.id}/accept`);
    const res = await citizen.get(`/api/my/dossiers/${d.id}/receipt.pdf`);
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toContain('application/pdf');
    expect((await staff['tiepnhan.phurieng'].get(`/api/staff/dossiers/${d.id}/mau-01.pdf`)).statusCode).toBe(200);
    expect((await staff['tiepnhan.xuanthanh'].get(`/api/staff/dossiers/${d.id}/mau-01.pdf`)).statusCode).toBe(404);
    if (spawnSync('pdftotext', ['-v']).status === null) return;
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'motcua-mau01-'));
    const file = path.join(dir, 'mau01.pdf');
    fs.writeFileSync(file, res.rawPayload);
    const text = execFileSync('pdftotext', [file, '-'], { encoding: 'utf8' }).replace(/\s+/g, ' ');
    expect(text).toContain('GIẤY TIẾP NHẬN HỒ SƠ VÀ HẸN TRẢ KẾT QUẢ');
    expect(text).toContain('Trần Thị Mai');
    expect(text).toContain(d.code);
    expect(text).toContain('Phí, lệ phí: Miễn phí'); // on-time birth registration, no extra copies asked
    const { decodeQrFromPdf } = await import('../../testing/pdf.ts');
    const { decodeQrPayload } = await import('../../../core/documents/qr-payload.ts');
    const qr = decodeQrPayload(decodeQrFromPdf(file)!);
    expect(qr).toMatchObject({ maHoSo: d.code, maTTHC: '1.001193', maDinhDanh: DEMO_MOTHER_ID, tenGiayTo: 'Giấy tiếp nhận hồ sơ và hẹn trả kết quả' });
    expect(qr.ngayHenTra).toMatch(/\+07:00$/);
  });
});
