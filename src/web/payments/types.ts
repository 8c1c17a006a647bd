/** Shapes of the payment API answers (src/server/modules/payments/routes.ts). */
export interface QuoteLineView {
  code: string;
  name: string;
  kind: 'phi' | 'le_phi' | string;
  units?: number;
  gross: number;
  reduction: number;
  exempted?: boolean;
  net: number;
  reductionBasis?: string;
}

export interface QuoteView {
  lines: QuoteLineView[];
  total: number;
}

export interface IntentView {
  id: string;
  dossierId: string;
  reference: string;
  gateway: 'vnpay' | 'paygov' | 'counter';
  amount: number;
  state: 'created' | 'pending' | 'paid' | 'failed' | 'expired' | 'refunded';
  purpose: string;
  method: string | null;
  failureCode: string | null;
  createdAt: string;
  expiresAt: string;
  paidAt: string | null;
  paymentUrl: string | null;
}

export interface DossierPaymentView {
  dossierId: string;
  dossierCode: string;
  status: number;
  paymentState: 'none' | 'requested' | 'paid' | 'refund_pending' | 'refunded';
  amountDue: number;
  feeTotal: number;
  feeQuote: QuoteView | null;
  paidOnlineVia: number | null;
  intents: IntentView[];
  receipts: { id: string; number: string; net: number; gross: number; reduction: number; method: string; issuedAt: string; intentId: string }[];
  refunds: { id: string; amount: number; state: string; reason: string; requestedAt: string; doneAt: string | null }[];
}

export interface IntentStatusView extends IntentView {
  dossierCode: string;
  receipt: { id: string; number: string } | null;
}
