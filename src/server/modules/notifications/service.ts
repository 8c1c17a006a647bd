/**
 * Notification delivery: outbox topics → e-mail over SMTP. In development and tests, when no SMTP_URL is
 * configured, a local SMTP capture server is started and mail goes there (a real SMTP exchange).
 */
import { smtpMailer, type Mailer } from '../../adapters/mail.ts';
import type { AppConfig } from '../../config.ts';
import type { Database } from '../../db/database.ts';
import { OutboxWorker, type OutboxHandler } from '../../outbox/outbox.ts';
import { startCaptureServer, type CaptureServer } from '../../standins/mail/capture-server.ts';
import { dossierStatusMail, dossierSubmittedMail } from './mail-templates.ts';

export const MAIL_TOPIC = 'mail.dossier';

export interface DossierMailPayload {
  dossierId: string;
  template: 'submitted' | 'status';
  note?: string;
}

export interface MailService {
  mailer: Mailer;
  capture: CaptureServer | null;
  close(): Promise<void>;
}

export async function createMailService(config: AppConfig, db: Database): Promise<MailService> {
  let capture: CaptureServer | null = null;
  let url = config.mail.smtpUrl;
  if (!url) {
    capture = await startCaptureServer(db, config.mail.capturePort).catch((err: NodeJS.ErrnoException) => {
      if (err.code === 'EADDRINUSE') return startCaptureServer(db, 0); // another local instance holds the port
      throw err;
    });
    url = `smtp://127.0.0.1:${capture.port}`;
  }
  const mailer = smtpMailer(url, config.mail.from);
  return {
    mailer,
    capture,
    async close() {
      mailer.close();
      await capture?.close();
    },
  };
}

export function mailHandlers(db: Database, mailer: Mailer, publicUrl: string): Record<string, OutboxHandler> {
  return {
    [MAIL_TOPIC]: async (msg) => {
      const p = msg.payload as unknown as DossierMailPayload;
      const d = (await db.query<{ code: string; procedure_name: string; applicant_name: string; applicant: { email?: string }; status: number; submitted_at: Date; due_at: Date | null }>(
        'SELECT code, procedure_name, applicant_name, applicant, status, submitted_at, due_at FROM dossiers WHERE id = $1',
        [p.dossierId],
      )).rows[0];
      if (!d) throw new Error(`dossier ${p.dossierId} not found`);
      const to = d.applicant?.email;
      if (!to) return; // no address: nothing to send (the citizen still sees the status online)
      const data = {
        code: d.code,
        procedureName: d.procedure_name,
        applicantName: d.applicant_name,
        status: d.status,
        submittedAt: new Date(d.submitted_at),
        dueAt: d.due_at ? new Date(d.due_at) : null,
        lookupUrl: `${publicUrl}/tra-cuu?ma=${encodeURIComponent(d.code)}`,
        note: p.note,
      };
      const mail = p.template === 'submitted' ? dossierSubmittedMail(data) : dossierStatusMail(data);
      await mailer.send({ to, ...mail, messageId: `<outbox-${msg.id}@motcua.local>` });
    },
  };
}

export function createOutboxWorker(db: Database, mailer: Mailer, publicUrl: string, log?: (err: unknown) => void): OutboxWorker {
  return new OutboxWorker(db, mailHandlers(db, mailer, publicUrl), { onError: (err) => log?.(err) });
}
