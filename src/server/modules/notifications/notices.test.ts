/**
 * Notices of other modules' events through the same rules, outbox and channel policy as the dossier events: a
 * table over every notice event (liên thông member outcomes, PAKN handled, life-event suggestion) checks exactly the
 * configured notifications are queued and a switched-off rule yields `suppressed`; a PAKN answer, refusal and
 * request for more information tell the author in the decision's transaction; life-event suggestions are queued only
 * for a citizen who opted in, at most once per (citizen, suggestion, period); the opt-in's access and input checks.
 * (Liên thông outcomes end to end: lienthong.test.ts.)
 */
import crypto from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { NOTICE_EVENTS, type NoticeEventType } from '../../../core/notifications/rules.ts';
import { measureSms, withoutDiacritics } from '../../../core/notifications/sms-text.ts';
import { setClockTo } from '../../clock.ts';
import { DEMO_MOTHER_ID } from '../../standins/population/demo-residents.ts';
import { startBackOffice, type BackOffice } from '../../testing/back-office.ts';
import { TestClient } from '../../testing/harness.ts';
import { queueLifeEventNotices } from '../assistant/index.ts';
import { queueNotices, type Notice } from './index.ts';

let b: BackOffice;
let unit: { id: string; province: string };
const PHONE = '+84912345678';

/** What the rules table says each notice event sends to someone with a phone and an e-mail. */
const EXPECTED: Record<NoticeEventType, string[]> = {
  'lienthong.member_accepted': ['email', 'inapp'],
  'lienthong.member_rejected': ['zns', 'email', 'inapp'],
  'lienthong.member_result': ['zns', 'email', 'inapp'],
  'feedback.answered': ['zns', 'email', 'inapp'],
  'feedback.asked_more': ['zns', 'email', 'inapp'],
  'feedback.refused': ['zns', 'email', 'inapp'],
  'life_event.suggested': ['zns', 'email', 'inapp'],
};

const notice = (type: NoticeEventType, over: Partial<Notice> = {}): Notice => ({
  id: `test:${crypto.randomUUID()}`,
  type,
  at: new Date().toISOString(),
  citizenId: null,
  dossierId: null,
  dossierCode: null,
  unitId: unit.id,
  procedureCode: '1.004194',
  phone: '0912 345 678',
  email: 'an@example.vn',
  inbox: 'feedback:test',
  params: {
    name: 'Trần Thị An',
    code: 'LT-251207-0001',
    procedure: 'Đăng ký thường trú',
    agency: 'Công an xã',
    title: 'Hỏi về khai sinh',
    reason: 'Thiếu giấy tờ',
    detail: 'Xin bổ sung địa chỉ.',
    link: 'http://127.0.0.1/tra-cuu',
    dueDate: '01/01/2027',
  },
  ...over,
});
const queue = (...ns: Notice[]) => b.t.ctx.db.transaction((tx) => queueNotices(tx, ns));
const rowsOf = async (eventId: string) =>
  (
    await b.t.ctx.db.query<{ channel: string; status: string; reason: string | null; body: string; recipient: string; template_code: string }>(
      'SELECT channel, status, reason, body, recipient, template_code FROM notifications WHERE event_id = $1 ORDER BY id',
      [eventId],
    )
  ).rows;

beforeAll(async () => {
  b = await startBackOffice();
  const r = (
    await b.t.ctx.db.query<{ id: string; province: string }>(
      `SELECT o.id, CASE WHEN a.level = 'province' THEN a.code ELSE a.parent_code END AS province
         FROM official_memberships m JOIN officials f ON f.id = m.official_id JOIN org_units o ON o.id = m.unit_id JOIN admin_units a ON a.code = o.admin_unit_code
        WHERE f.username = 'tiepnhan.phurieng' LIMIT 1`,
    )
  ).rows[0];
  unit = r;
}, 300_000);
afterAll(async () => {
  await b?.close();
});

