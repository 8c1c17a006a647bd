/**
 * A message that belongs to no dossier event — a one-time code to a resident's phone (community representation,
 * docs/community.md) — queued in the same notification outbox, so the dispatcher sends it through the configured SMS
 * gateway with the usual retries and receipts. The dedupe key makes a retried call queue nothing twice.
 */
import { normalisePhone } from '../../../core/notifications/phone.ts';
import type { Queryable } from '../../db/database.ts';

export async function queueDirectSms(
  tx: Queryable,
  m: { key: string; phone: string; body: string; templateCode: string; citizenId?: string | null; unitId?: string | null },
): Promise<boolean> {
  const phone = normalisePhone(m.phone);
  if (!phone?.mobile) return false;
  await tx.query(
    `INSERT INTO notifications (dedupe_key, event_id, event_type, unit_id, citizen_id, channel, recipient, locale, template_code, template_version,
                                body, mandatory, status)
     VALUES ($1, $1, $2, $3, $4, 'sms', $5, 'vi', $2, 1, $6, true, 'queued') ON CONFLICT (dedupe_key) DO NOTHING`,
    [m.key, m.templateCode, m.unitId ?? null, m.citizenId ?? null, phone.e164, m.body],
  );
  return true;
}
