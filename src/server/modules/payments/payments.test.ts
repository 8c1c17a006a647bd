/**
 * Online payment end to end on the real app (PGlite, or PostgreSQL with TEST_DATABASE_URL): the bank stand-in's
 * pages and IPN, the IPN's defences (signature, replay, amount, unknown reference, expiry, 20 concurrent
 * deliveries), the return URL that never settles, the status-6 resumption, counter payment, refund and
 * reconciliation.
 */
import crypto from 'node:crypto';
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sign, vnpDate } from '../../adapters/vnpay.ts';
import { setClockTo } from '../../clock.ts';
import { PDF_BYTES, startBackOffice, type BackOffice } from '../../testing/back-office.ts';
import { paymentConfig } from './config.ts';
import { createPaymentOutboxWorker } from './refunds.ts';
import { expireIntents } from './service.ts';

let b: BackOffice;
beforeAll(async () => {
  b = await startBackOffice();
}, 120_000);
afterAll(async () => {
  await b?.close();
});

const cfg = () => paymentConfig(b.t.ctx.config.publicUrl);
const db = () => b.t.ctx.db;

/** A marital-status certificate (1.004873): 5.000 đ, halved when submitted online → 2.500 đ. */
async function submitFeeBearing(): Promise<{ id: string; code: string }> {
  const draft = (await b.citizen.post('/api/drafts', { procedureCode: '1.004873', caseCode: 'mac-dinh' })).json();
  const values = { ...draft.values, mucDichSuDung: 'Bổ sung hồ sơ xin việc', ngaySinhNguoiNop: draft.values.ngaySinhNguoiNop ?? '1995-01-02' };
  const saved = (await b.citizen.put(`/api/drafts/${draft.id}`, { revision: draft.revision, values, documents: [] })).json();
  const res = await b.citizen.post('/api/dossiers', { draftId: saved.id, idempotencyKey: crypto.randomUUID() });
  expect(res.statusCode, res.body).toBe(201);
  return res.json();
}

async function startPay(dossierId: string, key = crypto.randomUUID()) {
  const res = await b.citizen.post(`/api/dossiers/${dossierId}/payments`, { idempotencyKey: key });
  expect([200, 201], res.body).toContain(res.statusCode);
  return res.json() as { id: string; reference: string; amount: number; state: string; paymentUrl: string; expiresAt: string };
}

/** A gateway result signed with the terminal's secret (what VNPay would send). */
function ipnQuery(
  p: { reference: string; amount: number; success?: boolean; transactionNo?: string; payDate?: Date },
  secret = cfg().vnpay.hashSecret,
): string {
  const params: Record<string, string> = {
    vnp_Amount: String(p.amount * 100),
    vnp_BankCode: 'NCB',
    vnp_CardType: 'ATM',
    vnp_OrderInfo: 'Thanh toan',
    vnp_PayDate: vnpDate(p.payDate ?? new Date()),
    vnp_ResponseCode: p.success === false ? '24' : '00',
    vnp_TmnCode: cfg().vnpay.tmnCode,
    vnp_TransactionNo: p.transactionNo ?? '14000001',
    vnp_TransactionStatus: p.success === false ? '02' : '00',
    vnp_TxnRef: p.reference,
  };
  return new URLSearchParams({ ...params, vnp_SecureHash: sign(params, secret) }).toString();
}

const ipn = async (query: string) =>
  (await b.t.app.inject({ method: 'GET', url: `/api/payments/vnpay/ipn?${query}` })).json() as { RspCode: string; Message: string };
const ledger = async (intentId: string) =>
  (await db().query<{ entry: string; source: string }>('SELECT entry, source FROM payment_ledger WHERE intent_id = $1 ORDER BY id', [intentId])).rows;
const intentState = async (id: string) => (await db().query<{ state: string }>('SELECT state FROM payment_intents WHERE id = $1', [id])).rows[0].state;
const payment = async (dossierId: string) => (await b.citizen.get(`/api/dossiers/${dossierId}/payment`)).json();

