/** Back-office display helpers: instants in Vietnam time ("17:30 ngày 10/03/2026"), channels, status names. */
import type { TFunction } from 'i18next';
import { nationalStatusName, type NationalStatus } from '../../core/dossiers/status.ts';
import { formatDate, vnClockOf, vnToday } from '../format.ts';

/** The hour and minute in Vietnam time, 24-hour clock ("07:05"). */
export const vnClock = vnClockOf;

/** "17:30 ngày 10/03/2026" (Vietnamese) or "17:30 on 10/03/2026" (English); empty for no instant. */
export function vnDateTime(t: TFunction, iso: string | null | undefined): string {
  if (!iso) return '';
  return t('staff.time.at', { time: vnClock(iso), date: formatDate(iso) });
}

/** Today in Vietnam, yyyy-mm-dd. */
export const vnTodayIso = vnToday;

/** The national status name in the current language (the API sends the Vietnamese one). */
export function statusName(lang: string, status: { code: number; name: string }): string {
  if (lang === 'en') return nationalStatusName[status.code as NationalStatus]?.en ?? status.name;
  return status.name;
}

export const channelName = (t: TFunction, channel: number) => t(`staff.channel.c${channel === 1 || channel === 3 ? channel : 2}`);

/** File size for people: "12 KB", "1,4 MB". */
export function fileSize(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < 1024 * 1024) return `${Math.round(bytes / 1024)} KB`;
  return `${(bytes / 1024 / 1024).toFixed(1).replace('.', ',')} MB`;
}

/** A client-generated idempotency key (letters, digits and dashes), also outside secure contexts. */
export function newIdempotencyKey(): string {
  if (typeof crypto.randomUUID === 'function') return crypto.randomUUID();
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  return Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');
}

/** The message of an API error, with the first validation issue when the server listed them. */
export function errorMessage(err: unknown, fallback: string): string {
  if (err && typeof err === 'object' && 'message' in err && typeof (err as { message: unknown }).message === 'string') {
    const details = (err as { details?: { issues?: { message?: string }[] } }).details;
    const issue = details?.issues?.[0]?.message;
    const message = (err as { message: string }).message;
    return issue && !message.includes(issue) ? `${message} ${issue}` : message;
  }
  return fallback;
}
