/**
 * Liên thông end to end on the real workflow: the mother of the demo submits the birth bundle (2.000986) once; one
 * parent and three member dossiers appear, each with its own status and deadline; the residence stand-in rejects the
 * first hand-off and accepts the resend; the health-insurance member waits for the birth extract and is handed over
 * when the birth registration is issued; the bundle page and the public lookup (by either code) show every member;
 * the evidence of each hand-off is kept; an unanswered hand-off raises an escalation. Access and bad input too.
 */
import crypto from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { canonicalJson } from '../../../core/canonical-json.ts';
import type { BundleView } from '../../../contract/lienthong.ts';
import { createOutboxWorker } from '../../event-stream.ts';
import { DEMO_FATHER_ID, PDF_BYTES, startBackOffice, type BackOffice } from '../../testing/back-office.ts';
import { testDatabaseKind, TestClient } from '../../testing/harness.ts';
import { escalateOverdue } from './handoffs.ts';
import { bundleView } from './views.ts';

const sha = (v: unknown) => crypto.createHash('sha256').update(canonicalJson(v)).digest('hex');

describe(`liên thông: the birth bundle on ${testDatabaseKind}`, () => {
  let b: BackOffice;
  const drain = () => createOutboxWorker(b.t.ctx).drain();

  beforeAll(async () => {
    b = await startBackOffice();
  }, 300_000);
  afterAll(async () => b?.close());

  const submitBundle = async (locale?: 'en'): Promise<{ id: string; code: string }> => {
    const c = b.citizen;
    const draft = (await c.post('/api/drafts', { procedureCode: '2.000986', caseCode: 'mac-dinh' })).json();
    const upload = (await c.upload('/api/uploads', 'giay-chung-sinh.pdf', 'application/pdf', PDF_BYTES)).json();
    const saved = (
      await c.put(`/api/drafts/${draft.id}`, {
        revision: draft.revision,
        values: { ...draft.values, noiSinhTre: 'Trạm Y tế xã Phú Riềng', quanHeVoiTre: 'me' },
        documents: [{ requirementCode: 'GCS', uploadId: upload.id }],
      })
    ).json();
    const res = await c.post('/api/dossiers', { draftId: saved.id, idempotencyKey: crypto.randomUUID(), ...(locale ? { locale } : {}) });
    expect(res.statusCode, res.body).toBe(201);
    return res.json();
  };
  const bundleOf = async (parentCode: string): Promise<BundleView> => {
    const list = (await b.citizen.get('/api/lienthong/bundles')).json() as { items: BundleView[] };
    const found = list.items.find((x) => x.parent.code === parentCode);
    expect(found, 'the bundle of the submitted dossier').toBeDefined();
    const one = await b.citizen.get(`/api/lienthong/bundles/${found!.id}`);
    expect(one.statusCode, one.body).toBe(200);
    return one.json();
  };
  const member = (v: BundleView, key: string) => v.members.find((m) => m.key === key)!;
  const act = async (user: string, id: string, slug: string, body: Record<string, unknown> = {}) => {
    const res = await (await b.staff(user)).post(`/api/staff/dossiers/${id}/${slug}`, body);
    expect(res.statusCode, `${user} ${slug}: ${res.body}`).toBe(200);
  };
  const assignee = async (id: string) =>
    (
      await b.t.ctx.db.query<{ username: string }>(
        'SELECT o.username FROM dossier_tasks t JOIN officials o ON o.id = t.assignee_id WHERE t.dossier_id = $1 AND t.completed_at IS NULL',
        [id],
      )
    ).rows[0].username;

  let bundle: BundleView;
  let parent: { id: string; code: string };

  it('one submission: a parent and one member dossier per agency, each with its own status; the residence hand-off is requested at once', async () => {
    b.at('09:00');
    const control = await new TestClient(b.t.app).post('/standins/cutru/control', { rejectNext: 1, reason: 'Chưa xác định được chỗ ở hợp pháp của trẻ.' });
    expect(control.statusCode, control.body).toBe(200);
    parent = await submitBundle();
    bundle = await bundleOf(parent.code);
    expect(bundle.bundleCode).toMatch(/^G22\.99\.08-\d{6}-\d{4}$/);
    expect(bundle.typeCode).toBe('2.000986');
    expect(bundle.state).toBe('open');
    // The parent was received by the bundle (2) with the bundle's time limit.
    expect(bundle.parent).toMatchObject({ dossierId: parent.id, code: parent.code, status: 2 });
    expect(bundle.parent.dueAt).not.toBeNull();
    expect(bundle.members.map((m) => [m.key, m.agency.code, m.state, m.status])).toEqual([
      ['khai-sinh', 'HOTICH', 'processing', 1],
      ['thuong-tru', 'CUTRU', 'handed_off', 1],
      ['bhyt', 'BHXH', 'waiting', 1],
    ]);
    const codes = new Set([parent.code, ...bundle.members.map((m) => m.dossierCode)]);
    expect(codes.size).toBe(4);
    for (const m of bundle.members) expect(m.dossierCode).toMatch(/^000\.01\.52\.H19-\d{6}-\d{4}$/);
    expect(member(bundle, 'thuong-tru').handoffs).toHaveLength(1);
    expect(member(bundle, 'bhyt').handoffs).toHaveLength(0);
    // Each member dossier went through the creation path: its log starts with `submitted`, its event is in the outbox.
    for (const m of bundle.members) {
      const log = (await b.t.ctx.db.query<{ action: string }>('SELECT action FROM dossier_actions WHERE dossier_id = $1 ORDER BY seq', [m.dossierId])).rows;
      expect(log[0].action).toBe('submitted');
    }
    // The external members are not in the counter's queue, and no official can act on them.
    const officer = await b.staff('tiepnhan.phurieng');
    const queue = await officer.get('/api/staff/reception/queue');
    expect(queue.statusCode, queue.body).toBe(200);
    const ids = (queue.json() as { items: { id: string }[] }).items.map((x) => x.id);
    expect(ids).toContain(member(bundle, 'khai-sinh').dossierId);
    expect(ids).not.toContain(member(bundle, 'thuong-tru').dossierId);
    expect(ids).not.toContain(member(bundle, 'bhyt').dossierId);
    const blocked = await officer.post(`/api/staff/dossiers/${member(bundle, 'thuong-tru').dossierId}/accept`, {});
    expect(blocked.statusCode, blocked.body).toBe(403);
    // The birth member waits at the counter like any online dossier.
    const birth = (
      await b.t.ctx.db.query<{ sub_state: string; form_values: Record<string, unknown> }>('SELECT sub_state, form_values FROM dossiers WHERE id = $1', [
        member(bundle, 'khai-sinh').dossierId,
      ])
    ).rows[0];
    expect(birth.sub_state).toBe('waiting_reception');
    expect(birth.form_values.hoTenMe).toBe('Trần Thị Mai');
  });

  it('the residence stand-in rejects the first hand-off; the evidence is kept; an official sends it again and it is accepted', async () => {
    await drain();
    bundle = await bundleOf(parent.code);
    const tt = member(bundle, 'thuong-tru');
    expect(tt.state).toBe('rejected');
    expect(tt.status).toBe(1);
    expect(tt.handoffs[0]).toMatchObject({ attempt: 1, state: 'rejected', reason: 'Chưa xác định được chỗ ở hợp pháp của trẻ.' });

    const officer = await b.staff('tiepnhan.phurieng');
    const evidence = await officer.get(`/api/staff/lienthong/handoffs/${tt.handoffs[0].id}`);
    expect(evidence.statusCode, evidence.body).toBe(200);
    const e = evidence.json();
    expect(e.requestSha256).toBe(sha(e.request));
    expect(e.responseSha256).toBe(sha(e.response));
    expect(e.request).toMatchObject({
      maHoSo: tt.dossierCode,
      maHoSoLienThong: bundle.bundleCode,
      maThuTuc: '1.004194',
      duLieu: { hoTenChuHo: 'Trần Thị Mai', quanHeVoiChuHo: 'Con' },
    });
    expect(e.response).toMatchObject({ trangThai: 'TU_CHOI' });
    expect(e.httpStatus).toBe(200);
    expect(e.sentAt).not.toBeNull();
    expect(e.answeredAt).not.toBeNull();

    // Only a rejected member can be sent again; the bhyt member has not been handed off.
    expect((await officer.post(`/api/staff/lienthong/bundles/${bundle.id}/members/bhyt/resend`)).statusCode).toBe(409);
    const resend = await officer.post(`/api/staff/lienthong/bundles/${bundle.id}/members/thuong-tru/resend`);
    expect(resend.statusCode, resend.body).toBe(200);
    await drain();
    bundle = await bundleOf(parent.code);
    const again = member(bundle, 'thuong-tru');
    expect(again.handoffs.map((h) => [h.attempt, h.state])).toEqual([
      [1, 'rejected'],
      [2, 'accepted'],
    ]);
    expect(again.state).toBe('done');
    expect(again.status).toBe(9);
    expect(again.result?.number).toMatch(/^CT-\d{6}$/);
    expect(again.dueAt).not.toBeNull();
    // The member's own log: submitted, received by Công an, its result recorded.
    const log = (
      await b.t.ctx.db.query<{ action: string; actor_name: string }>('SELECT action, actor_name FROM dossier_actions WHERE dossier_id = $1 ORDER BY seq', [
        again.dossierId,
      ])
    ).rows;
    expect(log.map((l) => l.action)).toEqual(['submitted', 'linked_received', 'linked_result_recorded']);
    expect(log[1].actor_name).toBe('Công an xã (cư trú)');
    // The stand-in holds each attempt once.
    const held = (
      await b.t.ctx.db.query<{ n: number }>("SELECT count(*)::int AS n FROM standin_agency_requests WHERE agency = 'cutru' AND request ->> 'maHoSo' = $1", [
        again.dossierCode,
      ])
    ).rows[0].n;
    expect(held).toBe(2);
  });

  it("the bundle's citizen is told each member's outcome (rejected with the reason, accepted, result), in the answer's transaction", async () => {
    const tt = member(bundle, 'thuong-tru');
    const rows = (
      await b.t.ctx.db.query<{ event_id: string; event_type: string; channel: string; status: string; body: string; dossier_id: string }>(
        "SELECT event_id, event_type, channel, status, body, dossier_id FROM notifications WHERE event_type LIKE 'lienthong.%' AND event_id LIKE ANY ($1) ORDER BY id",
        [tt.handoffs.map((h) => `lienthong:${h.id}:%`)],
      )
    ).rows;
    const types = (handoff: string) => [...new Set(rows.filter((r) => r.event_id.startsWith(`lienthong:${handoff}:`)).map((r) => r.event_type))];
    expect(types(tt.handoffs[0].id)).toEqual(['lienthong.member_rejected']);
    expect(types(tt.handoffs[1].id)).toEqual(['lienthong.member_accepted', 'lienthong.member_result']);
    const rejectedInApp = rows.find((r) => r.event_type === 'lienthong.member_rejected' && r.channel === 'inapp');
    expect(rejectedInApp?.status).toBe('delivered');
    expect(rejectedInApp?.body).toContain('Chưa xác định được chỗ ở hợp pháp');
    expect(rejectedInApp?.body).toContain(bundle.bundleCode);
    // Shown on the parent dossier, the one the citizen follows.
    expect(new Set(rows.map((r) => r.dossier_id))).toEqual(new Set([parent.id]));
  });

  it('the health-insurance member waits for the birth extract, then is handed over with it; the bundle and its parent finish', async () => {
    await drain();
    expect(member(await bundleOf(parent.code), 'bhyt').state).toBe('waiting');
    const ks = member(bundle, 'khai-sinh').dossierId;
    await act('tiepnhan.phurieng', ks, 'accept');
    await act(await assignee(ks), ks, 'forward');
    await act('lanhdao.phurieng', ks, 'forward');
    await act('vanthu.phurieng', ks, 'issue-result');
    bundle = await bundleOf(parent.code);
    expect(member(bundle, 'khai-sinh')).toMatchObject({ state: 'done', status: 9 });
    const extract = member(bundle, 'khai-sinh').result?.number;
    expect(extract).toBeTruthy();
    expect(member(bundle, 'bhyt').state).toBe('handed_off');
    // A bundle row read before the card's answer, shown after it: the view's state comes from the same read as its
    // members, never the row's older state beside a member that already has its result.
    const rowBefore = (await b.t.ctx.db.query<Parameters<typeof bundleView>[1]>('SELECT * FROM lienthong_bundles WHERE id = $1', [bundle.id])).rows[0];
    expect(rowBefore.state).toBe('open');
    await drain();
    const shownLate = await bundleView(b.t.ctx.db, rowBefore);
    expect([shownLate.state, member(shownLate, 'bhyt').state]).toEqual(['done', 'done']);
    bundle = await bundleOf(parent.code);
    const bhyt = member(bundle, 'bhyt');
    expect(bhyt).toMatchObject({ state: 'done', status: 9 });
    expect(bhyt.result?.number).toMatch(/^TE1\d{12}$/);
    const evidence = (await (await b.staff('tiepnhan.phurieng')).get(`/api/staff/lienthong/handoffs/${bhyt.handoffs[0].id}`)).json();
    expect(evidence.request.duLieu.soTrichLucKhaiSinh).toBe(extract);
    expect(bundle.state).toBe('done');
    expect(bundle.parent.status).toBe(9);
    // The results are in the mother's document store: the birth extract MotCua issued, and each agency's result notice.
    const store = (await b.citizen.get('/api/my/store')).json() as { items: { title: string; resultCode: string | null; mime: string }[] };
    const codes = store.items.map((x) => x.resultCode);
    expect(codes).toEqual(expect.arrayContaining([bhyt.result?.number, member(bundle, 'thuong-tru').result?.number]));
    expect(store.items.find((x) => x.resultCode === bhyt.result?.number)).toMatchObject({
      mime: 'application/pdf',
      title: expect.stringContaining('Thẻ bảo hiểm y tế'),
    });
  });

  it('the public lookup finds the bundle by its own code and by any member code, with the last 4 digits', async () => {
    const anon = new TestClient(b.t.app);
    for (const code of [bundle.bundleCode, member(bundle, 'bhyt').dossierCode, parent.code]) {
      const res = await anon.get(`/api/public/lienthong/lookup?code=${encodeURIComponent(code)}&last4=2346`);
      expect(res.statusCode, res.body).toBe(200);
      expect(res.json().members.map((m: { key: string; state: string }) => [m.key, m.state])).toEqual([
        ['khai-sinh', 'done'],
        ['thuong-tru', 'done'],
        ['bhyt', 'done'],
      ]);
    }
    const wrong = await anon.get(`/api/public/lienthong/lookup?code=${encodeURIComponent(bundle.bundleCode)}&last4=0000`);
    expect(wrong.statusCode).toBe(404);
    expect(wrong.json().error.code).toBe('BUNDLE_LOOKUP_FAILED');
    // Officials find it by either code too.
    const officer = await b.staff('tiepnhan.phurieng');
    for (const code of [bundle.bundleCode, member(bundle, 'thuong-tru').dossierCode]) {
      const res = await officer.get(`/api/staff/lienthong/bundles?code=${encodeURIComponent(code)}`);
      expect(res.statusCode, res.body).toBe(200);
      expect(res.json().items.map((x: BundleView) => x.id)).toEqual([bundle.id]);
    }
  });

  it('an agency that does not answer in time raises an escalation for the receiving unit; an official records its answer by hand', async () => {
    b.at('09:30', 1);
    await new TestClient(b.t.app).post('/standins/cutru/control', { silentNext: 5 });
    const p = await submitBundle();
    const v = await bundleOf(p.code);
    await drain(); // 503: the outbox keeps the message for a retry; the hand-off stays requested
    const h = member(await bundleOf(p.code), 'thuong-tru').handoffs[0];
    expect(h.state).toBe('requested');
    expect(await escalateOverdue(b.t.ctx.db, b.instant('09:30', 1))).toBe(0);
    expect(await escalateOverdue(b.t.ctx.db, b.instant('10:00', 2))).toBe(1);
    expect(await escalateOverdue(b.t.ctx.db, b.instant('10:00', 2))).toBe(0);
    const officer = await b.staff('tiepnhan.phurieng');
    const queue = (await officer.get('/api/staff/lienthong/escalations')).json();
    expect(queue.items.map((x: { handoffId: string; bundleCode: string }) => [x.handoffId, x.bundleCode])).toContainEqual([h.id, v.bundleCode]);
    expect((await (await b.staff('tiepnhan.xuanthanh')).get('/api/staff/lienthong/escalations')).json().items).toEqual([]);

    const answer = await officer.post(`/api/staff/lienthong/handoffs/${h.id}/answer`, {
      decision: 'accepted',
      reference: 'CA-PR-2026-118',
      resultNumber: 'CT-TAY-01',
    });
    expect(answer.statusCode, answer.body).toBe(200);
    const twice = await officer.post(`/api/staff/lienthong/handoffs/${h.id}/answer`, { decision: 'rejected', reason: 'Lần hai' });
    expect(twice.statusCode).toBe(409);
    const after = member(await bundleOf(p.code), 'thuong-tru');
    expect(after).toMatchObject({ state: 'done', status: 9 });
    expect((await officer.get('/api/staff/lienthong/escalations')).json().items.map((x: { handoffId: string }) => x.handoffId)).not.toContain(h.id);
    const evidence = (await officer.get(`/api/staff/lienthong/handoffs/${h.id}`)).json();
    expect(evidence.recordedBy).toContain('tiepnhan.phurieng');
    await new TestClient(b.t.app).post('/standins/cutru/control', { silentNext: 0 });
  });

  it('access: another citizen, anonymous, an official of another unit, a wrong role', async () => {
    const other = new TestClient(b.t.app);
    await other.loginAs(b.t.ctx.db, 'citizen', {
      citizenId: crypto.randomUUID(),
      idNumber: '070096023456',
      fullName: 'Lê Quang Vinh',
      loginAt: new Date().toISOString(),
    });
    expect((await other.get(`/api/lienthong/bundles/${bundle.id}`)).statusCode).toBe(404);
    expect((await other.get('/api/lienthong/bundles')).json().items).toEqual([]);
    const anon = new TestClient(b.t.app);
    expect((await anon.get(`/api/lienthong/bundles/${bundle.id}`)).statusCode).toBe(401);
    expect((await anon.get('/api/staff/lienthong/escalations')).statusCode).toBe(401);
    const h = member(bundle, 'thuong-tru').handoffs[0].id;
    const xuanthanh = await b.staff('tiepnhan.xuanthanh');
    expect((await xuanthanh.get(`/api/staff/lienthong/handoffs/${h}`)).statusCode).toBe(404);
    expect((await xuanthanh.post(`/api/staff/lienthong/bundles/${bundle.id}/members/thuong-tru/resend`)).statusCode).toBe(404);
    expect((await xuanthanh.get(`/api/staff/lienthong/bundles?code=${bundle.bundleCode}`)).json().items).toEqual([]);
    const admin = await b.staff('quantri.phurieng');
    const wrongRole = await admin.post(`/api/staff/lienthong/bundles/${bundle.id}/members/thuong-tru/resend`);
    expect(wrongRole.statusCode, wrongRole.body).toBe(403);
    // A citizen is not an official; only the system administrator switches local bundle types.
    expect((await b.citizen.post(`/api/staff/lienthong/bundles/${bundle.id}/members/thuong-tru/resend`)).statusCode).toBe(403);
    expect((await admin.put('/api/staff/lienthong/bundle-types/DNI.LT.KH-CT', { enabled: true })).statusCode).toBe(403);
    expect((await (await b.staff('quantri')).put('/api/staff/lienthong/bundle-types/2.000986', { enabled: false })).statusCode).toBe(409);
  });

  it('bad input: clear 4xx in Vietnamese, never 500', async () => {
    const anon = new TestClient(b.t.app);
    const officer = await b.staff('tiepnhan.phurieng');
    const h = member(bundle, 'thuong-tru').handoffs[0].id;
    const cases = [
      await anon.get('/api/public/lienthong/lookup?code=G22&last4=2346'),
      await anon.get(`/api/public/lienthong/lookup?code=${'9'.repeat(5000)}&last4=2346`),
      await anon.get(`/api/public/lienthong/lookup?code=${encodeURIComponent(bundle.bundleCode)}&last4=abcd`),
      await b.citizen.get('/api/lienthong/bundles/khong-phai-uuid'),
      await officer.post(`/api/staff/lienthong/handoffs/${h}/answer`, { decision: 'rejected', reason: 'lý do\u0000' }),
      await officer.post(`/api/staff/lienthong/handoffs/${h}/answer`, { decision: 'maybe' }),
      await officer.post(`/api/staff/lienthong/handoffs/${h}/answer`, { decision: 'rejected', reason: 'x'.repeat(100_000) }),
      await officer.post(`/api/staff/lienthong/bundles/${bundle.id}/members/KHONG%20HOP%20LE/resend`),
      await new TestClient(b.t.app).post('/standins/cutru/api/ho-so', { maHoSo: 1 }),
    ];
    for (const res of cases) {
      expect(res.statusCode, res.body).toBeGreaterThanOrEqual(400);
      expect(res.statusCode, res.body).toBeLessThan(500);
      expect(res.json().error.message).toMatch(/[ăâđêôơưạảấầẩẫậắằẳẵặẹẻẽếềểễệỉịọỏốồổỗộớờởỡợụủứừửữựỳỵỷỹ]|Dữ liệu|không/i);
    }
  });

  it('the death bundle branches on the form: not insured → 1.001731 by hand, after the death extract; the official records the answer', async () => {
    b.at('08:30', 3);
    const c = b.citizen;
    const draft = (await c.post('/api/drafts', { procedureCode: '1.006714', caseCode: 'mac-dinh' })).json();
    expect(draft.id, JSON.stringify(draft)).toBeTruthy();
    const docs = [];
    for (const code of ['TK', 'GBT']) {
      const upload = (await c.upload('/api/uploads', `${code}.pdf`, 'application/pdf', PDF_BYTES)).json();
      docs.push({ requirementCode: code, uploadId: upload.id });
    }
    const saved = await c.put(`/api/drafts/${draft.id}`, {
      revision: draft.revision,
      values: {
        ...draft.values,
        ngaySinhNguoiNop: draft.values.ngaySinhNguoiNop ?? '1995-05-12',
        hoTenNguoiChet: 'Lê Văn Tư',
        soDinhDanhNguoiChet: DEMO_FATHER_ID,
        ngayChet: b.day,
        nguoiChetThamGiaBHXH: false,
      },
      documents: docs,
    });
    expect(saved.statusCode, saved.body).toBe(200);
    const res = await c.post('/api/dossiers', { draftId: saved.json().id, idempotencyKey: crypto.randomUUID() });
    expect(res.statusCode, res.body).toBe(201);
    const death = res.json() as { id: string; code: string };
    let v = await bundleOf(death.code);
    expect(v.members.map((m) => m.key)).toEqual(['khai-tu', 'xoa-thuong-tru', 'mai-tang-btxh']);
    expect(member(v, 'mai-tang-btxh')).toMatchObject({ adapter: 'manual', state: 'waiting', handoffs: [] });

    // The death is registered at the commune; the manual member is then handed over (nothing sent) and waits.
    const kt = member(v, 'khai-tu').dossierId;
    await act('tiepnhan.phurieng', kt, 'accept');
    for (let i = 0; i < 4 && (await assignee(kt)) !== 'vanthu.phurieng'; i++) await act(await assignee(kt), kt, 'forward');
    await act('vanthu.phurieng', kt, 'issue-result');
    await drain();
    v = await bundleOf(death.code);
    expect(member(v, 'khai-tu').state).toBe('done');
    const manual = member(v, 'mai-tang-btxh');
    expect(manual.handoffs).toHaveLength(1);
    expect(manual.handoffs[0]).toMatchObject({ adapter: 'manual', state: 'requested' });

    // The official records the social-protection office's answer; the member is done with its result number.
    const officer = await b.staff('tiepnhan.phurieng');
    const found = (await officer.get(`/api/staff/lienthong/bundles?code=${encodeURIComponent(manual.dossierCode)}`)).json();
    expect(found.items[0].bundleCode).toBe(v.bundleCode);
    const answer = await officer.post(`/api/staff/lienthong/handoffs/${manual.handoffs[0].id}/answer`, {
      decision: 'accepted',
      reference: 'BTXH-PR-2026-07',
      resultNumber: 'QĐ-MT-07/2026',
      resultTitle: 'Quyết định hỗ trợ chi phí mai táng',
    });
    expect(answer.statusCode, answer.body).toBe(200);
    v = await bundleOf(death.code);
    expect(member(v, 'mai-tang-btxh')).toMatchObject({ state: 'done', status: 9, result: { number: 'QĐ-MT-07/2026' } });
    const evidence = (await officer.get(`/api/staff/lienthong/handoffs/${manual.handoffs[0].id}`)).json();
    expect(evidence).toMatchObject({ state: 'accepted', recordedBy: expect.stringContaining('tiepnhan.phurieng') });
    expect(evidence.request.duLieu).toMatchObject({ hoTenNguoiChet: 'Lê Văn Tư', soTrichLucKhaiTu: member(v, 'khai-tu').result?.number });
  });

  it('the local marriage bundle is off until the administrator switches it on', async () => {
    const admin = await b.staff('quantri');
    const types = (await admin.get('/api/staff/lienthong/bundle-types')).json();
    expect(types.items.find((t: { code: string }) => t.code === 'DNI.LT.KH-CT')).toMatchObject({ scope: 'local', enabled: false });
    expect((await admin.put('/api/staff/lienthong/bundle-types/DNI.LT.KH-CT', { enabled: true })).statusCode).toBe(200);
    expect((await admin.get('/api/staff/lienthong/bundle-types')).json().items.find((t: { code: string }) => t.code === 'DNI.LT.KH-CT').enabled).toBe(true);
  });

  it('tells a citizen who submitted in English in English, naming the member by its catalogue English name', async () => {
    const en = await submitBundle('en');
    await drain();
    const tt = member(await bundleOf(en.code), 'thuong-tru');
    expect(tt.state).toBe('done');
    const rows = (
      await b.t.ctx.db.query<{ event_type: string; locale: string; body: string }>(
        "SELECT event_type, locale, body FROM notifications WHERE channel = 'inapp' AND event_id LIKE ANY ($1) ORDER BY id",
        [tt.handoffs.map((h) => `lienthong:${h.id}:%`)],
      )
    ).rows;
    expect(rows.map((r) => [r.event_type, r.locale])).toEqual([
      ['lienthong.member_accepted', 'en'],
      ['lienthong.member_result', 'en'],
    ]);
    // 1.004194's English name in the catalogue; the agency keeps its own (Vietnamese) name.
    expect(rows[0].body).toContain('"Permanent residence registration" of joint application');
    expect(rows[0].body).toContain('Công an xã (cư trú)');
    expect(rows.map((r) => r.body).join(' ')).not.toContain('Đăng ký thường trú');
  });
});
