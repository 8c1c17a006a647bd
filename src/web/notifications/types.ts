/** Shapes of the notification API answers the pages read (src/contract/notifications.ts). */
export type Channel = 'zns' | 'sms' | 'email' | 'inapp';
export type State = 'queued' | 'sending' | 'accepted' | 'delivered' | 'failed_temporary' | 'failed_permanent' | 'suppressed';

export interface NotificationItem {
  id: number;
  dossierId: string | null;
  dossierCode: string | null;
  event: string;
  channel: Channel;
  status: State;
  subject: string;
  body: string;
  reason: string | null;
  fallbackOf: number | null;
  createdAt: string;
  acceptedAt: string | null;
  deliveredAt: string | null;
  failedAt: string | null;
}

export interface FailedItem extends NotificationItem {
  recipient: string;
  unitId: string | null;
  attempts: number;
}

export interface ConfirmedContact {
  value: string;
  confirmedAt: string;
}
export interface MyContacts {
  phone: ConfirmedContact | null;
  email: ConfirmedContact | null;
}
export interface Preferences {
  zns: boolean;
  email: boolean;
  /** Opt-in: life-event suggestions sent as notifications (off unless chosen). */
  lifeEvents?: boolean;
}
