/**
 * Payments API: the dossier's payment side for its owner and for officials who may see it, starting an online
 * payment, the intent's status (polled by the return page) and its re-query, the VNPay IPN and return URL, receipts
 * (PDF for owner and staff, a public masked check for the QR code), and reconciliation for finance staff.
 */
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { DossierIdParams } from '../../../contract/dossiers.ts';
import { createdOrFound, file, Ok, PDF, redirect } from '../../../contract/http.ts';
import {
  DossierPaymentView,
  IntentStatusView,
  IntentView,
  IpnAnswer,
  PaygovConfirmAnswer,
  PaygovConfirmBody,
  PaygovReconciliationBody,
  ReceiptCheck,
  ReconciliationBody,
  ReconciliationRunView,
  StartPaymentBody,
  VnpayParams,
  type QuoteView,
} from '../../../contract/payments.ts';
import { canSee } from '../../../core/workflow/permissions.ts';
import type { AppContext } from '../../context.ts';
import { currentActor } from '../../http/actor.ts';
import { AppError, notFound, unauthorized } from '../../http/errors.ts';
import { defineRoute, describeRoute } from '../../http/route.ts';
import { requireStaff } from '../officials/index.ts';
import { loadReceipt, renderReceiptPdf } from './receipt-pdf.ts';
import { handlePaygovConfirm, handlePaygovReturn } from './paygov-flow.ts';
import { formatReport, runPaygovReconciliation, runReconciliation } from './reconciliation.ts';
import { recordCounterRefund } from './refunds.ts';
import { dossierPayment, handleVnpayIpn, handleVnpayReturn, intentView, loadDossierForPayment, loadIntent, requeryIntent, startPayment } from './service.ts';
import { bindTransport } from './transport.ts';

const Id = DossierIdParams;
const FINANCE_ROLES = new Set(['reception', 'unit_admin', 'supervisor', 'system_admin']);

/** The owner (citizen) or an official who may see the dossier; anyone else gets 404. */
async function assertAccess(ctx: AppContext, req: FastifyRequest, d: { owner_citizen_id: string | null; unit_ids: string[] }): Promise<'citizen' | 'official'> {
  const actor = currentActor(req);
  if (!actor) throw unauthorized();
  if (actor.kind === 'citizen') {
    if (d.owner_citizen_id !== actor.id) throw notFound('Không tìm thấy hồ sơ.');
    return 'citizen';
  }
  const staff = await requireStaff(ctx, req);
  if (!canSee(staff.auth, { unitIds: d.unit_ids ?? [] })) throw notFound('Không tìm thấy hồ sơ.');
  return 'official';
}

