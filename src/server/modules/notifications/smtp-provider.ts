/** E-mail over SMTP (the server's mailer): accepted when the SMTP server takes it; the Message-ID is the notification's. */
import type { Mailer } from '../../adapters/mail.ts';
import { describeError, type NotificationProvider } from './provider.ts';

export function smtpProvider(mailer: Mailer): NotificationProvider {
  return {
    name: 'smtp',
    channel: 'email',
    async send(msg) {
      const messageId = `<notification-${msg.id}@motcua.local>`;
      try {
        await mailer.send({ to: msg.recipient, subject: msg.subject, text: msg.body, messageId });
      } catch (err) {
        const code = (err as { responseCode?: number }).responseCode;
        if (code && code >= 500 && code < 600) return { kind: 'failed_permanent', reason: `smtp ${code}: ${describeError(err)}`, fallback: false };
        return { kind: 'failed_temporary', reason: `smtp: ${describeError(err)}` };
      }
      return { kind: 'accepted', providerMsgId: messageId };
    },
  };
}
