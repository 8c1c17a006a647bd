/**
 * Payment through the national payment platform (PayGov) end to end on the real app (PGlite, or PostgreSQL with
 * TEST_DATABASE_URL): INIT to the stand-in, its page, the signed confirmation and its defences (forged, tampered,
 * duplicate, amount mismatch, unknown reference, malformed input — each refused with a logged 4xx, nothing changed),
 * GET_BILL settling a payment whose confirmation never got through, reconciliation through GET_BILL, access to the
 * new routes, and the sync payload at the national-portal stand-in (DuocThanhToanTrucTuyen = 1).
 */
import crypto from 'node:crypto';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { payloadProblems } from '../../../core/national-sync/schema.ts';
import { buildConfirm, signMessage } from '../../adapters/paygov.ts';
import { startBackOffice, type BackOffice } from '../../testing/back-office.ts';
import { TestClient } from '../../testing/harness.ts';
import { createNationalSyncWorker } from '../national-sync/job.ts';
import { paymentConfig } from './config.ts';

let b: BackOffice;
beforeAll(async () => {
  b = await startBackOffice();
}, 120_000);
afterAll(async () => {
  await b?.close();
});

const cfg = () => paymentConfig(b.t.ctx.config.publicUrl).paygov;
const db = () => b.t.ctx.db;

/** A marital-status certificate (1.004873): 5.000 đ, halved online → 2.500 đ. */
async function submitFeeBearing(): Promise<{ id: string; code: string }> {
  const draft = (await b.citizen.post('/api/drafts', { procedureCode: '1.004873', caseCode: 'mac-dinh' })).json();
  const values = { ...draft.values, mucDichSuDung: 'Bổ sung hồ sơ xin việc', ngaySinhNguoiNop: draft.values.ngaySinhNguoiNop ?? '1995-01-02' };
  const saved = (await b.citizen.put(`/api/drafts/${draft.id}`, { revision: draft.revision, values, documents: [] })).json();
  const res = await b.citizen.post('/api/dossiers', { draftId: saved.id, idempotencyKey: crypto.randomUUID() });
  expect(res.statusCode, res.body).toBe(201);
  return res.json();
}

async function startPaygov(dossierId: string) {
  const res = await b.citizen.post(`/api/dossiers/${dossierId}/payments`, { idempotencyKey: crypto.randomUUID(), gateway: 'paygov' });
  expect([200, 201], res.body).toContain(res.statusCode);
  return res.json() as { id: string; reference: string; amount: number; state: string; gateway: string; paymentUrl: string };
}

/** The stand-in's page, then pay or cancel with a scenario; returns where the browser is sent. */
async function throughPlatform(paymentUrl: string, decision: 'pay' | 'cancel', scenario = 'normal') {
  const url = new URL(paymentUrl);
  const page = await b.t.app.inject({ method: 'GET', url: url.pathname + url.search });
  expect(page.statusCode, page.body).toBe(200);
  const res = await b.t.app.inject({
    method: 'POST',
    url: url.pathname,
    payload: new URLSearchParams({ ref: url.searchParams.get('ref') ?? '', decision, scenario }).toString(),
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
  });
  expect(res.statusCode, res.body).toBe(302);
  return { page: page.body, location: String(res.headers.location) };
}

const confirm = async (payload: unknown) => {
  const res = await b.t.app.inject({
    method: 'POST',
    url: '/api/payments/paygov/confirm',
    payload: payload as object,
    headers: { 'content-type': 'application/json' },
  });
  return {
    status: res.statusCode,
    body: res.json() as Record<string, unknown> & { maLoi?: string; error?: { code: string; message: string; details?: { maLoi: string } } },
  };
};
const intentRow = async (id: string) =>
  (await db().query<{ state: string; gateway_transaction_no: string | null }>('SELECT state, gateway_transaction_no FROM payment_intents WHERE id = $1', [id]))
    .rows[0];
const ledgerCount = async (intentId: string) =>
  Number((await db().query<{ n: string }>('SELECT count(*) AS n FROM payment_ledger WHERE intent_id = $1', [intentId])).rows[0].n);