/** The stand-in's page, then "approve" or "decline"; returns the redirect to the return URL. */
async function throughBank(paymentUrl: string, decision: 'approve' | 'decline') {
  const url = new URL(paymentUrl);
  const page = await b.t.app.inject({ method: 'GET', url: url.pathname + url.search });
  expect(page.statusCode, page.body).toBe(200);
  const res = await b.t.app.inject({
    method: 'POST',
    url: url.pathname,
    payload: new URLSearchParams({ q: url.search.slice(1), decision, bank: 'NCB' }).toString(),
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
  });
  expect(res.statusCode, res.body).toBe(302);
  return { page: page.body, location: String(res.headers.location) };
}

describe('fee exemptions at submission', () => {
  it('an exemption needs its proving document; with it the fee is zero and nothing is owed', async () => {
    const draft = (await b.citizen.post('/api/drafts', { procedureCode: '1.004873', caseCode: 'mac-dinh' })).json();
    const values = { ...draft.values, mucDichSuDung: 'Bổ sung hồ sơ', ngaySinhNguoiNop: draft.values.ngaySinhNguoiNop ?? '1995-01-02' };
    let saved = (
      await b.citizen.put(`/api/drafts/${draft.id}`, { revision: draft.revision, values, documents: [], meta: { ...draft.meta, feeExemptions: ['ho-ngheo'] } })
    ).json();
    const refused = await b.citizen.post('/api/dossiers', { draftId: saved.id, idempotencyKey: crypto.randomUUID() });
    expect(refused.statusCode).toBe(422);
    expect(refused.json().error.details.errors).toContainEqual(
      expect.objectContaining({ code: 'EXEMPTION_PROOF_MISSING', path: 'documents.MIEN-PHI:ho-ngheo' }),
    );

    const upload = (await b.citizen.upload('/api/uploads', 'so-ho-ngheo.pdf', 'application/pdf', PDF_BYTES)).json();
    saved = (
      await b.citizen.put(`/api/drafts/${draft.id}`, { revision: saved.revision, documents: [{ requirementCode: 'MIEN-PHI:ho-ngheo', uploadId: upload.id }] })
    ).json();
    const ok = await b.citizen.post('/api/dossiers', { draftId: saved.id, idempotencyKey: crypto.randomUUID() });
    expect(ok.statusCode, ok.body).toBe(201);
    const p = await payment(ok.json().id);
    expect(p.feeTotal).toBe(0);
    expect(p.amountDue).toBe(0);
    expect(p.feeQuote.lines[0]).toMatchObject({ gross: 5000, exempted: true, net: 0 });
    expect((await b.citizen.post(`/api/dossiers/${ok.json().id}/payments`, { idempotencyKey: crypto.randomUUID() })).json().error.code).toBe('NOTHING_TO_PAY');
  });
});

