/**
 * Contacts confirmed with a one-time code: the code goes out through the notification outbox (SMS to a phone, an
 * e-mail to an address) and reaches the stand-ins; a wrong, reused, expired or exhausted code is refused; a citizen
 * asks for a few codes an hour at most; the confirmed contact is where the citizen's notifications go. Access and
 * bad-input checks of every route.
 */
import crypto from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DossierEvent } from '../../../core/dossiers/events.ts';
import { CONFIRMATION_MAX_ATTEMPTS, CONFIRMATIONS_PER_HOUR } from '../../../core/notifications/contacts.ts';
import { startBackOffice, type BackOffice } from '../../testing/back-office.ts';
import { TestClient } from '../../testing/harness.ts';
import { createNotificationDispatcher, notifyConfig, queueNotifications } from './index.ts';

let b: BackOffice;
const dispatch = () => createNotificationDispatcher(b.t.ctx, { receiptTimeoutSeconds: 3600 }).drain();
const vietnamese = /[àáảãạăâđêôơư]/i;

async function freshCitizen(): Promise<TestClient> {
  const c = new TestClient(b.t.app);
  const id = String(crypto.randomInt(1e11, 1e12 - 1)).padStart(12, '0');
  await c.loginAs(b.t.ctx.db, 'citizen', { citizenId: crypto.randomUUID(), idNumber: id, fullName: 'Trần Thị Lan' });
  return c;
}

/** The code as the stand-in SMS gateway or the SMTP capture received it. */
async function codeSent(kind: 'phone' | 'email', to: string): Promise<string> {
  await dispatch();
  const texts =
    kind === 'phone'
      ? ((await b.citizen.get(`/api/dev/sms?phone=${to}`)).json() as { content: string; isUnicode: boolean }[]).map((m) => {
          expect(m.isUnicode).toBe(false);
          return m.content;
        })
      : ((await b.citizen.get(`/api/dev/mailbox?to=${encodeURIComponent(to)}`)).json() as { text: string }[]).map((m) => m.text);
  const code = texts[0]?.match(/\b(\d{6})\b/)?.[1];
  expect(code, texts.join('\n')).toBeDefined();
  return code as string;
}

beforeAll(async () => {
  b = await startBackOffice();
});
afterAll(async () => {
  await b?.close();
});

