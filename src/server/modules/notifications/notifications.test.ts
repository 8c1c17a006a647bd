/**
 * Notifications end to end on the real app: the rules over every transition of the dossier vocabulary, delivery
 * through the Zalo and SMS stand-ins (fallback, receipts), receipts that are duplicated, forged or early, dead
 * letters and resend, token rotation, and the routes' access and input checks.
 */
import crypto from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DossierEvent } from '../../../core/dossiers/events.ts';
import type { NationalStatus } from '../../../core/dossiers/status.ts';
import { ACTION_RULES, DOSSIER_ACTIONS, targetStatus } from '../../../core/dossiers/transitions.ts';
import { measureSms } from '../../../core/notifications/sms-text.ts';
import { startBackOffice, type BackOffice } from '../../testing/back-office.ts';
import { TestClient } from '../../testing/harness.ts';
import {
  createNotificationDispatcher,
  notifyConfig,
  queueNotifications,
  queueNotificationsBatch,
  refreshZaloToken,
  smsCallbackSignature,
  zaloEventSignature,
} from './index.ts';
import { gatewayFetch } from '../payments/index.ts';

let b: BackOffice;
let dossier: { id: string; code: string; unit: string; province: string };
let seq = 1000;

/** What the rules table says each event sends to a citizen with a phone and an e-mail (every other event: nothing). */
const EXPECTED: Record<string, string[]> = {
  submitted: ['email', 'inapp'],
  received: ['zns', 'email', 'inapp'],
  completion_requested: ['zns', 'email', 'inapp'],
  refused: ['zns', 'email', 'inapp'],
  supplement_requested: ['zns', 'email', 'inapp'],
  supplement_provided: ['email', 'inapp'],
  payment_requested: ['zns', 'email', 'inapp'],
  paid: ['email', 'inapp'],
  rescheduled: ['zns', 'email', 'inapp'],
  stopped: ['zns', 'email', 'inapp'],
  withdrawal_requested: ['email', 'inapp'],
  result_issued: ['zns', 'email', 'inapp'],
  result_returned: ['zns', 'email', 'inapp'],
};

function eventFor(action: (typeof DOSSIER_ACTIONS)[number], from: NationalStatus | null): DossierEvent {
  const s = ++seq;
  return {
    id: `${dossier.id}:${s}`,
    type: ACTION_RULES[action].event,
    action,
    version: 1,
    dossierId: dossier.id,
    code: dossier.code,
    seq: s,
    at: new Date().toISOString(),
    actor: { kind: 'system', id: 'test', name: 'test', role: 'system' },
    status: { before: from, after: from === null ? 1 : targetStatus(action, from) },
    procedure: { code: '1.001193', version: 1, caseCode: 'dung-han' },
    channel: 2,
    receivingUnitId: dossier.unit,
    competentUnitId: null,
    dueAt: new Date(Date.now() + 3 * 86400_000).toISOString(),
    data: { reason: 'Thiếu bản sao giấy chứng nhận kết hôn' },
    logHash: 'x',
  };
}

const queue = (e: DossierEvent) => b.t.ctx.db.transaction((tx) => queueNotifications(tx, e, notifyConfig(b.t.ctx.config.publicUrl).lookupUrl));
/** Deletes a submitted dossier's notifications and queues its `submitted` event again, the dossier now read from its row. */
async function queueAgainFromRead(dossierId: string): Promise<void> {
  const event = (
    await b.t.ctx.db.query<{ payload: DossierEvent }>(`SELECT payload FROM outbox WHERE topic = 'dossier.event' AND payload->>'dossierId' = $1`, [dossierId])
  ).rows[0].payload;
  await b.t.ctx.db.query('DELETE FROM notifications WHERE dossier_id = $1', [dossierId]);
  await queue(event);
}
const rowsOf = async (eventId: string) =>
  (
    await b.t.ctx.db.query<{ id: number; channel: string; status: string; body: string; recipient: string; reason: string | null }>(
      'SELECT id, channel, status, body, recipient, reason FROM notifications WHERE event_id = $1 ORDER BY id',
      [eventId],
    )
  ).rows;
