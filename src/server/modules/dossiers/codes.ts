/**
 * Issues dossier codes: the receiving unit's identifier, the receipt date (Vietnam time) and that unit's running
 * number for the day. The counter row is incremented with an upsert inside the caller's transaction, so a
 * rolled-back submission gives its number back and concurrent submissions never share one. Callers issue the
 * code as late as possible in their transaction to keep the counter row locked only briefly.
 */
import { formatDossierCode, vnDateStamp } from '../../../core/dossiers/code.ts';
import type { Queryable } from '../../db/database.ts';

export async function issueDossierCode(tx: Queryable, agencyCode: string, at: Date): Promise<string> {
  const { rows } = await tx.query<{ last_value: number }>(
    `INSERT INTO dossier_code_counters (agency_code, day, last_value) VALUES ($1, $2, 1)
     ON CONFLICT (agency_code, day) DO UPDATE SET last_value = dossier_code_counters.last_value + 1
     RETURNING last_value`,
    [agencyCode, vnDateStamp(at)],
  );
  return formatDossierCode(agencyCode, at, rows[0].last_value);
}