describe('a phone number and an e-mail confirmed with a one-time code', () => {
  it('the code goes out by SMS (one GSM-7 segment); a wrong code is refused; the right one confirms the number once', async () => {
    const lan = await freshCitizen();
    const asked = await lan.post('/api/my/contacts/confirmations', { kind: 'phone', value: '0987 654 321' });
    expect(asked.statusCode, asked.body).toBe(201);
    const { id, value } = asked.json() as { id: string; value: string };
    expect(value).toBe('+84987654321');
    const code = await codeSent('phone', '0987654321');
    const sms = (await b.citizen.get('/api/dev/sms?phone=0987654321')).json() as { content: string }[];
    expect(sms[0].content.length).toBeLessThanOrEqual(160);

    const wrong = await lan.post(`/api/my/contacts/confirmations/${id}`, { code: code === '000000' ? '111111' : '000000' });
    expect(wrong.statusCode).toBe(422);
    expect(wrong.json().error.code).toBe('CONFIRMATION_CODE_WRONG');
    // Another citizen cannot use my challenge, even with the right code.
    expect((await (await freshCitizen()).post(`/api/my/contacts/confirmations/${id}`, { code })).statusCode).toBe(404);

    const ok = await lan.post(`/api/my/contacts/confirmations/${id}`, { code });
    expect(ok.statusCode, ok.body).toBe(200);
    expect(ok.json().value).toBe('+84987654321');
    expect((await lan.get('/api/my/contacts')).json()).toMatchObject({ phone: { value: '+84987654321' }, email: null });
    // Used once only, and the code is no longer readable in the sent message; the citizen's list does not show it.
    expect((await lan.post(`/api/my/contacts/confirmations/${id}`, { code })).statusCode).toBe(410);
    const stored = (await b.t.ctx.db.query<{ body: string; status: string }>('SELECT body, status FROM notifications WHERE event_id = $1', [id])).rows;
    expect(stored).toHaveLength(1);
    expect(stored[0].body).not.toContain(code);
    expect(stored[0].status).toMatch(/accepted|delivered/);
    expect(((await lan.get('/api/my/notifications')).json() as { items: unknown[] }).items).toEqual([]);
    // Removed, it is gone.
    expect((await lan.request('DELETE', '/api/my/contacts/phone')).statusCode).toBe(200);
    expect((await lan.get('/api/my/contacts')).json()).toEqual({ phone: null, email: null });
  });

  it('an e-mail address is confirmed with the code sent by e-mail', async () => {
    const lan = await freshCitizen();
    const asked = await lan.post('/api/my/contacts/confirmations', { kind: 'email', value: ' Lan.Tran@Example.VN ' });
    expect(asked.statusCode, asked.body).toBe(201);
    expect(asked.json().value).toBe('Lan.Tran@example.vn');
    const code = await codeSent('email', 'Lan.Tran@example.vn');
    expect((await lan.post(`/api/my/contacts/confirmations/${asked.json().id}`, { code })).statusCode).toBe(200);
    expect((await lan.get('/api/my/contacts')).json().email.value).toBe('Lan.Tran@example.vn');
  });

  it(`after ${CONFIRMATION_MAX_ATTEMPTS} wrong codes even the right one is refused; an expired code is refused`, async () => {
    const lan = await freshCitizen();
    const { id } = (await lan.post('/api/my/contacts/confirmations', { kind: 'phone', value: '0977 111 222' })).json() as { id: string };
    const code = await codeSent('phone', '0977111222');
    const wrongCode = code === '000000' ? '111111' : '000000';
    for (let i = 0; i < CONFIRMATION_MAX_ATTEMPTS; i++)
      expect((await lan.post(`/api/my/contacts/confirmations/${id}`, { code: wrongCode })).statusCode).toBe(422);
    const locked = await lan.post(`/api/my/contacts/confirmations/${id}`, { code });
    expect(locked.statusCode).toBe(429);
    expect(locked.json().error.message).toMatch(vietnamese);

    const again = (await lan.post('/api/my/contacts/confirmations', { kind: 'phone', value: '0977 111 223' })).json() as { id: string };
    const code2 = await codeSent('phone', '0977111223');
    await b.t.ctx.db.query("UPDATE contact_confirmations SET expires_at = now() - interval '1 second' WHERE id = $1", [again.id]);
    expect((await lan.post(`/api/my/contacts/confirmations/${again.id}`, { code: code2 })).statusCode).toBe(410);
    expect((await lan.get('/api/my/contacts')).json().phone).toBeNull();
  });

  it(`a citizen asks for ${CONFIRMATIONS_PER_HOUR} codes an hour at most`, async () => {
    const lan = await freshCitizen();
    const answers = await Promise.all(
      Array.from({ length: CONFIRMATIONS_PER_HOUR + 2 }, (_, i) => lan.post('/api/my/contacts/confirmations', { kind: 'email', value: `lan${i}@example.vn` })),
    );
    expect(answers.filter((a) => a.statusCode === 201)).toHaveLength(CONFIRMATIONS_PER_HOUR);
    const refused = answers.filter((a) => a.statusCode !== 201);
    expect(refused.map((a) => a.statusCode)).toEqual([429, 429]);
    expect(refused[0].json().error.code).toBe('CONFIRMATION_LIMIT');
  });

  it("the citizen's notifications go to the confirmed number and address, not the ones typed on the form", async () => {
    const d = await b.submitBirthRegistration();
    const row = (
      await b.t.ctx.db.query<{ owner_citizen_id: string; receiving_unit_id: string }>(
        'SELECT owner_citizen_id, receiving_unit_id FROM dossiers WHERE id = $1',
        [d.id],
      )
    ).rows[0];
    await b.t.ctx.db.query("UPDATE dossiers SET applicant_phone = '0912 000 111', applicant_email = 'form@example.vn' WHERE id = $1", [d.id]);
    await b.t.ctx.db.query(
      "INSERT INTO citizen_contacts (citizen_id, kind, value, confirmed_at) VALUES ($1, 'phone', '+84988000222', now()), ($1, 'email', 'confirmed@example.vn', now())",
      [row.owner_citizen_id],
    );
    const e: DossierEvent = {
      id: `${d.id}:contacts`,
      type: 'received',
      action: 'accept',
      version: 1,
      dossierId: d.id,
      code: d.code,
      seq: 99,
      at: new Date().toISOString(),
      actor: { kind: 'system', id: 'test', name: 'test', role: 'system' },
      status: { before: 1, after: 2 },
      procedure: { code: '1.001193', version: 1, caseCode: 'dung-han' },
      channel: 2,
      receivingUnitId: row.receiving_unit_id,
      competentUnitId: null,
      dueAt: new Date(Date.now() + 86400_000).toISOString(),
      data: {},
      logHash: 'x',
    };
    await b.t.ctx.db.transaction((tx) => queueNotifications(tx, e, notifyConfig(b.t.ctx.config.publicUrl).lookupUrl));
    const rows = (
      await b.t.ctx.db.query<{ channel: string; recipient: string }>(
        "SELECT channel, recipient FROM notifications WHERE event_id = $1 AND channel <> 'inapp' ORDER BY id",
        [e.id],
      )
    ).rows;
    expect(rows).toEqual([
      { channel: 'zns', recipient: '+84988000222' },
      { channel: 'email', recipient: 'confirmed@example.vn' },
    ]);
    await b.t.ctx.db.query('DELETE FROM citizen_contacts WHERE citizen_id = $1', [row.owner_citizen_id]);
  });
});