describe('rules over every notice event', () => {
  it.each([...NOTICE_EVENTS])('%s queues exactly the configured notifications, once', async (type) => {
    const n = notice(type);
    await queue(n);
    const rows = await rowsOf(n.id);
    expect(rows.map((r) => r.channel)).toEqual(EXPECTED[type]);
    for (const r of rows) {
      expect(r.status).toBe(r.channel === 'inapp' ? 'delivered' : 'queued');
      expect(r.template_code).toBe(type);
    }
    expect(rows.find((r) => r.channel === 'zns')?.recipient ?? PHONE).toBe(PHONE);
    // The Zalo text is also the SMS fallback's, sent without diacritics: one GSM-7 segment.
    const zns = rows.find((r) => r.channel === 'zns');
    if (zns) expect(measureSms(withoutDiacritics(zns.body))).toMatchObject({ encoding: 'gsm7', segments: 1 });
    await queue(n); // replay: nothing twice
    expect((await rowsOf(n.id)).length).toBe(rows.length);
  });

  it('a notice switched off for the province is recorded as suppressed; a procedure switch wins', async () => {
    for (const event of ['feedback.answered', 'lienthong.member_result']) {
      await b.t.ctx.db.query(
        "INSERT INTO notification_switches (province_code, event_type, procedure_code, enabled, effective_from) VALUES ($1, $2, NULL, false, DATE '2020-01-01')",
        [unit.province, event],
      );
    }
    const off = notice('feedback.answered', { procedureCode: null });
    await queue(off);
    expect((await rowsOf(off.id)).map((r) => [r.channel, r.status, r.reason])).toEqual([
      ['zns', 'suppressed', 'switched_off'],
      ['email', 'suppressed', 'switched_off'],
      ['inapp', 'suppressed', 'switched_off'],
    ]);
    await b.t.ctx.db.query(
      "INSERT INTO notification_switches (province_code, event_type, procedure_code, enabled, effective_from) VALUES ($1, 'lienthong.member_result', '1.004194', true, DATE '2020-01-01')",
      [unit.province],
    );
    const on = notice('lienthong.member_result');
    const otherProcedure = notice('lienthong.member_result', { procedureCode: '1.001193' });
    await queue(on, otherProcedure);
    expect((await rowsOf(on.id)).map((r) => r.status)).toEqual(['queued', 'queued', 'delivered']);
    expect((await rowsOf(otherProcedure.id)).map((r) => r.status)).toEqual(['suppressed', 'suppressed', 'suppressed']);
    // Another province is not concerned by the switch.
    const elsewhere = notice('feedback.answered', { unitId: null });
    await queue(elsewhere);
    expect((await rowsOf(elsewhere.id)).map((r) => r.status)).toEqual(['queued', 'queued', 'delivered']);
    await b.t.ctx.db.query("DELETE FROM notification_switches WHERE event_type IN ('feedback.answered', 'lienthong.member_result')");
  });
});

