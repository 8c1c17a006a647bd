/**
 * The PAKN API on the seeded demo organisation: receipt (portal, counter), per-unit scoping (the unit's handlers,
 * a leader over the units below, the system administrator everywhere; unassigned items in the receptionists'
 * triage queue), transfer, assignment within the unit, answer, and publication by the unit's moderator only.
 */
import crypto from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { resetClock, setClockTo } from '../../clock.ts';
import { startBackOffice, type BackOffice } from '../../testing/back-office.ts';
import { TestClient, testDatabaseKind } from '../../testing/harness.ts';

const citizenA = { citizenId: crypto.randomUUID(), idNumber: '001091000001', fullName: 'Trần Thị An' };
const citizenB = { citizenId: crypto.randomUUID(), idNumber: '001091000002', fullName: 'Lê Văn Bình' };
const ids = (r: { json: () => { items: { id: string }[] } }) => r.json().items.map((x) => x.id);

describe(`feedback (PAKN) API on ${testDatabaseKind}`, () => {
  let bo: BackOffice;
  let anon: TestClient;
  let a: TestClient;
  let b: TestClient;
  /** vanthu.phurieng: clerk of Văn phòng HĐND-UBND xã Phú Riềng. */
  let clerk: TestClient;
  /** vanthu.xuanthanh: clerk of another commune. */
  let otherUnit: TestClient;
  /** quantri.phurieng (unit administrator) and giamsat.dongnai (supervisor): no PAKN role. */
  let wrongRole: TestClient;
  let supervisor: TestClient;
  let reception: TestClient;
  let moderator: TestClient;
  let sysadmin: TestClient;
  let clerkId: string;
  let otherClerkId: string;
  const officialId = async (username: string) =>
    (await bo.t.ctx.db.query<{ id: string }>('SELECT id::text AS id FROM officials WHERE username = $1', [username])).rows[0].id;
  beforeAll(async () => {
    bo = await startBackOffice();
    resetClock();
    anon = new TestClient(bo.t.app);
    a = new TestClient(bo.t.app);
    await a.loginAs(bo.t.ctx.db, 'citizen', citizenA);
    b = new TestClient(bo.t.app);
    await b.loginAs(bo.t.ctx.db, 'citizen', citizenB);
    clerk = await bo.staff('vanthu.phurieng');
    otherUnit = await bo.staff('vanthu.xuanthanh');
    wrongRole = await bo.staff('quantri.phurieng');
    supervisor = await bo.staff('giamsat.dongnai');
    reception = await bo.staff('tiepnhan.phurieng');
    moderator = await bo.staff('bientap.phurieng');
    sysadmin = await bo.staff('quantri');
    clerkId = await officialId('vanthu.phurieng');
    otherClerkId = await officialId('vanthu.xuanthanh');
  });
  afterAll(async () => bo?.close());

  it('receives on the portal (citizen, or anonymous with a contact) and at the counter, with a working-day deadline', async () => {
    const r = await a.post('/api/feedback', { title: 'Chậm trả kết quả', content: 'Hồ sơ của tôi quá hạn, gọi 0912345678.' });
    expect(r.statusCode).toBe(201);
    expect(r.json()).toMatchObject({ status: 'received', channel: 'portal', senderName: 'Trần Thị An', kind: 'feedback' });
    expect(new Date(r.json().dueAt).getTime()).toBeGreaterThan(new Date(r.json().receivedAt).getTime() + 14 * 86_400_000);

    const noContact = await anon.post('/api/feedback', { title: 'Hỏi', content: 'Làm sao đăng ký khai sinh?' });
    expect(noContact.statusCode).toBe(400);
    expect(noContact.json().error.code).toBe('FEEDBACK_CONTACT_REQUIRED');
    const withContact = await anon.post('/api/feedback', {
      kind: 'question',
      title: 'Hỏi',
      content: 'Làm sao đăng ký khai sinh?',
      senderName: 'Phạm Văn C',
      contact: 'c@example.vn',
    });
    expect(withContact.statusCode).toBe(201);

    const counter = await clerk.post('/api/staff/feedback', { title: 'Tại quầy', content: 'Thái độ cán bộ', senderName: 'Ngô D', contact: '0900000000' });
    expect(counter.statusCode).toBe(201);
    expect(counter.json()).toMatchObject({ channel: 'counter', unitId: 'dni.phurieng.vanphong', may: { handle: true, publish: false } });
    // A moderator alone records nothing at the counter.
    expect((await moderator.post('/api/staff/feedback', { title: 'x', content: 'y', senderName: 'z', contact: 'w' })).statusCode).toBe(403);
    expect((await anon.post('/api/staff/feedback', { title: 'x', content: 'y', senderName: 'z', contact: 'w' })).statusCode).toBe(401);
    expect((await a.post('/api/staff/feedback', { title: 'x', content: 'y', senderName: 'z', contact: 'w' })).statusCode).toBe(403);
  });

  it("classify, assign within the unit, answer; only the unit's moderator publishes; searched without diacritics; votes; reopen", async () => {
    const id = (
      await a.post('/api/feedback', {
        kind: 'question',
        title: 'Giấy khai sinh cho con',
        content: 'Tôi là Trần Thị An, số 0912345678: làm giấy khai sinh ở đâu?',
      })
    ).json().id;
    // access: anonymous, citizen, wrong role (unit administrator, supervisor)
    expect((await anon.get('/api/staff/feedback')).statusCode).toBe(401);
    expect((await a.get('/api/staff/feedback')).statusCode).toBe(403);
    expect((await wrongRole.get('/api/staff/feedback')).statusCode).toBe(403);
    expect((await supervisor.get('/api/staff/feedback')).statusCode).toBe(403);
    expect((await wrongRole.post(`/api/staff/feedback/${id}/classify`, { category: 'Hộ tịch' })).statusCode).toBe(403);
    // Without a unit it waits in the receptionists' triage queue (and the system administrator's), not a clerk's.
    expect(ids(await reception.get('/api/staff/feedback'))).toContain(id);
    expect(ids(await sysadmin.get('/api/staff/feedback'))).toContain(id);
    expect(ids(await clerk.get('/api/staff/feedback'))).not.toContain(id);
    expect((await clerk.post(`/api/staff/feedback/${id}/action`, { action: 'answer', text: 'x' })).json().error.code).toBe('FEEDBACK_OTHER_UNIT');

    // The receptionist assigns it to Văn phòng; the assignee must be a handler of that unit.
    const wrongAssignee = await reception.post(`/api/staff/feedback/${id}/classify`, {
      category: 'Hộ tịch',
      unitId: 'dni.phurieng.vanphong',
      assigneeId: otherClerkId,
    });
    expect(wrongAssignee.statusCode).toBe(422);
    expect(wrongAssignee.json().error).toMatchObject({ code: 'FEEDBACK_ASSIGNEE_INVALID', message: expect.stringContaining('cán bộ xử lý') });
    const unknown = await reception.post(`/api/staff/feedback/${id}/classify`, { category: 'Hộ tịch', unitId: 'khong.co' });
    expect(unknown.json().error.code).toBe('FEEDBACK_UNIT_UNKNOWN');
    const c = await reception.post(`/api/staff/feedback/${id}/classify`, { category: 'Hộ tịch', unitId: 'dni.phurieng.vanphong', assigneeId: clerkId });
    expect(c.statusCode, c.body).toBe(200);
    expect(c.json()).toMatchObject({ category: 'Hộ tịch', unitId: 'dni.phurieng.vanphong', assigneeId: clerkId });
    // Now the receptionist (another unit) no longer handles it; the clerk of the unit, its leader and the system
    // administrator do; another commune's clerk neither sees nor handles it.
    expect((await reception.post(`/api/staff/feedback/${id}/action`, { action: 'answer', text: 'x' })).statusCode).toBe(403);
    expect(ids(await clerk.get('/api/staff/feedback'))).toContain(id);
    expect(ids(await (await bo.staff('lanhdao.phurieng')).get('/api/staff/feedback'))).toContain(id);
    expect(ids(await (await bo.staff('lanhdao.xuanthanh')).get('/api/staff/feedback'))).not.toContain(id);
    expect((await otherUnit.post(`/api/staff/feedback/${id}/action`, { action: 'answer', text: 'x' })).statusCode).toBe(403);
    expect(ids(await otherUnit.get('/api/staff/feedback'))).not.toContain(id);
    // The moderator does not see it before it is answered, and never handles it.
    expect(ids(await moderator.get('/api/staff/feedback'))).not.toContain(id);
    expect((await moderator.post(`/api/staff/feedback/${id}/action`, { action: 'answer', text: 'x' })).statusCode).toBe(403);

    const ans = await clerk.post(`/api/staff/feedback/${id}/action`, { action: 'answer', text: 'Chị An nộp tại UBND xã hoặc trực tuyến.' });
    expect(ans.statusCode).toBe(200);
    expect(ans.json()).toMatchObject({ status: 'answered', may: { handle: true, publish: false } });
    expect(ans.json().dueAt).not.toBeNull(); // the publication deadline
    expect(ans.json().proposal.question).not.toContain('0912345678');
    expect(ans.json().proposal.question).not.toContain('Trần Thị An');
    expect((await clerk.post(`/api/staff/feedback/${id}/action`, { action: 'refuse', text: 'x' })).json().error.code).toBe('FEEDBACK_WRONG_STATE');

    // The answering official no longer publishes; nor does the system administrator, a citizen or anyone anonymous.
    const proposed = { question: ans.json().proposal.question, answer: 'Nộp tại UBND xã hoặc trực tuyến.' };
    const byClerk = await clerk.post(`/api/staff/feedback/${id}/publish`, proposed);
    expect(byClerk.statusCode).toBe(403);
    expect(byClerk.json().error).toMatchObject({ code: 'FEEDBACK_MODERATOR_ONLY', message: expect.stringContaining('biên tập viên') });
    expect((await sysadmin.post(`/api/staff/feedback/${id}/publish`, proposed)).statusCode).toBe(403);
    expect((await a.post(`/api/staff/feedback/${id}/publish`, proposed)).statusCode).toBe(403);
    expect((await anon.post(`/api/staff/feedback/${id}/publish`, proposed)).statusCode).toBe(401);
    // A moderator of another commune: wrong unit.
    await bo.t.ctx.db.query(
      "INSERT INTO official_memberships (official_id, unit_id, role) SELECT id, 'dni.xuanthanh.ubnd', 'feedback_moderator' FROM officials WHERE username = 'lanhdao.xuanthanh'",
    );
    const otherModerator = await (await bo.staff('lanhdao.xuanthanh')).post(`/api/staff/feedback/${id}/publish`, proposed);
    expect(otherModerator.json().error.code).toBe('FEEDBACK_OTHER_UNIT');

    // The unit's moderator sees the answered item (may publish, may not handle) and publishes after moderation.
    const seen = (await moderator.get('/api/staff/feedback')).json().items.find((x: { id: string }) => x.id === id);
    expect(seen).toMatchObject({ status: 'answered', may: { handle: false, publish: true } });
    const leak = await moderator.post(`/api/staff/feedback/${id}/publish`, { question: 'Gọi 0912345678', answer: 'Nộp tại xã.' });
    expect(leak.statusCode).toBe(422);
    expect(leak.json().error.code).toBe('FEEDBACK_PERSONAL_DATA');
    const named = await moderator.post(`/api/staff/feedback/${id}/publish`, { question: 'Trần Thị An hỏi', answer: 'Nộp tại xã.' });
    expect(named.statusCode).toBe(422);
    const pub = await moderator.post(`/api/staff/feedback/${id}/publish`, proposed);
    expect(pub.statusCode, pub.body).toBe(200);
    expect(pub.json().status).toBe('published');

    const found = await anon.get(`/api/qa?q=${encodeURIComponent('giay khai sinh')}`);
    expect(found.statusCode).toBe(200);
    expect(found.json().items.map((x: { id: string }) => x.id)).toContain(id);
    expect(JSON.stringify(found.json())).not.toContain('0912345678');
    expect((await anon.get(`/api/qa?q=${encodeURIComponent('ket hon')}`)).json().items).toHaveLength(0);

    expect((await anon.post(`/api/qa/${id}/vote`, { vote: 'like' })).statusCode).toBe(401);
    expect((await b.post(`/api/qa/${id}/vote`, { vote: 'dislike' })).json()).toMatchObject({ likes: 0, dislikes: 1 });
    expect((await a.post(`/api/qa/${id}/vote`, { vote: 'like' })).json()).toMatchObject({ likes: 1, dislikes: 1 });
    expect((await b.post(`/api/qa/${id}/vote`, { vote: 'like' })).json()).toMatchObject({ likes: 2, dislikes: 0 });

    // reopen: only the sender
    expect((await b.post(`/api/feedback/${id}/reopen`)).statusCode).toBe(404);
    const re = await a.post(`/api/feedback/${id}/reopen`);
    expect(re.statusCode).toBe(200);
    expect(re.json()).toMatchObject({ status: 'received', reopened: true });
    expect((await a.get('/api/feedback/mine')).json().items.map((x: { id: string }) => x.id)).toContain(id);
    expect((await b.get('/api/feedback/mine')).json().items.map((x: { id: string }) => x.id)).not.toContain(id);
    expect((await anon.get('/api/feedback/mine')).statusCode).toBe(401);
  });

  it('counts the deadlines across a weekend and the Hùng Kings and 30/4–1/5 holidays; a transfer restarts the clock', async () => {
    // Friday 24/4/2026 16:00: Sun 26/4 Hùng Kings' day, Mon 27/4 its day off, Thu 30/4 and Fri 1/5 holidays (worked by
    // hand in src/core/feedback/feedback.test.ts): 15 working days to answer → Wed 20/5 17:30.
    setClockTo(new Date('2026-04-24T16:00:00+07:00'), { frozen: true });
    try {
      const r = await a.post('/api/feedback', { title: 'Hỏi lịch', content: 'Khi nào có trả lời?' });
      expect(r.json().dueAt).toBe(new Date('2026-05-20T17:30:00+07:00').toISOString());
      const id = r.json().id;
      const c = await reception.post(`/api/staff/feedback/${id}/classify`, { category: 'Hộ tịch', unitId: 'dni.phurieng.vanphong', procedureCode: '1.001193' });
      expect(c.json()).toMatchObject({ procedureCode: '1.001193', dueAt: r.json().dueAt }); // first assignment: no restart
      // Transferred to Xuân Thành on Monday 4/5 09:00: 15 working days from then (5/5 … 25/5). The transfer moves it:
      // the first unit's clerk loses it, the new unit's clerk handles it.
      setClockTo(new Date('2026-05-04T09:00:00+07:00'), { frozen: true });
      const moved = await clerk.post(`/api/staff/feedback/${id}/classify`, { category: 'Hộ tịch', unitId: 'dni.xuanthanh.vanphong' });
      expect(moved.json()).toMatchObject({ unitId: 'dni.xuanthanh.vanphong', assigneeId: null, dueAt: new Date('2026-05-25T17:30:00+07:00').toISOString() });
      expect((await clerk.post(`/api/staff/feedback/${id}/action`, { action: 'answer', text: 'x' })).statusCode).toBe(403);
      expect(ids(await clerk.get('/api/staff/feedback'))).not.toContain(id);
      expect(ids(await otherUnit.get('/api/staff/feedback'))).toContain(id);
      expect((await otherUnit.post(`/api/staff/feedback/${id}/action`, { action: 'answer', text: 'Đã trả lời.' })).json().status).toBe('answered');
    } finally {
      resetClock();
    }
  });

  it('refuses and asks for more information', async () => {
    // An unassigned item handled by a receptionist is taken into the receptionist's unit.
    const id1 = (await a.post('/api/feedback', { title: 'Không rõ', content: 'abc' })).json().id;
    const refused = await reception.post(`/api/staff/feedback/${id1}/action`, { action: 'refuse', text: 'Nội dung không rõ.' });
    expect(refused.json()).toMatchObject({ status: 'refused', unitId: 'dni.phurieng.ttpvhcc' });
    // Sent with the dossier code of a dossier, it belongs to the dossier's receiving unit.
    const dossier = await bo.submitBirthRegistration();
    const about = await bo.citizen.post('/api/feedback', { title: 'Về hồ sơ', content: 'Chậm.', dossierCode: dossier.code });
    expect(about.json().unitId).toBe('dni.phurieng.ttpvhcc');
    // The moderator's role gives no sight of the unit's dossiers (the leader of the same unit has it).
    expect((await (await bo.staff('lanhdao.phurieng')).get(`/api/staff/dossiers/${dossier.id}`)).statusCode).toBe(200);
    expect([403, 404]).toContain((await moderator.get(`/api/staff/dossiers/${dossier.id}`)).statusCode);
    const id2 = (await a.post('/api/feedback', { title: 'Thiếu', content: 'Hồ sơ nào?' })).json().id;
    expect((await reception.post(`/api/staff/feedback/${id2}/action`, { action: 'askMore', text: 'Cho biết mã hồ sơ.' })).json().status).toBe('asked_more');
  });

  it('answers bad input with a clear 4xx in Vietnamese, never 500', async () => {
    for (const body of [
      { title: 1, content: 'x' },
      { title: 'a\u0000b', content: 'x' },
      { title: 'x', content: 'x'.repeat(6000) },
      { title: 'x', content: 'y', extra: 1 },
      { kind: 'spam', title: 'x', content: 'y' },
    ]) {
      const r = await a.post('/api/feedback', body);
      expect(r.statusCode, JSON.stringify(body).slice(0, 60)).toBe(400);
      expect(r.json().error.message).toMatch(/[ạảãàáâầấậẫẩăằắặẵẳêềếệễểôồốộỗổơờớợỡởưừứựữửđ]|Vui lòng|tối đa|không hợp lệ/i);
    }
    expect((await clerk.post('/api/staff/feedback/not-a-uuid/action', { action: 'answer', text: 'x' })).statusCode).toBe(400);
    expect((await clerk.post(`/api/staff/feedback/${crypto.randomUUID()}/action`, { action: 'answer', text: 'x' })).statusCode).toBe(404);
    expect((await clerk.post(`/api/staff/feedback/${crypto.randomUUID()}/action`, { action: 'delete', text: 'x' })).statusCode).toBe(400);
    // classify, publish and the portal's unit: wrong types, NUL bytes, huge strings → 400/422 in Vietnamese
    const open = (await a.post('/api/feedback', { title: 'Hỏi', content: 'Nội dung' })).json().id;
    for (const body of [
      { category: 1 },
      { category: 'a\u0000b' },
      { category: 'x', unitId: 'u'.repeat(500) },
      { category: 'x', unitId: 7 },
      { category: 'x', extra: 1 },
    ]) {
      const r = await reception.post(`/api/staff/feedback/${open}/classify`, body);
      expect(r.statusCode, JSON.stringify(body).slice(0, 60)).toBe(400);
      expect(r.json().error.message).toMatch(/[ạảãàáâầấậẫẩăằắặẵẳêềếệễểôồốộỗổơờớợỡởưừứựữửđ]/i);
    }
    for (const body of [{ question: 'x' }, { question: 'a\u0000', answer: 'b' }, { question: 'x'.repeat(6000), answer: 'y' }]) {
      expect((await moderator.post(`/api/staff/feedback/${open}/publish`, body)).statusCode, JSON.stringify(body).slice(0, 40)).toBe(400);
    }
    const noUnit = await a.post('/api/feedback', { title: 'Hỏi', content: 'x', unitId: 'khong.co' });
    expect(noUnit.statusCode).toBe(422);
    expect(noUnit.json().error).toMatchObject({ code: 'FEEDBACK_UNIT_UNKNOWN', message: expect.stringContaining('Không có đơn vị') });
    const toUnit = await a.post('/api/feedback', { title: 'Hỏi', content: 'x', unitId: 'dni.xuanthanh.ubnd' });
    expect(toUnit.json().unitId).toBe('dni.xuanthanh.ubnd');
    expect((await anon.get(`/api/qa?q=${encodeURIComponent('a\u0000')}`)).statusCode).toBe(400);
    expect((await anon.get(`/api/qa?q=${'a'.repeat(300)}`)).statusCode).toBe(400);
  });
});