describe('online payment through the bank stand-in', () => {
  it('shows the frozen quote with the online reduction, pays, settles by IPN and issues the receipt', async () => {
    const d = await submitFeeBearing();
    const before = await payment(d.id);
    expect(before.amountDue).toBe(2500);
    expect(before.feeQuote.lines[0]).toMatchObject({ gross: 5000, reduction: 2500, net: 2500 });

    const key = crypto.randomUUID();
    const intent = await startPay(d.id, key);
    expect(intent).toMatchObject({ amount: 2500, state: 'pending' });
    // A retry with the same key, and a second attempt while this one is open, return the same intent.
    expect((await startPay(d.id, key)).id).toBe(intent.id);
    expect((await startPay(d.id)).id).toBe(intent.id);

    const { page, location } = await throughBank(intent.paymentUrl, 'approve');
    expect(page).toContain('2.500');
    expect(location).toMatch(/\/api\/payments\/vnpay\/return\?/);
    expect(await intentState(intent.id)).toBe('paid');
    expect((await ledger(intent.id)).map((l) => l.entry)).toEqual(['created', 'pending', 'paid']);

    const ret = await b.t.app.inject({ method: 'GET', url: location.replace(b.t.ctx.config.publicUrl, '') });
    expect(ret.headers.location).toBe(`/thanh-toan/${intent.id}`);

    const after = await payment(d.id);
    expect(after).toMatchObject({ paymentState: 'paid', amountDue: 0, paidOnlineVia: 2 });
    expect(after.receipts).toHaveLength(1);
    expect(after.receipts[0]).toMatchObject({ gross: 5000, reduction: 2500, net: 2500, method: 'vnpay' });
    expect(after.receipts[0].number).toMatch(/^\d{7}\/BLĐT-\d{4}$/);

    const pdf = await b.citizen.get(`/api/receipts/${after.receipts[0].id}/pdf`);
    expect(pdf.statusCode).toBe(200);
    expect(pdf.headers['content-type']).toBe('application/pdf');
    const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'receipt-')), 'r.pdf');
    fs.writeFileSync(file, pdf.rawPayload);
    const text = execFileSync('pdftotext', ['-layout', file, '-'], { encoding: 'utf8' });
    expect(text).toContain('BIÊN LAI THU PHÍ, LỆ PHÍ');
    expect(text).toContain(after.receipts[0].number);
    expect(text).toMatch(/5\.000/);
    expect(text).toMatch(/- 2\.500/);
    expect(text).toContain(d.code);

    // Another official's unit or a stranger cannot read it; the public check shows a masked payer.
    const stranger = await b.t.app.inject({ method: 'GET', url: `/api/receipts/${after.receipts[0].id}/pdf` });
    expect(stranger.statusCode).toBe(401);
    const check = (await b.t.app.inject({ method: 'GET', url: `/api/receipts/${after.receipts[0].id}/verify` })).json();
    expect(check).toMatchObject({ number: after.receipts[0].number, net: 2500, payer: 'T. T. Mai' });

    const log = (await b.citizen.get(`/api/my/dossiers/${d.id}`)).json();
    void log;
    const actions = (
      await db().query<{ action: string; actor_kind: string }>('SELECT action, actor_kind FROM dossier_actions WHERE dossier_id = $1 ORDER BY seq', [d.id])
    ).rows;
    expect(actions.at(-1)).toEqual({ action: 'paid', actor_kind: 'system' });
  });

  it('a declined payment fails; a new attempt then succeeds', async () => {
    const d = await submitFeeBearing();
    const first = await startPay(d.id);
    await throughBank(first.paymentUrl, 'decline');
    expect(await intentState(first.id)).toBe('failed');
    expect((await payment(d.id)).paymentState).toBe('none');
    const second = await startPay(d.id);
    expect(second.id).not.toBe(first.id);
    await throughBank(second.paymentUrl, 'approve');
    expect(await intentState(second.id)).toBe('paid');
    expect((await payment(d.id)).receipts).toHaveLength(1);
  });
});