describe('PAKN: the author is told in the transaction of the decision', () => {
  const feedbackRows = async (id: string) =>
    (
      await b.t.ctx.db.query<{ event_type: string; channel: string; recipient: string; body: string; status: string }>(
        "SELECT event_type, channel, recipient, body, status FROM notifications WHERE event_id LIKE 'feedback:' || $1 || ':%' ORDER BY id",
        [id],
      )
    ).rows;
  const send = async (contact: string, title: string) => {
    const r = await new TestClient(b.t.app).post('/api/feedback', { title, content: 'Nội dung phản ánh.', senderName: 'Lê Văn Bình', contact });
    expect(r.statusCode, r.body).toBe(201);
    const id = r.json().id as string;
    const staff = await b.staff('tiepnhan.phurieng');
    const c = await staff.post(`/api/staff/feedback/${id}/classify`, { category: 'Hộ tịch', unitId: unit.id });
    expect(c.statusCode, c.body).toBe(200);
    return { id, staff };
  };

  it('answered: the author (a phone) gets Zalo and in-app with the link; a second decision is refused and queues nothing', async () => {
    const { id, staff } = await send('0912 345 678', 'Hỏi về lệ phí khai sinh');
    expect(await feedbackRows(id)).toEqual([]);
    const ans = await staff.post(`/api/staff/feedback/${id}/action`, { action: 'answer', text: 'Đăng ký khai sinh đúng hạn được miễn lệ phí.' });
    expect(ans.statusCode, ans.body).toBe(200);
    const rows = await feedbackRows(id);
    expect(rows.map((r) => [r.event_type, r.channel, r.status])).toEqual([
      ['feedback.answered', 'zns', 'queued'],
      ['feedback.answered', 'inapp', 'delivered'],
    ]);
    expect(rows[0].recipient).toBe(PHONE);
    expect(rows[1].body).toContain('Hỏi về lệ phí khai sinh');
    expect(rows[1].body).toContain(`${b.t.ctx.config.publicUrl}/phan-anh`);
    const again = await staff.post(`/api/staff/feedback/${id}/action`, { action: 'refuse', text: 'x' });
    expect(again.statusCode).toBe(409);
    expect((await feedbackRows(id)).length).toBe(2);
  });

  it('asked for more information and refused: the author (an e-mail) is told with the text', async () => {
    const more = await send('binh@example.vn', 'Phản ánh chậm trả kết quả');
    expect((await more.staff.post(`/api/staff/feedback/${more.id}/action`, { action: 'askMore', text: 'Xin cho biết mã hồ sơ.' })).statusCode).toBe(200);
    const m = await feedbackRows(more.id);
    expect(m.map((r) => [r.event_type, r.channel, r.recipient])).toEqual([
      ['feedback.asked_more', 'email', 'binh@example.vn'],
      ['feedback.asked_more', 'inapp', `feedback:${more.id}`],
    ]);
    expect(m[0].body).toContain('Xin cho biết mã hồ sơ.');
    const refused = await send('binh@example.vn', 'Nội dung không thuộc thẩm quyền');
    expect(
      (await refused.staff.post(`/api/staff/feedback/${refused.id}/action`, { action: 'refuse', text: 'Không thuộc thẩm quyền của xã.' })).statusCode,
    ).toBe(200);
    const f = await feedbackRows(refused.id);
    expect(f.map((r) => r.event_type)).toEqual(['feedback.refused', 'feedback.refused']);
    expect(f[0].body).toContain('Không thuộc thẩm quyền của xã.');
  });
});