const dispatcher = () => createNotificationDispatcher(b.t.ctx, { receiptTimeoutSeconds: 3600 });
const settle = () => new Promise((r) => setTimeout(r, 250)); // the stand-ins post their receipts 50 ms after answering
const PHONE = '+84912345678';

beforeAll(async () => {
  b = await startBackOffice();
  const d = await b.submitBirthRegistration();
  await b.t.ctx.db.query('UPDATE dossiers SET applicant_phone = $2, applicant_email = $3 WHERE id = $1', [d.id, '0912 345 678', 'mai@example.vn']);
  const r = (
    await b.t.ctx.db.query<{ receiving_unit_id: string; province: string }>(
      `SELECT d.receiving_unit_id, CASE WHEN a.level = 'province' THEN a.code ELSE a.parent_code END AS province
         FROM dossiers d JOIN org_units o ON o.id = d.receiving_unit_id JOIN admin_units a ON a.code = o.admin_unit_code WHERE d.id = $1`,
      [d.id],
    )
  ).rows[0];
  dossier = { ...d, unit: r.receiving_unit_id, province: r.province };
});
afterAll(async () => {
  await b?.close();
});

describe('rules over every transition of the vocabulary', () => {
  it('the submission through the transition path queued its notifications in the same transaction', async () => {
    const rows = (
      await b.t.ctx.db.query<{ channel: string; event_type: string }>('SELECT channel, event_type FROM notifications WHERE dossier_id = $1', [dossier.id])
    ).rows;
    expect(rows.map((r) => `${r.event_type}/${r.channel}`).sort()).toEqual(['submitted/email', 'submitted/inapp']);
  });

  it('a new dossier’s notifications, built from what its creation knows, are the rows a read of the dossier gives', async () => {
    // The citizen's confirmed e-mail comes through the owner; the form's contacts through the applicant.
    const owner = (await b.t.ctx.db.query<{ owner_citizen_id: string }>('SELECT owner_citizen_id FROM dossiers WHERE id = $1', [dossier.id])).rows[0];
    await b.t.ctx.db.query(
      `INSERT INTO citizen_contacts (citizen_id, kind, value, confirmed_at) VALUES ($1, 'email', 'da.xac.nhan@example.vn', now())
       ON CONFLICT (citizen_id, kind) DO UPDATE SET value = EXCLUDED.value`,
      [owner.owner_citizen_id],
    );
    // The province's switch (through the receiving unit) turns the e-mail off.
    await b.t.ctx.db.query(
      "INSERT INTO notification_switches (province_code, event_type, procedure_code, enabled, effective_from) VALUES ($1, 'submitted', '1.001193', false, DATE '2020-01-01')",
      [dossier.province],
    );
    try {
      const d = await b.submitBirthRegistration();
      const columns =
        'event_id, event_type, dossier_code, unit_id, citizen_id, channel, recipient, locale, template_code, template_version, subject, body, params, mandatory, status, reason';
      const rows = async () => (await b.t.ctx.db.query(`SELECT ${columns} FROM notifications WHERE dossier_id = $1 ORDER BY channel, recipient`, [d.id])).rows;
      const fromCreation = await rows();
      expect(fromCreation.map((r) => `${r.channel}:${r.recipient}:${r.status}`)).toEqual([
        'email:da.xac.nhan@example.vn:suppressed',
        `inapp:${owner.owner_citizen_id}:suppressed`,
      ]);
      await queueAgainFromRead(d.id);
      expect(await rows()).toEqual(fromCreation);
    } finally {
      await b.t.ctx.db.query("DELETE FROM citizen_contacts WHERE citizen_id = $1 AND kind = 'email'", [owner.owner_citizen_id]);
      await b.t.ctx.db.query("DELETE FROM notification_switches WHERE event_type = 'submitted' AND procedure_code = '1.001193'");
    }
  });

  it('a dossier submitted in the English interface is told in English, with the procedure’s English name, by creation and by a read alike', async () => {
    const d = await b.submitBirthRegistration({ locale: 'en' });
    const columns = 'channel, recipient, locale, template_code, subject, body, params';
    const rows = async () => (await b.t.ctx.db.query(`SELECT ${columns} FROM notifications WHERE dossier_id = $1 ORDER BY channel, recipient`, [d.id])).rows;
    const fromCreation = (await rows()) as { channel: string; locale: string; body: string; params: { procedure: string } }[];
    expect(fromCreation.map((r) => `${r.channel}:${r.locale}`)).toEqual(['email:en', 'inapp:en']);
    for (const r of fromCreation) {
      expect(r.params.procedure).toBe('Birth registration');
      expect(r.body).toContain('"Birth registration"');
      expect(r.body).not.toContain('Đăng ký khai sinh');
    }
    await queueAgainFromRead(d.id);
    expect(await rows()).toEqual(fromCreation);
    // Without the choice, Vietnamese.
    const vi = await b.submitBirthRegistration();
    const viRows = (await b.t.ctx.db.query<{ locale: string; body: string }>('SELECT locale, body FROM notifications WHERE dossier_id = $1', [vi.id])).rows;
    expect(viRows.map((r) => r.locale)).toEqual(['vi', 'vi']);
    for (const r of viRows) expect(r.body).toContain('Đăng ký khai sinh');
  });

  type Transition = readonly [(typeof DOSSIER_ACTIONS)[number], NationalStatus | null];
  const transitions: Transition[] = DOSSIER_ACTIONS.flatMap((a): Transition[] =>
    ACTION_RULES[a].from.length === 0 ? [[a, null]] : ACTION_RULES[a].from.map((f): Transition => [a, f]),
  );
  it.each(transitions)('%s from %s queues exactly the configured notifications', async (action, from) => {
    const e = eventFor(action, from);
    await queue(e);
    const rows = await rowsOf(e.id);
    expect(rows.map((r) => r.channel)).toEqual(EXPECTED[e.type] ?? []);
    for (const r of rows) expect(r.status).toBe(r.channel === 'inapp' ? 'delivered' : 'queued');
    expect(rows.find((r) => r.channel === 'zns')?.recipient ?? PHONE).toBe(PHONE);
    // Replaying the event queues nothing twice (dedupe key per event, channel, recipient).
    await queue(e);
    expect((await rowsOf(e.id)).length).toBe(rows.length);
  });

  it('an event switched off for the province is recorded as suppressed; a mandatory notice cannot be switched off', async () => {
    for (const event of ['received', 'refused']) {
      await b.t.ctx.db.query(
        "INSERT INTO notification_switches (province_code, event_type, procedure_code, enabled, effective_from) VALUES ($1, $2, NULL, false, DATE '2020-01-01')",
        [dossier.province, event],
      );
    }
    const off = eventFor('accept', 1);
    await queue(off);
    expect((await rowsOf(off.id)).map((r) => [r.channel, r.status, r.reason])).toEqual([
      ['zns', 'suppressed', 'switched_off'],
      ['email', 'suppressed', 'switched_off'],
      ['inapp', 'suppressed', 'switched_off'],
    ]);
    const mandatory = eventFor('refuse', 1);
    await queue(mandatory);
    expect((await rowsOf(mandatory.id)).map((r) => r.status)).toEqual(['queued', 'queued', 'delivered']);
    // Switched on again for this one procedure: the procedure's switch wins.
    await b.t.ctx.db.query(
      "INSERT INTO notification_switches (province_code, event_type, procedure_code, enabled, effective_from) VALUES ($1, 'received', '1.001193', true, DATE '2020-01-01')",
      [dossier.province],
    );
    const on = eventFor('accept', 1);
    await queue(on);
    expect((await rowsOf(on.id)).map((r) => r.status)).toEqual(['queued', 'queued', 'delivered']);
    await b.t.ctx.db.query('DELETE FROM notification_switches');
  });

  it('a citizen who opted out of Zalo still gets the mandatory notices there', async () => {
    const owner = (await b.t.ctx.db.query<{ owner_citizen_id: string }>('SELECT owner_citizen_id FROM dossiers WHERE id = $1', [dossier.id])).rows[0]
      .owner_citizen_id;
    await b.t.ctx.db.query("INSERT INTO notification_preferences (citizen_id, channel, opted_out) VALUES ($1, 'zns', true)", [owner]);
    const optional = eventFor('issue_result', 4);
    await queue(optional);
    expect((await rowsOf(optional.id)).map((r) => `${r.channel}:${r.status}`)).toEqual(['zns:suppressed', 'email:queued', 'inapp:delivered']);
    const mandatory = eventFor('stop', 4);
    await queue(mandatory);
    expect((await rowsOf(mandatory.id)).map((r) => `${r.channel}:${r.status}`)).toEqual(['zns:queued', 'email:queued', 'inapp:delivered']);
    await b.t.ctx.db.query('DELETE FROM notification_preferences');
  });

  it('a burst is queued in two statements whatever its size, with the same rows as one event at a time', async () => {
    const lookupUrl = notifyConfig(b.t.ctx.config.publicUrl).lookupUrl;
    const burst = Array.from({ length: 60 }, (_, i) => eventFor((['accept', 'request_supplement', 'issue_result'] as const)[i % 3], i % 3 === 0 ? 1 : 4));
    const single = burst.slice(0, 3).map((e) => ({ ...e, id: `${e.id}:single` }));
    for (const e of single) await queue(e);
    let statements = 0;
    const written = await b.t.ctx.db.transaction((tx) => {
      const counted: typeof tx = {
        ...tx,
        query: (sql: string, params?: unknown[]) => {
          statements++;
          return tx.query(sql, params);
        },
        readAhead: (sql: string, params?: unknown[]) => {
          statements++;
          return tx.query(sql, params);
        },
      } as typeof tx;
      return queueNotificationsBatch(counted, burst, lookupUrl);
    });
    expect(statements).toBe(2);
    expect(written).toBe(burst.reduce((n, e) => n + (EXPECTED[e.type]?.length ?? 0), 0));
    const shape = async (id: string) => (await rowsOf(id)).map((r) => [r.channel, r.status, r.recipient, r.body.replaceAll(id, '')]);
    for (let i = 0; i < 3; i++) expect(await shape(burst[i].id)).toEqual(await shape(single[i].id));
    // Replayed, the burst writes nothing.
    expect(await b.t.ctx.db.transaction((tx) => queueNotificationsBatch(tx, burst, lookupUrl))).toBe(0);
  });
});

