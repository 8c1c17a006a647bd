/**
 * Notification delivery: the citizen's e-mail for every domain event the rules say they are told about
 * (ACTION_RULES[…].notifiesApplicant), delivered from the outbox over SMTP. In development and tests, when no
 * SMTP_URL is configured, a local SMTP capture server is started and mail goes there (a real SMTP exchange).
 */
import type { DossierEvent } from '../../../core/dossiers/events.ts';
import { ACTION_RULES } from '../../../core/dossiers/transitions.ts';
import { smtpMailer, type Mailer } from '../../adapters/mail.ts';
import type { AppConfig } from '../../config.ts';
import type { Database } from '../../db/database.ts';
import type { OutboxHandler } from '../../outbox/outbox.ts';
import type { EventConsumer } from '../dossiers/index.ts';
import { startCaptureServer, type CaptureServer } from '../../standins/mail/capture-server.ts';
import { dossierStatusMail, dossierSubmittedMail } from './mail-templates.ts';

/** The e-mail consumer of the event stream. */
export const MAIL_CONSUMER: EventConsumer = { topic: 'notify.mail', wants: (e) => ACTION_RULES[e.action]?.notifiesApplicant === true };

/** Messages queued before the event stream existed (topic of the first wave), still delivered. */
const LEGACY_MAIL_TOPIC = 'mail.dossier';

interface DossierMailPayload {
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

/** The note an event adds to the status e-mail: the reason given, or the payment received. */
export function mailNote(e: Pick<DossierEvent, 'type' | 'data'>): string | undefined {
  const d = e.data as { reason?: string; amount?: number; receipt?: { number?: string } };
  if (e.type === 'paid' && typeof d.amount === 'number') {
    return `Đã nhận thanh toán ${d.amount.toLocaleString('vi-VN')} đồng${d.receipt?.number ? ` (biên lai số ${d.receipt.number})` : ''}.`;
  }
  return d.reason ? `Lý do: ${d.reason}` : undefined;
}

export function mailHandlers(db: Database, mailer: Mailer, publicUrl: string): Record<string, OutboxHandler> {
  const send = async (msgId: number, p: DossierMailPayload, statusAfter?: number) => {
    const d = (
      await db.query<{
        code: string;
        procedure_name: string;
        applicant_name: string;
        applicant: { email?: string };
        status: number;
        submitted_at: Date;
        due_at: Date | null;
      }>('SELECT code, procedure_name, applicant_name, applicant, status, submitted_at, due_at FROM dossiers WHERE id = $1', [p.dossierId])
    ).rows[0];
    if (!d) throw new Error(`dossier ${p.dossierId} not found`);
    const to = d.applicant?.email;
    if (!to) return; // no address: nothing to send (the citizen still sees the status online)
    const data = {
      code: d.code,
      procedureName: d.procedure_name,
      applicantName: d.applicant_name,
      status: statusAfter ?? d.status,
      submittedAt: new Date(d.submitted_at),
      dueAt: d.due_at ? new Date(d.due_at) : null,
      lookupUrl: `${publicUrl}/tra-cuu?ma=${encodeURIComponent(d.code)}`,
      note: p.note,
    };
    const mail = p.template === 'submitted' ? dossierSubmittedMail(data) : dossierStatusMail(data);
    await mailer.send({ to, ...mail, messageId: `<outbox-${msgId}@motcua.local>` });
  };
  return {
    [MAIL_CONSUMER.topic]: async (msg) => {
      const e = msg.payload as unknown as DossierEvent;
      await send(msg.id, { dossierId: e.dossierId, template: e.type === 'submitted' ? 'submitted' : 'status', note: mailNote(e) }, e.status.after);
    },
    [LEGACY_MAIL_TOPIC]: async (msg) => send(msg.id, msg.payload as unknown as DossierMailPayload),
  };
}
