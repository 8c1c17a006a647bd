/**
 * Self-digitisation from the personal document store over HTTP: the demo mother photographs her son's birth
 * certificate on the store page (no dossier); it is listed as "bản chụp tự số hoá — chưa đối chiếu bản gốc"
 * (kind photo_copy, not digitised), recognised in the background and confirmed field by field; then used in a
 * residence registration like any store document, it attaches as a photo copy (not digitised, not a reuse); the
 * counter confirms it against the original and the same store entry becomes the signed digitised document.
 * Access (owner; another citizen 404; official 403; anonymous 401) and bad input of the new route.
 * Deleting a photo copy from the store (DELETE /api/my/store/photo-copies/:id, id = the store entry): only her own,
 * refused with 409 while a dossier uses it (the dossier keeps its file), a second DELETE is 404; access; bad input.
 */
import crypto from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { composeIdNumber } from '../../../core/identity/id-number.ts';
import { startBackOffice, type BackOffice } from '../../testing/back-office.ts';
import { TestClient, testDatabaseKind } from '../../testing/harness.ts';
import type { DossierSubscriber } from '../dossiers/index.ts';
import { createRecogniser } from '../recognition/recogniser.ts';
import { runRecognitionBatch } from '../recognition/service.ts';
import { renderBirthCertificate } from '../recognition/specimens.ts';

const child = {
  fullName: 'Nguyễn Minh Khôi',
  dateOfBirth: '2026-10-02',
  sex: 'Nam' as const,
  placeOfBirth: 'Trạm Y tế xã Phú Riềng, tỉnh Đồng Nai',
  personalId: composeIdNumber('075', 2026, 'Nam', 22345),
  motherName: 'Trần Thị Mai',
  fatherName: 'Nguyễn Văn Hùng',
};

interface StoreEntry {
  id: string;
  kind: string;
  title: string;
  documentType: string | null;
  mime: string;
  photoCopy: { id: string; status: string; confirmed: boolean } | null;
}

const VIETNAMESE = /[ăâđêôơưạảấầẩẫậắằẳẵặẹẻẽếềểễệỉịọỏốồổỗộớờởỡợụủứừửữựỳỵỷỹ]/i;

