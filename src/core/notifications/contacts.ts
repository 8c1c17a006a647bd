/**
 * A citizen's contacts confirmed with a one-time code (issue 14, item 6): the normalised value of a phone number or
 * an e-mail address, the confirmation message on each channel (SMS within one GSM-7 segment), and the check of a
 * code against its challenge. Pure: the code is drawn and hashed by the server.
 */
import { normalisePhone } from './phone.ts';
import { measureSms } from './sms-text.ts';

export type ContactKind = 'phone' | 'email';

/** How long a code lives, how many wrong codes a challenge takes, how many codes a citizen may ask for an hour. */
export const CONFIRMATION_TTL_SECONDS = 600;
export const CONFIRMATION_MAX_ATTEMPTS = 5;
export const CONFIRMATIONS_PER_HOUR = 5;
export const CONFIRMATION_CODE_DIGITS = 6;

export type NormalisedContact = { ok: true; value: string } | { ok: false; problem: 'phone_invalid' | 'phone_not_mobile' | 'email_invalid' };

/** An e-mail address as stored: trimmed, the domain in lower case (the local part is the receiving server's). */
function normaliseEmail(input: string): string | null {
  const s = input.trim();
  if (s.length > 254 || /[\s\u0000-\u001f\u007f]/.test(s)) return null;
  const at = s.lastIndexOf('@');
  if (at < 1 || at === s.length - 1 || s.indexOf('@') !== at) return null;
  const local = s.slice(0, at);
  const domain = s.slice(at + 1).toLowerCase();
  if (local.length > 64 || !/^[a-z0-9.-]+\.[a-z]{2,}$/.test(domain) || domain.includes('..') || /^[.-]|[.-]$/.test(domain)) return null;
  return `${local}@${domain}`;
}

/** The stored form of a contact: E.164 for a mobile number (only a mobile receives Zalo and SMS). */
export function normaliseContact(kind: ContactKind, input: string): NormalisedContact {
  if (kind === 'email') {
    const v = normaliseEmail(input);
    return v ? { ok: true, value: v } : { ok: false, problem: 'email_invalid' };
  }
  const p = normalisePhone(input);
  if (!p) return { ok: false, problem: 'phone_invalid' };
  if (!p.mobile) return { ok: false, problem: 'phone_not_mobile' };
  return { ok: true, value: p.e164 };
}

/** The message carrying the code: an SMS without diacritics in one segment, or an e-mail. */
export function confirmationMessage(kind: ContactKind, code: string, locale: 'vi' | 'en'): { subject: string; body: string } {
  const minutes = CONFIRMATION_TTL_SECONDS / 60;
  if (kind === 'phone') {
    const body =
      locale === 'en'
        ? `MotCua: your phone confirmation code is ${code}, valid for ${minutes} minutes. Do not share it with anyone.`
        : `MotCua: ma xac nhan so dien thoai cua ban la ${code}, co hieu luc ${minutes} phut. Khong chia se ma nay cho ai.`;
    return { subject: '', body };
  }
  return locale === 'en'
    ? {
        subject: 'MotCua: confirm your e-mail address',
        body: `Your confirmation code is ${code}. It is valid for ${minutes} minutes. If you did not ask for it, ignore this message.`,
      }
    : {
        subject: 'MotCua: xác nhận địa chỉ thư điện tử',
        body: `Mã xác nhận của bạn là ${code}, có hiệu lực trong ${minutes} phút. Nếu bạn không yêu cầu, hãy bỏ qua thư này.`,
      };
}

/** Whether the confirmation SMS fits one GSM-7 segment for every code (checked by the unit tests). */
export function confirmationSmsFits(locale: 'vi' | 'en'): boolean {
  const m = measureSms(confirmationMessage('phone', '9'.repeat(CONFIRMATION_CODE_DIGITS), locale).body);
  return m.encoding === 'gsm7' && m.segments === 1;
}

export interface ConfirmationChallenge {
  attempts: number;
  expiresAt: Date;
  consumedAt: Date | null;
}

export type ConfirmationCheck = 'confirmed' | 'wrong_code' | 'expired' | 'too_many_attempts' | 'used';

/** The verdict on one attempt; `codeMatches` is the constant-time comparison done by the caller. */
export function checkConfirmation(c: ConfirmationChallenge, codeMatches: boolean, now: Date): ConfirmationCheck {
  if (c.consumedAt) return 'used';
  if (c.attempts >= CONFIRMATION_MAX_ATTEMPTS) return 'too_many_attempts';
  if (now.getTime() >= c.expiresAt.getTime()) return 'expired';
  return codeMatches ? 'confirmed' : 'wrong_code';
}
