/**
 * PAKN by e-mail (docs/feedback.md): an SMTP receiver (RFC 5321, the `smtp-server` package) that the organisation's
 * mail server forwards the units' feedback addresses to (table feedback_mailboxes). A message to one of them becomes
 * one feedback item of channel 'email' for that unit — once per Message-ID (`external_id = 'email:<Message-ID>'`;
 * a message without one is keyed by the SHA-256 of its bytes), so a resent or redelivered message creates nothing.
 * Recipients that are not a feedback address are refused at RCPT TO (550). The sender's address is kept as the
 * item's private contact: seen only by the unit's officials, never published (moderation removes e-mail addresses
 * and publication refuses any left), and never logged.
 */
import crypto from 'node:crypto';
import type { AddressInfo } from 'node:net';
import { type AddressObject, simpleParser } from 'mailparser';
import { SMTPServer } from 'smtp-server';
import { now } from '../../clock.ts';
import type { Queryable } from '../../db/database.ts';

export interface FeedbackMailboxConfig {
  /** TCP port to listen on (0 = any free port). */
  port: number;
  /** Address to bind; 127.0.0.1 by default (the organisation's mail server relays to it). */
  host?: string;
  /** Largest message accepted, in bytes. */
  maxBytes?: number;
}

export interface FeedbackMailbox {
  port: number;
  close(): Promise<void>;
}

const TITLE_MAX = 200;
const CONTENT_MAX = 5000;
const NAME_MAX = 100;

/** The unit behind a feedback address, or null when it is not one. */
export async function mailboxUnit(db: Queryable, address: string): Promise<string | null> {
  const r = await db.query<{ unit_id: string }>('SELECT unit_id FROM feedback_mailboxes WHERE address = $1', [address.trim().toLowerCase()]);
  return r.rows[0]?.unit_id ?? null;
}

const firstAddress = (a: AddressObject | AddressObject[] | undefined) => (Array.isArray(a) ? a[0] : a)?.value[0];
const clean = (s: string, max: number) =>
  s
    .replace(/\u0000/g, '')
    .replace(/[\u0001-\u0008\u000b\u000c\u000e-\u001f\u007f]/g, ' ')
    .trim()
    .slice(0, max);

/**
 * Stores one received message for each feedback address among its recipients (normally one). Returns the ids of
 * the items created — none when the Message-ID was already received.
 */
export async function receiveFeedbackMail(db: Queryable, raw: Buffer, recipients: readonly string[], envelopeFrom?: string): Promise<string[]> {
  const parsed = await simpleParser(raw);
  const from = firstAddress(parsed.from);
  const address = (from?.address || envelopeFrom || '').trim().toLowerCase();
  const name = clean(from?.name ?? '', NAME_MAX) || 'Người gửi qua thư điện tử';
  const title = clean(parsed.subject ?? '', TITLE_MAX) || '(Không có tiêu đề)';
  const content = clean(parsed.text ?? '', CONTENT_MAX) || title;
  const key = parsed.messageId ? clean(parsed.messageId, 300) : `sha256:${crypto.createHash('sha256').update(raw).digest('hex')}`;
  const created: string[] = [];
  const units = new Set<string>();
  for (const rcpt of recipients) {
    const unit = await mailboxUnit(db, rcpt);
    if (unit) units.add(unit);
  }
  for (const unit of units) {
    // One item per message and unit: the bare key for a message to one unit (the usual case), else suffixed by unit.
    const externalId = units.size === 1 ? `email:${key}` : `email:${key}#${unit}`;
    const r = await db.query<{ id: string }>(
      `INSERT INTO feedback (id, kind, channel, sender_name, contact, title, content, unit_id, received_at, external_id)
       VALUES ($1, 'feedback', 'email', $2, $3, $4, $5, $6, $7, $8)
       ON CONFLICT (external_id) WHERE external_id IS NOT NULL DO NOTHING RETURNING id`,
      [crypto.randomUUID(), name, address || '(không rõ địa chỉ)', title, content, unit, now(), externalId],
    );
    if (r.rows[0]) created.push(r.rows[0].id);
  }
  return created;
}

