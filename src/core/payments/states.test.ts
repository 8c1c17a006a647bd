import { describe, expect, it } from 'vitest';
import { amountDue, canTransition, checkPaid, paidOnlineVia, receiptAmounts } from './states.ts';

describe('payment state machine', () => {
  it('allows only the documented transitions', () => {
    expect(canTransition('created', 'pending')).toBe(true);
    expect(canTransition('pending', 'paid')).toBe(true);
    expect(canTransition('paid', 'refunded')).toBe(true);
    expect(canTransition('paid', 'failed')).toBe(false);
    expect(canTransition('expired', 'paid')).toBe(false);
    expect(canTransition('failed', 'pending')).toBe(false);
    expect(canTransition('refunded', 'paid')).toBe(false);
  });

  it('never pays an expired, failed or already paid intent', () => {
    const at = new Date('2026-01-05T03:00:00Z');
    const later = new Date(at.getTime() + 60_000);
    expect(checkPaid({ state: 'pending', expiresAt: later }, at)).toEqual({ ok: true });
    expect(checkPaid({ state: 'pending', expiresAt: at }, later)).toEqual({ ok: false, reason: 'expired' });
    expect(checkPaid({ state: 'expired', expiresAt: later }, at)).toEqual({ ok: false, reason: 'expired' });
    expect(checkPaid({ state: 'paid', expiresAt: later }, at)).toEqual({ ok: false, reason: 'already_paid' });
    expect(checkPaid({ state: 'failed', expiresAt: later }, at)).toEqual({ ok: false, reason: 'already_final' });
  });

  it('computes what is owed from the dossier payment axis', () => {
    expect(amountDue({ paymentState: 'none', paymentDue: null, feeTotal: 2500 })).toBe(2500);
    expect(amountDue({ paymentState: 'requested', paymentDue: 12000, feeTotal: 2500 })).toBe(12000);
    expect(amountDue({ paymentState: 'requested', paymentDue: null, feeTotal: 2500 })).toBe(2500);
    expect(amountDue({ paymentState: 'paid', paymentDue: null, feeTotal: 2500 })).toBe(0);
    expect(amountDue({ paymentState: 'refunded', paymentDue: null, feeTotal: 2500 })).toBe(0);
  });

  it('maps the gateway to indicator 3.6 codes', () => {
    expect(paidOnlineVia('paygov')).toBe(1);
    expect(paidOnlineVia('vnpay')).toBe(2);
    expect(paidOnlineVia('counter')).toBe(0);
  });

  it('prints gross, online reduction and net from the frozen quote', () => {
    const quote = { total: 2500, lines: [{ code: 'LP', name: 'Lệ phí', kind: 'le_phi', gross: 5000, reduction: 2500, net: 2500 }] };
    expect(receiptAmounts(quote, 2500)).toMatchObject({ gross: 5000, reduction: 2500, net: 2500 });
    // An amount requested by the official that differs from the quote is printed as it is.
    expect(receiptAmounts(quote, 7000)).toMatchObject({ gross: 7000, reduction: 0, net: 7000 });
  });
});
