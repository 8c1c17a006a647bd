/**
 * The online submission reads its session in its first statement, with the draft (RouteSpec.sessionInFirstRead,
 * http/session.ts `SessionToRead`; issue 17). These tests check that it answers every actor as the session hook does
 * for every other route, and that the session's own statement is no longer sent.
 */
import crypto from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { liveSessionSql } from '../../http/session.ts';
import { DEMO_MOTHER_ID } from '../../standins/population/demo-residents.ts';
import { startTestApp, TestClient, testDatabaseKind, type TestApp } from '../../testing/harness.ts';

const pdf = Buffer.from('%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n');
const sha256 = (s: string) => crypto.createHash('sha256').update(s).digest('hex');

describe(`submission: the session read with the draft, on ${testDatabaseKind}`, () => {
  let t: TestApp;
  let mai: TestClient;
  const maiId = crypto.randomUUID();

  beforeAll(async () => {
    t = await startTestApp({ seed: true });
    mai = await citizen(maiId, DEMO_MOTHER_ID, 'Trần Thị Mai');
  });
  afterAll(async () => t?.close());

  async function citizen(citizenId: string, idNumber: string, fullName: string) {
    const c = new TestClient(t.app);
    await c.loginAs(t.ctx.db, 'citizen', { citizenId, idNumber, fullName, loginAt: new Date().toISOString() });
    return c;
  }

  /** A complete birth-registration draft with the birth certificate attached. */
  async function readyDraft(client: TestClient) {
    const draft = (await client.post('/api/drafts', { procedureCode: '1.001193', caseCode: 'dung-han' })).json();
    const upload = (await client.upload('/api/uploads', 'giay-chung-sinh.pdf', 'application/pdf', pdf)).json();
    const saved = await client.put(`/api/drafts/${draft.id}`, {
      revision: draft.revision,
      values: { ...draft.values, noiSinhTre: 'Trạm Y tế xã Phú Riềng', quanHeVoiTre: 'me' },
      documents: [{ requirementCode: 'GCS', uploadId: upload.id }],
    });
    expect(saved.statusCode).toBe(200);
    return saved.json() as { id: string };
  }
  const submit = (client: TestClient, draftId: string, idempotencyKey: string = crypto.randomUUID()) =>
    client.post('/api/dossiers', { draftId, idempotencyKey });
  const dossiersOf = async (draftId: string) =>
    (await t.ctx.db.query<{ owner_citizen_id: string }>('SELECT owner_citizen_id FROM dossiers WHERE draft_id = $1', [draftId])).rows;

  it('submits for the session’s citizen without sending the session’s own statement, and replays the same key', async () => {
    const draft = await readyDraft(mai);
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
    const draft = await readyDraft(mai);
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
    const draft = await readyDraft(mai);
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

    const vinh = await citizen(crypto.randomUUID(), DEMO_MOTHER_ID, 'Lê Quang Vinh');
    expect((await submit(vinh, draft.id)).statusCode).toBe(404);
    expect(await dossiersOf(draft.id)).toEqual([]);
  });

  it('refuses a malformed body with a clear 400 in Vietnamese', async () => {
    for (const body of [{ draftId: 'không-phải-mã', idempotencyKey: crypto.randomUUID() }, { draftId: 42 }, { draftId: `${crypto.randomUUID()}\u0000` }]) {
      const res = await mai.post('/api/dossiers', body);
      expect(res.statusCode).toBe(400);
      expect(res.json().error.message).toMatch(/[À-ỹ]/);
    }
  });
});