describe('delivery through the stand-ins', () => {
  it('sends everything queued: Zalo with the dossier code, the e-mail; receipts mark Zalo and SMS delivered', async () => {
    await dispatcher().drain();
    await settle();
    const statuses = (
      await b.t.ctx.db.query<{ channel: string; status: string }>("SELECT DISTINCT channel, status FROM notifications WHERE status <> 'suppressed'")
    ).rows;
    expect(statuses.map((s) => `${s.channel}:${s.status}`).sort()).toEqual(['email:accepted', 'inapp:delivered', 'zns:delivered']);
    const zns = (await b.citizen.get('/api/dev/zns?phone=84912345678')).json() as { templateId: string; templateData: { code: string }; trackingId: string }[];
    expect(zns.length).toBeGreaterThan(0);
    expect(zns.every((m) => m.templateData.code === dossier.code)).toBe(true);
    expect(new Set(zns.map((m) => m.trackingId)).size).toBe(zns.length);
    const mails = (await b.citizen.get('/api/dev/mailbox?to=mai@example.vn')).json() as { subject: string }[];
    expect(mails.some((m) => m.subject.includes(dossier.code))).toBe(true);
  });

  it('a citizen without Zalo gets the SMS instead: no diacritics, at most 160 characters', async () => {
    await b.citizen.put('/api/dev/zns/behaviours', { phone: '84912345678', behaviour: 'not_zalo_user' });
    const e = eventFor('accept', 1);
    await queue(e);
    await dispatcher().drain();
    await settle();
    const rows = await rowsOf(e.id);
    expect(rows.map((r) => `${r.channel}:${r.status}`)).toEqual(['zns:failed_permanent', 'email:accepted', 'inapp:delivered', 'sms:delivered']);
    expect(rows[0].reason).toMatch(/not_zalo_user/);
    const sms = (await b.citizen.get('/api/dev/sms?phone=0912345678')).json() as { content: string; isUnicode: boolean; requestId: string }[];
    const mine = sms.find((s) => s.requestId === String(rows[3].id));
    expect(mine?.content).toContain(dossier.code);
    expect(mine?.content).toMatch(/tiep nhan/);
    expect(measureSms(mine!.content)).toMatchObject({ encoding: 'gsm7' });
    expect(mine!.content.length).toBeLessThanOrEqual(160);
    expect(mine!.isUnicode).toBe(false);
    await b.citizen.put('/api/dev/zns/behaviours', { phone: '84912345678', behaviour: null });
  });

  it('a Zalo message without a receipt in time gets the SMS fallback', async () => {
    await b.citizen.put('/api/dev/zns/behaviours', { phone: '84912345678', behaviour: 'no_receipt' });
    const e = eventFor('issue_result', 4);
    await queue(e);
    await createNotificationDispatcher(b.t.ctx, { receiptTimeoutSeconds: 0 }).drain();
    await createNotificationDispatcher(b.t.ctx, { receiptTimeoutSeconds: 0 }).drain();
    await settle();
    const rows = await rowsOf(e.id);
    expect(rows.find((r) => r.channel === 'zns')).toMatchObject({ status: 'accepted', reason: 'no_receipt' });
    expect(rows.find((r) => r.channel === 'sms')?.status).toBe('delivered');
    await b.citizen.put('/api/dev/zns/behaviours', { phone: '84912345678', behaviour: null });
  });
});

