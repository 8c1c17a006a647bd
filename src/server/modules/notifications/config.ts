/**
 * Notification providers' configuration, read from the environment with development defaults that point at the
 * Zalo and SMS gateway stand-ins served by this same server (/standins/zalo, /standins/sms). Production sets a
 * real Zalo Official Account and SMS brandname (docs/notifications.md).
 */
export interface NotifyConfig {
  zns: {
    /** Base of the ZNS API (`…/message/template` is appended). */
    apiUrl: string;
    /** Zalo OAuth v4 token endpoint. */
    oauthUrl: string;
    appId: string;
    /** The app's secret key (header secret_key of the token call). */
    appSecret: string;
    /** The OA secret key that signs webhook events (X-ZEvent-Signature). */
    oaSecret: string;
    oaId: string;
    /** The first refresh token (from the OA's PKCE grant); afterwards the rotated one lives in provider_tokens. */
    initialRefreshToken: string;
    /** Without a receipt after this many seconds, the SMS fallback is sent. */
    receiptTimeoutSeconds: number;
    ratePerSecond: number;
    /** Zalo error codes that are final for this message (fall back to SMS at once). */
    permanentErrors: Record<string, string>;
  };
  sms: {
    /** The gateway's send URL (eSMS shape by default: SendMultipleMessage_V4_post_json). */
    sendUrl: string;
    apiKey: string;
    secretKey: string;
    brandname: string;
    /** Signs the callback URL given to the gateway, so a delivery report can be verified. */
    callbackSecret: string;
    ratePerSecond: number;
  };
  /** Whether the URLs point at the built-in stand-ins. */
  standins: boolean;
  webhooks: { zalo: string; sms: string };
  /** Public page the messages link to (the dossier lookup). */
  lookupUrl: string;
}

export function loadNotifyConfig(publicUrl: string, env: NodeJS.ProcessEnv = process.env): NotifyConfig {
  const zaloBase = `${publicUrl}/standins/zalo`;
  const smsBase = `${publicUrl}/standins/sms`;
  const apiUrl = env.ZNS_API_URL ?? zaloBase;
  const sendUrl = env.SMS_SEND_URL ?? `${smsBase}/MainService.svc/json/SendMultipleMessage_V4_post_json/`;
  const config: NotifyConfig = {
    zns: {
      apiUrl,
      oauthUrl: env.ZALO_OAUTH_URL ?? `${zaloBase}/oauth/v4/oa/access_token`,
      appId: env.ZALO_APP_ID ?? 'motcua-dev-app',
      appSecret: env.ZALO_APP_SECRET ?? 'motcua-dev-zalo-app-secret',
      oaSecret: env.ZALO_OA_SECRET ?? 'motcua-dev-zalo-oa-secret',
      oaId: env.ZALO_OA_ID ?? 'motcua-dev-oa',
      initialRefreshToken: env.ZALO_REFRESH_TOKEN ?? 'motcua-dev-refresh-0',
      receiptTimeoutSeconds: Number(env.ZNS_RECEIPT_TIMEOUT_SECONDS ?? 600),
      ratePerSecond: Number(env.ZNS_RATE_PER_SECOND ?? 200),
      permanentErrors: { '-118': 'not_zalo_user', '-131': 'template_rejected', '-108': 'invalid_phone', '-139': 'user_refused' },
    },
    sms: {
      sendUrl,
      apiKey: env.SMS_API_KEY ?? 'motcua-dev-sms-key',
      secretKey: env.SMS_SECRET_KEY ?? 'motcua-dev-sms-secret',
      brandname: env.SMS_BRANDNAME ?? 'MOTCUA',
      callbackSecret: env.SMS_CALLBACK_SECRET ?? 'motcua-dev-sms-callback-secret',
      ratePerSecond: Number(env.SMS_RATE_PER_SECOND ?? 200),
    },
    standins: apiUrl.startsWith(zaloBase) || sendUrl.startsWith(smsBase),
    webhooks: { zalo: `${publicUrl}/api/webhooks/zalo`, sms: `${publicUrl}/api/webhooks/sms` },
    lookupUrl: `${publicUrl}/tra-cuu`,
  };
  if (env.NODE_ENV === 'production' && config.standins && env.NOTIFY_STANDIN !== '1') {
    throw new Error('ZNS_API_URL, ZALO_* and SMS_* must be set in production (or NOTIFY_STANDIN=1 for a demonstration)');
  }
  return config;
}

const cache = new Map<string, NotifyConfig>();
export function notifyConfig(publicUrl: string): NotifyConfig {
  let c = cache.get(publicUrl);
  if (!c) cache.set(publicUrl, (c = loadNotifyConfig(publicUrl)));
  return c;
}
