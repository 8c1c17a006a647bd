/**
 * Self-digitisation end to end over HTTP: the demo mother photographs her son's birth certificate (rendered by the
 * recognition specimens' renderer), recognition fills the residence registration's fields, she changes one value,
 * submits; the counter officer sees the change and confirms against the original, which marks, signs (pdfsig
 * accepts), digitises the component and puts it in her store. Access and bad-input tests of every route.
 */
import crypto from 'node:crypto';
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { composeIdNumber } from '../../../core/identity/id-number.ts';
import { formValuesFrom } from '../../../core/recognition/self-digitisation.ts';
import { startBackOffice, type BackOffice } from '../../testing/back-office.ts';
import { TestClient, testDatabaseKind } from '../../testing/harness.ts';
import { createRecogniser } from '../recognition/recogniser.ts';
import { runRecognitionBatch } from '../recognition/service.ts';
import { renderBirthCertificate } from '../recognition/specimens.ts';
import { verifyActionLog } from '../dossiers/index.ts';
import { PAPER_MARK_TITLE } from '../results/render/paper-mark.ts';

const child = {
  fullName: 'Nguyễn Minh Khang',
  dateOfBirth: '2026-11-27',
  sex: 'Nam' as const,
  placeOfBirth: 'Trạm Y tế xã Phú Riềng, tỉnh Đồng Nai',
  personalId: composeIdNumber('075', 2026, 'Nam', 12347),
  motherName: 'Trần Thị Mai',
  fatherName: 'Nguyễn Văn Hùng',
};