describe('delivery receipts', () => {
  const cfg = () => notifyConfig(b.t.ctx.config.publicUrl).zns;
  const zaloReceipt = (msgId: string, secret = cfg().oaSecret) => {
    const timestamp = String(Date.now());
    const body = JSON.stringify({ app_id: cfg().appId, event_name: 'user_received_message', timestamp, message: { msg_id: msgId, delivery_time: timestamp } });
    return { body, headers: { 'content-type': 'application/json', 'x-zevent-signature': `mac=${zaloEventSignature(cfg().appId, body, timestamp, secret)}` } };
  };
  const post = (r: { body: string; headers: Record<string, string> }, url = '/api/webhooks/zalo') =>
    b.t.app.inject({ method: 'POST', url, headers: r.headers, payload: r.body });
  const rejections = async () => Number((await b.t.ctx.db.query<{ n: number }>('SELECT count(*)::int AS n FROM notification_receipt_rejections')).rows[0].n);

  it('a duplicate receipt changes nothing', async () => {
    const n = (
      await b.t.ctx.db.query<{ id: number; provider_msg_id: string; delivered_at: Date }>(
        "SELECT id, provider_msg_id, delivered_at FROM notifications WHERE channel = 'zns' AND status = 'delivered' LIMIT 1",
      )
    ).rows[0];
    const res = await post(zaloReceipt(n.provider_msg_id));
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual({ ok: true, outcome: 'duplicate' });
    const after = (await b.t.ctx.db.query<{ status: string; delivered_at: Date }>('SELECT status, delivered_at FROM notifications WHERE id = $1', [n.id]))
      .rows[0];
    expect(after).toEqual({ status: 'delivered', delivered_at: n.delivered_at });
  });

  it('a forged receipt (bad signature, unknown message id) is refused and logged', async () => {
    const before = await rejections();
    const forged = await post(zaloReceipt('whatever', 'not-the-oa-secret'));
    expect(forged.statusCode).toBe(401);
    expect(forged.json().error.code).toBe('RECEIPT_SIGNATURE_INVALID');
    const unknown = await post(zaloReceipt('no-such-message'));
    expect(unknown.statusCode).toBe(404);
    const sms = await post(
      { body: JSON.stringify({ SMSID: 'x', RequestId: '1', SendStatus: '5' }), headers: { 'content-type': 'application/json' } },
      '/api/webhooks/sms?sig=00',
    );
    expect(sms.statusCode).toBe(401);
    const garbage = await post({ body: '{not json', headers: { 'content-type': 'application/json' } });
    expect(garbage.statusCode).toBe(400);
    expect(await rejections()).toBe(before + 4);
    const log = (await b.t.ctx.db.query<{ reason: string }>('SELECT reason FROM notification_receipt_rejections ORDER BY id DESC LIMIT 4')).rows.map(
      (r) => r.reason,
    );
    expect(log.sort()).toEqual(['bad_signature', 'bad_signature', 'malformed', 'unknown_message_id']);
  });

  it('a receipt that arrives before the send’s answer is applied when the answer comes', async () => {
    await b.citizen.put('/api/dev/zns/behaviours', { phone: '84912345678', behaviour: 'no_receipt' });
    const e = eventFor('return_result', 9);
    await queue(e);
    let early: Promise<unknown> = Promise.resolve();
    const d = createNotificationDispatcher(b.t.ctx, {}, async (input, init) => {
      const res = await gatewayFetch(b.t.ctx)(input, init);
      const url = String(input);
      if (url.endsWith('/message/template')) {
        const msgId = ((await res.clone().json()) as { data: { msg_id: string } }).data.msg_id;
        early = post(zaloReceipt(msgId)); // the receipt overtakes the answer
        expect(((await early) as { statusCode: number }).statusCode).toBe(404);
      }
      return res;
    });
    await d.drain();
    await early;
    expect((await rowsOf(e.id)).find((r) => r.channel === 'zns')?.status).toBe('delivered');
    await b.citizen.put('/api/dev/zns/behaviours', { phone: '84912345678', behaviour: null });
  });

  it('an SMS delivery report is verified by the signed callback URL', async () => {
    const n = (
      await b.t.ctx.db.query<{ id: number; provider_msg_id: string }>(
        "SELECT id, provider_msg_id FROM notifications WHERE channel = 'sms' AND status = 'delivered' LIMIT 1",
      )
    ).rows[0];
    const body = JSON.stringify({ SMSID: n.provider_msg_id, RequestId: String(n.id), SendStatus: '5' });
    const sig = smsCallbackSignature(notifyConfig(b.t.ctx.config.publicUrl).sms.callbackSecret, String(n.id));
    const res = await post({ body, headers: { 'content-type': 'application/json' } }, `/api/webhooks/sms?sig=${sig}`);
    expect(res.json()).toEqual({ ok: true, outcome: 'duplicate' });
  });
});