const lastEvent = async (reference: string) =>
  (
    await db().query<{ outcome: string; reason: string; kind: string }>(
      "SELECT outcome, reason, kind FROM gateway_events WHERE gateway = 'paygov' AND reference = $1 ORDER BY id DESC LIMIT 1",
      [reference],
    )
  ).rows[0];
const payment = async (dossierId: string) => (await b.citizen.get(`/api/dossiers/${dossierId}/payment`)).json();

describe('payment through the national payment platform (PayGov stand-in)', () => {
  let paid: { dossier: { id: string; code: string }; intent: Awaited<ReturnType<typeof startPaygov>> };

  it('offers PayGov beside VNPay, opens the payment with INIT, pays on the platform page and records channel PayGov', async () => {
    const d = await submitFeeBearing();
    expect((await payment(d.id)).gateways).toEqual(['vnpay', 'paygov']);
    const intent = await startPaygov(d.id);
    expect(intent).toMatchObject({ gateway: 'paygov', state: 'pending', amount: 2500 });
    expect(intent.paymentUrl).toBe(`${b.t.ctx.config.publicUrl}/standins/paygov/thanh-toan?ref=${intent.reference}`);
    // The stand-in received a verified INIT with the frozen fee line as PhiLePhi.
    const book = (
      await db().query<{ amount: number; bill: { MaHoSo: string; PhiLePhi: { SoTien: number }[] } }>(
        'SELECT amount, bill FROM paygov_standin_transactions WHERE ma_tham_chieu = $1',
        [intent.reference],
      )
    ).rows[0];
    expect(book.amount).toBe(2500);
    expect(book.bill.MaHoSo).toBe(d.code);
    expect(book.bill.PhiLePhi.reduce((n, l) => n + l.SoTien, 0)).toBe(2500);

    const { page, location } = await throughPlatform(intent.paymentUrl, 'pay');
    expect(page).toContain('MÔI TRƯỜNG THỬ NGHIỆM');
    expect(page).toContain('2.500 đ');
    expect(location).toContain('/api/payments/paygov/return?MaThamChieu=');
    // The return URL itself settles nothing; it sends the browser to the payment page.
    const back = await b.t.app.inject({ method: 'GET', url: new URL(location).pathname + new URL(location).search });
    expect(back.statusCode).toBe(302);
    expect(back.headers.location).toBe(`/thanh-toan/${intent.id}`);

    expect((await intentRow(intent.id)).state).toBe('paid');
    const p = await payment(d.id);
    expect(p.paymentState).toBe('paid');
    expect(p.paidOnlineVia).toBe(1);
    expect(p.receipts).toHaveLength(1);
    expect(p.receipts[0].method).toBe('paygov');
    expect(await lastEvent(intent.reference)).toMatchObject({ kind: 'return', outcome: 'ignored' });
    const accepted = (
      await db().query("SELECT 1 FROM gateway_events WHERE gateway = 'paygov' AND kind = 'ipn' AND outcome = 'accepted' AND reference = $1", [intent.reference])
    ).rows;
    expect(accepted).toHaveLength(1);
    paid = { dossier: d, intent };
  });

  it('a repeated confirmation is answered 00 and changes nothing', async () => {
    const t = (
      await db().query<{ ma_giao_dich: string; paid_at: Date }>('SELECT ma_giao_dich, paid_at FROM paygov_standin_transactions WHERE ma_tham_chieu = $1', [
        paid.intent.reference,
      ])
    ).rows[0];
    const before = await ledgerCount(paid.intent.id);
    const receipts = (await payment(paid.dossier.id)).receipts.length;
    const again = buildConfirm(cfg(), { reference: paid.intent.reference, transactionNo: t.ma_giao_dich, amount: 2500, state: '00', at: new Date(t.paid_at) });
    const r = await confirm(again);
    expect(r.status).toBe(200);
    expect(r.body.maLoi).toBe('00');
    expect(await ledgerCount(paid.intent.id)).toBe(before);
    expect((await payment(paid.dossier.id)).receipts).toHaveLength(receipts);
    expect(await lastEvent(paid.intent.reference)).toMatchObject({ outcome: 'ignored', reason: 'replay: already paid' });
  });

  let confirmedWithoutPlatform = '';
  it('refuses forged, tampered, amount-mismatched and unknown-reference confirmations with a logged 4xx, changing nothing', async () => {
    const d = await submitFeeBearing();
    const intent = await startPaygov(d.id);
    confirmedWithoutPlatform = intent.reference;
    const good = buildConfirm(cfg(), { reference: intent.reference, transactionNo: 'PG1', amount: 2500, state: '00', at: new Date() });

    const forged = buildConfirm(
      { ...cfg(), secret: 'not-the-secret' },
      { reference: intent.reference, transactionNo: 'PG1', amount: 2500, state: '00', at: new Date() },
    );
    let r = await confirm(forged);
    expect(r.status).toBe(401);
    expect(r.body.error?.code).toBe('PAYGOV_CONFIRM_FORGED');
    expect(r.body.error?.message).toBe('Mã xác thực (MaXacThuc) không đúng.');
    expect(await lastEvent(intent.reference)).toMatchObject({ outcome: 'rejected', reason: 'invalid_checksum' });

    r = await confirm({ ...good, SoTien: 500 });
    expect(r.status).toBe(401);
    expect(await lastEvent(intent.reference)).toMatchObject({ outcome: 'rejected', reason: 'invalid_checksum' });

    r = await confirm({ ...good, TrangThai: '01' });
    expect(r.status).toBe(401);

    r = await confirm({ ...good, MaDoiTac: 'KHAC' });
    expect(r.status).toBe(401);
    expect(await lastEvent(intent.reference)).toMatchObject({ outcome: 'rejected', reason: 'wrong_partner' });

    // Correctly signed, but for another amount than the intent's.
    r = await confirm(buildConfirm(cfg(), { reference: intent.reference, transactionNo: 'PG1', amount: 3000, state: '00', at: new Date() }));
    expect(r.status).toBe(409);
    expect(r.body.error?.details?.maLoi).toBe('04');
    expect((await lastEvent(intent.reference)).reason).toMatch(/^amount_mismatch/);

    r = await confirm(buildConfirm(cfg(), { reference: 'KHONG-CO-THAT', transactionNo: 'PG1', amount: 2500, state: '00', at: new Date() }));
    expect(r.status).toBe(404);
    expect(await lastEvent('KHONG-CO-THAT')).toMatchObject({ outcome: 'rejected', reason: 'unknown_reference' });

    expect((await intentRow(intent.id)).state).toBe('pending');
    expect((await payment(d.id)).paymentState).not.toBe('paid');
    // The genuine one is then accepted.
    r = await confirm(good);
    expect(r.status).toBe(200);
    expect((await intentRow(intent.id)).state).toBe('paid');
  });

  it('refuses malformed input (wrong types, NUL bytes, huge strings, not an object) with a 400 in Vietnamese, and logs it', async () => {
    const good = buildConfirm(cfg(), { reference: 'R-BAD', transactionNo: 'PG1', amount: 2500, state: '00', at: new Date() });
    for (const body of [
      { ...good, SoTien: '2500' },
      { ...good, MaThamChieu: 42 },
      { ...good, MaGiaoDich: 'x'.repeat(100_000) },
      { ...good, TrangThai: '99' },
      { ...good, ThoiGianGD: '2026-01-01' },
      { ...good, extra: 1 },
      [good],
    ]) {
      const r = await confirm(body);
      expect(r.status, JSON.stringify(body).slice(0, 80)).toBe(400);
      expect(r.body.error?.message).toBe('Bản tin xác nhận không đúng định dạng.');
    }
    const logged = (await db().query<{ n: string }>("SELECT count(*) AS n FROM gateway_events WHERE gateway = 'paygov' AND reason LIKE 'malformed%'")).rows[0];
    expect(Number(logged.n)).toBeGreaterThanOrEqual(7);
    // NUL bytes are refused by the server's input guard before the handler, also with a 400 in Vietnamese.
    const nul = await confirm({ ...good, MaThamChieu: 'R-BAD\u0000', MaGiaoDich: 'A\u0000B' });
    expect(nul.status).toBe(400);
    expect(nul.body.error?.message).toMatch(/ký tự/);
  });

  it('a confirmation tampered on the way is refused; GET_BILL (the re-query) then settles the payment', async () => {
    const d = await submitFeeBearing();
    const intent = await startPaygov(d.id);
    await throughPlatform(intent.paymentUrl, 'pay', 'tampered');
    expect((await intentRow(intent.id)).state).toBe('pending');
    expect(
      (await db().query("SELECT reason FROM gateway_events WHERE gateway = 'paygov' AND kind = 'ipn' AND reference = $1", [intent.reference])).rows,
    ).toContainEqual({ reason: 'invalid_checksum' });
    const rq = await b.citizen.post(`/api/payments/${intent.id}/requery`, {});
    expect(rq.statusCode, rq.body).toBe(200);
    expect(rq.json().state).toBe('paid');
    expect((await payment(d.id)).paidOnlineVia).toBe(1);
    expect(await lastEvent(intent.reference)).toMatchObject({ kind: 'requery', outcome: 'accepted', reason: 'paid' });
  });

  it('the platform sending its confirmation twice records one payment', async () => {
    const d = await submitFeeBearing();
    const intent = await startPaygov(d.id);
    await throughPlatform(intent.paymentUrl, 'pay', 'duplicate');
    expect((await intentRow(intent.id)).state).toBe('paid');
    const events = (
      await db().query<{ outcome: string }>("SELECT outcome FROM gateway_events WHERE gateway = 'paygov' AND kind = 'ipn' AND reference = $1 ORDER BY id", [
        intent.reference,
      ])
    ).rows.map((e) => e.outcome);
    expect(events).toEqual(['accepted', 'ignored']);
    const paidEntries = (await db().query("SELECT 1 FROM payment_ledger WHERE intent_id = $1 AND entry = 'paid'", [intent.id])).rows;
    expect(paidEntries).toHaveLength(1);
    expect((await payment(d.id)).receipts).toHaveLength(1);
  });

  it('a cancelled payment fails the attempt; the citizen can start another', async () => {
    const d = await submitFeeBearing();
    const intent = await startPaygov(d.id);
    await throughPlatform(intent.paymentUrl, 'cancel');
    expect((await intentRow(intent.id)).state).toBe('failed');
    const again = await startPaygov(d.id);
    expect(again.id).not.toBe(intent.id);
    expect(again.paymentUrl).toContain(again.reference);
  });

  it('the stand-in refuses an INIT signed with another secret (maLoi 97)', async () => {
    const m = signMessage({ ...cfg(), secret: 'x' }, { LoaiBanTin: 'INIT', MaDoiTac: cfg().partnerCode, MaThamChieu: 'R-X', SoTien: 1000 });
    const res = await b.t.app.inject({ method: 'POST', url: '/standins/paygov/api/giao-dich', payload: m });
    expect(res.json()).toMatchObject({ maLoi: '97' });
  });

  it('reconciles PayGov payments through GET_BILL: the platform’s bills match, a payment it does not hold as paid is reported missing', async () => {
    const finance = await b.staff('tiepnhan.phurieng');
    const ok = await finance.post('/api/payments/reconciliation/paygov', {});
    expect(ok.statusCode, ok.body).toBe(200);
    const run = ok.json();
    expect(run.gateway).toBe('paygov');
    expect(run.report.matched.map((m: { reference: string }) => m.reference)).toContain(paid.intent.reference);
    // The payment confirmed by a test message above was never paid on the platform: its bill still waits.
    expect(run.report.missing).toEqual([expect.objectContaining({ reference: confirmedWithoutPlatform, side: 'statement' })]);
    expect(run.report.mismatched).toEqual([]);
    expect(run.report.matched.length).toBeGreaterThanOrEqual(3);

    await db().query('DELETE FROM paygov_standin_transactions WHERE ma_tham_chieu = $1', [paid.intent.reference]);
    const after = (await finance.post('/api/payments/reconciliation/paygov', {})).json();
    expect(after.report.missing.map((m: { reference: string }) => m.reference).sort()).toEqual([confirmedWithoutPlatform, paid.intent.reference].sort());
    expect(after.report.missing).toContainEqual(expect.objectContaining({ reference: paid.intent.reference, dossierCode: paid.dossier.code }));
    expect(after.text).toContain(`THIẾU  ${paid.intent.reference}`);
  });

  it('access: reconciliation only for finance staff; starting a PayGov payment only for the owner', async () => {
    const anon = new TestClient(b.t.app);
    expect((await anon.post('/api/payments/reconciliation/paygov', {})).statusCode).toBe(401);
    expect((await b.citizen.post('/api/payments/reconciliation/paygov', {})).statusCode).toBe(403);
    expect((await (await b.staff('chuyenvien.vhxh')).post('/api/payments/reconciliation/paygov', {})).statusCode).toBe(403);
    const bad = await (await b.staff('tiepnhan.phurieng')).post('/api/payments/reconciliation/paygov', { from: 'hôm qua', to: 42 });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.message).toMatch(/[ạảãáàâấầậẩẫăắằặẳẵêếềệểễôốồộổỗơớờợởỡưứừựửữđ]/i);

    const d = await submitFeeBearing();
    expect((await anon.post(`/api/dossiers/${d.id}/payments`, { idempotencyKey: crypto.randomUUID(), gateway: 'paygov' })).statusCode).toBe(401);
    const official = await b.staff('tiepnhan.phurieng');
    expect((await official.post(`/api/dossiers/${d.id}/payments`, { idempotencyKey: crypto.randomUUID(), gateway: 'paygov' })).statusCode).toBe(403);
    const other = new TestClient(b.t.app);
    await other.loginAs(db(), 'citizen', {
      citizenId: crypto.randomUUID(),
      idNumber: '001099000111',
      fullName: 'Người Khác',
      loginAt: new Date().toISOString(),
    });
    expect((await other.post(`/api/dossiers/${d.id}/payments`, { idempotencyKey: crypto.randomUUID(), gateway: 'paygov' })).statusCode).toBe(404);
    const wrongGateway = await b.citizen.post(`/api/dossiers/${d.id}/payments`, { idempotencyKey: crypto.randomUUID(), gateway: 'momo\u0000' });
    expect(wrongGateway.statusCode).toBe(400);
    // The return URL with nonsense is logged and sent to the "invalid" page.
    const ret = await anon.get(`/api/payments/paygov/return?MaThamChieu=${'x'.repeat(5000)}`);
    expect(ret.statusCode).toBe(302);
    expect(ret.headers.location).toBe('/thanh-toan/khong-hop-le');
  });

  it('the dossier paid through PayGov reaches the national portal with DuocThanhToanTrucTuyen = 1 and its DanhSachLePhi', async () => {
    await b.t.app.listen({ port: 0, host: '127.0.0.1' });
    const base = `http://127.0.0.1:${(b.t.app.server.address() as AddressInfo).port}/standins/dvcqg`;
    const worker = createNationalSyncWorker(b.t.ctx, { url: base, timeoutMs: 8000 }, { maxAttempts: 3 });
    await worker.drain();
    const row = (await db().query<{ data: Record<string, unknown> }>('SELECT data FROM standin_dvcqg_dossiers WHERE ma_ho_so = $1', [paid.dossier.code]))
      .rows[0];
    expect(row, 'the dossier reached the portal stand-in').toBeDefined();
    expect(payloadProblems('dossier', row.data)).toEqual([]);
    expect(row.data.DuocThanhToanTrucTuyen).toBe('1');
    expect(row.data.DanhSachLePhi).toEqual([expect.objectContaining({ Gia: '2500', HinhThucThu: '2' })]);
  });
});
