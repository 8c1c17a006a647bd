/**
 * What a moderator's publication of a PAKN or a question removes: the sender's names become initials ("Nguyễn Văn
 * An" → "N.V.A."), and phone numbers, e-mail addresses, identity numbers (any run of 6+ digits) and dossier codes
 * are replaced by a mark. The moderator reviews the result before publication; this is the proposal and the
 * final check (publication refuses a text in which `personalDataLeft` still finds something).
 */
import { redactPersonalData } from '../assistant/redact.ts';

export const initials = (name: string) =>
  name
    .trim()
    .split(/\s+/)
    .filter(Boolean)
    .map((w) => `${w[0].toLocaleUpperCase('vi')}.`)
    .join('');

const escapeRegExp = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** The text with the given names turned into initials and contact/identity data removed. */
export function moderate(text: string, names: readonly string[] = []): string {
  let out = text.normalize('NFC');
  for (const name of [...names].filter((n) => n.trim().split(/\s+/).length >= 2).sort((a, b) => b.length - a.length)) {
    out = out.replace(new RegExp(escapeRegExp(name.normalize('NFC').trim()).replace(/\s+/g, '\\s+'), 'giu'), initials(name));
  }
  return redactPersonalData(out)
    .replace(/\[số\]/g, '[đã ẩn]')
    .replace(/\[email\]/g, '[đã ẩn]');
}

/** What personal data a text still holds (empty when it may be published). */
export function personalDataLeft(text: string): string[] {
  const found: string[] = [];
  if (/[\p{L}\p{N}._%+-]+@[\p{L}\p{N}.-]+\.[\p{L}]{2,}/u.test(text)) found.push('email');
  if (/\+?\d(?:[\s.-]?\d){5,}/.test(text)) found.push('number');
  return found;
}