describe('failures, dead letters and resend', () => {
  it('temporary failures back off; after the last attempt the notification is a dead letter shown to the unit, and can be resent', async () => {
    const e = eventFor('request_payment', 4);
    await queue(e);
    let calls = 0;
    const failing = createNotificationDispatcher(b.t.ctx, {}, async () => {
      calls++;
      return new Response('busy', { status: 503 });
    });
    for (let i = 0; i < 6; i++) {
      await failing.runOnce();
      await b.t.ctx.db.query("UPDATE notifications SET next_attempt_at = now() WHERE event_id = $1 AND status = 'failed_temporary'", [e.id]);
    }
    const zns = (await rowsOf(e.id)).find((r) => r.channel === 'zns')!;
    expect(zns).toMatchObject({ status: 'failed_permanent' });
    expect(calls).toBeGreaterThanOrEqual(6);
    const reception = await b.staff('tiepnhan.phurieng');
    const failed = (await reception.get('/api/backoffice/notifications/failed')).json() as { items: { id: number; reason: string; attempts: number }[] };
    const mine = failed.items.find((f) => f.id === zns.id);
    expect(mine).toMatchObject({ attempts: 6 });
    expect(mine?.reason).toMatch(/503/);
    // A specialist does not see this page; another unit's official does not see or resend it.
    expect((await (await b.staff('chuyenvien.vhxh')).get('/api/backoffice/notifications/failed')).statusCode).toBe(403);
    const resend = await reception.post(`/api/backoffice/notifications/${zns.id}/resend`);
    expect(resend.statusCode).toBe(200);
    expect((await rowsOf(e.id)).find((r) => r.id === zns.id)?.status).toBe('queued');
    expect((await reception.post(`/api/backoffice/notifications/${zns.id}/resend`)).statusCode).toBe(409);
  });
});

