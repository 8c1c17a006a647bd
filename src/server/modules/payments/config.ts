/**
 * Payment configuration, read from the environment with development defaults that point at the bank stand-in
 * served by this same server (/bank/vnpay). Production sets the real terminal code, hash secret and URLs.
 */
import type { PaygovConfig } from '../../adapters/paygov.ts';
import type { VnpayConfig } from '../../adapters/vnpay.ts';

export interface PaymentConfig {
  vnpay: VnpayConfig;
  /** Whether the built-in bank stand-in is mounted (the VNPay URLs point at it). */
  standin: boolean;
  /** Where the gateway sends the browser back and posts the IPN. */
  returnUrl: string;
  ipnUrl: string;
  /** Minutes before an abandoned intent expires. */
  intentTtlMinutes: number;
  /** The national payment platform (PayGov): partner code, shared secret and its message endpoint. */
  paygov: PaygovConfig & { apiUrl: string };
  /** Whether the built-in PayGov stand-in is mounted (PAYGOV_API_URL points at it). */
  paygovStandin: boolean;
  /** Whether citizens are offered PayGov (always in development; in production once it is configured). */
  paygovEnabled: boolean;
  /** The receiving account named in ThongTinBienLai (TKThuHuong, MaNHThuHuong, TenTKThuHuong). */
  paygovBeneficiary: { account: string; bank: string; name: string };
  /** Where the platform posts its signed confirmation, and where it sends the browser back. */
  paygovConfirmUrl: string;
  paygovReturnUrl: string;
}

export function loadPaymentConfig(publicUrl: string, env: NodeJS.ProcessEnv = process.env): PaymentConfig {
  const standinBase = `${publicUrl}/bank/vnpay`;
  const payUrl = env.VNPAY_PAY_URL ?? `${standinBase}/paymentv2/vpcpay.html`;
  const config: PaymentConfig = {
    vnpay: {
      tmnCode: env.VNPAY_TMN_CODE ?? 'MOTCUA01',
      hashSecret: env.VNPAY_HASH_SECRET ?? 'MOTCUA-DEVELOPMENT-VNPAY-SECRET',
      payUrl,
      apiUrl: env.VNPAY_API_URL ?? `${standinBase}/merchant_webapi/api/transaction`,
    },
    standin: payUrl.startsWith(standinBase),
    returnUrl: `${publicUrl}/api/payments/vnpay/return`,
    ipnUrl: `${publicUrl}/api/payments/vnpay/ipn`,
    intentTtlMinutes: Number(env.PAYMENT_INTENT_TTL_MINUTES ?? 30),
    paygov: {
      partnerCode: env.PAYGOV_PARTNER_CODE ?? 'MOTCUA-DEV',
      secret: env.PAYGOV_SECRET ?? 'MOTCUA-DEVELOPMENT-PAYGOV-SECRET',
      apiUrl: env.PAYGOV_API_URL ?? `${publicUrl}/standins/paygov/api/giao-dich`,
    },
    paygovStandin: (env.PAYGOV_API_URL ?? `${publicUrl}/standins/paygov/`).startsWith(`${publicUrl}/standins/paygov/`),
    paygovEnabled: true,
    paygovBeneficiary: { account: env.PAYGOV_TK_THU_HUONG ?? '', bank: env.PAYGOV_MA_NH_THU_HUONG ?? '', name: env.PAYGOV_TEN_TK_THU_HUONG ?? '' },
    paygovConfirmUrl: `${publicUrl}/api/payments/paygov/confirm`,
    paygovReturnUrl: `${publicUrl}/api/payments/paygov/return`,
  };
  if (env.NODE_ENV === 'production' && config.standin && env.PAYMENT_STANDIN !== '1') {
    throw new Error('VNPAY_PAY_URL, VNPAY_TMN_CODE and VNPAY_HASH_SECRET must be set in production (or PAYMENT_STANDIN=1 for a demonstration)');
  }
  // PayGov is optional: a production installation offers it once PAYGOV_API_URL (and its partner code and secret)
  // are set; until then only the province's gateway is offered (the stand-in is never used in production unless
  // PAYMENT_STANDIN=1, a demonstration).
  if (env.NODE_ENV === 'production' && config.paygovStandin && env.PAYMENT_STANDIN !== '1') config.paygovEnabled = false;
  return config;
}

const cache = new Map<string, PaymentConfig>();
/** The configuration for this installation (read once per public URL). */
export function paymentConfig(publicUrl: string): PaymentConfig {
  let c = cache.get(publicUrl);
  if (!c) cache.set(publicUrl, (c = loadPaymentConfig(publicUrl)));
  return c;
}
