/** The channels a citizen is told on and the states of one notification (GOV.UK Notify's statuses, adapted). */
export const NOTIFICATION_CHANNELS = ['zns', 'sms', 'email', 'inapp'] as const;
export type NotificationChannel = (typeof NOTIFICATION_CHANNELS)[number];

/**
 * queued → sending → accepted (the provider took it, with its message id) → delivered (a receipt came);
 * failed_temporary (retried with backoff) → failed_permanent (a dead letter, shown to administrators);
 * suppressed (the rule is switched off for the province, or the citizen opted out of a non-mandatory message).
 */
export const NOTIFICATION_STATES = ['queued', 'sending', 'accepted', 'delivered', 'failed_temporary', 'failed_permanent', 'suppressed'] as const;
export type NotificationState = (typeof NOTIFICATION_STATES)[number];

export const channelName: Record<NotificationChannel, { vi: string; en: string }> = {
  zns: { vi: 'Zalo', en: 'Zalo' },
  sms: { vi: 'Tin nhắn SMS', en: 'SMS' },
  email: { vi: 'Thư điện tử', en: 'E-mail' },
  inapp: { vi: 'Trên cổng dịch vụ công', en: 'On the portal' },
};

/** Delay before attempt n+1 of a temporary failure, in seconds: 30 s, 1 min, 2 min … capped at one hour. */
export function retryDelaySeconds(attempts: number): number {
  return Math.min(3600, 30 * 2 ** Math.max(0, attempts - 1));
}

/** After this many attempts a temporary failure becomes permanent (a dead letter). */
export const MAX_ATTEMPTS = 6;