/** Starts the SMTP receiver for the units' feedback addresses. */
export async function startFeedbackMailbox(db: Queryable, config: FeedbackMailboxConfig): Promise<FeedbackMailbox> {
  const maxBytes = config.maxBytes ?? 5 * 1024 * 1024;
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['AUTH', 'STARTTLS'],
    logger: false,
    banner: 'MotCua - tiep nhan phan anh, kien nghi',
    size: maxBytes,
    maxClients: 20,
    onRcptTo(address, _session, callback) {
      mailboxUnit(db, address.address).then(
        (unit) => callback(unit ? undefined : Object.assign(new Error('5.1.1 Không có hộp thư phản ánh, kiến nghị này'), { responseCode: 550 })),
        () => callback(Object.assign(new Error('4.3.0 Tạm thời không nhận được thư, vui lòng gửi lại sau'), { responseCode: 451 })),
      );
    },
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on('data', (c: Buffer) => chunks.push(c));
      stream.on('end', () => {
        if ((stream as unknown as { sizeExceeded?: boolean }).sizeExceeded) {
          callback(Object.assign(new Error('5.3.4 Thư quá lớn'), { responseCode: 552 }));
          return;
        }
        const rcpt = session.envelope.rcptTo.map((r) => r.address);
        const from = session.envelope.mailFrom ? session.envelope.mailFrom.address : undefined;
        receiveFeedbackMail(db, Buffer.concat(chunks), rcpt, from).then(
          () => callback(),
          () => callback(Object.assign(new Error('4.3.0 Tạm thời không nhận được thư, vui lòng gửi lại sau'), { responseCode: 451 })),
        );
      });
    },
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(config.port, config.host ?? '127.0.0.1', () => resolve());
  });
  server.on('error', () => undefined); // a broken client connection must not bring the process down
  const address = (server as unknown as { server: { address(): AddressInfo } }).server.address();
  return {
    port: address.port,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

/** Adds or moves a unit's feedback address (the CLI's `feedback-mailbox`, the demo seed). */
export async function setFeedbackMailbox(db: Queryable, address: string, unitId: string): Promise<void> {
  await db.query(`INSERT INTO feedback_mailboxes (address, unit_id) VALUES ($1, $2) ON CONFLICT (address) DO UPDATE SET unit_id = EXCLUDED.unit_id`, [
    address.trim().toLowerCase(),
    unitId,
  ]);
}

/** The demo communes' feedback addresses (README, docs/feedback.md). */
export const DEMO_FEEDBACK_MAILBOXES = [
  { address: 'phananh.phurieng@motcua.local', unitId: 'dni.phurieng.ubnd' },
  { address: 'phananh.xuanthanh@motcua.local', unitId: 'dni.xuanthanh.ubnd' },
] as const;

export async function seedFeedbackMailboxes(db: Queryable): Promise<void> {
  for (const m of DEMO_FEEDBACK_MAILBOXES)
    await db.query('INSERT INTO feedback_mailboxes (address, unit_id) VALUES ($1, $2) ON CONFLICT (address) DO NOTHING', [m.address, m.unitId]);
}

export const FEEDBACK_MAILBOX_HELP =
  'Địa chỉ thư điện tử nhận phản ánh, kiến nghị của đơn vị: --address <địa chỉ> --unit <mã đơn vị> (thêm hoặc đổi đơn vị), hoặc --list.';

/** `npm run motcua -- feedback-mailbox --address <a> --unit <id> | --list` (docs/feedback.md). */
export async function runFeedbackMailboxCommand(
  args: string[],
  withDatabase: <T>(fn: (db: Queryable) => Promise<T>) => Promise<T>,
  out: (line: string) => void = console.log,
): Promise<number> {
  const { parseArgs } = await import('node:util');
  const { values } = parseArgs({ args, options: { address: { type: 'string' }, unit: { type: 'string' }, list: { type: 'boolean' } } });
  if (values.list)
    return withDatabase(async (db) => {
      const rows = (await db.query<{ address: string; unit_id: string }>('SELECT address, unit_id FROM feedback_mailboxes ORDER BY address')).rows;
      for (const r of rows) out(`${r.address}\t${r.unit_id}`);
      if (rows.length === 0) out('Chưa có địa chỉ nhận phản ánh, kiến nghị nào.');
      return 0;
    });
  if (!values.address || !/^[^\s@]+@[^\s@]+$/.test(values.address) || !values.unit) {
    console.error('Cần --address <địa chỉ thư điện tử hợp lệ> và --unit <mã đơn vị>, hoặc --list.');
    return 2;
  }
  const address = values.address;
  const unit = values.unit;
  return withDatabase(async (db) => {
    const known = (await db.query('SELECT 1 FROM org_units WHERE id = $1', [unit])).rows.length > 0;
    if (!known) {
      console.error(`Không có đơn vị mã ${unit}.`);
      return 2;
    }
    await setFeedbackMailbox(db, address, unit);
    out(`Thư gửi ${address.toLowerCase()} sẽ thành phản ánh, kiến nghị của đơn vị ${unit}.`);
    return 0;
  });
}