describe('the Zalo token rotates', () => {
  it('two refreshers at once both get a working token and the rotated refresh token is stored', async () => {
    const cfg = notifyConfig(b.t.ctx.config.publicUrl).zns;
    const http = gatewayFetch(b.t.ctx);
    const before = (await b.t.ctx.db.query<{ refresh_token: string }>("SELECT refresh_token FROM provider_tokens WHERE provider = 'zalo'")).rows[0]
      .refresh_token;
    await b.t.ctx.db.query("UPDATE provider_tokens SET access_expires_at = now() - interval '1 hour' WHERE provider = 'zalo'");
    const [a, c] = await Promise.all([refreshZaloToken(b.t.ctx.db, cfg, http), refreshZaloToken(b.t.ctx.db, cfg, http)]);
    expect(a).toBe(c); // the second waited for the lock and found the fresh token
    const after = (await b.t.ctx.db.query<{ refresh_token: string }>("SELECT refresh_token FROM provider_tokens WHERE provider = 'zalo'")).rows[0]
      .refresh_token;
    expect(after).not.toBe(before);
    // The rotated token works (a forced refresh presents it); the old one is refused by Zalo.
    await expect(refreshZaloToken(b.t.ctx.db, cfg, http, true)).resolves.toBeTruthy();
    const old = await http(cfg.oauthUrl, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded', secret_key: cfg.appSecret },
      body: new URLSearchParams({ app_id: cfg.appId, grant_type: 'refresh_token', refresh_token: before }).toString(),
    });
    expect(old.status).toBe(400);
  });
});

