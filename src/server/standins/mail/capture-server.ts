/**
 * A local SMTP server that accepts every message and keeps it in the standin_mailbox table, so development
 * and tests see real SMTP exchanges. Never used in production.
 */
import type { AddressInfo } from 'node:net';
import { simpleParser } from 'mailparser';
import { SMTPServer } from 'smtp-server';
import type { Database } from '../../db/database.ts';

export interface CaptureServer {
  port: number;
  close(): Promise<void>;
}

export async function startCaptureServer(db: Database, port = 0, host = '127.0.0.1'): Promise<CaptureServer> {
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS'],
    logger: false,
    size: 10 * 1024 * 1024,
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on('data', (c: Buffer) => chunks.push(c));
      stream.on('end', () => {
        const raw = Buffer.concat(chunks);
        void (async () => {
          const parsed = await simpleParser(raw);
          const rcpt = session.envelope.rcptTo.map((r) => r.address);
          const from = session.envelope.mailFrom ? session.envelope.mailFrom.address : '';
          await db.query(
            `INSERT INTO standin_mailbox (message_id, mail_from, rcpt_to, subject, body_text, raw)
             VALUES ($1, $2, $3, $4, $5, $6) ON CONFLICT (message_id) WHERE message_id IS NOT NULL DO NOTHING`,
            [parsed.messageId ?? null, from, rcpt, parsed.subject ?? '', parsed.text ?? '', raw.toString('utf8')],
          );
        })().then(
          () => callback(),
          (err: Error) => callback(err),
        );
      });
    },
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => resolve());
  });
  const address = (server as unknown as { server: { address(): AddressInfo } }).server.address();
  return {
    port: address.port,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
