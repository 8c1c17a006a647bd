/** Notifications: the citizen's messages and their delivery, failures for officials, receipts, stand-in lists. */
import { z } from 'zod';
import { NOTIFICATION_CHANNELS, NOTIFICATION_STATES } from '../core/notifications/channels.ts';
import { Instant, Uuid } from './http.ts';

export const NotificationView = z.strictObject({
  id: z.number().int(),
  dossierId: z.string().nullable(),
  dossierCode: z.string().nullable(),
  event: z.string(),
  channel: z.enum(NOTIFICATION_CHANNELS),
  status: z.enum(NOTIFICATION_STATES),
  subject: z.string(),
  body: z.string(),
  /** Why it was suppressed or failed. */
  reason: z.string().nullable(),
  /** The Zalo message it replaces (an SMS fallback). */
  fallbackOf: z.number().int().nullable(),
  createdAt: Instant,
  acceptedAt: Instant.nullable(),
  deliveredAt: Instant.nullable(),
  failedAt: Instant.nullable(),
});
export type NotificationView = z.infer<typeof NotificationView>;

export const MyNotificationsQuery = z.object({
  dossierId: Uuid.optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
});

export const FailedNotification = NotificationView.extend({ recipient: z.string(), unitId: z.string().nullable(), attempts: z.number().int() });
export const FailedNotificationsQuery = z.object({ limit: z.coerce.number().int().min(1).max(500).default(100) });
export const NotificationIdParams = z.object({ id: z.coerce.number().int().min(1).max(Number.MAX_SAFE_INTEGER) });

export const NotificationPreferences = z.strictObject({
  /** Zalo (and the SMS that replaces it) for messages the law does not require. */
  zns: z.boolean(),
  email: z.boolean(),
  /** Opt-in (off unless chosen): life-event suggestions sent as notifications (docs/notifications.md). Left out: unchanged. */
  lifeEvents: z.boolean().optional(),
});

export const ReceiptAnswer = z.strictObject({ ok: z.literal(true), outcome: z.enum(['applied', 'duplicate', 'ignored']) });

export const ZnsStandinMessage = z.strictObject({
  msgId: z.string(),
  trackingId: z.string().nullable(),
  phone: z.string(),
  templateId: z.string(),
  templateData: z.record(z.string(), z.unknown()),
  outcome: z.string(),
  receivedAt: Instant,
});
export const SmsStandinMessage = z.strictObject({
  smsId: z.string(),
  requestId: z.string().nullable(),
  phone: z.string(),
  content: z.string(),
  brandname: z.string(),
  isUnicode: z.boolean(),
  receivedAt: Instant,
});
export const StandinListQuery = z.object({ phone: z.string().max(20).optional(), limit: z.coerce.number().int().min(1).max(500).default(50) });
export const ZnsBehaviour = z.strictObject({
  phone: z.string().regex(/^84\d{9,10}$/, 'Số điện thoại theo dạng 84xxxxxxxxx.'),
  behaviour: z.enum(['not_zalo_user', 'template_rejected', 'no_receipt', 'delayed_receipt']).nullable(),
});

const NoNul = (max: number) =>
  z
    .string()
    .max(max)
    .refine((v) => !v.includes('\u0000'), 'Không được chứa ký tự NUL.');
export const TemplateKeyParams = z.object({
  code: z.string().max(60),
  channel: z.enum(NOTIFICATION_CHANNELS),
  locale: z.enum(['vi', 'en']),
});
export const TemplateSave = z.strictObject({ subject: NoNul(200).default(''), body: NoNul(2000) });
export const SavedTemplateView = z.strictObject({
  code: z.string(),
  channel: z.enum(NOTIFICATION_CHANNELS),
  locale: z.enum(['vi', 'en']),
  version: z.number().int(),
  subject: z.string(),
  body: z.string(),
});

// --- Contacts confirmed with a one-time code (the citizen's profile) -------------------------------------------
export const ContactKind = z.enum(['phone', 'email']);
export const ConfirmedContact = z.strictObject({ value: z.string(), confirmedAt: Instant });
export const MyContacts = z.strictObject({ phone: ConfirmedContact.nullable(), email: ConfirmedContact.nullable() });
export const ContactConfirmationRequest = z.strictObject({
  kind: ContactKind,
  /** As typed: a phone number in any usual Vietnamese form, or an e-mail address. */
  value: NoNul(254).pipe(z.string().min(3, 'Hãy nhập số điện thoại hoặc địa chỉ thư điện tử.')),
  /** The language of the message carrying the code. */
  locale: z.enum(['vi', 'en']).default('vi'),
});
export const ContactConfirmationView = z.strictObject({ id: Uuid, kind: ContactKind, value: z.string(), expiresAt: Instant });
export const ContactConfirmationParams = z.object({ id: Uuid });
export const ContactConfirmationCode = z.strictObject({ code: z.string().regex(/^\d{6}$/, 'Mã xác nhận gồm 6 chữ số.') });
export const ContactKindParams = z.object({ kind: ContactKind });