describe(`self-digitisation on ${testDatabaseKind}`, () => {
  let b: BackOffice;
  const recogniser = createRecogniser();
  let photo: { id: string; uploadId: string; fields: { name: string; value: string; low: boolean }[] };
  let dossier: { id: string; code: string };
  let documentId: string;
  let other: TestClient;
  let anon: TestClient;
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'selfdigit-'));

  beforeAll(async () => {
    b = await startBackOffice();
    other = new TestClient(b.t.app);
    await other.loginAs(b.t.ctx.db, 'citizen', { citizenId: crypto.randomUUID(), idNumber: '075190000002', fullName: 'Trần Văn Bình' });
    anon = new TestClient(b.t.app);
    await anon.get('/api/health');
  }, 120_000);
  afterAll(async () => {
    await recogniser.close();
    await b?.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('keeps the photo as a photo copy, recognises it in the background and lets the citizen confirm each field', async () => {
    const up = await b.citizen.upload('/api/uploads', 'giay-khai-sinh.png', 'image/png', await renderBirthCertificate(child));
    expect(up.statusCode).toBe(201);
    const created = await b.citizen.post('/api/photo-copies', { uploadId: up.json().id, type: 'birth-certificate' });
    expect(created.statusCode, created.body).toBe(202);
    expect(created.json()).toMatchObject({ uploadId: up.json().id, type: 'birth-certificate', status: 'pending', fields: [], confirmed: null });
    // Repeating it returns the same photo copy.
    expect((await b.citizen.post('/api/photo-copies', { uploadId: up.json().id, type: 'birth-certificate' })).json().id).toBe(created.json().id);
    // Confirming before recognition finished is refused.
    const early = await b.citizen.put(`/api/photo-copies/${created.json().id}/confirmation`, { fields: [{ name: 'fullName', value: 'X' }] });
    expect(early.statusCode).toBe(409);
    expect(early.json().error.code).toBe('RECOGNITION_NOT_FINISHED');

    expect(await runRecognitionBatch(b.t.ctx, recogniser)).toBe(1);
    const done = await b.citizen.get(`/api/photo-copies/${created.json().id}`);
    expect(done.statusCode).toBe(200);
    photo = done.json();
    expect(done.json().status).toBe('done');
    const values = Object.fromEntries(photo.fields.map((f) => [f.name, f.value]));
    expect(values.fullName).toBe('NGUYỄN MINH KHANG');
    expect(values.personalId).toBe(child.personalId);
    expect(values.dateOfBirth).toBe(child.dateOfBirth);
    expect(photo.fields.every((f) => typeof f.low === 'boolean')).toBe(true);

    // Every field confirmed; the place of birth changed by the citizen keeps the recognised original.
    const answers = photo.fields.map((f) => ({ name: f.name, value: f.name === 'placeOfBirth' ? 'Bệnh viện Đa khoa Đồng Nai' : f.value }));
    const confirmed = await b.citizen.put(`/api/photo-copies/${photo.id}/confirmation`, { fields: answers });
    expect(confirmed.statusCode, confirmed.body).toBe(200);
    const place = confirmed.json().confirmed.find((f: { name: string }) => f.name === 'placeOfBirth');
    expect(place).toMatchObject({ value: 'Bệnh viện Đa khoa Đồng Nai', source: 'typed', original: { value: values.placeOfBirth, source: 'ocr' } });
    expect(confirmed.json().confirmed.find((f: { name: string }) => f.name === 'fullName')).toMatchObject({ source: 'ocr' });
    expect(confirmed.json().confirmed.find((f: { name: string }) => f.name === 'fullName').original).toBeUndefined();
  }, 180_000);

  it('submits with the photo copy, which is not digitised until checked against the original', async () => {
    const draft = (await b.citizen.post('/api/drafts', { procedureCode: '1.004194', caseCode: 'con-duoi-6' })).json();
    const confirmed = (await b.citizen.get(`/api/photo-copies/${photo.id}`)).json();
    const filled = formValuesFrom('birth-certificate', confirmed.confirmed, ['hoTenTre', 'soDinhDanhTre']);
    expect(filled).toEqual({ hoTenTre: 'NGUYỄN MINH KHANG', soDinhDanhTre: child.personalId });
    const saved = await b.citizen.put(`/api/drafts/${draft.id}`, {
      revision: draft.revision,
      values: { ngaySinhNguoiNop: '1995-08-20', ...draft.values, ...filled },
      documents: [{ requirementCode: 'GKS', uploadId: photo.uploadId }],
    });
    expect(saved.statusCode, saved.body).toBe(200);
    const res = await b.citizen.post('/api/dossiers', { draftId: draft.id, idempotencyKey: crypto.randomUUID() });
    expect(res.statusCode, res.body).toBe(201);
    dossier = res.json();
    const row = (
      await b.t.ctx.db.query<{ id: string; photo_copy: boolean; digitised: boolean }>(
        'SELECT id, photo_copy, digitised FROM dossier_documents WHERE dossier_id = $1',
        [dossier.id],
      )
    ).rows;
    expect(row).toHaveLength(1);
    expect(row[0]).toMatchObject({ photo_copy: true, digitised: false });
    documentId = row[0].id;
  });

  it('shows the official the photo copy with the citizen’s change, to officials who see the dossier only', async () => {
    const counter = await b.staff('tiepnhan.phurieng');
    const res = await counter.get(`/api/staff/dossiers/${dossier.id}/photo-copies`);
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json().canConfirm).toBe(true);
    const item = res.json().items[0];
    expect(item).toMatchObject({ documentId, requirementCode: 'GKS', digitised: false, originalConfirmation: null });
    const place = item.fields.find((f: { name: string }) => f.name === 'placeOfBirth');
    expect(place.note).toMatch(/^đã sửa: .+ → Bệnh viện Đa khoa Đồng Nai \(gốc: OCR/);

    // A clerk of the commune sees the dossier (its issuing step) but may not confirm.
    const clerk = await b.staff('vanthu.phurieng');
    expect((await clerk.get(`/api/staff/dossiers/${dossier.id}/photo-copies`)).json().canConfirm).toBe(false);
    const refused = await clerk.post(`/api/staff/dossiers/${dossier.id}/photo-copies/${documentId}/confirm-original`, {});
    expect(refused.statusCode).toBe(403);
    expect(refused.json().error.code).toBe('FORBIDDEN');
    // Another commune's counter: not found.
    const elsewhere = await b.staff('tiepnhan.xuanthanh');
    expect((await elsewhere.get(`/api/staff/dossiers/${dossier.id}/photo-copies`)).statusCode).toBe(404);
    expect((await elsewhere.post(`/api/staff/dossiers/${dossier.id}/photo-copies/${documentId}/confirm-original`, {})).statusCode).toBe(404);
    // Citizens (the owner too) and anonymous callers.
    for (const c of [b.citizen, other]) {
      expect((await c.get(`/api/staff/dossiers/${dossier.id}/photo-copies`)).statusCode).toBe(403);
      expect((await c.post(`/api/staff/dossiers/${dossier.id}/photo-copies/${documentId}/confirm-original`, {})).statusCode).toBe(403);
    }
    expect((await anon.get(`/api/staff/dossiers/${dossier.id}/photo-copies`)).statusCode).toBe(401);
    expect((await anon.post(`/api/staff/dossiers/${dossier.id}/photo-copies/${documentId}/confirm-original`, {})).statusCode).toBe(401);
    // Nothing changed.
    const row = (await b.t.ctx.db.query<{ digitised: boolean }>('SELECT digitised FROM dossier_documents WHERE id = $1', [documentId])).rows[0];
    expect(row.digitised).toBe(false);
  });

  it('confirming against the original stamps the NĐ 137 mark, signs with the unit certificate, digitises and stores it', async () => {
    const counter = await b.staff('tiepnhan.phurieng');
    const before = (await b.t.ctx.db.query<{ sha256: string }>('SELECT sha256 FROM dossier_documents WHERE id = $1', [documentId])).rows[0].sha256;
    const res = await counter.post(`/api/staff/dossiers/${dossier.id}/photo-copies/${documentId}/confirm-original`, {});
    expect(res.statusCode, res.body).toBe(200);
    const item = res.json().items[0];
    expect(item.digitised).toBe(true);
    expect(item.originalConfirmation).toMatchObject({ officialName: 'Lê Thị Hoa', unitId: 'dni.phurieng.ttpvhcc' });
    expect(item.originalConfirmation.storeDocumentId).toMatch(/^[0-9a-f-]{36}$/);

    const doc = (
      await b.t.ctx.db.query<{ sha256: string; mime: string; digitised: boolean }>('SELECT sha256, mime, digitised FROM dossier_documents WHERE id = $1', [
        documentId,
      ])
    ).rows[0];
    expect(doc).toMatchObject({ mime: 'application/pdf', digitised: true });
    expect(doc.sha256).not.toBe(before);
    const file = await counter.get(`/api/staff/dossiers/${dossier.id}/documents/${documentId}`);
    expect(file.statusCode).toBe(200);
    expect(file.headers['content-type']).toContain('application/pdf');
    const pdfPath = path.join(dir, 'gks.pdf');
    fs.writeFileSync(pdfPath, file.rawPayload);
    const sig = spawnSync('pdfsig', [pdfPath], { encoding: 'utf8' });
    expect(sig.error, 'pdfsig (poppler-utils) must be installed').toBeUndefined();
    expect(sig.stdout).toContain('Signature is Valid');
    const text = spawnSync('pdftotext', [pdfPath, '-'], { encoding: 'utf8' }).stdout;
    expect(text).toContain(PAPER_MARK_TITLE);
    expect(text).toContain('Người chuyển đổi: Lê Thị Hoa');

    // In the mother's store (reusable, 766 4.3), as a digitised document.
    const store = await b.citizen.get('/api/my/store');
    expect(store.statusCode, store.body).toBe(200);
    const items = (store.json().items ?? store.json()) as { id: string; kind: string; title: string }[];
    expect(items.find((x) => x.id === item.originalConfirmation.storeDocumentId)).toMatchObject({ kind: 'digitised', title: 'Giấy khai sinh của trẻ' });

    // Once only; and the citizen can no longer change her confirmation.
    const again = await counter.post(`/api/staff/dossiers/${dossier.id}/photo-copies/${documentId}/confirm-original`, {});
    expect(again.statusCode).toBe(409);
    expect(again.json().error.code).toBe('ORIGINAL_ALREADY_CONFIRMED');
    const locked = await b.citizen.put(`/api/photo-copies/${photo.id}/confirmation`, { fields: photo.fields.map((f) => ({ name: f.name, value: f.value })) });
    expect(locked.statusCode).toBe(409);
    expect(locked.json().error.code).toBe('PHOTO_COPY_LOCKED');
  });

  it('records the confirmation in the dossier’s hash-chained log, status unchanged, and the chain verifies', async () => {
    const log = (
      await b.t.ctx.db.query<{
        seq: number;
        action: string;
        actor_id: string;
        actor_name: string;
        actor_role: string;
        from_status: number;
        to_status: number;
        data: Record<string, unknown>;
        attachments: unknown;
      }>(
        'SELECT seq, action, actor_id, actor_name, actor_role, from_status, to_status, data, attachments FROM dossier_actions WHERE dossier_id = $1 ORDER BY seq',
        [dossier.id],
      )
    ).rows;
    const entries = log.filter((e) => e.action === 'original_confirmed');
    expect(entries).toHaveLength(1);
    const entry = entries[0];
    const conf = (
      await b.t.ctx.db.query<{ official_id: string; photo_sha256: string; marked_sha256: string; certificate_cn: string; store_document_id: string }>(
        'SELECT official_id, photo_sha256, marked_sha256, certificate_cn, store_document_id FROM original_confirmations WHERE dossier_document_id = $1',
        [documentId],
      )
    ).rows[0];
    const status = (await b.t.ctx.db.query<{ status: number }>('SELECT status FROM dossiers WHERE id = $1', [dossier.id])).rows[0].status;
    expect(entry).toMatchObject({ actor_id: conf.official_id, actor_name: 'Lê Thị Hoa', actor_role: 'reception', from_status: status, to_status: status });
    expect(entry.data).toMatchObject({
      component: { documentId, requirementCode: 'GKS', name: 'Giấy khai sinh của trẻ' },
      photoSha256: conf.photo_sha256,
      markedSha256: conf.marked_sha256,
      certificate: conf.certificate_cn,
      unitId: 'dni.phurieng.ttpvhcc',
      storeDocumentId: conf.store_document_id,
    });
    expect(conf.photo_sha256).not.toBe(conf.marked_sha256);
    expect(entry.attachments).toEqual([{ name: 'Giấy khai sinh của trẻ', sha256: conf.marked_sha256, kind: 'GKS' }]);
    expect(await verifyActionLog(b.t.ctx.db, { dossierId: dossier.id })).toMatchObject({ entries: log.length, problems: [] });

    // The dossier page's history names it (Vietnamese label from the server; the browser translates by event).
    const page = await (await b.staff('tiepnhan.phurieng')).get(`/api/staff/dossiers/${dossier.id}`);
    expect(page.statusCode, page.body).toBe(200);
    expect(page.json().log.find((e: { action: string }) => e.action === 'original_confirmed')).toMatchObject({ label: 'Cán bộ đã đối chiếu bản gốc giấy tờ' });

    // Tampering with the recorded hash is caught, pinned to that entry.
    const forged = '0'.repeat(64);
    await b.t.ctx.db.query(`UPDATE dossier_actions SET data = jsonb_set(data, '{markedSha256}', to_jsonb($3::text)) WHERE dossier_id = $1 AND seq = $2`, [
      dossier.id,
      entry.seq,
      forged,
    ]);
    expect((await verifyActionLog(b.t.ctx.db, { dossierId: dossier.id })).problems).toEqual([
      { dossierId: dossier.id, seq: entry.seq, problem: 'hash_mismatch' },
    ]);
    await b.t.ctx.db.query(`UPDATE dossier_actions SET data = jsonb_set(data, '{markedSha256}', to_jsonb($3::text)) WHERE dossier_id = $1 AND seq = $2`, [
      dossier.id,
      entry.seq,
      conf.marked_sha256,
    ]);
    expect((await verifyActionLog(b.t.ctx.db, { dossierId: dossier.id })).problems).toEqual([]);
  });

  it('lets only the citizen who photographed it read or confirm a photo copy', async () => {
    const counter = await b.staff('tiepnhan.phurieng');
    expect((await other.get(`/api/photo-copies/${photo.id}`)).statusCode).toBe(404);
    expect((await other.put(`/api/photo-copies/${photo.id}/confirmation`, { fields: [{ name: 'fullName', value: 'X' }] })).statusCode).toBe(404);
    const stolen = await other.post('/api/photo-copies', { uploadId: photo.uploadId, type: 'birth-certificate' });
    expect(stolen.statusCode).toBe(404);
    expect((await counter.get(`/api/photo-copies/${photo.id}`)).statusCode).toBe(403);
    expect((await counter.post('/api/photo-copies', { uploadId: photo.uploadId, type: 'birth-certificate' })).statusCode).toBe(403);
    expect((await anon.get(`/api/photo-copies/${photo.id}`)).statusCode).toBe(401);
    expect((await anon.post('/api/photo-copies', { uploadId: photo.uploadId, type: 'birth-certificate' })).statusCode).toBe(401);
  });

  it('refuses bad input with a clear 4xx in Vietnamese, never a 500', async () => {
    const counter = await b.staff('tiepnhan.phurieng');
    const bodies = [
      {},
      { uploadId: 'abc', type: 'birth-certificate' },
      { uploadId: 42, type: 'birth-certificate' },
      { uploadId: `${photo.uploadId}\u0000`, type: 'birth-certificate' },
      { uploadId: 'x'.repeat(100_000), type: 'birth-certificate' },
      { uploadId: photo.uploadId, type: 'passport' },
      { uploadId: photo.uploadId, type: 'birth-certificate', extra: 1 },
    ];
    for (const body of bodies) {
      const res = await b.citizen.post('/api/photo-copies', body);
      expect(res.statusCode, JSON.stringify(body).slice(0, 80)).toBeGreaterThanOrEqual(400);
      expect(res.statusCode).toBeLessThan(500);
      expect(res.json().error.message).toMatch(/[ăâđêôơưạảấầẩẫậắằẳẵặẹẻẽếềểễệỉịọỏốồổỗộớờởỡợụủứừửữựỳỵỷỹ]/i);
    }
    const fresh = await b.citizen.upload('/api/uploads', 'gks.png', 'image/png', await renderBirthCertificate({ ...child, fullName: 'Nguyễn Minh An' }));
    const p = (await b.citizen.post('/api/photo-copies', { uploadId: fresh.json().id, type: 'birth-certificate' })).json();
    expect(await runRecognitionBatch(b.t.ctx, recogniser)).toBe(1);
    const fields = (await b.citizen.get(`/api/photo-copies/${p.id}`)).json().fields as { name: string; value: string }[];
    const all = fields.map((f) => ({ name: f.name, value: f.value }));
    for (const body of [
      {},
      { fields: [] },
      { fields: 'x' },
      { fields: [{ name: 'fullName', value: 42 }] },
      { fields: [{ name: 'fullName', value: 'a\u0000b' }] },
      { fields: [{ name: 'fullName', value: 'x'.repeat(100_000) }] },
      { fields: all.slice(1) },
      { fields: [...all, { name: 'nope', value: 'x' }] },
      { fields: [...all, all[0]] },
    ]) {
      const res = await b.citizen.put(`/api/photo-copies/${p.id}/confirmation`, body);
      expect(res.statusCode, JSON.stringify(body).slice(0, 80)).toBeGreaterThanOrEqual(400);
      expect(res.statusCode).toBeLessThan(500);
    }
    for (const url of ['/api/photo-copies/abc', `/api/photo-copies/${'x'.repeat(5000)}`, '/api/photo-copies/%00']) {
      const res = await b.citizen.get(url);
      expect(res.statusCode, url).toBeGreaterThanOrEqual(400);
      expect(res.statusCode).toBeLessThan(500);
    }
    for (const url of [
      `/api/staff/dossiers/abc/photo-copies/${documentId}/confirm-original`,
      `/api/staff/dossiers/${dossier.id}/photo-copies/abc/confirm-original`,
      `/api/staff/dossiers/${dossier.id}/photo-copies/${crypto.randomUUID()}/confirm-original`,
    ]) {
      const res = await counter.post(url, {});
      expect(res.statusCode, url).toBeGreaterThanOrEqual(400);
      expect(res.statusCode).toBeLessThan(500);
    }
    const extra = await counter.post(`/api/staff/dossiers/${dossier.id}/photo-copies/${documentId}/confirm-original`, { x: 1 });
    expect(extra.statusCode).toBe(400);
  }, 180_000);
});
