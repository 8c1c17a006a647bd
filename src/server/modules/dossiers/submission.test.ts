import crypto from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_GROOM_ID, DEMO_MOTHER_ID } from '../../standins/population/demo-residents.ts';
import { startTestApp, TestClient, testDatabaseKind, type TestApp } from '../../testing/harness.ts';
import { createOutboxWorker } from '../../event-stream.ts';
import { createNotificationDispatcher } from '../notifications/index.ts';

const pdf = Buffer.from('%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n');

describe(`online submission on ${testDatabaseKind}`, () => {
  let t: TestApp;
  let mai: TestClient;
  let vinh: TestClient;
  const maiId = crypto.randomUUID();

  beforeAll(async () => {
    t = await startTestApp({ seed: true });
    mai = new TestClient(t.app);
    await mai.loginAs(t.ctx.db, 'citizen', {
      citizenId: maiId,
      idNumber: DEMO_MOTHER_ID,
      fullName: 'Trần Thị Mai',
      loginAt: new Date(Date.now() - 180_000).toISOString(),
    });
    vinh = new TestClient(t.app);
    await vinh.loginAs(t.ctx.db, 'citizen', {
      citizenId: crypto.randomUUID(),
      idNumber: DEMO_GROOM_ID,
      fullName: 'Lê Quang Vinh',
      loginAt: new Date().toISOString(),
    });
  });
  afterAll(async () => t?.close());

  /** A complete birth-registration draft of Mai's with the birth certificate attached. */
  async function readyDraft(client = mai) {
    const draft = (await client.post('/api/drafts', { procedureCode: '1.001193', caseCode: 'dung-han' })).json();
    const upload = (await client.upload('/api/uploads', 'giay-chung-sinh.pdf', 'application/pdf', pdf)).json();
    const saved = await client.put(`/api/drafts/${draft.id}`, {
      revision: draft.revision,
      values: { ...draft.values, noiSinhTre: 'Trạm Y tế xã Phú Riềng', quanHeVoiTre: 'me' },
      documents: [{ requirementCode: 'GCS', uploadId: upload.id }],
    });
    expect(saved.statusCode).toBe(200);
    return { draft: saved.json(), upload };
  }
  const count = async (table: string) => (await t.ctx.db.query<{ n: number }>(`SELECT count(*)::int AS n FROM ${table}`)).rows[0].n;

  it('prefills the birth registration from the e-ID and the population database, and logs the lookups', async () => {
    const draft = (await mai.post('/api/drafts', { procedureCode: '1.001193', caseCode: 'dung-han' })).json();
    expect(draft.values).toMatchObject({ hoTenMe: 'Trần Thị Mai', soDinhDanhMe: DEMO_MOTHER_ID, hoTenCha: 'Nguyễn Văn Hùng', hoTenTre: 'Nguyễn Minh Khang' });
    expect(draft.values.noiCuTruMe).toMatchObject({ provinceCode: '75', communeCode: '25252' });
    expect(draft.prefilledFields).toEqual(expect.arrayContaining(['hoTenMe', 'hoTenCha', 'hoTenTre']));
    const logs = (await t.ctx.db.query<{ purpose: string }>('SELECT purpose FROM population_lookups WHERE actor_id = $1', [DEMO_MOTHER_ID])).rows;
    expect(logs.every((l) => l.purpose === 'autofill:1.001193')).toBe(true);
    expect(logs.length).toBeGreaterThanOrEqual(2);
  });

  it('submits atomically: dossier code, documents, first log entry, outbox mail; the mail names the code', async () => {
    const { draft } = await readyDraft();
    const res = await mai.post('/api/dossiers', { draftId: draft.id, idempotencyKey: crypto.randomUUID() });
    expect(res.statusCode).toBe(201);
    const d = res.json();
    expect(d.code).toMatch(/^000\.01\.52\.H19-\d{6}-\d{4}$/);
    expect(d.status).toBe(1);
    const row = (await t.ctx.db.query<{ login_to_submit_ms: number; status: number }>('SELECT login_to_submit_ms, status FROM dossiers WHERE id = $1', [d.id]))
      .rows[0];
    expect(row.login_to_submit_ms).toBeGreaterThanOrEqual(180_000);
    expect((await t.ctx.db.query('SELECT 1 FROM dossier_documents WHERE dossier_id = $1', [d.id])).rowCount).toBe(1);
    expect((await t.ctx.db.query("SELECT 1 FROM dossier_actions WHERE dossier_id = $1 AND action = 'submitted'", [d.id])).rowCount).toBe(1);

    const worker = createOutboxWorker({ ...t.ctx, config: { ...t.ctx.config, publicUrl: 'http://localhost' } });
    await worker.drain();
    await createNotificationDispatcher(t.ctx).drain(); // the confirmation e-mail is in the notification outbox
    const mail = (
      await t.ctx.db.query<{ subject: string; body_text: string; rcpt_to: string[] }>(
        'SELECT subject, body_text, rcpt_to FROM standin_mailbox ORDER BY id DESC LIMIT 1',
      )
    ).rows[0];
    expect(mail.subject).toContain(d.code);
    expect(mail.body_text).toContain(d.code);
    expect(mail.rcpt_to).toEqual(['tran.thi.mai@example.vn']);

    const mine = (await mai.get('/api/my/dossiers')).json();
    expect(mine.items.map((x: { code: string }) => x.code)).toContain(d.code);
    // The dossier keeps the Vietnamese name it was submitted under; the English interface gets the catalogue's English
    // name of that version beside it.
    const names = { procedureName: 'Đăng ký khai sinh', procedureNameEn: 'Birth registration' };
    expect(mine.items.find((x: { code: string }) => x.code === d.code)).toMatchObject(names);
    const detail = (await mai.get(`/api/my/dossiers/${d.id}`)).json();
    expect(detail).toMatchObject(names);
    expect(detail.timeline[0]).toMatchObject({ action: 'submitted', statusName: 'Mới đăng ký' });

    const lookup = await t.app.inject({ method: 'GET', url: `/api/public/dossiers/lookup?code=${d.code}&last4=${DEMO_MOTHER_ID.slice(-4)}` });
    expect(lookup.statusCode).toBe(200);
    expect(lookup.json()).toMatchObject({ code: d.code, status: { code: 1 }, ...names });
    expect(JSON.stringify(lookup.json())).not.toContain('Trần Thị Mai');
    expect((await t.app.inject({ method: 'GET', url: `/api/public/dossiers/lookup?code=${d.code}&last4=0000` })).statusCode).toBe(404);
  });

  it('gives another citizen 404 for the dossier, the draft and the files', async () => {
    const { draft, upload } = await readyDraft();
    const d = (await mai.post('/api/dossiers', { draftId: draft.id, idempotencyKey: crypto.randomUUID() })).json();
    expect((await vinh.get(`/api/my/dossiers/${d.id}`)).statusCode).toBe(404);
    expect((await vinh.get(`/api/drafts/${draft.id}`)).statusCode).toBe(404);
    expect((await vinh.get(`/api/uploads/${upload.id}`)).statusCode).toBe(404);
    expect((await vinh.post('/api/dossiers', { draftId: draft.id, idempotencyKey: crypto.randomUUID() })).statusCode).toBe(404);
  });

  it('refuses a tampered prefilled value with a clear error and writes nothing', async () => {
    const { draft } = await readyDraft();
    await mai.put(`/api/drafts/${draft.id}`, { revision: draft.revision, values: { ...draft.values, soDinhDanhMe: '070195099999' } });
    const before = await count('dossiers');
    const res = await mai.post('/api/dossiers', { draftId: draft.id, idempotencyKey: crypto.randomUUID() });
    expect(res.statusCode).toBe(422);
    expect(res.json().error.details.errors).toEqual([expect.objectContaining({ path: 'soDinhDanhMe', code: 'PREFILL_TAMPERED' })]);
    expect(await count('dossiers')).toBe(before);
  });

  it('refuses a draft without its required document, and malformed JSON, writing nothing', async () => {
    const draft = (await mai.post('/api/drafts', { procedureCode: '1.001193', caseCode: 'dung-han' })).json();
    const before = await count('dossiers');
    const res = await mai.post('/api/dossiers', { draftId: draft.id, idempotencyKey: crypto.randomUUID() });
    expect(res.statusCode).toBe(422);
    expect(res.json().error.details.errors.map((e: { code: string }) => e.code)).toContain('DOCUMENT_MISSING');
    const broken = await mai.request('POST', '/api/dossiers', '{"draftId": "', { 'content-type': 'application/json' });
    expect(broken.statusCode).toBe(400);
    expect(broken.json().error).toMatchObject({ code: 'MALFORMED_JSON', message: 'Dữ liệu gửi lên không phải JSON hợp lệ.' });
    expect(await count('dossiers')).toBe(before);
  });

  it('keeps a draft intact for another device and refuses a stale save', async () => {
    const { draft } = await readyDraft();
    const other = new TestClient(t.app);
    other.cookies.set('motcua_sid', mai.cookies.get('motcua_sid')!);
    await other.get('/api/health');
    const resumed = (await other.get(`/api/drafts/${draft.id}`)).json();
    expect(resumed.values).toEqual(draft.values);
    expect(resumed.documents).toEqual(draft.documents);
    const stale = await other.put(`/api/drafts/${draft.id}`, { revision: draft.revision - 1, values: {} });
    expect(stale.statusCode).toBe(409);
    expect(stale.json().error.code).toBe('DRAFT_CONFLICT');
  });

  it('creates exactly one dossier from 50 concurrent submissions with the same key', async () => {
    const { draft } = await readyDraft();
    const key = crypto.randomUUID();
    const before = await count('dossiers');
    const results = await Promise.all(Array.from({ length: 50 }, () => mai.post('/api/dossiers', { draftId: draft.id, idempotencyKey: key })));
    expect(results.every((r) => r.statusCode === 200 || r.statusCode === 201)).toBe(true);
    expect(results.filter((r) => r.statusCode === 201)).toHaveLength(1);
    expect(new Set(results.map((r) => r.json().code)).size).toBe(1);
    expect(await count('dossiers')).toBe(before + 1);
  });

  it('creates exactly one dossier from 20 concurrent submissions of one draft with different keys, and closes the draft', async () => {
    const { draft } = await readyDraft();
    const before = await count('dossiers');
    const results = await Promise.all(Array.from({ length: 20 }, () => mai.post('/api/dossiers', { draftId: draft.id, idempotencyKey: crypto.randomUUID() })));
    const created = results.filter((r) => r.statusCode === 201);
    expect(created).toHaveLength(1);
    // The others are told the draft is already submitted (or closed, when they read it after the winner's commit).
    for (const r of results.filter((x) => x.statusCode !== 201)) {
      expect(r.statusCode, r.body).toBe(409);
      expect(['DRAFT_ALREADY_SUBMITTED', 'DRAFT_CLOSED']).toContain(r.json().error.code);
    }
    expect(await count('dossiers')).toBe(before + 1);
    const closed = (await t.ctx.db.query<{ status: string; dossier_id: string }>('SELECT status, dossier_id FROM drafts WHERE id = $1', [draft.id])).rows[0];
    expect(closed).toEqual({ status: 'submitted', dossier_id: created[0].json().id });
  });

  it('gives 500 concurrent distinct submissions 500 distinct codes', async () => {
    const drafts = [];
    for (let i = 0; i < 500; i++) drafts.push((await readyDraft()).draft);
    const results = await Promise.all(drafts.map((d) => mai.post('/api/dossiers', { draftId: d.id, idempotencyKey: crypto.randomUUID() })));
    expect(results.filter((r) => r.statusCode === 201)).toHaveLength(500);
    expect(new Set(results.map((r) => r.json().code)).size).toBe(500);
  }, 240_000);

  it('records a withdrawal request with its reason (status 7)', async () => {
    const { draft } = await readyDraft();
    const d = (await mai.post('/api/dossiers', { draftId: draft.id, idempotencyKey: crypto.randomUUID() })).json();
    expect((await mai.post(`/api/my/dossiers/${d.id}/withdrawal`, { reason: 'x' })).statusCode).toBe(400);
    const w = await mai.post(`/api/my/dossiers/${d.id}/withdrawal`, { reason: 'Gia đình đã đăng ký tại nơi khác' });
    expect(w.statusCode).toBe(200);
    expect(w.json().status.code).toBe(7);
    expect((await mai.post(`/api/my/dossiers/${d.id}/withdrawal`, { reason: 'Gia đình đã đăng ký tại nơi khác' })).statusCode).toBe(409);
    expect((await vinh.post(`/api/my/dossiers/${d.id}/withdrawal`, { reason: 'không phải của tôi' })).statusCode).toBe(404);
  });
});

describe(`draft expiry on ${testDatabaseKind}`, () => {
  it('expires drafts past their time and warns in the last days', async () => {
    const t = await startTestApp({ seed: true, env: { DRAFT_TTL_DAYS: '2' } });
    try {
      const c = new TestClient(t.app);
      await c.loginAs(t.ctx.db, 'citizen', { citizenId: crypto.randomUUID(), idNumber: DEMO_MOTHER_ID, fullName: 'Trần Thị Mai' });
      const d = (await c.post('/api/drafts', { procedureCode: '1.001193', caseCode: 'dung-han' })).json();
      expect(d.expiresSoon).toBe(true); // 2 days < the 3-day warning window
      await t.ctx.db.query("UPDATE drafts SET expires_at = now() - interval '1 minute' WHERE id = $1", [d.id]);
      const { expireDrafts } = await import('./drafts.ts');
      expect(await expireDrafts(t.ctx.db)).toBe(1);
      expect((await c.get('/api/drafts')).json().items).toEqual([]);
      const save = await c.put(`/api/drafts/${d.id}`, { revision: d.revision, values: {} });
      expect(save.statusCode).toBe(409);
      expect(save.json().error.message).toContain('hết hạn');
    } finally {
      await t.close();
    }
  });
});