describe('IPN defences: rejected calls are logged and change nothing', () => {
  it('wrong signature, tampered amount, signed wrong amount, unknown reference, replay', async () => {
    const d = await submitFeeBearing();
    const intent = await startPay(d.id);
    const events = async () =>
      (
        await db().query<{ outcome: string; reason: string; response_code: string }>(
          "SELECT outcome, reason, response_code FROM gateway_events WHERE kind = 'ipn' AND (reference = $1 OR reference = 'MCNOSUCHREF') ORDER BY id",
          [intent.reference],
        )
      ).rows;

    expect((await ipn(ipnQuery({ reference: intent.reference, amount: 2500 }, 'not-the-secret'))).RspCode).toBe('97');
    const tampered = new URLSearchParams(ipnQuery({ reference: intent.reference, amount: 2500 }));
    tampered.set('vnp_Amount', '100');
    expect((await ipn(tampered.toString())).RspCode).toBe('97');
    expect((await ipn(ipnQuery({ reference: intent.reference, amount: 25 }))).RspCode).toBe('04');
    expect((await ipn(ipnQuery({ reference: 'MCNOSUCHREF', amount: 2500 }))).RspCode).toBe('01');
    expect(await intentState(intent.id)).toBe('pending');
    expect((await ledger(intent.id)).map((l) => l.entry)).toEqual(['created', 'pending']);
    expect((await payment(d.id)).paymentState).toBe('none');

    const valid = ipnQuery({ reference: intent.reference, amount: 2500, transactionNo: '14000777' });
    expect(await ipn(valid)).toEqual({ RspCode: '00', Message: 'Confirm Success' });
    expect(await ipn(valid)).toEqual({ RspCode: '02', Message: 'Order already confirmed' });
    expect((await ledger(intent.id)).map((l) => l.entry)).toEqual(['created', 'pending', 'paid']);

    expect((await events()).map((e) => [e.outcome, e.reason.split(':')[0], e.response_code])).toEqual([
      ['rejected', 'invalid_signature', '97'],
      ['rejected', 'invalid_signature', '97'],
      ['rejected', 'amount_mismatch', '04'],
      ['rejected', 'unknown_reference', '01'],
      ['accepted', 'paid', '00'],
      ['rejected', 'replay', '02'],
    ]);
    expect((await payment(d.id)).receipts).toHaveLength(1);
  });

  it('the same valid IPN delivered 20 times concurrently records exactly one payment', async () => {
    const d = await submitFeeBearing();
    const intent = await startPay(d.id);
    const valid = ipnQuery({ reference: intent.reference, amount: 2500, transactionNo: '14000888' });
    const answers = await Promise.all(Array.from({ length: 20 }, () => ipn(valid)));
    expect(answers.filter((a) => a.RspCode === '00')).toHaveLength(1);
    expect(answers.filter((a) => a.RspCode === '02')).toHaveLength(19);
    expect((await ledger(intent.id)).filter((l) => l.entry === 'paid')).toHaveLength(1);
    expect((await db().query('SELECT 1 FROM receipts WHERE intent_id = $1', [intent.id])).rows).toHaveLength(1);
    const paidActions = (await db().query("SELECT 1 FROM dossier_actions WHERE dossier_id = $1 AND action = 'paid'", [d.id])).rows;
    expect(paidActions).toHaveLength(1);
  });

  it('the return URL alone never marks a payment as paid; a re-query does', async () => {
    const d = await submitFeeBearing();
    const intent = await startPay(d.id);
    const ret = await b.t.app.inject({ method: 'GET', url: `/api/payments/vnpay/return?${ipnQuery({ reference: intent.reference, amount: 2500 })}` });
    expect(ret.statusCode).toBe(302);
    expect(await intentState(intent.id)).toBe('pending');
    const ev = (await db().query<{ outcome: string }>("SELECT outcome FROM gateway_events WHERE kind = 'return' AND reference = $1", [intent.reference])).rows;
    expect(ev).toEqual([{ outcome: 'ignored' }]);
    // The gateway has no such payment: the re-query leaves it pending.
    const rq = await b.citizen.post(`/api/payments/${intent.id}/requery`);
    expect(rq.json().state).toBe('pending');

    // Paid at the bank, but the IPN is lost (simulated by marking the stand-in's IPN as already delivered):
    // the re-query finds it and settles it.
    await db().query(
      "INSERT INTO bank_standin_transactions (txn_ref, terminal, amount, order_info, return_url, status, transaction_no, bank_code, pay_date, ipn_done) VALUES ($1, $2, $3, 'x', 'x', 'success', '14000999', 'NCB', now(), true)",
      [intent.reference, cfg().vnpay.tmnCode, 250000],
    );
    const rq2 = await b.citizen.post(`/api/payments/${intent.id}/requery`);
    expect(rq2.json().state).toBe('paid');
    expect((await ledger(intent.id)).map((l) => [l.entry, l.source])).toContainEqual(['paid', 'requery']);
  });

  it('an expired intent cannot be paid', async () => {
    const d = await submitFeeBearing();
    const start = b.at('09:00');
    const intent = await startPay(d.id);
    setClockTo(new Date(start.getTime() + 31 * 60_000), { frozen: true });
    const url = new URL(intent.paymentUrl);
    const page = await b.t.app.inject({ method: 'GET', url: url.pathname + url.search });
    expect(page.statusCode).toBe(400);
    expect(page.body).toContain('quá thời gian');
    expect(await expireIntents(b.t.ctx)).toBeGreaterThanOrEqual(1);
    expect(await intentState(intent.id)).toBe('expired');
    expect((await ipn(ipnQuery({ reference: intent.reference, amount: 2500, payDate: start }))).RspCode).toBe('02');
    expect(await intentState(intent.id)).toBe('expired');
    expect((await ledger(intent.id)).map((l) => l.entry)).toEqual(['created', 'pending', 'expired']);
    expect((await payment(d.id)).paymentState).toBe('none');
    // A new attempt is possible.
    expect((await startPay(d.id)).state).toBe('pending');
  });

  it('the ledger is append-only', async () => {
    await expect(db().query("UPDATE payment_ledger SET amount = 1 WHERE entry = 'paid'")).rejects.toThrow(/append-only/);
    await expect(db().query('DELETE FROM payment_ledger')).rejects.toThrow(/append-only/);
  });
});

