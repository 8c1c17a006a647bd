/**
 * The providers of the notification channels behind one interface: `send` one message and say what became of it;
 * `parseReceipt` reads a delivery-receipt webhook (verified) into receipts. Zalo ZNS (zalo-zns.ts), an SMS
 * brandname HTTP gateway (sms-gateway.ts), SMTP (smtp-provider.ts); in-app needs no provider.
 */
import type { NotificationChannel } from '../../../core/notifications/channels.ts';

export interface OutgoingMessage {
  /** The notification's id: passed as the provider's tracking / request id so a retried send is recognised. */
  id: number;
  channel: NotificationChannel;
  recipient: string;
  subject: string;
  body: string;
  templateCode: string;
  params: Record<string, string>;
}

export type SendOutcome =
  | { kind: 'accepted'; providerMsgId: string }
  /** Final for this message; `fallback` = try the next channel (Zalo → SMS). */
  | { kind: 'failed_permanent'; reason: string; fallback: boolean }
  | { kind: 'failed_temporary'; reason: string };

export interface ReceiptRequest {
  headers: Record<string, string | string[] | undefined>;
  rawBody: string;
  query: Record<string, string>;
}

export interface Receipt {
  providerMsgId: string;
  delivered: boolean;
  at: Date;
  detail?: string;
}

export type ParsedReceipts = { ok: true; receipts: Receipt[] } | { ok: false; reason: 'bad_signature' | 'malformed' | 'ignored' };

export interface NotificationProvider {
  /** Stored with each notification (provider_msg_id is unique per provider). */
  name: string;
  channel: NotificationChannel;
  send(msg: OutgoingMessage): Promise<SendOutcome>;
  parseReceipt?(req: ReceiptRequest): ParsedReceipts;
  /** Sends per second across all server processes. */
  ratePerSecond?: number;
}

export const describeError = (err: unknown) => String((err as Error)?.message ?? err).slice(0, 300);