describe(`photographing a paper from the personal store on ${testDatabaseKind}`, () => {
  let b: BackOffice;
  const recogniser = createRecogniser();
  let other: TestClient;
  let anon: TestClient;
  let photo: { id: string; uploadId: string; storeDocumentId: string; fields: { name: string; value: string }[] };
  let dossierId: string;
  let documentId: string;

  const storeEntry = async (id: string) => ((await b.citizen.get('/api/my/store')).json().items as StoreEntry[]).find((x) => x.id === id);

  beforeAll(async () => {
    b = await startBackOffice();
    other = new TestClient(b.t.app);
    await other.loginAs(b.t.ctx.db, 'citizen', { citizenId: crypto.randomUUID(), idNumber: '075190000003', fullName: 'Trần Văn Cường' });
    anon = new TestClient(b.t.app);
    await anon.get('/api/health');
  }, 120_000);
  afterAll(async () => {
    await recogniser.close();
    await b?.close();
  });

  it('keeps the photo in the store as an unchecked photo copy, recognised in the background and confirmed field by field', async () => {
    const up = await b.citizen.upload('/api/uploads', 'giay-khai-sinh.png', 'image/png', await renderBirthCertificate(child));
    expect(up.statusCode).toBe(201);
    const created = await b.citizen.post('/api/my/store/photo-copies', { uploadId: up.json().id, type: 'birth-certificate' });
    expect(created.statusCode, created.body).toBe(202);
    expect(created.json()).toMatchObject({ uploadId: up.json().id, type: 'birth-certificate', status: 'pending', confirmed: null });
    const storeDocumentId = created.json().storeDocumentId as string;
    // Repeating it returns the same photo copy and the same store entry.
    const again = (await b.citizen.post('/api/my/store/photo-copies', { uploadId: up.json().id, type: 'birth-certificate' })).json();
    expect([again.id, again.storeDocumentId]).toEqual([created.json().id, storeDocumentId]);

    const listed = await storeEntry(storeDocumentId);
    expect(listed).toMatchObject({
      kind: 'photo_copy',
      title: 'Giấy khai sinh (bản chụp tự số hoá — chưa đối chiếu bản gốc)',
      documentType: 'giay-khai-sinh',
      mime: 'image/png',
      photoCopy: { id: created.json().id, status: 'pending', confirmed: false },
    });
    // Not digitised, not anywhere in the dossiers' components.
    const counted = await b.t.ctx.db.query('SELECT 1 FROM dossier_documents WHERE upload_id = $1', [up.json().id]);
    expect(counted.rows).toHaveLength(0);

    expect(await runRecognitionBatch(b.t.ctx, recogniser)).toBe(1);
    const done = (await b.citizen.get(`/api/photo-copies/${created.json().id}`)).json();
    expect(done.status).toBe('done');
    const values = Object.fromEntries((done.fields as { name: string; value: string }[]).map((f) => [f.name, f.value]));
    expect(values.personalId).toBe(child.personalId);
    expect((await storeEntry(storeDocumentId))?.photoCopy).toMatchObject({ status: 'done', confirmed: false });

    const answers = done.fields.map((f: { name: string; value: string }) => ({ name: f.name, value: f.name === 'fullName' ? 'Nguyễn Minh Khôi' : f.value }));
    const confirmed = await b.citizen.put(`/api/photo-copies/${created.json().id}/confirmation`, { fields: answers });
    expect(confirmed.statusCode, confirmed.body).toBe(200);
    expect(confirmed.json().confirmed.find((f: { name: string }) => f.name === 'fullName')).toMatchObject({
      value: 'Nguyễn Minh Khôi',
      source: 'typed',
      original: { value: values.fullName, source: 'ocr' },
    });
    expect((await storeEntry(storeDocumentId))?.photoCopy).toMatchObject({ status: 'done', confirmed: true });
    photo = { ...confirmed.json(), storeDocumentId };
  }, 180_000);

  it('refuses an unconfirmed store photo in a dossier, with the reason in Vietnamese', async () => {
    const up = await b.citizen.upload('/api/uploads', 'gks2.png', 'image/png', await renderBirthCertificate({ ...child, fullName: 'Nguyễn Minh Tâm' }));
    const p = (await b.citizen.post('/api/my/store/photo-copies', { uploadId: up.json().id, type: 'birth-certificate' })).json();
    const draft = await residenceDraft(p.storeDocumentId, 'Nguyễn Minh Tâm');
    const res = await b.citizen.post('/api/dossiers', { draftId: draft.id, idempotencyKey: crypto.randomUUID() });
    expect(res.statusCode).toBe(422);
    expect(JSON.stringify(res.json())).toContain('chưa được xác nhận thông tin');
  }, 120_000);

  it('used in a journey it attaches as a photo copy: not digitised, not a reuse', async () => {
    const draft = await residenceDraft(photo.storeDocumentId, 'Nguyễn Minh Khôi');
    const res = await b.citizen.post('/api/dossiers', { draftId: draft.id, idempotencyKey: crypto.randomUUID() });
    expect(res.statusCode, res.body).toBe(201);
    dossierId = res.json().id;
    const rows = (
      await b.t.ctx.db.query<{ id: string; photo_copy: boolean; digitised: boolean; reused: boolean; from_store: boolean; upload_id: string }>(
        'SELECT id, photo_copy, digitised, reused, from_store, upload_id FROM dossier_documents WHERE dossier_id = $1',
        [dossierId],
      )
    ).rows;
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ photo_copy: true, digitised: false, reused: false, from_store: false, upload_id: photo.uploadId });
    documentId = rows[0].id;

    const counter = await b.staff('tiepnhan.phurieng');
    const list = await counter.get(`/api/staff/dossiers/${dossierId}/photo-copies`);
    expect(list.statusCode, list.body).toBe(200);
    const item = list.json().items[0];
    expect(item).toMatchObject({ documentId, digitised: false, originalConfirmation: null });
    expect(item.fields.find((f: { name: string }) => f.name === 'fullName').note).toMatch(/^đã sửa: .+ → Nguyễn Minh Khôi \(gốc: OCR/);
  }, 120_000);

  it('confirmed against the original at the counter, the same store entry becomes the signed digitised document', async () => {
    const counter = await b.staff('tiepnhan.phurieng');
    const res = await counter.post(`/api/staff/dossiers/${dossierId}/photo-copies/${documentId}/confirm-original`, {});
    expect(res.statusCode, res.body).toBe(200);
    const item = res.json().items[0];
    expect(item.digitised).toBe(true);
    expect(item.originalConfirmation.storeDocumentId).toBe(photo.storeDocumentId);
    const entry = await storeEntry(photo.storeDocumentId);
    expect(entry).toMatchObject({ kind: 'digitised', mime: 'application/pdf', title: 'Giấy khai sinh của trẻ', documentType: 'giay-khai-sinh' });
    const marked = (await b.t.ctx.db.query<{ sha256: string }>('SELECT sha256 FROM dossier_documents WHERE id = $1', [documentId])).rows[0].sha256;
    const stored = (await b.t.ctx.db.query<{ sha256: string; kind: string }>('SELECT sha256, kind FROM store_documents WHERE id = $1', [photo.storeDocumentId]))
      .rows[0];
    expect(stored).toEqual({ sha256: marked, kind: 'digitised' });
    const file = await b.citizen.get(`/api/my/store/${photo.storeDocumentId}/file`);
    expect(file.statusCode).toBe(200);
    expect(file.headers['content-type']).toContain('application/pdf');
    // Only one store entry for it: no second copy was added.
    const entries = await b.t.ctx.db.query('SELECT 1 FROM store_documents WHERE source_document_id = $1', [documentId]);
    expect(entries.rows).toHaveLength(1);
  }, 120_000);

  it('lets only the citizen who owns the upload photograph it into her store', async () => {
    const up = await b.citizen.upload('/api/uploads', 'gks3.png', 'image/png', await renderBirthCertificate({ ...child, fullName: 'Nguyễn Minh Phúc' }));
    const body = { uploadId: up.json().id, type: 'birth-certificate' };
    const stolen = await other.post('/api/my/store/photo-copies', body);
    expect(stolen.statusCode).toBe(404);
    expect(stolen.json().error.message).toMatch(VIETNAMESE);
    const counter = await b.staff('tiepnhan.phurieng');
    expect((await counter.post('/api/my/store/photo-copies', body)).statusCode).toBe(403);
    expect((await anon.post('/api/my/store/photo-copies', body)).statusCode).toBe(401);
    // Nothing was created by them; another citizen sees neither the photo copy nor the store entry.
    expect((await b.t.ctx.db.query('SELECT 1 FROM photo_copies WHERE upload_id = $1', [up.json().id])).rows).toHaveLength(0);
    expect((await other.get(`/api/photo-copies/${photo.id}`)).statusCode).toBe(404);
    expect((await other.get(`/api/my/store/${photo.storeDocumentId}/file`)).statusCode).toBe(404);
    expect(((await other.get('/api/my/store')).json().items as StoreEntry[]).some((x) => x.id === photo.storeDocumentId)).toBe(false);
  }, 120_000);

  it('refuses bad input and a file that is not a photo with a clear 4xx in Vietnamese, never a 500', async () => {
    const pdf = await b.citizen.upload('/api/uploads', 'to-khai.pdf', 'application/pdf', Buffer.from('%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n'));
    expect(pdf.statusCode, pdf.body).toBe(201);
    const notPhoto = await b.citizen.post('/api/my/store/photo-copies', { uploadId: pdf.json().id, type: 'birth-certificate' });
    expect(notPhoto.statusCode).toBe(422);
    expect(notPhoto.json().error.code).toBe('PHOTO_REQUIRED');
    expect(notPhoto.json().error.message).toMatch(VIETNAMESE);
    expect((await b.t.ctx.db.query('SELECT 1 FROM photo_copies WHERE upload_id = $1', [pdf.json().id])).rows).toHaveLength(0);

    const bodies = [
      {},
      { uploadId: 'abc', type: 'birth-certificate' },
      { uploadId: 42, type: 'birth-certificate' },
      { uploadId: photo.uploadId, type: 7 },
      { uploadId: `${photo.uploadId}\u0000`, type: 'birth-certificate' },
      { uploadId: photo.uploadId, type: 'birth-certificate\u0000' },
      { uploadId: 'x'.repeat(100_000), type: 'birth-certificate' },
      { uploadId: photo.uploadId, type: 'x'.repeat(100_000) },
      { uploadId: photo.uploadId, type: 'passport' },
      { uploadId: crypto.randomUUID(), type: 'birth-certificate' },
      { uploadId: photo.uploadId, type: 'birth-certificate', extra: 1 },
      [],
      'x',
    ];
    for (const body of bodies) {
      const res = await b.citizen.post('/api/my/store/photo-copies', body);
      expect(res.statusCode, JSON.stringify(body).slice(0, 80)).toBeGreaterThanOrEqual(400);
      expect(res.statusCode).toBeLessThan(500);
      expect(res.json().error.message).toMatch(VIETNAMESE);
    }
  }, 120_000);
  /** A residence registration draft for the child, the birth certificate taken from the store entry. */
  async function residenceDraft(storeDocumentId: string, childName: string): Promise<{ id: string }> {
    const draft = (await b.citizen.post('/api/drafts', { procedureCode: '1.004194', caseCode: 'con-duoi-6' })).json();
    const saved = await b.citizen.put(`/api/drafts/${draft.id}`, {
      revision: draft.revision,
      values: { ngaySinhNguoiNop: '1995-08-20', ...draft.values, hoTenTre: childName, soDinhDanhTre: child.personalId },
      documents: [{ requirementCode: 'GKS', storeDocumentId }],
    });
    expect(saved.statusCode, saved.body).toBe(200);
    return draft;
  }

  /** A new photo copy in the store, recognised and (unless told otherwise) confirmed as read. */
  async function storePhoto(fullName: string, confirm = true) {
    const up = await b.citizen.upload('/api/uploads', 'gks-xoa.png', 'image/png', await renderBirthCertificate({ ...child, fullName }));
    expect(up.statusCode, up.body).toBe(201);
    const created = await b.citizen.post('/api/my/store/photo-copies', { uploadId: up.json().id, type: 'birth-certificate' });
    expect(created.statusCode, created.body).toBe(202);
    if (confirm) {
      await runRecognitionBatch(b.t.ctx, recogniser);
      const done = (await b.citizen.get(`/api/photo-copies/${created.json().id}`)).json();
      const ok = await b.citizen.put(`/api/photo-copies/${created.json().id}/confirmation`, {
        fields: done.fields.map((f: { name: string; value: string }) => ({ name: f.name, value: f.value })),
      });
      expect(ok.statusCode, ok.body).toBe(200);
    }
    return { id: created.json().id as string, uploadId: up.json().id as string, storeDocumentId: created.json().storeDocumentId as string };
  }

  it('lets only the owner delete a photo copy from her store; a second DELETE is 404', async () => {
    const p = await storePhoto('Nguyễn Minh Xoá', false);
    const share = await b.citizen.post(`/api/my/store/${p.storeDocumentId}/shares`, { hours: 1 });
    expect(share.statusCode, share.body).toBeLessThan(300);
    const url = `/api/my/store/photo-copies/${p.storeDocumentId}`;

    const stolen = await other.delete(url);
    expect(stolen.statusCode).toBe(404);
    expect(stolen.json().error.message).toMatch(VIETNAMESE);
    const counter = await b.staff('tiepnhan.phurieng');
    expect((await counter.delete(url)).statusCode).toBe(403);
    expect((await anon.delete(url)).statusCode).toBe(401);
    expect(await storeEntry(p.storeDocumentId)).toBeDefined();

    const res = await b.citizen.delete(url);
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toEqual({ ok: true });
    expect(await storeEntry(p.storeDocumentId)).toBeUndefined();
    expect((await b.citizen.get(`/api/photo-copies/${p.id}`)).statusCode).toBe(404);
    expect((await b.citizen.get(`/api/my/store/${p.storeDocumentId}/file`)).statusCode).toBe(404);
    expect((await b.t.ctx.db.query('SELECT 1 FROM store_shares WHERE store_document_id = $1', [p.storeDocumentId])).rows).toHaveLength(0);

    const again = await b.citizen.delete(url);
    expect(again.statusCode).toBe(404);
    expect(again.json().error.message).toMatch(VIETNAMESE);
  }, 120_000);

  it('refuses to delete a photo copy a dossier uses (409 in Vietnamese): the dossier keeps its file', async () => {
    const p = await storePhoto('Nguyễn Minh Giữ');
    const draft = await residenceDraft(p.storeDocumentId, 'Nguyễn Minh Giữ');
    const sent = await b.citizen.post('/api/dossiers', { draftId: draft.id, idempotencyKey: crypto.randomUUID() });
    expect(sent.statusCode, sent.body).toBe(201);

    const res = await b.citizen.delete(`/api/my/store/photo-copies/${p.storeDocumentId}`);
    expect(res.statusCode).toBe(409);
    expect(res.json().error.code).toBe('PHOTO_COPY_IN_USE');
    expect(res.json().error.message).toMatch(VIETNAMESE);
    expect((await storeEntry(p.storeDocumentId))?.kind).toBe('photo_copy');
    const doc = (
      await b.t.ctx.db.query<{ upload_id: string; photo_copy: boolean }>('SELECT upload_id, photo_copy FROM dossier_documents WHERE dossier_id = $1', [
        sent.json().id,
      ])
    ).rows[0];
    expect(doc).toEqual({ upload_id: p.uploadId, photo_copy: true });

    // Once the counter confirmed it against the original, the entry is a digitised paper, not a photo copy to delete.
    const digitised = await b.citizen.delete(`/api/my/store/photo-copies/${photo.storeDocumentId}`);
    expect(digitised.statusCode).toBe(409);
    expect(digitised.json().error.code).toBe('NOT_PHOTO_COPY');
    expect((await storeEntry(photo.storeDocumentId))?.kind).toBe('digitised');
  }, 180_000);

  // Needs a second connection: on PGlite (one connection) the deletion could not run inside the submission.
  it.skipIf(testDatabaseKind !== 'postgresql')(
    'a photo copy deleted while a submission that uses it is being written: 409 in Vietnamese, nothing written, never a 500',
    async () => {
      const p = await storePhoto('Nguyễn Minh Đua');
      const draft = await residenceDraft(p.storeDocumentId, 'Nguyễn Minh Đua');
      // The deletion lands inside the submission's transaction, after its checks and before its components are written
      // (they are deferred writes): as if the citizen pressed "Xoá" in another tab at that moment.
      const subscribers = b.t.ctx.dossierSubscribers as DossierSubscriber[];
      let deleted = 0;
      const deleteMidway: DossierSubscriber = async (_tx, event) => {
        if (event.type !== 'submitted' || deleted > 0) return;
        deleted = (await b.citizen.delete(`/api/my/store/photo-copies/${p.storeDocumentId}`)).statusCode;
      };
      subscribers.unshift(deleteMidway);
      const before = Number((await b.t.ctx.db.query<{ n: number }>('SELECT count(*)::int AS n FROM dossiers')).rows[0].n);
      let res: Awaited<ReturnType<TestClient['post']>>;
      try {
        res = await b.citizen.post('/api/dossiers', { draftId: draft.id, idempotencyKey: crypto.randomUUID() });
      } finally {
        subscribers.splice(subscribers.indexOf(deleteMidway), 1);
      }
      expect(deleted).toBe(200);
      expect(res.statusCode, res.body).toBe(409);
      expect(res.json().error.code).toBe('SUBMISSION_CHANGED');
      expect(res.json().error.message).toMatch(VIETNAMESE);
      expect(Number((await b.t.ctx.db.query<{ n: number }>('SELECT count(*)::int AS n FROM dossiers')).rows[0].n)).toBe(before);
      expect((await b.t.ctx.db.query<{ status: string }>('SELECT status FROM drafts WHERE id = $1', [draft.id])).rows[0].status).toBe('open');
    },
    180_000,
  );

  it('refuses a bad id with a clear 4xx in Vietnamese, never a 500', async () => {
    for (const id of ['abc', '123', `${crypto.randomUUID()}%00`, '%00', `${'x'.repeat(5_000)}`, crypto.randomUUID(), `${crypto.randomUUID()}'--`]) {
      const res = await b.citizen.delete(`/api/my/store/photo-copies/${id}`);
      expect(res.statusCode, id.slice(0, 60)).toBeGreaterThanOrEqual(400);
      expect(res.statusCode).toBeLessThan(500);
      expect(res.json().error.message, id.slice(0, 60)).toMatch(VIETNAMESE);
    }
  }, 120_000);
});
