/**
 * Possible duplicates (rule in src/core/dossiers/duplicates.ts): a dossier's subject keys are written with the
 * dossier (same transaction), and an earlier dossier with a common key that still stands in the way is shown to the
 * citizen before submitting (a draft's duplicates) and to the receiving officer in the queue ("Có thể trùng").
 * A citizen sees a link only to their own dossiers; of someone else's they learn only that one exists, its state
 * and its date (the other parent may have registered the child).
 */
import { standsInTheWay, subjectKeys } from '../../../core/dossiers/duplicates.ts';
import { nationalStatusName, type NationalStatus } from '../../../core/dossiers/status.ts';
import { now } from '../../clock.ts';
import type { Queryable } from '../../db/database.ts';
import { deferWrite } from '../../db/deferred.ts';
import type { CitizenActor } from '../../http/actor.ts';
import { getOwnDraft } from './drafts.ts';

interface EarlierRow {
  id: string;
  code: string;
  procedure_name: string;
  status: number;
  submitted_at: Date;
  finished_at: Date | null;
  owner_citizen_id: string | null;
}

/** Records the subject keys of a new dossier; call inside the transaction that creates it. */
export async function recordSubjects(
  tx: Queryable,
  dossierId: string,
  procedureCode: string,
  values: Record<string, unknown>,
  applicantIdNumber: string | null,
): Promise<string[]> {
  const keys = subjectKeys(procedureCode, values, applicantIdNumber);
  if (keys.length > 0) {
    // Deferred: sent with the transaction's other deferred writes (src/server/db/deferred.ts; issue 17).
    await deferWrite(tx, 'INSERT INTO dossier_subjects (dossier_id, subject_key) SELECT $1, unnest($2::text[]) ON CONFLICT DO NOTHING', [dossierId, keys]);
  }
  return keys;
}

/** Earlier dossiers with one of these subject keys that still stand in the way (oldest first). */
async function standingWithKeys(db: Queryable, keys: string[], exceptId: string | null): Promise<EarlierRow[]> {
  if (keys.length === 0) return [];
  const { rows } = await db.query<EarlierRow>(
    `SELECT DISTINCT d.id, d.code, d.procedure_name, d.status, d.submitted_at, d.finished_at, d.owner_citizen_id
       FROM dossier_subjects s JOIN dossiers d ON d.id = s.dossier_id
      WHERE s.subject_key = ANY($1::text[]) AND ($2::uuid IS NULL OR d.id <> $2::uuid)
      ORDER BY d.submitted_at LIMIT 20`,
    [keys, exceptId],
  );
  const at = now();
  return rows.filter((r) => standsInTheWay({ status: r.status, finishedAt: r.finished_at ? new Date(r.finished_at) : null }, at));
}

export interface DraftDuplicate {
  /** Only for the citizen's own dossiers. */
  dossierId: string | null;
  code: string | null;
  own: boolean;
  procedureName: string;
  status: number;
  statusName: string;
  submittedAt: string;
}

/** Dossiers standing in the way of the citizen's draft: what the review page warns about before submitting. */
export async function draftDuplicates(db: Queryable, citizen: CitizenActor, draftId: string): Promise<DraftDuplicate[]> {
  const draft = await getOwnDraft(db, citizen, draftId);
  const keys = subjectKeys(draft.procedure_code, draft.form_values ?? {}, citizen.idNumber);
  return (await standingWithKeys(db, keys, null)).map((r) => {
    const own = r.owner_citizen_id === citizen.id;
    return {
      dossierId: own ? r.id : null,
      code: own ? r.code : null,
      own,
      procedureName: r.procedure_name,
      status: r.status,
      statusName: nationalStatusName[r.status as NationalStatus]?.vi ?? String(r.status),
      submittedAt: new Date(r.submitted_at).toISOString(),
    };
  });
}

/**
 * Records, with a new dossier submitted after the warning, the earlier dossiers that stood in its way (the citizen
 * was shown them and submitted anyway); the officer sees that in the queue. Nothing when none stands in the way.
 */
export async function recordAcknowledgedWarning(tx: Queryable, dossierId: string, keys: string[]): Promise<void> {
  const warnedOf = (await standingWithKeys(tx, keys, dossierId)).map((r) => r.id);
  if (warnedOf.length === 0) return;
  await tx.query('INSERT INTO dossier_duplicate_warnings (dossier_id, warned_of, acknowledged_at) VALUES ($1, $2::uuid[], $3) ON CONFLICT DO NOTHING', [
    dossierId,
    warnedOf,
    now(),
  ]);
}

export interface PossibleDuplicate {
  id: string;
  code: string;
}

/**
 * For each dossier, the earlier dossiers (submitted before it) for the same subject that still stand in the way:
 * the officer's "Có thể trùng" flag.
 */
export async function possibleDuplicates(db: Queryable, dossierIds: readonly string[]): Promise<Map<string, PossibleDuplicate[]>> {
  const out = new Map<string, PossibleDuplicate[]>();
  if (dossierIds.length === 0) return out;
  const { rows } = await db.query<{ dossier_id: string; id: string; code: string; status: number; finished_at: Date | null }>(
    `SELECT DISTINCT me.dossier_id, d.id, d.code, d.status, d.finished_at, d.submitted_at
       FROM dossier_subjects me
       JOIN dossiers mine ON mine.id = me.dossier_id
       JOIN dossier_subjects other ON other.subject_key = me.subject_key AND other.dossier_id <> me.dossier_id
       JOIN dossiers d ON d.id = other.dossier_id
      WHERE me.dossier_id = ANY($1::uuid[]) AND (d.submitted_at, d.id) < (mine.submitted_at, mine.id)
      ORDER BY d.submitted_at`,
    [dossierIds],
  );
  const at = now();
  for (const r of rows) {
    if (!standsInTheWay({ status: r.status, finishedAt: r.finished_at ? new Date(r.finished_at) : null }, at)) continue;
    const list = out.get(r.dossier_id) ?? [];
    if (!list.some((x) => x.id === r.id)) list.push({ id: r.id, code: r.code });
    out.set(r.dossier_id, list);
  }
  return out;
}