describe('routes: access and input', () => {
  it('the citizen sees their own messages with each channel and state; nobody else does', async () => {
    const mine = (await b.citizen.get(`/api/my/notifications?dossierId=${dossier.id}&limit=200`)).json() as {
      items: { channel: string; status: string; dossierCode: string }[];
    };
    expect(new Set(mine.items.map((i) => i.channel))).toEqual(new Set(['zns', 'sms', 'email', 'inapp']));
    expect(mine.items.every((i) => i.dossierCode === dossier.code)).toBe(true);
    const other = new TestClient(b.t.app);
    await other.loginAs(b.t.ctx.db, 'citizen', { citizenId: crypto.randomUUID(), idNumber: '001099000001', fullName: 'Người khác' });
    expect((await other.get(`/api/my/notifications?dossierId=${dossier.id}`)).json().items).toEqual([]);
    expect((await new TestClient(b.t.app).get('/api/my/notifications')).statusCode).toBe(401);
    expect((await (await b.staff('tiepnhan.phurieng')).get('/api/my/notifications')).statusCode).toBe(403);
    expect((await new TestClient(b.t.app).get('/api/backoffice/notifications/failed')).statusCode).toBe(401);
    expect((await b.citizen.get('/api/backoffice/notifications/failed')).statusCode).toBe(403);
  });

  it('preferences: the citizen turns Zalo off and on', async () => {
    expect((await b.citizen.put('/api/my/notification-preferences', { zns: false, email: true })).json()).toEqual({
      zns: false,
      email: true,
      lifeEvents: false,
    });
    expect((await b.citizen.get('/api/my/notification-preferences')).json()).toEqual({ zns: false, email: true, lifeEvents: false });
    await b.citizen.put('/api/my/notification-preferences', { zns: true, email: true });
    expect((await new TestClient(b.t.app).put('/api/my/notification-preferences', { zns: true, email: true })).statusCode).toBe(401);
  });

  it('bad input gets a clear 4xx in Vietnamese, never a 500', async () => {
    const bad = [
      await b.citizen.get('/api/my/notifications?dossierId=not-a-uuid'),
      await b.citizen.get('/api/my/notifications?limit=abc'),
      await b.citizen.put('/api/my/notification-preferences', { zns: 'yes', email: 1 }),
      await b.citizen.put('/api/my/notification-preferences', { zns: '\u0000', email: 'x'.repeat(100_000) }),
      await (await b.staff('tiepnhan.phurieng')).post('/api/backoffice/notifications/abc/resend'),
      await (await b.staff('tiepnhan.phurieng')).post('/api/backoffice/notifications/99999999999999999999/resend'),
      await b.citizen.put('/api/dev/zns/behaviours', { phone: '0912\u0000', behaviour: 'x' }),
    ];
    for (const r of bad) {
      expect(r.statusCode, r.body).toBeGreaterThanOrEqual(400);
      expect(r.statusCode, r.body).toBeLessThan(500);
      expect(r.json().error.message).toMatch(/[àáảãạăâđêôơư]/i);
    }
    const huge = await b.t.app.inject({
      method: 'POST',
      url: '/api/webhooks/zalo',
      headers: { 'content-type': 'application/json' },
      payload: 'x'.repeat(200_000),
    });
    expect(huge.statusCode).toBe(413);
  });

  it('templates: a new version is saved by a system administrator, an SMS over budget is refused at save', async () => {
    const admin = await b.staff('quantri');
    const url = '/api/admin/notification-templates/dossier.received/sms/vi';
    const long = await admin.put(url, { body: `${'Ho so '.repeat(20)}{{code}} {{link}}` });
    expect(long.statusCode).toBe(422);
    expect(long.json().error.message).toMatch(/vượt quá 160/);
    const ok = await admin.put(url, { body: 'MotCua: Hồ sơ {{code}} đã được tiếp nhận. Tra cứu: {{link}}' });
    expect(ok.statusCode).toBe(201);
    expect(ok.json()).toMatchObject({ version: 2 });
    const e = eventFor('accept', 1);
    await b.citizen.put('/api/dev/zns/behaviours', { phone: '84912345678', behaviour: 'not_zalo_user' });
    await queue(e);
    await dispatcher().drain();
    const sms = (
      await b.t.ctx.db.query<{ body: string; template_version: number }>(
        "SELECT body, template_version FROM notifications WHERE event_id = $1 AND channel = 'sms'",
        [e.id],
      )
    ).rows[0];
    expect(sms).toEqual({
      body: `MotCua: Ho so ${dossier.code} da duoc tiep nhan. Tra cuu: ${notifyConfig(b.t.ctx.config.publicUrl).lookupUrl}`,
      template_version: 2,
    });
    await b.citizen.put('/api/dev/zns/behaviours', { phone: '84912345678', behaviour: null });
    expect((await (await b.staff('tiepnhan.phurieng')).put(url, { body: 'x' })).statusCode).toBe(403);
    expect((await b.citizen.put(url, { body: 'x' })).statusCode).toBe(403);
    expect((await new TestClient(b.t.app).put(url, { body: 'x' })).statusCode).toBe(401);
    expect((await admin.put('/api/admin/notification-templates/nope/sms/vi', { body: 'x' })).statusCode).toBe(404);
    for (const bad of [{ body: 5 }, { body: 'a\u0000b' }, { body: 'x'.repeat(5000) }]) {
      const r = await admin.put(url, bad);
      expect(r.statusCode).toBe(400);
      expect(r.json().error.message).toMatch(/[àáảãạăâđêôơư]/i);
    }
    expect((await admin.put('/api/admin/notification-templates/dossier.received/fax/vi', { body: 'x' })).statusCode).toBe(400);
  });
});
