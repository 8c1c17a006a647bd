/**
 * The in-transaction dossier subscriber (registered in src/server/bootstrap.ts) that writes the national-portal
 * messages of each domain event into the sync outbox (national_sync_messages), in the transaction of the change:
 * the change and its messages commit together or not at all. Which messages an event gives: src/core/national-sync/messages.ts.
 * A payload that cannot be built (a code missing from the mapping tables) does not stop the change: the message is
 * recorded parked, with the reason, for the reconciliation page.
 */
import { deferWrites, type Write } from '../../db/deferred.ts';
import { actionLabel } from '../dossiers/index.ts';
import type { DossierSubscriber } from '../dossiers/index.ts';
import { MappingMissing } from '../../../core/national-sync/mappings.ts';
import { syncMessagesFor } from '../../../core/national-sync/messages.ts';
import { buildDossierPayload, buildProgressPayload, portalUnitCode } from '../../../core/national-sync/payloads.ts';
import { ROLE_LABELS } from './labels.ts';
import { portalMappings } from './mappings.ts';
import { loadSnapshot, snapshotOfCreated } from './snapshot.ts';

export function nationalSyncSubscriber(links: { publicUrl: string; secret: string }): DossierSubscriber {
  return async (tx, event, _before, created) => {
    const kinds = syncMessagesFor(event);
    if (kinds.length === 0) return;
    const m = portalMappings();
    // A new dossier's snapshot comes from what its creation knows (one read fewer in the submission, issue 17).
    const snapshot = (created && snapshotOfCreated(created, links)) ?? (await loadSnapshot(tx, event.dossierId, links));
    const rows: { kind: string; madonvi: string; payload: object; state: 'parked' | 'pending'; last_error: string | null }[] = [];
    for (const kind of kinds) {
      let payload: object = {};
      let madonvi = snapshot.receivingUnit.agencyCode ?? snapshot.receivingUnit.id;
      let problem: string | null = null;
      try {
        madonvi = portalUnitCode(m, snapshot);
        payload =
          kind === 'dossier'
            ? buildDossierPayload(snapshot, m)
            : buildProgressPayload(event, m, {
                action: actionLabel[event.type]?.vi ?? event.type,
                role: ROLE_LABELS[event.actor.role],
                unit: snapshot.handlingUnit.name,
              });
      } catch (err) {
        if (!(err instanceof MappingMissing)) throw err;
        problem = err.message;
      }
      rows.push({ kind, madonvi, payload, state: problem ? 'parked' : 'pending', last_error: problem });
    }
    // The messages, the dossier's sync row and its sync state: deferred writes of the transaction (one statement
    // with the other subscribers' writes, src/server/db/deferred.ts; issue 17). A dossier already 'pending' is not
    // rewritten (a new dossier is created 'pending'): no dead row version.
    const writes: Write[] = [
      {
        sql: `INSERT INTO national_sync_messages (dossier_id, kind, event_id, seq, madonvi, payload, state, last_error)
              SELECT $1, x.kind, $2, $3, x.madonvi, x.payload, x.state, x.last_error
                FROM ROWS FROM (jsonb_to_recordset($4::jsonb) AS (kind text, madonvi text, payload jsonb, state text, last_error text))
                     WITH ORDINALITY AS x(kind, madonvi, payload, state, last_error, n)
               ORDER BY x.n
              ON CONFLICT (event_id, kind) DO NOTHING`,
        params: [event.dossierId, event.id, event.seq, JSON.stringify(rows)],
      },
      { sql: 'INSERT INTO national_sync_dossiers (dossier_id) VALUES ($1) ON CONFLICT (dossier_id) DO NOTHING', params: [event.dossierId] },
    ];
    // A dossier just created is already 'pending' (the column's default): nothing to update.
    if (!created)
      writes.push({ sql: "UPDATE dossiers SET sync_state = 'pending' WHERE id = $1 AND sync_state NOT IN ('failed', 'pending')", params: [event.dossierId] });
    await deferWrites(tx, writes);
  };
}
