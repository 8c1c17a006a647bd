/**
 * The payment state machine (after GOV.UK Pay's connector): one intent per attempt, moving
 * created → pending → paid | failed | expired, and paid → refunded. Every transition is written to the
 * append-only ledger; anything else is refused. Pure rules, shared by server and browser.
 */
export const PAYMENT_STATES = ['created', 'pending', 'paid', 'failed', 'expired', 'refunded'] as const;
export type PaymentState = (typeof PAYMENT_STATES)[number];

/** Abandoned intents expire after this long (the gateway page is refused afterwards too). */
export const INTENT_TTL_MINUTES = 30;

const NEXT: Record<PaymentState, readonly PaymentState[]> = {
  created: ['pending', 'paid', 'failed', 'expired'],
  pending: ['paid', 'failed', 'expired'],
  paid: ['refunded'],
  failed: [],
  expired: [],
  refunded: [],
};

export function canTransition(from: PaymentState, to: PaymentState): boolean {
  return NEXT[from].includes(to);
}

/** Open intents still wait for the gateway's word. */
export const isOpen = (s: PaymentState) => s === 'created' || s === 'pending';
export const isFinal = (s: PaymentState) => !isOpen(s) && s !== 'paid';

export type TransitionCheck = { ok: true } | { ok: false; reason: 'already_final' | 'already_paid' | 'expired' | 'invalid' };

/**
 * Whether a gateway's "paid" may be applied to an intent now: it must be open and not past its expiry
 * (an expired intent can never be paid; the money would be refunded by the gateway's own timeout).
 */
export function checkPaid(intent: { state: PaymentState; expiresAt: Date }, at: Date): TransitionCheck {
  if (intent.state === 'paid' || intent.state === 'refunded') return { ok: false, reason: 'already_paid' };
  if (intent.state === 'expired') return { ok: false, reason: 'expired' };
  if (!isOpen(intent.state)) return { ok: false, reason: 'already_final' };
  if (at.getTime() > intent.expiresAt.getTime()) return { ok: false, reason: 'expired' };
  return { ok: true };
}

/** Dossier payment axis (dossiers.payment_state) values. */
export type DossierPaymentState = 'none' | 'requested' | 'paid' | 'refund_pending' | 'refunded';

/**
 * What the applicant owes now: nothing once paid; the amount the official requested while in status 6;
 * otherwise the fee total frozen at submission.
 */
export function amountDue(d: { paymentState: string; paymentDue: number | null; feeTotal: number }): number {
  if (d.paymentState === 'paid' || d.paymentState === 'refund_pending' || d.paymentState === 'refunded') return 0;
  if (d.paymentState === 'requested' && d.paymentDue !== null) return d.paymentDue;
  return d.feeTotal;
}

/** 766 indicator 3.6 (DuocThanhToanTrucTuyen): 1 = paid on the national portal, 2 = via the province's gateway, 0 = not online. */
export function paidOnlineVia(gateway: 'vnpay' | 'paygov' | 'counter'): 0 | 1 | 2 {
  return gateway === 'paygov' ? 1 : gateway === 'vnpay' ? 2 : 0;
}

/** Amounts printed on a receipt: gross, online reduction and net, from the frozen quote when the amount matches it. */
export function receiptAmounts(
  quote: { lines: { code: string; name: string; kind: string; gross: number; reduction: number; net: number; exempted?: boolean }[]; total: number } | null,
  amount: number,
) {
  if (quote && quote.total === amount && quote.lines.length > 0) {
    const gross = quote.lines.reduce((n, l) => n + l.gross, 0);
    const reduction = quote.lines.reduce((n, l) => n + l.reduction, 0);
    return {
      lines: quote.lines.map((l) => ({ code: l.code, name: l.name, kind: l.kind, gross: l.gross, reduction: l.reduction, net: l.net })),
      gross,
      reduction,
      net: amount,
    };
  }
  return {
    lines: [{ code: 'KHOAN-NOP', name: 'Phí, lệ phí theo yêu cầu của cơ quan giải quyết', kind: 'le_phi', gross: amount, reduction: 0, net: amount }],
    gross: amount,
    reduction: 0,
    net: amount,
  };
}
