import crypto from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_GROOM_ID, DEMO_MOTHER_ID } from '../../standins/population/demo-residents.ts';
import { liveSessionSql } from '../../http/session.ts';
import { startTestApp, TestClient, testDatabaseKind, type TestApp } from '../../testing/harness.ts';
import { createOutboxWorker } from '../../event-stream.ts';
import { createNotificationDispatcher } from '../notifications/index.ts';

const sha256 = (s: string) => crypto.createHash('sha256').update(s).digest('hex');
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

  // The submission reads its session in its first statement, with the draft (RouteSpec.sessionInFirstRead,
  // http/session.ts SessionToRead; issue 17): every actor is answered as the session hook answers it on other routes.
  describe('the session, read with the draft', () => {
    async function citizen(citizenId: string, idNumber: string, fullName: string) {
      const c = new TestClient(t.app);
      await c.loginAs(t.ctx.db, 'citizen', { citizenId, idNumber, fullName, loginAt: new Date().toISOString() });
      return c;
    }
    const submit = (client: TestClient, draftId: string, idempotencyKey: string = crypto.randomUUID()) =>
      client.post('/api/dossiers', { draftId, idempotencyKey });
    const dossiersOf = async (draftId: string) =>
      (await t.ctx.db.query<{ owner_citizen_id: string }>('SELECT owner_citizen_id FROM dossiers WHERE draft_id = $1', [draftId])).rows;

    it('submits for the session’s citizen without sending the session’s own statement, and replays the same key', async () => {
      const draft = (await readyDraft()).draft;
      const sent: string[] = [];
      const db = t.ctx.db;
      const query = db.query.bind(db);
      db.query = ((sql: string, params?: unknown[]) => {
        sent.push(sql);
        return query(sql, params);
      }) as typeof db.query;
      const key = crypto.randomUUID();
      const res = await submit(mai, draft.id, key).finally(() => {
        db.query = query;
      });
      expect(res.statusCode).toBe(201);
      expect(sent.length).toBeGreaterThan(0);
      expect(sent).not.toContain(liveSessionSql('$1'));
      expect(sent[0]).toContain(liveSessionSql('$2'));
      expect(await dossiersOf(draft.id)).toEqual([{ owner_citizen_id: maiId }]);
      const again = await submit(mai, draft.id, key);
      expect(again.statusCode).toBe(200);
      expect(again.json().id).toBe(res.json().id);
    });

    it('answers 401 without a session, and 401 for an ended or expired session with a token of no session', async () => {
      const draft = (await readyDraft()).draft;
      const anonymous = new TestClient(t.app);
      const res = await submit(anonymous, draft.id);
      expect(res.statusCode).toBe(401);
      expect(res.json().error.code).toBe('UNAUTHENTICATED');

      // A session cookie the database no longer holds (logged out elsewhere, expired), and the CSRF token the app hands
      // out then (bound to no session): the answer is "log in", as for any other route.
      const gone = await citizen(crypto.randomUUID(), DEMO_MOTHER_ID, 'Trần Thị Mai');
      await t.ctx.db.query("UPDATE sessions SET expires_at = now() - interval '1 minute' WHERE id_hash = $1", [sha256(gone.cookies.get('motcua_sid')!)]);
      gone.cookies.delete('motcua_csrf');
      const expired = await submit(gone, draft.id);
      expect(expired.statusCode).toBe(401);
      expect(expired.json().error.code).toBe('UNAUTHENTICATED');
      expect(await dossiersOf(draft.id)).toEqual([]);
    });

    it('answers 403 to an official, to a token of another session and to a missing token; 404 to another citizen', async () => {
      const draft = (await readyDraft()).draft;
      const official = new TestClient(t.app);
      await official.loginAs(t.ctx.db, 'official', { userId: crypto.randomUUID(), username: 'canbo', fullName: 'Cán bộ', roles: ['reception'], unitIds: [] });
      const asOfficial = await submit(official, draft.id);
      expect(asOfficial.statusCode).toBe(403);
      expect(asOfficial.json().error.code).toBe('FORBIDDEN');

      // Mai's session with a CSRF token minted for another session: refused before anything is read or written.
      const other = await citizen(crypto.randomUUID(), DEMO_MOTHER_ID, 'Trần Thị Mai');
      await other.get('/api/health');
      const forged = new TestClient(t.app);
      forged.cookies.set('motcua_sid', mai.cookies.get('motcua_sid')!);
      forged.cookies.set('motcua_csrf', other.cookies.get('motcua_csrf')!);
      const wrongToken = await submit(forged, draft.id);
      expect(wrongToken.statusCode).toBe(403);
      expect(wrongToken.json().error.code).toBe('CSRF_INVALID');

      const noToken = await t.app.inject({
        method: 'POST',
        url: '/api/dossiers',
        headers: { cookie: `motcua_sid=${mai.cookies.get('motcua_sid')}`, 'content-type': 'application/json' },
        payload: JSON.stringify({ draftId: draft.id, idempotencyKey: crypto.randomUUID() }),
      });
      expect(noToken.statusCode).toBe(403);
      expect(noToken.json().error.code).toBe('CSRF_INVALID');

      expect((await submit(vinh, draft.id)).statusCode).toBe(404);
      expect(await dossiersOf(draft.id)).toEqual([]);
    });

    it('refuses a malformed body with a clear 400 in Vietnamese', async () => {
      for (const body of [
        { draftId: 'không-phải-mã', idempotencyKey: crypto.randomUUID() },
        { draftId: 42 },
        { draftId: `${crypto.randomUUID()}\u0000`, idempotencyKey: crypto.randomUUID() },
        { draftId: crypto.randomUUID(), idempotencyKey: 'k'.repeat(200_000) },
        { draftId: 'ả'.repeat(100_000), idempotencyKey: crypto.randomUUID() },
      ]) {
        const res = await mai.post('/api/dossiers', body);
        expect(res.statusCode).toBe(400);
        expect(res.json().error.message).toMatch(/[À-ỹ]/);
      }
    });
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
