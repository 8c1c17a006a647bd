/** Channel fallback: the SMS that replaces a Zalo message refused, failed or without a receipt in time. */
import { render, type NotificationLocale, type TemplateParams } from '../../../core/notifications/templates.ts';
import type { Queryable } from '../../db/database.ts';
import { templateInForce } from './template-store.ts';

/** The SMS that replaces a Zalo message (same event and recipient; dedupe key per event, channel, recipient). */
export async function queueSmsFallback(tx: Queryable, znsId: number): Promise<void> {
  const z = (
    await tx.query<{
      event_id: string;
      event_type: string;
      dossier_id: string | null;
      dossier_code: string | null;
      unit_id: string | null;
      citizen_id: string | null;
      recipient: string;
      locale: NotificationLocale;
      template_code: string;
      params: TemplateParams;
      mandatory: boolean;
    }>('SELECT * FROM notifications WHERE id = $1', [znsId])
  ).rows[0];
  if (!z) return;
  const t = await templateInForce(tx, z.template_code, 'sms', z.locale);
  if (!t) return;
  const m = render(t, z.params);
  await tx.query(
    `INSERT INTO notifications (dedupe_key, event_id, event_type, dossier_id, dossier_code, unit_id, citizen_id, channel, recipient, locale,
                                template_code, template_version, subject, body, params, mandatory, status, fallback_of)
     VALUES ($1, $2, $3, $4, $5, $6, $7, 'sms', $8, $9, $10, $11, '', $12, $13, $14, 'queued', $15) ON CONFLICT (dedupe_key) DO NOTHING`,
    [
      `${z.event_id}:sms:${z.recipient}`,
      z.event_id,
      z.event_type,
      z.dossier_id,
      z.dossier_code,
      z.unit_id,
      z.citizen_id,
      z.recipient,
      z.locale,
      z.template_code,
      t.version,
      m.body,
      z.params,
      z.mandatory,
      znsId,
    ],
  );
}
