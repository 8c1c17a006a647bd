import crypto from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { parseVnpDate, paymentUrl, pipeHash, QUERYDR_FIELDS, readResult, sign, signData, verify, verifyPipe, vnpDate } from './vnpay.ts';

const SECRET = 'TESTSECRET';

describe('VNPay signing', () => {
  it('signs the sorted, URL-encoded query with HMAC-SHA512 (spaces as +)', () => {
    const params = { vnp_TxnRef: 'R1', vnp_Amount: '250000', vnp_OrderInfo: 'Nộp lệ phí hồ sơ 001', vnp_SecureHash: 'ignored', other: 'x' };
    const data = signData(params);
    expect(data).toBe('vnp_Amount=250000&vnp_OrderInfo=N%E1%BB%99p+l%E1%BB%87+ph%C3%AD+h%E1%BB%93+s%C6%A1+001&vnp_TxnRef=R1');
    expect(sign(params, SECRET)).toBe(crypto.createHmac('sha512', SECRET).update(data).digest('hex'));
  });

  it('verifies its own signature and rejects any change', () => {
    const url = new URL(
      paymentUrl(
        { tmnCode: 'MOTCUA01', hashSecret: SECRET, payUrl: 'http://bank/pay', apiUrl: 'http://bank/api' },
        {
          reference: 'R1',
          amount: 2500,
          orderInfo: 'Lệ phí',
          returnUrl: 'http://x/return',
          ipAddr: '127.0.0.1',
          createdAt: new Date('2026-01-05T01:00:00Z'),
          expiresAt: new Date('2026-01-05T01:30:00Z'),
        },
      ),
    );
    const params = Object.fromEntries(url.searchParams);
    expect(params.vnp_Amount).toBe('250000');
    expect(params.vnp_CreateDate).toBe('20260105080000');
    expect(verify(params, SECRET)).toBe(true);
    expect(verify({ ...params, vnp_Amount: '250100' }, SECRET)).toBe(false);
    expect(verify(params, 'OTHER')).toBe(false);
    expect(verify({ ...params, vnp_SecureHash: 'abc' }, SECRET)).toBe(false);
  });

  it('reads results: success only with both codes 00, amounts in whole đồng', () => {
    expect(readResult({ vnp_TxnRef: 'R', vnp_Amount: '250000', vnp_ResponseCode: '00', vnp_TransactionStatus: '00' })).toMatchObject({
      amount: 2500,
      success: true,
    });
    expect(readResult({ vnp_TxnRef: 'R', vnp_Amount: '250000', vnp_ResponseCode: '24', vnp_TransactionStatus: '02' }).success).toBe(false);
    expect(readResult({ vnp_Amount: '250050' }).amount).toBeNaN();
  });

  it('formats dates in Vietnam time both ways', () => {
    const d = new Date('2026-03-01T17:05:09Z');
    expect(vnpDate(d)).toBe('20260302000509');
    expect(parseVnpDate(vnpDate(d))?.toISOString()).toBe(d.toISOString());
  });

  it('signs merchant API calls over the |-joined fields', () => {
    const body = Object.fromEntries(QUERYDR_FIELDS.map((f, i) => [f, `v${i}`]));
    const signed = { ...body, vnp_SecureHash: pipeHash(QUERYDR_FIELDS, body, SECRET) };
    expect(verifyPipe(QUERYDR_FIELDS, signed, SECRET)).toBe(true);
    expect(verifyPipe(QUERYDR_FIELDS, { ...signed, vnp_TxnRef: 'other' }, SECRET)).toBe(false);
  });
});
