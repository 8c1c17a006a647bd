/**
 * The digitisation guard's wiring (rules: src/core/digitisation/guard.ts): the facts of a dossier as the database
 * holds them, the refusal of a step that would lose 766 digitisation points (called by the transition path, with
 * the row locked, before any effect), and the daily report of dossiers at risk per unit.
 */
import {
  type DigitisationFacts,
  digitisationProblems,
  dossierRisks,
  GUARDED_ACTIONS,
  type GuardedAction,
  guardMessage,
} from '../../../core/digitisation/guard.ts';
import { ACTION_RULES } from '../../../core/dossiers/transitions.ts';
import type { Queryable } from '../../db/database.ts';
import { AppError } from '../../http/errors.ts';
import type { DossierRow } from './effects.ts';
import type { TransitionInput } from './transition-input.ts';

type FactsRow = Pick<DossierRow, 'id' | 'channel' | 'vneid_authenticated' | 'population_db_used' | 'intake'>;

const identityChecked = (d: FactsRow) =>
  d.vneid_authenticated || d.population_db_used || Boolean((d.intake as { identityCheck?: { matched?: boolean } } | null)?.identityCheck?.matched);

export async function digitisationFacts(tx: Queryable, d: FactsRow): Promise<DigitisationFacts> {
  const components = (
    await tx.query<{ requirement_code: string; name: string; has_file: boolean }>(
      'SELECT requirement_code, name, sha256 IS NOT NULL AS has_file FROM dossier_documents WHERE dossier_id = $1 ORDER BY created_at, requirement_code',
      [d.id],
    )
  ).rows;
  const result = (
    await tx.query<{ n: number }>("SELECT count(*)::int AS n FROM results WHERE dossier_id = $1 AND status = 'valid' AND kind <> 'specimen'", [d.id])
  ).rows[0];
  return {
    channel: d.channel as 1 | 2 | 3,
    components: components.map((c) => ({ requirementCode: c.requirement_code, name: c.name, hasFile: c.has_file })),
    identityChecked: identityChecked(d),
    resultFile: result.n > 0,
  };
}

const isGuarded = (a: string): a is GuardedAction => (GUARDED_ACTIONS as readonly string[]).includes(a);

/**
 * Refuses (409 DIGITISATION_GUARD, the Vietnamese explanation and the problems in details) a step that would lose
 * digitisation points. The document of a refusal or a stop is the form the system issues with it (Mẫu 03, Mẫu 05,
 * recorded in the log and printable); a withdrawal at the counter needs the scan of the citizen's written request;
 * a citizen's withdrawal online is itself the electronic request.
 */
export async function guardDigitisation(tx: Queryable, d: FactsRow, input: TransitionInput, actorKind: 'official' | 'citizen' | 'system'): Promise<void> {
  const action = input.action;
  if (!isGuarded(action) || actorKind === 'system') return;
  const facts = await digitisationFacts(tx, d);
  if (action === 'refuse' || action === 'stop') facts.actionDocument = ACTION_RULES[action].form !== undefined;
  if (action === 'withdraw') facts.actionDocument = actorKind === 'citizen' || ('documents' in input && (input.documents?.length ?? 0) > 0);
  const problems = digitisationProblems(action, facts);
  if (problems.length > 0) throw new AppError('DIGITISATION_GUARD', guardMessage(problems), 409, { problems });
}

export interface RiskReportRow {
  id: string;
  code: string;
  status: number;
  procedureName: string;
  applicantName: string;
  receivingUnitId: string;
  risks: { code: string; message: string }[];
}

/**
 * Dossiers of the given units that lose (or will lose) digitisation points: every dossier still open, and those
 * that ended (returned, refused, stopped, withdrawn) on `day` (Vietnam time), each with its risks.
 */
export async function digitisationRiskReport(db: Queryable, units: string[], day: string): Promise<RiskReportRow[]> {
  if (units.length === 0) return [];
  const rows = (
    await db.query<
      FactsRow & { code: string; status: number; procedure_name: string; applicant_name: string; receiving_unit_id: string; withdrawal_docs: number | null }
    >(
      `SELECT d.id, d.code, d.status, d.channel, d.vneid_authenticated, d.population_db_used, d.intake, d.procedure_name, d.applicant_name,
              d.receiving_unit_id,
              (SELECT jsonb_array_length(a.attachments) FROM dossier_actions a
                WHERE a.dossier_id = d.id AND a.action = 'withdrawal_requested' AND a.actor_kind = 'official' ORDER BY a.seq DESC LIMIT 1) AS withdrawal_docs
         FROM dossiers d
        WHERE d.receiving_unit_id = ANY($1::text[])
          AND (d.status IN (1, 2, 4, 5, 6, 9)
               OR (d.finished_at AT TIME ZONE 'Asia/Ho_Chi_Minh')::date = $2::date
               OR (d.returned_at AT TIME ZONE 'Asia/Ho_Chi_Minh')::date = $2::date)
        ORDER BY d.receiving_unit_id, d.submitted_at
        LIMIT 5000`,
      [units, day],
    )
  ).rows;
  const out: RiskReportRow[] = [];
  for (const r of rows) {
    const facts = await digitisationFacts(db, r);
    const endedWithoutDocument = r.status === 7 && r.withdrawal_docs === 0 ? ('withdraw' as const) : null;
    const risks = dossierRisks(r.status, { ...facts, endedWithoutDocument });
    if (risks.length === 0) continue;
    out.push({
      id: r.id,
      code: r.code,
      status: r.status,
      procedureName: r.procedure_name,
      applicantName: r.applicant_name,
      receivingUnitId: r.receiving_unit_id,
      risks: risks.map((p) => ({ code: p.code, message: p.vi })),
    });
  }
  return out;
}
