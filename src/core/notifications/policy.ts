/**
 * The channel policy: for one event and one citizen, which notifications are queued on which channel.
 * Zalo (ZNS) first when a mobile number is known (SMS is then the fallback, queued later by the dispatcher when
 * Zalo refuses or no receipt comes in time); SMS directly when the rule has no Zalo; e-mail in parallel when an
 * address is known; in-app always. A citizen may opt out of a channel for non-mandatory messages only.
 */
import type { NotificationChannel, NotificationState } from './channels.ts';
import type { ResolvedRule } from './rules.ts';

export interface Contacts {
  /** E.164 mobile number, already normalised (phone.ts). */
  phone: string | null;
  email: string | null;
  /** The in-app inbox: the citizen account, or the dossier when it was filed without one. */
  inbox: string;
}

export interface PlannedNotification {
  channel: NotificationChannel;
  recipient: string;
  state: Extract<NotificationState, 'queued' | 'suppressed'>;
  /** Why it is suppressed. */
  reason?: 'switched_off' | 'opted_out';
}

/** Plans the notifications of one event; `optedOut` = channels the citizen turned off for non-mandatory messages. */
export function planNotifications(rule: ResolvedRule, contacts: Contacts, optedOut: ReadonlySet<NotificationChannel> = new Set()): PlannedNotification[] {
  const candidates: { channel: NotificationChannel; recipient: string }[] = [];
  const has = (c: NotificationChannel) => rule.channels.includes(c);
  if (contacts.phone) {
    if (has('zns')) candidates.push({ channel: 'zns', recipient: contacts.phone });
    else if (has('sms')) candidates.push({ channel: 'sms', recipient: contacts.phone });
  }
  if (contacts.email && has('email')) candidates.push({ channel: 'email', recipient: contacts.email });
  candidates.push({ channel: 'inapp', recipient: contacts.inbox });
  return candidates.map((c) => {
    if (!rule.enabled) return { ...c, state: 'suppressed', reason: 'switched_off' };
    if (!rule.mandatory && c.channel !== 'inapp' && optedOut.has(c.channel === 'sms' ? 'zns' : c.channel)) {
      return { ...c, state: 'suppressed', reason: 'opted_out' };
    }
    return { ...c, state: 'queued' };
  });
}

/** Whether a mandatory notice reaches the citizen on a channel besides in-app (false: no phone and no e-mail known). */
export function reachesOutsideApp(planned: readonly PlannedNotification[]): boolean {
  return planned.some((p) => p.channel !== 'inapp' && p.state === 'queued');
}
