/**
 * The community module's in-transaction subscriber to the domain events (listed in src/server/bootstrap.ts): when a
 * citizen submits a dossier online after an e-ID login, the evidence of both covering skills (e-ID login, online
 * submission) is recorded for that person — which is what flips their household to covered — and, when the citizen
 * was in an assisted session, the helper is recorded beside the dossier (community_assisted_dossiers). Written in
 * the submission's transaction: a dossier is never without its coverage evidence, and a replayed event adds nothing
 * (unique keys).
 */
import type { DossierEvent } from '../../../core/dossiers/events.ts';
import { Channel } from '../../../core/dossiers/status.ts';
import type { Queryable } from '../../db/database.ts';
import { deferWrite } from '../../db/deferred.ts';
import type { CreatedDossier } from '../dossiers/index.ts';
import type { Skill } from '../../../core/community/coverage.ts';

const ONLINE_SKILLS: readonly Skill[] = ['eid_login', 'online_submission'];
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export async function communitySubscriber(tx: Queryable, event: DossierEvent, _before: unknown, created?: CreatedDossier): Promise<void> {
  if (event.type !== 'submitted' || event.channel !== Channel.ONLINE) return;
  const onBehalf = event.data.onBehalf as { helperId?: unknown; representationId?: unknown; clientKey?: unknown } | undefined;
  if (event.actor.kind === 'official' && onBehalf && typeof onBehalf.helperId === 'string' && typeof onBehalf.representationId === 'string') {
    // Submitted on the resident's behalf: the helper is recorded; the resident showed no skill, so no evidence.
    await tx.query(
      `INSERT INTO community_assisted_dossiers (dossier_id, official_id, mode, representation_id, client_key, at) VALUES ($1, $2, 'on_behalf', $3, $4, $5)
       ON CONFLICT DO NOTHING`,
      [event.dossierId, onBehalf.helperId, onBehalf.representationId, typeof onBehalf.clientKey === 'string' ? onBehalf.clientKey : null, event.at],
    );
    return;
  }
  if (event.actor.kind !== 'citizen') return;
  // The evidence of both skills, written only when the applicant has an identity number and signed in with the e-ID:
  // a deferred write (sent with the transaction's other deferred writes as one statement, src/server/db/deferred.ts;
  // issue 17). Both facts come from what the creation knows (a `submitted` event always comes from createDossier with
  // it): the dossier's own row is a deferred write of the same statement, which a SELECT there could not see.
  const n = created?.dossier;
  if (n?.id === event.dossierId && n.applicant.idNumber && n.vneidAuthenticated)
    await deferWrite(
      tx,
      `INSERT INTO community_evidence (id_number, skill, source, dossier_id, visit_id, recorded_by, at)
       SELECT $4, s, 'online_dossier', $1, NULL, NULL, $2 FROM unnest($3::text[]) AS s
       ON CONFLICT DO NOTHING`,
      [event.dossierId, new Date(event.at), ONLINE_SKILLS, n.applicant.idNumber],
    );
  const assisted = event.data.assistedBy as { helperId?: unknown; sessionId?: unknown } | undefined;
  if (assisted && typeof assisted.helperId === 'string' && UUID.test(assisted.helperId)) {
    await tx.query(
      `INSERT INTO community_assisted_dossiers (dossier_id, official_id, mode, session_id, at) VALUES ($1, $2, 'assisted', $3, $4)
       ON CONFLICT (dossier_id) DO NOTHING`,
      [event.dossierId, assisted.helperId, typeof assisted.sessionId === 'string' && UUID.test(assisted.sessionId) ? assisted.sessionId : null, event.at],
    );
  }
}
