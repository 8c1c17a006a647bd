/**
 * Fees and payments: the dossier's payment side, online payment attempts (VNPay), the gateway's callbacks, receipts,
 * refunds paid out at the counter, and reconciliation against a gateway statement.
 */
import { z } from 'zod';
import { Instant, Uuid } from './http.ts';

/** One line of a fee quote (src/core/fees/quote.ts). */
export const QuoteLineView = z.strictObject({
  code: z.string(),
  name: z.string(),
  kind: z.enum(['phi', 'le_phi']),
  units: z.number(),
  gross: z.number(),
  reduction: z.number(),
  exempted: z.boolean(),
  net: z.number(),
  reductionBasis: z.string().optional(),
});
export type QuoteLineView = z.infer<typeof QuoteLineView>;

export const QuoteView = z.strictObject({ lines: z.array(QuoteLineView), total: z.number() });
export type QuoteView = z.infer<typeof QuoteView>;

export const PaymentGateway = z.enum(['vnpay', 'paygov', 'counter']);
export const IntentState = z.enum(['created', 'pending', 'paid', 'failed', 'expired', 'refunded']);

/** A payment attempt. */
export const IntentView = z.strictObject({
  id: Uuid,
  dossierId: Uuid,
  reference: z.string(),
  gateway: PaymentGateway,
  amount: z.number().int(),
  state: IntentState,
  purpose: z.enum(['submission', 'financial_obligation']),
  method: z.string().nullable(),
  failureCode: z.string().nullable(),
  createdAt: Instant,
  expiresAt: Instant,
  paidAt: Instant.nullable(),
  /** Where the browser goes to pay (open VNPay attempts). */
  paymentUrl: z.string().nullable(),
});
export type IntentView = z.infer<typeof IntentView>;

export const PaymentState = z.enum(['none', 'requested', 'paid', 'refund_pending', 'refunded']);

export const ReceiptView = z.strictObject({
  id: Uuid,
  number: z.string(),
  net: z.number(),
  gross: z.number(),
  reduction: z.number(),
  method: z.string(),
  issuedAt: Instant,
  intentId: Uuid,
});
export const RefundView = z.strictObject({
  id: Uuid,
  amount: z.number(),
  state: z.string(),
  reason: z.string(),
  requestedAt: Instant,
  doneAt: Instant.nullable(),
});

/** GET /api/dossiers/:id/payment */
export const DossierPaymentView = z.strictObject({
  dossierId: Uuid,
  dossierCode: z.string(),
  status: z.number().int(),
  paymentState: z.string(),
  amountDue: z.number(),
  feeTotal: z.number(),
  feeQuote: QuoteView.nullable(),
  paidOnlineVia: z.number().int().nullable(),
  intents: z.array(IntentView),
  receipts: z.array(ReceiptView),
  refunds: z.array(RefundView),
  /** The online channels offered: the province's gateway, and the national payment platform once configured. */
  gateways: z.array(z.enum(['vnpay', 'paygov'])),
});
export type DossierPaymentView = z.infer<typeof DossierPaymentView>;

export const StartPaymentBody = z.object({
  idempotencyKey: z.string().min(8, 'Thiếu mã yêu cầu.').max(100),
  gateway: z.enum(['vnpay', 'paygov']).default('vnpay'),
});

/** GET /api/payments/:id — an attempt, with its dossier's code and its receipt once paid. */
export const IntentStatusView = z.strictObject({
  ...IntentView.shape,
  dossierCode: z.string(),
  receipt: z.strictObject({ id: Uuid, number: z.string() }).nullable(),
});
export type IntentStatusView = z.infer<typeof IntentStatusView>;

/** The VNPay IPN's answer (always HTTP 200, as VNPay expects). */
export const IpnAnswer = z.strictObject({ RspCode: z.enum(['00', '01', '02', '04', '97', '99']), Message: z.string() });
/** The VNPay IPN and return URL carry the gateway's signed vnp_* parameters. */
export const VnpayParams = z.record(z.string(), z.string());

/** GET /api/receipts/:id/verify — the public check of a receipt (QR target), payer masked. */
export const ReceiptCheck = z.strictObject({
  number: z.string(),
  unit: z.string(),
  dossierCode: z.string(),
  net: z.number(),
  gross: z.number(),
  reduction: z.number(),
  payer: z.string(),
  issuedAt: Instant,
});

export const ReconciliationBody = z.object({
  statement: z.string().min(1, 'Vui lòng chọn tệp sao kê.').max(5_000_000),
  gateway: z.enum(['vnpay', 'paygov']).default('vnpay'),
  from: z.iso.datetime().optional(),
  to: z.iso.datetime().optional(),
});

/** POST /api/payments/reconciliation/paygov: the period to reconcile through GET_BILL (default: every PayGov payment). */
export const PaygovReconciliationBody = z.strictObject({ from: z.iso.datetime().optional(), to: z.iso.datetime().optional() });

/** The national payment platform's confirmation (POST /api/payments/paygov/confirm), as documented in docs/payments.md. */
export const PaygovConfirmBody = z.object({
  LoaiBanTin: z.literal('CONFIRM'),
  MaDoiTac: z.string(),
  MaThamChieu: z.string(),
  MaGiaoDich: z.string(),
  SoTien: z.number(),
  TrangThai: z.enum(['00', '01', '02']),
  ThoiGianGD: z.string(),
  MaXacThuc: z.string(),
});
export const PaygovConfirmAnswer = z.strictObject({ maLoi: z.string(), moTaLoi: z.string() });

export const ReconciliationRunView = z.strictObject({
  id: Uuid,
  gateway: z.string(),
  statementRows: z.number().int(),
  parseErrors: z.array(z.strictObject({ line: z.number().int(), message: z.string() })),
  report: z.strictObject({
    matched: z.array(z.strictObject({ reference: z.string(), amount: z.number(), dossierCode: z.string() })),
    missing: z.array(
      z.strictObject({
        reference: z.string(),
        side: z.enum(['statement', 'ledger']),
        amount: z.number(),
        dossierCode: z.string().optional(),
        note: z.string(),
      }),
    ),
    mismatched: z.array(
      z.strictObject({
        reference: z.string(),
        ledgerAmount: z.number(),
        statementAmount: z.number(),
        ledgerState: z.string(),
        statementStatus: z.string(),
        dossierCode: z.string(),
        note: z.string(),
      }),
    ),
  }),
  /** The report as text (printable). */
  text: z.string(),
});
export type ReconciliationRunView = z.infer<typeof ReconciliationRunView>;
