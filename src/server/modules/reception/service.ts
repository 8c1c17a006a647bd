/**
 * Reception at the one-stop counter (Bộ phận một cửa): the queue of online dossiers (national status 1) waiting at
 * the officer's counters. Accepting, refusing and requesting completion are workflow actions
 * (src/server/modules/workflow/staff-actions.ts → the one transition path); counter and postal intake are in intake.ts.
 */
import type { AppContext } from '../../context.ts';
import { possibleDuplicates } from '../dossiers/index.ts';

export async function receptionQueue(ctx: AppContext, units: string[]) {
  if (units.length === 0) return [];
  const { rows } = await ctx.db.query<{
    id: string;
    code: string;
    procedure_code: string;
    procedure_name: string;
    applicant_name: string;
    submitted_at: Date;
    sub_state: string | null;
    receiving_unit_id: string;
    channel: number;
    acknowledged: boolean;
  }>(
    `SELECT id, code, procedure_code, procedure_name, applicant_name, submitted_at, sub_state, receiving_unit_id, channel,
            EXISTS (SELECT 1 FROM dossier_duplicate_warnings w WHERE w.dossier_id = dossiers.id) AS acknowledged FROM dossiers
      WHERE status = 1 AND receiving_unit_id = ANY($1::text[]) AND sub_state IS DISTINCT FROM 'linked' ORDER BY submitted_at LIMIT 500`,
    [units],
  );
  const duplicates = await possibleDuplicates(
    ctx.db,
    rows.map((r) => r.id),
  );
  return rows.map((r) => ({
    id: r.id,
    code: r.code,
    procedureCode: r.procedure_code,
    procedureName: r.procedure_name,
    applicantName: r.applicant_name,
    submittedAt: new Date(r.submitted_at).toISOString(),
    subState: r.sub_state,
    receivingUnitId: r.receiving_unit_id,
    channel: r.channel,
    possibleDuplicates: duplicates.get(r.id) ?? [],
    duplicateAcknowledged: r.acknowledged,
  }));
}