describe('life-event suggestions as notifications: only with the opt-in, once per suggestion and period', () => {
  const motherId = crypto.randomUUID();
  let mother: TestClient;
  let today: string;
  const suggested = async () =>
    (
      await b.t.ctx.db.query<{ event_id: string; channel: string; body: string; citizen_id: string }>(
        "SELECT event_id, channel, body, citizen_id FROM notifications WHERE event_type = 'life_event.suggested' AND citizen_id = $1 ORDER BY id",
        [motherId],
      )
    ).rows;

  beforeAll(async () => {
    const kids = await b.t.ctx.population.childrenOf(DEMO_MOTHER_ID, { actorKind: 'system', actorId: 'test', purpose: 'test' });
    const child = kids[0];
    // Three weeks before the child's 14th birthday.
    const birthday14 = `${Number(child.ngaySinh.slice(0, 4)) + 14}${child.ngaySinh.slice(4)}`;
    today = new Date(Date.parse(`${birthday14}T00:00:00Z`) - 21 * 86_400_000).toISOString().slice(0, 10);
    setClockTo(new Date(`${today}T10:00:00+07:00`), { frozen: true });
    await b.t.ctx.db.query('DELETE FROM citizens WHERE id_number = $1', [DEMO_MOTHER_ID]);
    await b.t.ctx.db.query(`INSERT INTO citizens (id, id_number, full_name, issuer, sub, claims) VALUES ($1, $2, 'Trần Thị Mai', 'test', $3, '{}')`, [
      motherId,
      DEMO_MOTHER_ID,
      crypto.randomUUID(),
    ]);
    await b.t.ctx.db.query("INSERT INTO citizen_contacts (citizen_id, kind, value, confirmed_at) VALUES ($1, 'email', 'mai@example.vn', now())", [motherId]);
    mother = new TestClient(b.t.app);
    await mother.loginAs(b.t.ctx.db, 'citizen', { citizenId: motherId, idNumber: DEMO_MOTHER_ID, fullName: 'Trần Thị Mai' });
  });

  it('without the opt-in nothing is queued; the preference is off by default', async () => {
    expect((await mother.get('/api/my/notification-preferences')).json()).toEqual({ zns: true, email: true, lifeEvents: false });
    const run = await queueLifeEventNotices(b.t.ctx, today);
    expect(run.queued).toBe(0);
    expect(await suggested()).toEqual([]);
  });

  it('opted in on the profile: the identity-card suggestion is queued once, with the reason; a rerun queues nothing', async () => {
    const put = await mother.put('/api/my/notification-preferences', { zns: true, email: true, lifeEvents: true });
    expect(put.statusCode, put.body).toBe(200);
    expect(put.json()).toEqual({ zns: true, email: true, lifeEvents: true });
    expect((await mother.get('/api/my/notification-preferences')).json().lifeEvents).toBe(true);
    const first = await queueLifeEventNotices(b.t.ctx, today);
    expect(first.citizens).toBeGreaterThanOrEqual(1);
    expect(first.queued).toBeGreaterThanOrEqual(1);
    const rows = await suggested();
    const card = rows.filter((r) => r.body.includes('thẻ căn cước'));
    expect(card.length).toBeGreaterThan(0);
    expect(new Set(card.map((r) => r.event_id)).size).toBe(1); // one suggestion → one event, on its channels
    const inapp = card.find((r) => r.channel === 'inapp');
    expect(inapp?.body).toContain('sẽ đủ 14 tuổi');
    expect(card.map((r) => r.channel)).toContain('email');
    // Again today, and again the next day (same period: the same 14th birthday): nothing new.
    expect((await queueLifeEventNotices(b.t.ctx, today)).queued).toBe(0);
    const next = new Date(Date.parse(`${today}T00:00:00Z`) + 86_400_000).toISOString().slice(0, 10);
    expect((await queueLifeEventNotices(b.t.ctx, next)).queued).toBe(0);
    expect((await suggested()).length).toBe(rows.length);
    const kept = (await b.t.ctx.db.query<{ n: number }>('SELECT count(*)::int AS n FROM life_event_notices WHERE citizen_id = $1', [motherId])).rows[0].n;
    expect(kept).toBe(first.queued);
  });

  it('opted out again: no new suggestion is queued', async () => {
    const put = await mother.put('/api/my/notification-preferences', { zns: true, email: true, lifeEvents: false });
    expect(put.json().lifeEvents).toBe(false);
    await b.t.ctx.db.query('DELETE FROM life_event_notices WHERE citizen_id = $1', [motherId]); // even a forgotten one
    const before = (await suggested()).length;
    expect((await queueLifeEventNotices(b.t.ctx, today)).queued).toBe(0);
    expect((await suggested()).length).toBe(before);
  });

  it('leaving lifeEvents out keeps the choice (older clients)', async () => {
    await mother.put('/api/my/notification-preferences', { zns: true, email: true, lifeEvents: true });
    const r = await mother.put('/api/my/notification-preferences', { zns: false, email: true });
    expect(r.statusCode, r.body).toBe(200);
    expect(r.json()).toEqual({ zns: false, email: true, lifeEvents: true });
    await mother.put('/api/my/notification-preferences', { zns: true, email: true, lifeEvents: false });
  });

  it('access and bad input: anonymous, an official; wrong types, NUL, unknown fields, a huge body — clear 4xx', async () => {
    const anon = new TestClient(b.t.app);
    expect((await anon.put('/api/my/notification-preferences', { zns: true, email: true, lifeEvents: true })).statusCode).toBe(401);
    const official = await b.staff('tiepnhan.phurieng');
    expect((await official.put('/api/my/notification-preferences', { zns: true, email: true, lifeEvents: true })).statusCode).toBe(403);
    for (const body of [
      { zns: true, email: true, lifeEvents: 'yes' },
      { zns: true, email: true, lifeEvents: '\u0000' },
      { zns: true, email: true, lifeEvents: true, extra: 'x'.repeat(100_000) },
      { zns: true, email: true, lifeEvents: null },
    ]) {
      const r = await mother.put('/api/my/notification-preferences', body);
      expect(r.statusCode, JSON.stringify(body).slice(0, 80)).toBe(400);
      expect(r.json().error.message).toMatch(/[à-ỹ]/);
    }
    expect((await mother.get('/api/my/notification-preferences')).json().lifeEvents).toBe(false);
  });
});
