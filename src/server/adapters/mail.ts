/** Outgoing e-mail over SMTP (nodemailer). In development and tests it talks to the local capture server. */
import nodemailer from 'nodemailer';

export interface MailMessage {
  to: string;
  subject: string;
  text: string;
  html?: string;
  /** Stable id (derived from the outbox message) so a retried delivery can be recognised downstream. */
  messageId: string;
}

export interface Mailer {
  send(msg: MailMessage): Promise<void>;
  close(): void;
}

export function smtpMailer(url: string, from: string): Mailer {
  const transport = nodemailer.createTransport(url);
  return {
    async send(msg) {
      await transport.sendMail({ from, to: msg.to, subject: msg.subject, text: msg.text, html: msg.html, messageId: msg.messageId });
    },
    close() {
      transport.close();
    },
  };
}
