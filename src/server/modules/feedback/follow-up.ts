/**
 * "Không hài lòng" follow-up (issue 15; docs/feedback.md): a dossier rated dissatisfied opens a follow-up item for
 * the head (leader) of the dossier's receiving unit (or of the nearest unit above it), in the transaction of the rating (an in-transaction dossier
 * subscriber, registered in src/server/bootstrap.ts). It is a PAKN item of channel `rating`, handled on the
 * officials' PAKN screen with the ordinary deadlines; one per rating event (`rating:<event id>`), so a replayed
 * event creates nothing new. It is not counted in indicators 5.2–5.3 (they count the PAKN citizens sent).
 */
import crypto from 'node:crypto';
import type { DossierSubscriber } from '../dossiers/index.ts';

export function feedbackFollowUpSubscriber(): DossierSubscriber {
  return async (tx, event) => {
    if (event.type !== 'rated' || event.data.rating !== 'dissatisfied') return;
    // The head: a leader of the receiving unit or, failing one, of the nearest unit above it (a one-stop centre's
    // head is the commune's chairman).
    const head = (
      await tx.query<{ id: string; unit_id: string }>(
        `WITH RECURSIVE up AS (
           SELECT id, parent_id, 0 AS depth FROM org_units WHERE id = $1
           UNION ALL SELECT u.id, u.parent_id, up.depth + 1 FROM org_units u JOIN up ON u.id = up.parent_id WHERE up.depth < 20)
         SELECT m.official_id::text AS id, m.unit_id FROM up JOIN official_memberships m ON m.unit_id = up.id AND m.role = 'leader'
          ORDER BY up.depth, m.official_id LIMIT 1`,
        [event.receivingUnitId],
      )
    ).rows[0];
    await tx.query(
      `INSERT INTO feedback (id, kind, channel, sender_name, contact, title, content, dossier_code, procedure_code, unit_id, assignee_id, received_at, external_id)
       VALUES ($1, 'feedback', 'rating', $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)
       ON CONFLICT (external_id) WHERE external_id IS NOT NULL DO NOTHING`,
      [
        crypto.randomUUID(),
        event.actor.name.slice(0, 100) || 'Người đánh giá',
        `ho-so:${event.code}`,
        `Không hài lòng: hồ sơ ${event.code}`,
        `Đánh giá "Không hài lòng" với hồ sơ ${event.code} (thủ tục ${event.procedure.code}). Thủ trưởng đơn vị xem xét, liên hệ người dân và trả lời.`,
        event.code,
        event.procedure.code,
        head?.unit_id ?? event.receivingUnitId,
        head?.id ?? null,
        new Date(event.at),
        `rating:${event.id}`,
      ],
    );
  };
}
