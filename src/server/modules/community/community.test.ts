/**
 * Community digital teams and household coverage over the API, on the demo dataset (Xã Phú Riềng): the helpers'
 * area scope, assisted-only dossiers, consent required and revocable, visits without duplicates, and a household's
 * coverage flipping when a member submits online. Access: right actor, wrong role, other helper (wrong area),
 * citizen, anonymous; bad input.
 */
import crypto from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_FATHER_ID, DEMO_MOTHER_ID } from '../../standins/population/demo-residents.ts';
import { startTestApp, TestClient, testDatabaseKind, type TestApp } from '../../testing/harness.ts';
import { upsertCitizen } from '../identity/citizens.ts';

const pdf = Buffer.from('%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n');
const ELDER_ID = '070045045678'; // Hoàng Văn Tư, Thôn Phú Lợi (hotro.phubinh's area)
const GROOM_ID = '070096023456'; // Lê Quang Vinh, Thôn Phú Thịnh (hotro.phuthinh's area)

describe(`community digital teams on ${testDatabaseKind}`, () => {
  let t: TestApp;
  let anon: TestClient;
  let helper: TestClient; // hotro.phubinh
  let otherHelper: TestClient; // hotro.phuthinh
  let reception: TestClient;
  let supervisor: TestClient;
  let mai: TestClient;
  let hung: TestClient;
  let helperId: string;
  const maiCitizenId = crypto.randomUUID();

  const officialId = async (username: string) =>
    (await t.ctx.db.query<{ id: string }>('SELECT id::text AS id FROM officials WHERE username = $1', [username])).rows[0].id;
  const asOfficial = async (username: string) => {
    const c = new TestClient(t.app);
    await c.loginAs(t.ctx.db, 'official', { userId: await officialId(username), username, fullName: username, roles: [], unitIds: [] });
    return c;
  };

  beforeAll(async () => {
    t = await startTestApp({ seed: true });
    anon = new TestClient(t.app);
    helper = await asOfficial('hotro.phubinh');
    helperId = await officialId('hotro.phubinh');
    otherHelper = await asOfficial('hotro.phuthinh');
    reception = await asOfficial('tiepnhan.phurieng');
    supervisor = await asOfficial('lanhdao.phurieng');
    mai = new TestClient(t.app);
    hung = new TestClient(t.app);
    await hung.loginAs(t.ctx.db, 'citizen', { citizenId: crypto.randomUUID(), idNumber: DEMO_FATHER_ID, fullName: 'Nguyễn Văn Hùng' });
  });
  afterAll(async () => t?.close());

  const householdOf = async (client: TestClient, area: string, idNumber: string) => {
    const res = await client.get(`/api/community/areas/${encodeURIComponent(area)}/households`);
    expect(res.statusCode).toBe(200);
    return res.json().items.find((h: { members: { idNumber: string }[] }) => h.members.some((m) => m.idNumber === idNumber));
  };

  it('scopes a helper to their villages: areas, visit lists; other roles, citizens and anonymous are refused', async () => {
    const areas = await helper.get('/api/community/areas');
    expect(areas.statusCode).toBe(200);
    expect(
      areas
        .json()
        .items.map((a: { id: string }) => a.id)
        .sort(),
    ).toEqual(['25252:thon-1', '25252:thon-phu-binh', '25252:thon-phu-loi']);
    const thon1 = areas.json().items.find((a: { id: string }) => a.id === '25252:thon-1');
    expect(thon1.households).toBeGreaterThan(5);

    // another helper's village
    const foreign = await helper.get(`/api/community/areas/${encodeURIComponent('25252:thon-phu-thinh')}/households`);
    expect(foreign.statusCode).toBe(403);
    expect(foreign.json().error.code).toBe('COMMUNITY_AREA_FORBIDDEN');
    expect((await otherHelper.get(`/api/community/areas/${encodeURIComponent('25252:thon-phu-binh')}/households`)).statusCode).toBe(403);
    // wrong role, citizen, anonymous
    expect((await reception.get('/api/community/areas')).statusCode).toBe(403);
    expect((await hung.get('/api/community/areas')).statusCode).toBe(403);
    expect((await anon.get('/api/community/areas')).statusCode).toBe(401);
    expect((await supervisor.get('/api/community/areas')).statusCode).toBe(403);

    // the visit list: uncovered households only, ordered by address (numerically)
    const list = (await helper.get(`/api/community/areas/${encodeURIComponent('25252:thon-1')}/households?uncovered=1`)).json().items;
    expect(list.length).toBeGreaterThan(0);
    expect(list.every((h: { covered: boolean; areaId: string }) => !h.covered && h.areaId === '25252:thon-1')).toBe(true);
    const numbers = list.map((h: { address: string }) => Number(/Số (\d+)/.exec(h.address)?.[1]));
    expect(numbers).toEqual([...numbers].sort((a, b) => a - b));
  });

  it('flips a household to covered when a member submits online after an e-ID login (assisted session: the helper sees that dossier only)', async () => {
    const before = await householdOf(helper, '25252:thon-phu-binh', DEMO_MOTHER_ID);
    expect(before.covered).toBe(false);
    expect(before.headName).toBe('Nguyễn Văn Hùng');

    // Mai logged in with her own e-ID in an assisted session started by the helper (the OIDC flow is in assisted-session.test.ts).
    await mai.loginAs(t.ctx.db, 'citizen', {
      citizenId: maiCitizenId,
      idNumber: DEMO_MOTHER_ID,
      fullName: 'Trần Thị Mai',
      loginAt: new Date(Date.now() - 60_000).toISOString(),
      assistedBy: { helperId, helperName: 'Lê Thị Thanh Hương', sessionId: crypto.randomUUID() },
    });
    const draft = (await mai.post('/api/drafts', { procedureCode: '1.001193', caseCode: 'dung-han' })).json();
    const upload = (await mai.upload('/api/uploads', 'giay-chung-sinh.pdf', 'application/pdf', pdf)).json();
    const saved = await mai.put(`/api/drafts/${draft.id}`, {
      revision: draft.revision,
      values: { ...draft.values, noiSinhTre: 'Trạm Y tế xã Phú Riềng', quanHeVoiTre: 'me' },
      documents: [{ requirementCode: 'GCS', uploadId: upload.id }],
    });
    expect(saved.statusCode).toBe(200);
    const submitted = await mai.post('/api/dossiers', { draftId: draft.id, idempotencyKey: crypto.randomUUID() });
    expect(submitted.statusCode).toBe(201);
    const dossierId = submitted.json().id;

    const after = await householdOf(helper, '25252:thon-phu-binh', DEMO_MOTHER_ID);
    expect(after.covered).toBe(true);
    expect(after.members.find((m: { idNumber: string }) => m.idNumber === DEMO_MOTHER_ID).skills).toEqual(['eid_login', 'online_submission']);
    const uncovered = (await helper.get(`/api/community/areas/${encodeURIComponent('25252:thon-phu-binh')}/households?uncovered=1`)).json().items;
    expect(uncovered.map((h: { householdNo: string }) => h.householdNo)).not.toContain(after.householdNo);

    // The dossier is Mai's; the log records who helped; the helper sees it, another helper does not.
    const row = (
      await t.ctx.db.query<{ owner_citizen_id: string; actor_kind: string; data: { assistedBy?: { helperId: string } } }>(
        `SELECT d.owner_citizen_id::text, a.actor_kind, a.data FROM dossiers d JOIN dossier_actions a ON a.dossier_id = d.id AND a.seq = 1 WHERE d.id = $1`,
        [dossierId],
      )
    ).rows[0];
    expect(row).toMatchObject({ owner_citizen_id: maiCitizenId, actor_kind: 'citizen' });
    expect(row.data.assistedBy?.helperId).toBe(helperId);
    const mine = (await helper.get('/api/community/dossiers')).json().items;
    expect(mine).toEqual([expect.objectContaining({ id: dossierId, mode: 'assisted', applicantName: 'Trần Thị Mai' })]);
    expect((await helper.get(`/api/community/dossiers/${dossierId}`)).statusCode).toBe(200);
    expect((await otherHelper.get(`/api/community/dossiers/${dossierId}`)).statusCode).toBe(404);
    expect((await otherHelper.get('/api/community/dossiers')).json().items).toEqual([]);
    // A helper's membership in the commune gives no sight of the unit's dossiers in the back office.
    expect([403, 404]).toContain((await helper.get(`/api/staff/dossiers/${dossierId}`)).statusCode);
    const staffList = await helper.get('/api/staff/dossiers');
    if (staffList.statusCode === 200) expect(JSON.stringify(staffList.json())).not.toContain(dossierId);
    expect((await hung.get(`/api/community/dossiers/${dossierId}`)).statusCode).toBe(403);
  });

  it('logs visits without duplicates (client keys); a checklist with both skills covers the household', async () => {
    const hh = await householdOf(helper, '25252:thon-phu-loi', ELDER_ID);
    expect(hh.covered).toBe(false);
    const visit = {
      clientKey: `visit-${crypto.randomUUID()}`,
      householdNo: hh.householdNo,
      visitedAt: new Date(Date.now() - 3_600_000).toISOString(),
      outcome: 'done',
      checklist: [{ idNumber: ELDER_ID, skills: ['eid_login', 'online_submission'] }],
      note: 'Hướng dẫn cài VNeID mức 2, nộp thử hồ sơ',
    };
    const first = await helper.post('/api/community/visits', visit);
    expect(first.statusCode).toBe(201);
    expect(first.json().covered).toBe(true);
    // The phone retries (lost answer on a poor connection): same key, same visit, nothing new.
    const again = await helper.post('/api/community/visits', visit);
    expect(again.statusCode).toBe(200);
    expect(again.json().id).toBe(first.json().id);
    const n = async (sql: string, p: unknown[]) => (await t.ctx.db.query<{ n: number }>(sql, p)).rows[0].n;
    expect(await n('SELECT count(*)::int AS n FROM community_visits WHERE client_key = $1', [visit.clientKey])).toBe(1);
    expect(await n("SELECT count(*)::int AS n FROM community_evidence WHERE id_number = $1 AND source = 'visit_checklist'", [ELDER_ID])).toBe(2);
    // The same key for another household is a conflict, not a silent overwrite.
    const other = (await helper.get(`/api/community/areas/${encodeURIComponent('25252:thon-1')}/households`)).json().items[0];
    const reused = await helper.post('/api/community/visits', { ...visit, householdNo: other.householdNo, checklist: [] });
    expect(reused.statusCode).toBe(409);
    expect(reused.json().error.code).toBe('COMMUNITY_VISIT_KEY_REUSED');
    // Another area's household; a member not of this household; wrong role; anonymous.
    const foreign = await householdOf(otherHelper, '25252:thon-phu-thinh', GROOM_ID);
    expect(
      (await helper.post('/api/community/visits', { ...visit, clientKey: `visit-${crypto.randomUUID()}`, householdNo: foreign.householdNo })).statusCode,
    ).toBe(403);
    expect(
      (
        await helper.post('/api/community/visits', {
          ...visit,
          clientKey: `visit-${crypto.randomUUID()}`,
          checklist: [{ idNumber: GROOM_ID, skills: ['eid_login'] }],
        })
      ).json().error.code,
    ).toBe('COMMUNITY_RESIDENT_OUTSIDE_AREA');
    expect((await reception.post('/api/community/visits', visit)).statusCode).toBe(403);
    expect((await anon.post('/api/community/visits', visit)).statusCode).toBe(401);
  });

  it('refuses bad input with a Vietnamese 4xx, never a 500', async () => {
    const bad = [
      { clientKey: 'x', householdNo: 'a', visitedAt: 'yesterday', outcome: 'done' },
      { clientKey: `k\u0000${'a'.repeat(10)}`, householdNo: 'a', visitedAt: new Date().toISOString(), outcome: 'done' },
      { clientKey: 'a'.repeat(100_000), householdNo: 1, visitedAt: new Date().toISOString(), outcome: 'gone' },
      { clientKey: `visit-${crypto.randomUUID()}`, householdNo: 'x'.repeat(41), visitedAt: new Date().toISOString(), outcome: 'done', note: 'a\u0000b' },
    ];
    for (const body of bad) {
      const res = await helper.post('/api/community/visits', body);
      expect(res.statusCode, JSON.stringify(body).slice(0, 80)).toBeGreaterThanOrEqual(400);
      expect(res.statusCode).toBeLessThan(500);
      expect(res.json().error.message).toMatch(/[ăâđêôơưạảấầẩẫậắằẳẵặẹẻẽếềểễệỉịọỏốồổỗộớờởỡợụủứừửữựỳỵỷỹ]/i);
    }
    const future = await helper.post('/api/community/visits', {
      clientKey: `visit-${crypto.randomUUID()}`,
      householdNo: 'x',
      visitedAt: new Date(Date.now() + 86_400_000).toISOString(),
      outcome: 'done',
    });
    expect(future.statusCode).toBe(404);
    for (const body of [
      { idNumber: '123', basis: 'otp', procedureCodes: ['*'], days: 7 },
      { idNumber: ELDER_ID, basis: 'otp', procedureCodes: [], days: 365 },
    ])
      expect((await helper.post('/api/community/representations', body)).statusCode).toBe(400);
    expect((await helper.post('/api/community/representations', 'x')).statusCode).toBeLessThan(500);
    expect((await helper.get(`/api/community/areas/${encodeURIComponent('../../etc')}/households`)).statusCode).toBe(400);
    expect((await helper.post(`/api/community/representations/${crypto.randomUUID()}/confirm`, { code: '12a' })).statusCode).toBe(400);
  });

  it('submits on behalf only under a confirmed representation (OTP to the resident’s phone); notices go to the resident; revocable by the resident', async () => {
    const onBehalf = (id: string, key: string, upload: string) =>
      helper.post(`/api/community/representations/${id}/dossiers`, {
        idempotencyKey: key,
        procedureCode: '1.001193',
        caseCode: 'dung-han',
        values: { noiSinhTre: 'Trạm Y tế xã Phú Riềng', quanHeVoiTre: 'cha' },
        documents: [{ requirementCode: 'GCS', uploadId: upload }],
      });
    const upload = (await helper.upload('/api/uploads', 'giay-chung-sinh.pdf', 'application/pdf', pdf)).json().id;

    // No representation: nothing to submit under.
    expect((await onBehalf(crypto.randomUUID(), `ob-${crypto.randomUUID()}`, upload)).statusCode).toBe(404);
    // A resident outside the helper's villages.
    const outside = await helper.post('/api/community/representations', { idNumber: GROOM_ID, basis: 'otp', procedureCodes: ['1.001193'], days: 30 });
    expect(outside.statusCode).toBe(403);
    expect(outside.json().error.code).toBe('COMMUNITY_RESIDENT_OUTSIDE_AREA');
    // A document basis needs the scan.
    expect(
      (await helper.post('/api/community/representations', { idNumber: DEMO_FATHER_ID, basis: 'document', procedureCodes: ['*'], days: 30 })).json().error.code,
    ).toBe('REPRESENTATION_DOCUMENT_REQUIRED');

    const created = await helper.post('/api/community/representations', { idNumber: DEMO_FATHER_ID, basis: 'otp', procedureCodes: ['1.001193'], days: 30 });
    expect(created.statusCode).toBe(201);
    const rep = created.json();
    expect(rep).toMatchObject({ status: 'pending', residentName: 'Nguyễn Văn Hùng', phoneMasked: '*******678' });
    // Not yet confirmed: refused.
    const early = await onBehalf(rep.id, `ob-${crypto.randomUUID()}`, upload);
    expect(early.statusCode).toBe(403);
    expect(early.json().error).toMatchObject({ code: 'REPRESENTATION_NOT_USABLE', params: { reason: 'not_confirmed' } });

    // The code went to the resident's phone (the population database's number), through the SMS outbox.
    const sms = (
      await t.ctx.db.query<{ recipient: string; body: string }>("SELECT recipient, body FROM notifications WHERE dedupe_key = $1 AND channel = 'sms'", [
        `representation:${rep.id}:otp`,
      ])
    ).rows[0];
    expect(sms.recipient).toBe('+84912345678');
    const code = /Ma xac nhan (\d{6})/.exec(sms.body)?.[1] ?? '';
    expect(sms.body).toMatch(/^[\x20-\x7e]+$/); // GSM text: no Unicode in a brandname SMS
    const wrong = code === '000000' ? '111111' : '000000';
    expect((await helper.post(`/api/community/representations/${rep.id}/confirm`, { code: wrong })).json().error.code).toBe('REPRESENTATION_OTP_INVALID');
    // Another helper cannot confirm (or learn of) it.
    expect((await otherHelper.post(`/api/community/representations/${rep.id}/confirm`, { code })).statusCode).toBe(404);
    const confirmed = await helper.post(`/api/community/representations/${rep.id}/confirm`, { code });
    expect(confirmed.statusCode).toBe(200);
    expect(confirmed.json().status).toBe('active');
    // Out of scope: another procedure.
    const scope = await helper.post(`/api/community/representations/${rep.id}/dossiers`, {
      idempotencyKey: `ob-${crypto.randomUUID()}`,
      procedureCode: '1.000656',
      caseCode: 'x',
      values: {},
    });
    expect(scope.json().error.params.reason).toBe('out_of_scope');

    const key = `ob-${crypto.randomUUID()}`;
    const submitted = await onBehalf(rep.id, key, upload);
    expect(submitted.statusCode, JSON.stringify(submitted.json())).toBe(201);
    const dossier = submitted.json();
    expect(dossier).toMatchObject({ mode: 'on_behalf', applicantName: 'Nguyễn Văn Hùng' });
    // Retried: the same dossier.
    const retried = await onBehalf(rep.id, key, upload);
    expect(retried.statusCode).toBe(200);
    expect(retried.json().id).toBe(dossier.id);
    expect((await t.ctx.db.query('SELECT 1 FROM community_assisted_dossiers WHERE client_key = $1', [key])).rowCount).toBe(1);
    // Hùng had never logged in: his first e-ID login gives his citizen record the id the dossier already carries.
    expect((await t.ctx.db.query('SELECT 1 FROM citizens WHERE id_number = $1', [DEMO_FATHER_ID])).rowCount).toBe(0);
    const owner = (await t.ctx.db.query<{ o: string }>('SELECT owner_citizen_id::text AS o FROM dossiers WHERE id = $1', [dossier.id])).rows[0].o;
    const firstLogin = await upsertCitizen(t.ctx.db, 'test', { sub: 'hung', idNumber: DEMO_FATHER_ID, fullName: 'Nguyễn Văn Hùng', birthDate: null }, {});
    expect(firstLogin.id).toBe(owner);

    // The dossier stores both: the resident as applicant (and every notice to them), the helper in the log.
    const d = (
      await t.ctx.db.query<{
        applicant_id_number: string;
        applicant_phone: string;
        vneid_authenticated: boolean;
        actor_id: string;
        data: { onBehalf: unknown };
      }>(
        `SELECT d.applicant_id_number, d.applicant_phone, d.vneid_authenticated, a.actor_id, a.data
           FROM dossiers d JOIN dossier_actions a ON a.dossier_id = d.id AND a.seq = 1 WHERE d.id = $1`,
        [dossier.id],
      )
    ).rows[0];
    expect(d).toMatchObject({ applicant_id_number: DEMO_FATHER_ID, applicant_phone: '0912345678', vneid_authenticated: false, actor_id: helperId });
    expect(d.data.onBehalf).toMatchObject({ helperId, representationId: rep.id, basis: 'otp' });
    const notices = (
      await t.ctx.db.query<{ recipient: string; channel: string }>('SELECT recipient, channel FROM notifications WHERE dossier_id = $1', [dossier.id])
    ).rows;
    expect(notices.length).toBeGreaterThan(0);
    expect(notices.filter((n) => n.channel === 'sms' || n.channel === 'zns').every((n) => n.recipient.endsWith('912345678'))).toBe(true);
    // A submission on behalf is not evidence of the resident's own skills.
    expect((await t.ctx.db.query('SELECT 1 FROM community_evidence WHERE dossier_id = $1', [dossier.id])).rowCount).toBe(0);

    // The resident sees the representation and revokes it; the helper can no longer act on it nor see that dossier.
    const hungView = (await hung.get('/api/me/representations')).json().items;
    expect(hungView.map((r: { id: string }) => r.id)).toContain(rep.id);
    expect((await mai.post(`/api/me/representations/${rep.id}/revoke`)).statusCode).toBe(404); // not hers
    const revoked = await hung.post(`/api/me/representations/${rep.id}/revoke`);
    expect(revoked.statusCode).toBe(200);
    expect(revoked.json().status).toBe('revoked');
    const after = await onBehalf(rep.id, `ob-${crypto.randomUUID()}`, upload);
    expect(after.statusCode).toBe(403);
    expect(after.json().error.params.reason).toBe('revoked');
    expect((await helper.get(`/api/community/dossiers/${dossier.id}`)).statusCode).toBe(404);
    expect((await anon.get('/api/me/representations')).statusCode).toBe(401);
    expect((await helper.get('/api/me/representations')).statusCode).toBe(403);
  });

  it('shows supervisors a dashboard per village, week by week; helpers and citizens are refused', async () => {
    const res = await supervisor.get('/api/community/dashboard');
    expect(res.statusCode).toBe(200);
    const phuBinh = res.json().areas.find((a: { id: string }) => a.id === '25252:thon-phu-binh');
    expect(phuBinh).toMatchObject({ households: 1, coveredHouseholds: 1, adultsOnline: 1, assistedDossiers: 2 });
    expect(phuBinh.adults).toBe(2); // Hùng and Mai; the newborn is not an adult
    expect(phuBinh.helpers).toEqual([{ name: 'Lê Thị Thanh Hương', visits: 0, assistedDossiers: 2 }]);
    expect(phuBinh.weeks.at(-1).coveredHouseholds).toBe(1);
    expect(phuBinh.weeks.at(0).coveredHouseholds).toBe(0);
    const phuLoi = res.json().areas.find((a: { id: string }) => a.id === '25252:thon-phu-loi');
    expect(phuLoi).toMatchObject({ coveredHouseholds: 1, visits: 1 });
    expect((await helper.get('/api/community/dashboard')).statusCode).toBe(403);
    expect((await hung.get('/api/community/dashboard')).statusCode).toBe(403);
    expect((await anon.get('/api/community/dashboard')).statusCode).toBe(401);
    expect((await supervisor.get('/api/community/dashboard?from=2026-13-01')).statusCode).toBe(400);
    expect((await supervisor.get('/api/community/dashboard?from=2026-12-01&to=2026-11-01')).statusCode).toBe(400);
    expect((await supervisor.get(`/api/community/dashboard?from=${'9'.repeat(5000)}`)).statusCode).toBe(400);
  });
});
