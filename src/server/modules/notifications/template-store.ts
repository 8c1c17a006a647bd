/** Templates in force: the latest saved version (notification_templates) or the baseline (version 1). */
import type { NotificationChannel } from '../../../core/notifications/channels.ts';
import { baselineTemplate, checkTemplate, type ChannelTemplate, type NotificationLocale } from '../../../core/notifications/templates.ts';
import type { Queryable } from '../../db/database.ts';
import { AppError } from '../../http/errors.ts';

export async function templateInForce(db: Queryable, code: string, channel: NotificationChannel, locale: NotificationLocale): Promise<ChannelTemplate | null> {
  const saved = (
    await db.query<SavedTemplate>(
      'SELECT channel, locale, version, subject, body FROM notification_templates WHERE code = $1 AND channel = $2 AND locale = $3 ORDER BY version DESC LIMIT 1',
      [code, channel, locale],
    )
  ).rows;
  return pickTemplate(saved, code, channel, locale);
}

/** A saved version as read from notification_templates. */
export interface SavedTemplate {
  channel: string;
  locale: string;
  version: number;
  subject: string;
  body: string;
}

/** The template in force among the saved versions of a code (any channels and languages), else the baseline. */
export function pickTemplate(saved: readonly SavedTemplate[], code: string, channel: NotificationChannel, locale: NotificationLocale): ChannelTemplate | null {
  const latest = saved.filter((s) => s.channel === channel && s.locale === locale).sort((a, b) => Number(b.version) - Number(a.version))[0];
  if (latest) return { code, channel, locale, version: Number(latest.version), subject: latest.subject, body: latest.body };
  return baselineTemplate(code, channel, locale) ?? (locale === 'en' ? baselineTemplate(code, channel, 'vi') : null);
}

/** Saves a new version after the checks (the SMS budget among them); returns it. */
export async function saveTemplate(
  db: Queryable,
  t: { code: string; channel: NotificationChannel; locale: NotificationLocale; subject: string; body: string },
  by: string,
): Promise<ChannelTemplate> {
  if (!baselineTemplate(t.code, t.channel, 'vi')) throw new AppError('NOT_FOUND', 'Không tìm thấy mẫu thông báo.', 404);
  const problems = checkTemplate(t);
  if (problems.length > 0) throw new AppError('NOTIFICATION_TEMPLATE_INVALID', problems.join(' '), 422, { problems });
  const current = await templateInForce(db, t.code, t.channel, t.locale);
  const version = Math.max(1, current?.version ?? 1) + 1;
  await db.query('INSERT INTO notification_templates (code, channel, locale, version, subject, body, created_by) VALUES ($1, $2, $3, $4, $5, $6, $7)', [
    t.code,
    t.channel,
    t.locale,
    version,
    t.subject,
    t.body,
    by,
  ]);
  return { ...t, version };
}
