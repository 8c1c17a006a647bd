/**
 * Payment configuration, read from the environment with development defaults that point at the bank stand-in
 * served by this same server (/bank/vnpay). Production sets the real terminal code, hash secret and URLs.
 */
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
  };
  if (env.NODE_ENV === 'production' && config.standin && env.PAYMENT_STANDIN !== '1') {
    throw new Error('VNPAY_PAY_URL, VNPAY_TMN_CODE and VNPAY_HASH_SECRET must be set in production (or PAYMENT_STANDIN=1 for a demonstration)');
  }
  return config;
}

const cache = new Map<string, PaymentConfig>();
/** The configuration for this installation (read once per public URL). */
export function paymentConfig(publicUrl: string): PaymentConfig {
  let c = cache.get(publicUrl);
  if (!c) cache.set(publicUrl, (c = loadPaymentConfig(publicUrl)));
  return c;
}