describe('routes: access and input', () => {
  it('only a signed-in citizen asks for, enters and reads codes', async () => {
    const anonymous = new TestClient(b.t.app);
    const official = await b.staff('tiepnhan.phurieng');
    const someId = crypto.randomUUID();
    for (const c of [anonymous, official]) {
      const expected = c === anonymous ? 401 : 403;
      expect((await c.get('/api/my/contacts')).statusCode).toBe(expected);
      expect((await c.post('/api/my/contacts/confirmations', { kind: 'phone', value: '0987654321' })).statusCode).toBe(expected);
      expect((await c.post(`/api/my/contacts/confirmations/${someId}`, { code: '123456' })).statusCode).toBe(expected);
      expect((await c.request('DELETE', '/api/my/contacts/phone')).statusCode).toBe(expected);
    }
    expect((await b.citizen.post(`/api/my/contacts/confirmations/${someId}`, { code: '123456' })).statusCode).toBe(404);
  });

  it('bad input gets a clear 4xx in Vietnamese, never a 500', async () => {
    const lan = await freshCitizen();
    const bad = [
      await lan.post('/api/my/contacts/confirmations', { kind: 'fax', value: '0987654321' }),
      await lan.post('/api/my/contacts/confirmations', { kind: 'phone', value: 987654321 }),
      await lan.post('/api/my/contacts/confirmations', { kind: 'phone', value: '0987\u0000654321' }),
      await lan.post('/api/my/contacts/confirmations', { kind: 'email', value: `${'x'.repeat(100_000)}@example.vn` }),
      await lan.post('/api/my/contacts/confirmations', { kind: 'phone', value: '12345' }),
      await lan.post('/api/my/contacts/confirmations', { kind: 'phone', value: '024 3825 3536' }),
      await lan.post('/api/my/contacts/confirmations', { kind: 'email', value: 'not an address' }),
      await lan.post('/api/my/contacts/confirmations', { kind: 'phone', value: '0987654321', extra: 1 }),
      await lan.post('/api/my/contacts/confirmations/not-a-uuid', { code: '123456' }),
      await lan.post(`/api/my/contacts/confirmations/${crypto.randomUUID()}`, { code: 'abc' }),
      await lan.post(`/api/my/contacts/confirmations/${crypto.randomUUID()}`, { code: '1'.repeat(10_000) }),
      await lan.request('DELETE', '/api/my/contacts/fax'),
    ];
    for (const r of bad) {
      expect(r.statusCode, r.body).toBeGreaterThanOrEqual(400);
      expect(r.statusCode, r.body).toBeLessThan(500);
      expect(r.json().error.message, r.body).toMatch(vietnamese);
    }
    expect(bad[5].json().error.code).toBe('CONTACT_INVALID');
    expect((await lan.get('/api/my/contacts')).json()).toEqual({ phone: null, email: null });
  });
});