describe('financial obligation (status 6), counter payment, refunds, reconciliation', () => {
  const act = async (username: string, id: string, action: string, body: Record<string, unknown> = {}) =>
    (await b.staff(username)).post(`/api/staff/dossiers/${id}/${action}`, body);

  async function toStatus6(amount: number) {
    b.at('08:30');
    const d = await submitFeeBearing();
    // Paid nothing at submission; the counter accepts, the specialist asks for the obligation.
    const accepted = await act('tiepnhan.phurieng', d.id, 'accept');
    expect(accepted.statusCode).toBe(200);
    // Automatic assignment picks the least loaded specialist.
    const assignee = (await db().query<{ username: string }>('SELECT username FROM officials WHERE id = $1', [accepted.json().task.assigneeId])).rows[0]
      .username;
    const res = await act(assignee, d.id, 'request-payment', { amount, reason: 'Nộp lệ phí theo quy định' });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json().status).toBe(6);
    return d;
  }

  it('an online payment of a status-6 dossier resumes processing like a counter payment', async () => {
    const d = await toStatus6(10000);
    expect((await payment(d.id)).amountDue).toBe(10000);
    b.at('10:00');
    const intent = await startPay(d.id);
    expect(intent.amount).toBe(10000);
    await throughBank(intent.paymentUrl, 'approve');
    const row = (
      await db().query<{ status: number; payment_state: string; sub_state: string; paused_since: Date | null }>(
        'SELECT status, payment_state, sub_state, paused_since FROM dossiers WHERE id = $1',
        [d.id],
      )
    ).rows[0];
    expect(row).toMatchObject({ status: 4, payment_state: 'paid', sub_state: 'processing', paused_since: null });
    const last = (
      await db().query<{ action: string; from_status: number; to_status: number; data: Record<string, unknown> }>(
        'SELECT action, from_status, to_status, data FROM dossier_actions WHERE dossier_id = $1 ORDER BY seq DESC LIMIT 1',
        [d.id],
      )
    ).rows[0];
    expect(last).toMatchObject({ action: 'paid', from_status: 6, to_status: 4 });
    expect(last.data.pausedWorkingMinutes).toBe(90);
    // The receipt prints the requested amount (no online reduction on an amount set by the official).
    expect((await payment(d.id)).receipts[0]).toMatchObject({ gross: 10000, reduction: 0, net: 10000 });
  });

  it('a counter payment is written to the same ledger with a receipt', async () => {
    const d = await toStatus6(7000);
    const res = await act('tiepnhan.phurieng', d.id, 'record-payment', { payment: { amount: 7000, method: 'card', receiptNumber: 'POS-001' } });
    expect(res.statusCode, res.body).toBe(200);
    const p = await payment(d.id);
    expect(p).toMatchObject({ paymentState: 'paid', paidOnlineVia: 0 });
    expect(p.intents[0]).toMatchObject({ gateway: 'counter', state: 'paid', amount: 7000, method: 'card' });
    expect((await ledger(p.intents[0].id)).map((l) => [l.entry, l.source])).toEqual([
      ['created', 'official'],
      ['paid', 'official'],
    ]);
    expect(p.receipts[0]).toMatchObject({ net: 7000, method: 'card' });
    const staffPdf = await (await b.staff('tiepnhan.phurieng')).get(`/api/receipts/${p.receipts[0].id}/pdf`);
    expect(staffPdf.statusCode).toBe(200);
    const otherUnit = await (await b.staff('tiepnhan.xuanthanh')).get(`/api/receipts/${p.receipts[0].id}/pdf`);
    expect(otherUnit.statusCode).toBe(404);
  });

  it('refusing a paid dossier refunds it through the gateway', async () => {
    const d = await submitFeeBearing();
    const intent = await startPay(d.id);
    await throughBank(intent.paymentUrl, 'approve');
    const res = await act('tiepnhan.phurieng', d.id, 'refuse', { reason: 'Hồ sơ không thuộc thẩm quyền giải quyết của xã' });
    expect(res.statusCode, res.body).toBe(200);
    expect((await payment(d.id)).paymentState).toBe('refund_pending');
    expect((await ledger(intent.id)).map((l) => l.entry)).toEqual(['created', 'pending', 'paid', 'refund_requested']);
    await createPaymentOutboxWorker(b.t.ctx).drain();
    const p = await payment(d.id);
    expect(p.paymentState).toBe('refunded');
    expect(p.refunds[0]).toMatchObject({ state: 'done', amount: 2500 });
    expect(await intentState(intent.id)).toBe('refunded');
    expect((await ledger(intent.id)).map((l) => [l.entry, l.source])).toContainEqual(['refunded', 'refund_api']);
    const bank = (await db().query<{ status: string }>('SELECT status FROM bank_standin_transactions WHERE txn_ref = $1', [intent.reference])).rows[0];
    expect(bank.status).toBe('refunded');
  });

  it('stopping a dossier paid at the counter opens a counter refund, paid out by the receiving counter', async () => {
    const d = await toStatus6(6000);
    expect((await act('tiepnhan.phurieng', d.id, 'record-payment', { payment: { amount: 6000, method: 'cash' } })).statusCode).toBe(200);
    const stop = await act('lanhdao.phurieng', d.id, 'stop', { reason: 'Người yêu cầu không còn nhu cầu giải quyết' });
    expect(stop.statusCode, stop.body).toBe(200);
    const p = await payment(d.id);
    expect(p.paymentState).toBe('refund_pending');
    expect(p.refunds[0]).toMatchObject({ state: 'at_counter', amount: 6000 });
    expect((await (await b.staff('tiepnhan.xuanthanh')).post(`/api/payments/refunds/${p.refunds[0].id}/paid-out`)).statusCode).toBe(404);
    const paidOut = await (await b.staff('tiepnhan.phurieng')).post(`/api/payments/refunds/${p.refunds[0].id}/paid-out`);
    expect(paidOut.statusCode, paidOut.body).toBe(200);
    expect((await (await b.staff('tiepnhan.phurieng')).post(`/api/payments/refunds/${p.refunds[0].id}/paid-out`)).statusCode).toBe(409);
    const after = await payment(d.id);
    expect(after.paymentState).toBe('refunded');
    expect((await ledger(after.intents[0].id)).map((l) => l.entry)).toEqual(['created', 'paid', 'refund_requested', 'refunded']);
  });

  it('reconciliation on a statement with one missing and one mismatched transaction lists exactly those two', async () => {
    // A day of its own: the statement and the ledger cover the same period.
    const day = b.at('14:00', 1);
    const period = { from: new Date(day.getTime() - 60_000).toISOString(), to: new Date(day.getTime() + 60_000).toISOString() };
    const paid: { reference: string }[] = [];
    for (let n = 0; n < 3; n++) {
      const d = await submitFeeBearing();
      const i = await startPay(d.id);
      await throughBank(i.paymentUrl, 'approve');
      paid.push(i);
    }
    const csv = (await b.t.app.inject({ method: 'GET', url: `/bank/vnpay/statement.csv?${new URLSearchParams(period)}` })).body;
    expect(csv.trim().split('\n')).toHaveLength(4);
    const lines = csv.trim().split('\n');
    const missing = paid[0].reference;
    const mismatched = paid[1].reference;
    const edited = lines
      .filter((l) => !l.startsWith(`${missing},`))
      .map((l) => (l.startsWith(`${mismatched},`) ? l.replace(',2500,', ',2000,') : l))
      .join('\n');
    const finance = await b.staff('tiepnhan.phurieng');
    const res = await finance.post('/api/payments/reconciliation', { statement: edited, ...period });
    expect(res.statusCode, res.body).toBe(200);
    const run = res.json();
    expect(
      run.report.missing.map((m: { reference: string }) => m.reference),
      JSON.stringify(run.report.missing),
    ).toEqual([missing]);
    expect(run.report.mismatched.map((m: { reference: string }) => m.reference)).toEqual([mismatched]);
    expect(run.report.matched.map((m: { reference: string }) => m.reference)).toContain(paid[2].reference);
    expect(run.text).toMatch(/Thiếu: 1 \| Lệch: 1/);
    // A citizen cannot run it.
    expect((await b.citizen.post('/api/payments/reconciliation', { statement: edited })).statusCode).toBe(403);
  });
});