export default async function paymentRoutes(app: FastifyInstance, ctx: AppContext): Promise<void> {
  bindTransport(ctx, app);

  defineRoute(
    app,
    {
      method: 'GET',
      url: '/api/dossiers/:id/payment',
      summary: 'Payment side of a dossier: amount due, quote, attempts, receipts, refunds',
      tags: ['Payments'],
      params: Id,
      response: DossierPaymentView,
    },
    async ({ params, req }) => {
      const d = await loadDossierForPayment(ctx.db, params.id);
      await assertAccess(ctx, req, d);
      const view = await dossierPayment(ctx, ctx.db, d);
      // The quote is stored as src/core/fees/quote.ts wrote it.
      return { ...view, feeQuote: view.feeQuote as QuoteView | null };
    },
  );

  defineRoute(
    app,
    {
      method: 'POST',
      url: '/api/dossiers/:id/payments',
      summary: 'Start (or resume) an online payment of the dossier fees',
      tags: ['Payments'],
      params: Id,
      body: StartPaymentBody,
      rateLimit: { max: 30, timeWindow: '1 minute' },
      response: createdOrFound(IntentView),
    },
    async ({ params, body, req, reply }) => {
      const actor = currentActor(req);
      if (!actor) throw unauthorized();
      if (actor.kind !== 'citizen')
        throw new AppError('FORBIDDEN', 'Chỉ người nộp hồ sơ thanh toán trực tuyến. Cán bộ ghi nhận khoản nộp tại quầy trong trang hồ sơ.', 403);
      const r = await startPayment(ctx, actor, params.id, body);
      reply.status(r.created ? 201 : 200);
      return r.intent;
    },
  );

  defineRoute(
    app,
    { method: 'GET', url: '/api/payments/:id', summary: 'A payment attempt and its state', tags: ['Payments'], params: Id, response: IntentStatusView },
    async ({ params, req }) => {
      const i = await loadIntent(ctx.db, params.id);
      const d = await loadDossierForPayment(ctx.db, i.dossier_id);
      await assertAccess(ctx, req, d);
      const receipt = (await ctx.db.query<{ id: string; number: string }>('SELECT id, number FROM receipts WHERE intent_id = $1', [i.id])).rows[0] ?? null;
      return { ...intentView(ctx, i), dossierCode: d.code, receipt };
    },
  );

  defineRoute(
    app,
    {
      method: 'POST',
      url: '/api/payments/:id/requery',
      summary: 'Ask the gateway about a pending attempt (querydr)',
      tags: ['Payments'],
      params: Id,
      rateLimit: { max: 30, timeWindow: '1 minute' },
      response: IntentView,
    },
    async ({ params, req }) => {
      const i = await loadIntent(ctx.db, params.id);
      await assertAccess(ctx, req, await loadDossierForPayment(ctx.db, i.dossier_id));
      const after = await requeryIntent(ctx, i.id).catch((err: unknown) => {
        req.log.warn({ err }, 'payment requery failed');
        throw new AppError('GATEWAY_UNAVAILABLE', 'Chưa liên lạc được với cổng thanh toán. Vui lòng thử lại sau ít phút.', 503);
      });
      return intentView(ctx, after);
    },
  );

  // VNPay IPN (server to server): always HTTP 200 with {RspCode, Message}, as VNPay expects.
  describeRoute({
    method: 'GET',
    url: '/api/payments/vnpay/ipn',
    summary: 'VNPay IPN (server to server): the signed result of a payment; always 200 with RspCode and Message, as VNPay expects',
    tags: ['Payments'],
    query: VnpayParams,
    response: IpnAnswer,
  });
  app.get('/api/payments/vnpay/ipn', async (req) => handleVnpayIpn(ctx, req.query, req.ip));

  // The browser's return: logged, never trusted; the web page then polls the intent's state.
  describeRoute({
    method: 'GET',
    url: '/api/payments/vnpay/return',
    summary: 'VNPay return URL (the browser comes back): logged, never trusted; redirects to the payment page of the web app',
    tags: ['Payments'],
    query: VnpayParams,
    response: redirect(302, '/thanh-toan/{intentId}, or /thanh-toan/khong-hop-le when the parameters are not valid'),
  });
  app.get('/api/payments/vnpay/return', async (req, reply) => {
    const r = await handleVnpayReturn(ctx, req.query, req.ip);
    return reply.redirect(r.intentId ? `/thanh-toan/${r.intentId}` : '/thanh-toan/khong-hop-le', 302);
  });

  // PayGov's confirmation (server to server): JSON {maLoi, moTaLoi}; a refused message is a logged 4xx.
  describeRoute({
    method: 'POST',
    url: '/api/payments/paygov/confirm',
    summary:
      'National payment platform (PayGov) confirmation (server to server), signed with MaXacThuc: 200 {maLoi: "00"} when recorded (also for a repeated confirmation); a malformed, forged, tampered, unknown or mismatched message is refused with a 4xx (errors PAYGOV_CONFIRM_*, details {maLoi, moTaLoi}) and logged',
    tags: ['Payments'],
    body: PaygovConfirmBody,
    response: PaygovConfirmAnswer,
  });
  defineRoute(
    app,
    {
      method: 'POST',
      url: '/api/payments/paygov/confirm',
      summary: 'PayGov confirmation (documented above; the body is read by the handler so that every call is logged)',
      csrfExempt: true,
      rateLimit: { max: 600, timeWindow: '1 minute' },
      response: PaygovConfirmAnswer,
    },
    async ({ req }) => {
      const r = await handlePaygovConfirm(ctx, req.body, req.ip);
      if (r.status >= 400) {
        req.log.warn({ status: r.status, maLoi: r.body.maLoi }, 'PayGov confirmation refused');
        const code = { 400: 'PAYGOV_CONFIRM_INVALID', 401: 'PAYGOV_CONFIRM_FORGED', 404: 'PAYGOV_CONFIRM_UNKNOWN', 409: 'PAYGOV_CONFIRM_CONFLICT' }[r.status];
        throw new AppError(code ?? 'PAYGOV_CONFIRM_FAILED', r.body.moTaLoi, code ? r.status : 503, r.body);
      }
      return r.body;
    },
  );

  describeRoute({
    method: 'GET',
    url: '/api/payments/paygov/return',
    summary: 'PayGov return URL (the browser comes back): logged, never trusted; redirects to the payment page of the web app',
    tags: ['Payments'],
    query: z.object({ MaThamChieu: z.string().optional(), TrangThai: z.string().optional() }),
    response: redirect(302, '/thanh-toan/{intentId}, or /thanh-toan/khong-hop-le when the reference is unknown'),
  });
  app.get('/api/payments/paygov/return', async (req, reply) => {
    const intentId = await handlePaygovReturn(ctx, req.query, req.ip);
    return reply.redirect(intentId ? `/thanh-toan/${intentId}` : '/thanh-toan/khong-hop-le', 302);
  });

  defineRoute(
    app,
    {
      method: 'POST',
      url: '/api/payments/reconciliation/paygov',
      summary: 'Reconcile the PayGov payments of a period against the platform’s bills (GET_BILL per payment)',
      tags: ['Payments'],
      body: PaygovReconciliationBody,
      rateLimit: { max: 10, timeWindow: '1 minute' },
      response: ReconciliationRunView,
    },
    async ({ body, req }) => {
      const staff = await requireStaff(ctx, req);
      if (!staff.auth.memberships.some((m) => FINANCE_ROLES.has(m.role))) throw new AppError('FORBIDDEN', 'Bạn không có quyền đối soát thanh toán.', 403);
      const run = await runPaygovReconciliation(ctx, {
        from: body.from ? new Date(body.from) : undefined,
        to: body.to ? new Date(body.to) : undefined,
        runBy: staff.actor.username,
      });
      return { ...run, text: formatReport(run) };
    },
  );

  describeRoute({
    method: 'GET',
    url: '/api/receipts/:id/pdf',
    summary: 'Electronic receipt (PDF with QR code) for the owner or an official who may see the dossier',
    tags: ['Payments'],
    params: Id,
    response: file('The receipt (PDF)', PDF),
  });
  app.get('/api/receipts/:id/pdf', async (req, reply) => {
    const r = await loadReceipt(ctx.db, (req.params as { id: string }).id);
    await assertAccess(ctx, req, r);
    const bytes = await renderReceiptPdf(r, ctx.config.publicUrl);
    return reply
      .header('content-type', 'application/pdf')
      .header('content-disposition', `inline; filename*=UTF-8''${encodeURIComponent(`bien-lai-${r.number.replace(/\//g, '-')}.pdf`)}`)
      .header('cache-control', 'private, no-store')
      .header('x-content-type-options', 'nosniff')
      .send(Buffer.from(bytes));
  });

  defineRoute(
    app,
    {
      method: 'GET',
      url: '/api/receipts/:id/verify',
      summary: 'Public check of a receipt (QR target): number, amount, dossier, masked payer',
      tags: ['Payments'],
      params: Id,
      response: ReceiptCheck,
    },
    async ({ params }) => {
      const r = await loadReceipt(ctx.db, params.id);
      const masked = r.payer_name
        .split(/\s+/)
        .map((w, i, a) => (i === a.length - 1 ? w : `${w[0]}.`))
        .join(' ');
      return {
        number: r.number,
        unit: r.unit_name,
        dossierCode: r.dossier_code,
        net: r.net,
        gross: r.gross,
        reduction: r.reduction,
        payer: masked,
        issuedAt: new Date(r.issued_at).toISOString(),
      };
    },
  );

  defineRoute(
    app,
    {
      method: 'POST',
      url: '/api/payments/refunds/:id/paid-out',
      summary: 'Record a refund paid out in cash at the counter',
      tags: ['Payments'],
      params: Id,
      response: Ok,
    },
    async ({ params, req }) => {
      const staff = await requireStaff(ctx, req);
      const counters = staff.auth.memberships.filter((m) => m.role === 'reception').map((m) => m.unitId);
      if (counters.length === 0) throw new AppError('FORBIDDEN', 'Chỉ cán bộ Bộ phận một cửa chi trả hoàn phí tại quầy.', 403);
      await recordCounterRefund(ctx, params.id, { id: staff.actor.id, unitIds: counters });
      return { ok: true as const };
    },
  );

  defineRoute(
    app,
    {
      method: 'POST',
      url: '/api/payments/reconciliation',
      summary: 'Reconcile the payment ledger against a gateway statement (CSV)',
      tags: ['Payments'],
      body: ReconciliationBody,
      response: ReconciliationRunView,
    },
    async ({ body, req }) => {
      const staff = await requireStaff(ctx, req);
      if (!staff.auth.memberships.some((m) => FINANCE_ROLES.has(m.role))) throw new AppError('FORBIDDEN', 'Bạn không có quyền đối soát thanh toán.', 403);
      const run = await runReconciliation(ctx.db, {
        csv: body.statement,
        gateway: body.gateway,
        from: body.from ? new Date(body.from) : undefined,
        to: body.to ? new Date(body.to) : undefined,
        runBy: staff.actor.username,
      });
      return { ...run, text: formatReport(run) };
    },
  );
}
