/**
 * Counter intake of a photo copy from the citizen's personal store (docs/digitisation.md "From the personal store"):
 * the demo mother photographed her son's birth certificate on the store page and confirmed its fields; at the counter
 * the receiving officer takes in a residence registration with that store entry as a component. It attaches as her
 * photo copy (photo_copy, not digitised, not a reuse, not from a certified store document), and "Đã đối chiếu bản
 * gốc" then turns it, and the same store entry, into the signed digitised document.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { composeIdNumber } from '../../../core/identity/id-number.ts';
import { DEMO_MOTHER_ID, startBackOffice, type BackOffice } from '../../testing/back-office.ts';
import { testDatabaseKind, type TestClient } from '../../testing/harness.ts';
import { createRecogniser } from '../recognition/recogniser.ts';
import { runRecognitionBatch } from '../recognition/service.ts';
import { renderBirthCertificate } from '../recognition/specimens.ts';

const child = {
  fullName: 'Nguyễn Minh Khôi',
  dateOfBirth: '2026-10-02',
  sex: 'Nam' as const,
  placeOfBirth: 'Trạm Y tế xã Phú Riềng, tỉnh Đồng Nai',
  personalId: composeIdNumber('075', 2026, 'Nam', 22346),
  motherName: 'Trần Thị Mai',
  fatherName: 'Nguyễn Văn Hùng',
};

describe(`counter intake of a store photo copy on ${testDatabaseKind}`, () => {
  let b: BackOffice;
  let counter: TestClient;
  const recogniser = createRecogniser();
  let photo: { id: string; uploadId: string; storeDocumentId: string };
  let dossierId: string;
  let documentId: string;

  beforeAll(async () => {
    b = await startBackOffice();
    counter = await b.staff('tiepnhan.phurieng');
  }, 120_000);
  afterAll(async () => {
    await recogniser.close();
    await b?.close();
  });

  it('the citizen photographs the paper into her store and confirms its fields', async () => {
    const up = await b.citizen.upload('/api/uploads', 'giay-khai-sinh.png', 'image/png', await renderBirthCertificate(child));
    expect(up.statusCode, up.body).toBe(201);
    const created = await b.citizen.post('/api/my/store/photo-copies', { uploadId: up.json().id, type: 'birth-certificate' });
    expect(created.statusCode, created.body).toBe(202);
    expect(await runRecognitionBatch(b.t.ctx, recogniser)).toBe(1);
    const done = (await b.citizen.get(`/api/photo-copies/${created.json().id}`)).json();
    expect(done.status).toBe('done');
    const confirmed = await b.citizen.put(`/api/photo-copies/${created.json().id}/confirmation`, {
      fields: done.fields.map((f: { name: string; value: string }) => ({ name: f.name, value: f.value })),
    });
    expect(confirmed.statusCode, confirmed.body).toBe(200);
    photo = { id: created.json().id, uploadId: up.json().id, storeDocumentId: created.json().storeDocumentId };
  }, 180_000);

  it('taken in at the counter, the store photo copy attaches as a photo copy: not digitised, not a reuse', async () => {
    b.at('09:00');
    const check = await counter.post('/api/staff/intake/identity-check', { idNumber: DEMO_MOTHER_ID });
    expect(check.statusCode, check.body).toBe(200);
    const prefill = await counter.post('/api/staff/intake/prefill', {
      procedureCode: '1.004194',
      caseCode: 'con-duoi-6',
      idNumber: DEMO_MOTHER_ID,
      checkToken: check.json().checkToken,
    });
    expect(prefill.statusCode, prefill.body).toBe(200);
    const p = prefill.json();
    const res = await counter.post('/api/staff/intake', {
      idempotencyKey: 'intake-store-photo-0001',
      channel: 1,
      procedureCode: '1.004194',
      procedureVersion: p.procedureVersion,
      caseCode: 'con-duoi-6',
      identity: { idNumber: DEMO_MOTHER_ID, checkToken: check.json().checkToken },
      contact: { phone: '0912345678' },
      values: { ngaySinhNguoiNop: '1995-08-20', ...p.values, hoTenTre: child.fullName, soDinhDanhTre: child.personalId },
      seal: p.seal,
      resultDelivery: 'counter',
      documents: [{ requirementCode: 'GKS', storeDocumentId: photo.storeDocumentId }],
    });
    expect(res.statusCode, res.body).toBe(201);
    dossierId = res.json().id;

    const rows = (
      await b.t.ctx.db.query<{
        id: string;
        photo_copy: boolean;
        digitised: boolean;
        reused: boolean;
        from_store: boolean;
        upload_id: string | null;
        store_document_id: string | null;
      }>('SELECT id, photo_copy, digitised, reused, from_store, upload_id, store_document_id FROM dossier_documents WHERE dossier_id = $1', [dossierId])
    ).rows;
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({
      photo_copy: true,
      digitised: false,
      reused: false,
      from_store: false,
      upload_id: photo.uploadId,
      store_document_id: photo.storeDocumentId,
    });
    documentId = rows[0].id;
    // The store entry is still her unchecked photo copy until the counter confirms it.
    const entry = (await b.t.ctx.db.query<{ kind: string }>('SELECT kind FROM store_documents WHERE id = $1', [photo.storeDocumentId])).rows[0];
    expect(entry.kind).toBe('photo_copy');

    const list = await counter.get(`/api/staff/dossiers/${dossierId}/photo-copies`);
    expect(list.statusCode, list.body).toBe(200);
    expect(list.json().canConfirm).toBe(true);
    expect(list.json().items).toHaveLength(1);
    expect(list.json().items[0]).toMatchObject({ documentId, digitised: false, originalConfirmation: null });
  }, 120_000);

  it('"Đã đối chiếu bản gốc" then makes it, and the same store entry, the signed digitised document', async () => {
    const res = await counter.post(`/api/staff/dossiers/${dossierId}/photo-copies/${documentId}/confirm-original`, {});
    expect(res.statusCode, res.body).toBe(200);
    const item = res.json().items[0];
    expect(item.digitised).toBe(true);
    expect(item.originalConfirmation).toMatchObject({ storeDocumentId: photo.storeDocumentId });
    const doc = (
      await b.t.ctx.db.query<{ sha256: string; mime: string; digitised: boolean; photo_copy: boolean }>(
        'SELECT sha256, mime, digitised, photo_copy FROM dossier_documents WHERE id = $1',
        [documentId],
      )
    ).rows[0];
    expect(doc).toMatchObject({ mime: 'application/pdf', digitised: true, photo_copy: true });
    const stored = (await b.t.ctx.db.query<{ kind: string; sha256: string }>('SELECT kind, sha256 FROM store_documents WHERE id = $1', [photo.storeDocumentId]))
      .rows[0];
    expect(stored).toEqual({ kind: 'digitised', sha256: doc.sha256 });
    const log = await b.t.ctx.db.query("SELECT 1 FROM dossier_actions WHERE dossier_id = $1 AND action = 'original_confirmed'", [dossierId]);
    expect(log.rows).toHaveLength(1);
    const again = await counter.post(`/api/staff/dossiers/${dossierId}/photo-copies/${documentId}/confirm-original`, {});
    expect(again.statusCode).toBe(409);
  }, 120_000);
});
