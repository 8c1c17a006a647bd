/**
 * Online submission (nộp hồ sơ trực tuyến): idempotent and atomic.
 *
 * - Idempotent: the client sends a key with the submission. A double click, a retry or a refresh with the same
 *   key returns the same dossier; a unique index on (owner, key) decides races, and the losing transaction rolls
 *   back whole (its drawn dossier-code number stays unused: a gap in the day's numbering).
 * - Atomic: the dossier, its documents, the first action-log entry, the `submitted` domain event (which the
 *   confirmation e-mail follows) and the draft's closing are one transaction, written by the one creation path
 *   (createDossier in transition.ts). The dossier code is drawn just before that transaction, in a statement of
 *   its own (reserveDossierCode), so the per-unit-per-day counter row is never locked across a submission's transaction.
 */
import crypto from 'node:crypto';
import { NationalStatus, Channel } from '../../../core/dossiers/status.ts';
import type { AppContext } from '../../context.ts';
import type { Queryable } from '../../db/database.ts';
import type { CitizenActor, CitizenToRead } from '../../http/actor.ts';
import { liveSessionSql, type SessionRow } from '../../http/session.ts';
import { AppError, appError, notFound } from '../../http/errors.ts';
import { now } from '../../clock.ts';
import { getVersion } from '../catalogue/index.ts';
import { orgTree, routeUnits } from '../officials/index.ts';
import type { DraftRow } from './drafts.ts';
import { reserveDossierCode } from './codes.ts';
import { recordAcknowledgedWarning, recordSubjects } from './duplicates.ts';
import { createDossier, isDuplicateDossier, type NewDocument } from './transition.ts';

/** A component as the submission checks resolved it. */
export type SubmittedDocument = Omit<NewDocument, 'source'>;

export interface CheckedSubmission {
  procedureName: string;
  /** Values after the form engine normalised them (hidden fields removed). */
  values: Record<string, unknown>;
  provenance: Record<string, unknown>;
  summary: string;
  applicant: { fullName: string; idNumber: string; phone?: string; email?: string; address?: unknown };
  documents: SubmittedDocument[];
  feeTotal: number;
  feeQuote: unknown;
  populationDbUsed: boolean;
  competentUnitId: string | null;
}

/** Validates a draft for submission; throws AppError (422) listing every problem. */
export type SubmissionChecker = (ctx: AppContext, citizen: CitizenActor, draft: DraftRow) => Promise<CheckedSubmission>;

export interface SubmittedDossier {
  id: string;
  code: string;
  status: number;
  submittedAt: string;
  procedureCode: string;
  procedureName: string;
}

export async function findByIdempotencyKey(db: Queryable, ownerId: string, key: string): Promise<SubmittedDossier | null> {
  const r = (
    await db.query<{ id: string; code: string; status: number; submitted_at: Date; procedure_code: string; procedure_name: string }>(
      'SELECT id, code, status, submitted_at, procedure_code, procedure_name FROM dossiers WHERE owner_citizen_id = $1 AND idempotency_key = $2',
      [ownerId, key],
    )
  ).rows[0];
  return r
    ? {
        id: r.id,
        code: r.code,
        status: r.status,
        submittedAt: new Date(r.submitted_at).toISOString(),
        procedureCode: r.procedure_code,
        procedureName: r.procedure_name,
      }
    : null;
}

type KeyedDossierColumns = {
  k_id: string | null;
  k_code: string;
  k_status: number;
  k_submitted_at: Date;
  k_procedure_code: string;
  k_procedure_name: string;
};

const UUID_TEXT = '^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$';

/**
 * The dossier already submitted with this idempotency key (then the draft does not matter), else the citizen's draft
 * (404 when it is not theirs) with its owner's uploads that its components name: one statement, one round trip (it
 * was three, issue 17). The same answers as findByIdempotencyKey followed by getOwnDraft, except that the draft's
 * prefill comes without its provenance (what was filled from where: the draft page's, not the submission's).
 *
 * A session still to read is read in the same statement (one round trip fewer, issue 17): the owner is the session's
 * citizen (`subject.citizenId`, as currentActor reads it), and the session is settled before anything read is used.
 */
async function keyAndDraft(
  db: Queryable,
  who: CitizenActor | CitizenToRead,
  key: string,
  draftId: string,
): Promise<{ citizen: CitizenActor; first: { existing: SubmittedDossier } | { draft: DraftRow } }> {
  const joined = 'sessionHash' in who;
  // The owner: the citizen given ($2), or the one of the session read here (its hash is $2).
  const owner = joined ? '(SELECT c.id FROM c)' : '$2';
  const ownerText = joined ? '(SELECT c.id::text FROM c)' : '$2::text';
  const r = (
    await db.query<Partial<DraftRow> & KeyedDossierColumns & { session?: SessionRow | null }>(
      `${
        joined
          ? `WITH s AS (${liveSessionSql('$2')}),
                  c AS (SELECT CASE WHEN s.subject->>'citizenId' ~* '${UUID_TEXT}' THEN (s.subject->>'citizenId')::uuid END AS id
                          FROM s WHERE s.kind = 'citizen')
             SELECT (SELECT to_jsonb(s) FROM s) AS session, `
          : 'SELECT '
      }k.id AS k_id, k.code AS k_code, k.status AS k_status, k.submitted_at AS k_submitted_at, k.procedure_code AS k_procedure_code,
              k.procedure_name AS k_procedure_name,
              d.id, d.owner_citizen_id, d.procedure_code, d.procedure_version, d.case_code, d.form_values, d.documents, d.meta, d.current_step,
              d.status, d.dossier_id, d.revision, d.created_at, d.updated_at, d.expires_at,
              -- The prefill without its provenance (the checks read the seal; the provenance is a third of the draft's size).
              d.prefill - 'provenance' AS prefill,
              CASE WHEN d.id IS NOT NULL THEN
                (SELECT coalesce(json_agg(json_build_object('id', u.id, 'sha256', u.sha256, 'original_name', u.original_name, 'mime', u.mime,
                          'size', u.size, 'photo_copy', EXISTS (SELECT 1 FROM photo_copies p WHERE p.upload_id = u.id))), '[]')
                   FROM uploads u
                  WHERE u.owner_kind = 'citizen' AND u.owner_id = ${ownerText}
                    AND u.id IN (SELECT (x->>'uploadId')::uuid FROM jsonb_array_elements(d.documents) x
                                  WHERE x->>'uploadId' ~* '${UUID_TEXT}'))
              END AS attached_uploads
         FROM (SELECT 1) AS one
         LEFT JOIN dossiers k ON k.owner_citizen_id = ${owner} AND k.idempotency_key = $3
         LEFT JOIN drafts d ON d.id = $1 AND d.owner_citizen_id = ${owner} AND d.status <> 'deleted'`,
      // A draft id that is not a UUID names no draft (404, as getOwnDraft answers it), but the key may still name a dossier.
      [/^[0-9a-f-]{36}$/i.test(draftId) ? draftId : null, joined ? who.sessionHash : who.id, key],
    )
  ).rows[0];
  const { session, ...row } = r;
  const citizen = 'sessionHash' in who ? who.citizen(session ?? undefined) : who;
  const { k_id, k_code, k_status, k_submitted_at, k_procedure_code, k_procedure_name, ...draft } = row;
  if (k_id)
    return {
      citizen,
      first: {
        existing: {
          id: k_id,
          code: k_code,
          status: k_status,
          submittedAt: new Date(k_submitted_at).toISOString(),
          procedureCode: k_procedure_code,
          procedureName: k_procedure_name,
        },
      },
    };
  if (!draft.id) throw notFound('Không tìm thấy hồ sơ nháp.');
  // The draft's uploads come with it (one round trip fewer, issue 17); the checks read them otherwise.
  return { citizen, first: { draft: draft as DraftRow } };
}

/**
 * A submission on the resident's behalf by a community helper under a representation (docs/community.md): the
 * dossier is the resident's (owner, applicant, every notice), the log's first entry names the helper, and no e-ID
 * login of the resident is claimed.
 */
export interface OnBehalf {
  helperId: string;
  helperName: string;
  representationId: string;
  basis: string;
  /** The helper's idempotency key (one dossier per helper and key). */
  clientKey: string;
}

export async function submitDossier(
  ctx: AppContext,
  who: CitizenActor | CitizenToRead,
  input: { draftId: string; idempotencyKey: string; duplicateWarningSeen?: boolean; locale?: 'vi' | 'en' },
  check: SubmissionChecker,
  onBehalf?: OnBehalf,
): Promise<{ dossier: SubmittedDossier; created: boolean }> {
  const { citizen, first } = await keyAndDraft(ctx.db, who, input.idempotencyKey, input.draftId);
  if ('existing' in first) return { dossier: first.existing, created: false };
  const { draft } = first;
  if (draft.status === 'submitted' && draft.dossier_id) {
    const d = (await ctx.db.query<{ idempotency_key: string }>('SELECT idempotency_key FROM dossiers WHERE id = $1', [draft.dossier_id])).rows[0];
    const again = d ? await findByIdempotencyKey(ctx.db, citizen.id, d.idempotency_key) : null;
    if (again) return { dossier: again, created: false };
  }
  if (draft.status !== 'open') throw new AppError('DRAFT_CLOSED', 'Hồ sơ nháp đã hết hạn hoặc đã được nộp.', 409);

  const checked = await check(ctx, citizen, draft);
  const unit = await receivingUnit(ctx.db, draft.meta?.receivingUnitId);
  const version = await getVersion(ctx.db, draft.procedure_code, draft.procedure_version);
  const tree = await orgTree(ctx.db);
  const steps = version.definition.cases.find((c) => c.code === draft.case_code)?.workflow ?? [];
  const unitIds = routeUnits(tree, steps, { receivingUnitId: unit.id, competentUnitId: checked.competentUnitId });
  const submittedAt = now();
  const loginAt = citizen.loginAt ? new Date(citizen.loginAt) : null;
  const id = crypto.randomUUID();
  // The code is drawn before the transaction, so the unit's day counter is not locked while the submission commits.
  const code = await reserveDossierCode(ctx.db, unit.agencyCode, submittedAt);

  try {
    await ctx.db.transaction(async (tx) => {
      // The dossier row decides a race: a concurrent submission of the same draft (draft_id is unique) or with the
      // same key (unique per owner) waits on the index entry, then fails with a unique violation when this one commits.
      await createDossier(tx, ctx, {
        id,
        code,
        procedureCode: draft.procedure_code,
        procedureVersion: draft.procedure_version,
        caseCode: draft.case_code,
        procedureName: checked.procedureName,
        channel: Channel.ONLINE,
        subState: 'waiting_reception',
        ownerCitizenId: citizen.id,
        // The language of the notifications (src/server/modules/notifications/queue.ts): Vietnamese unless asked.
        applicant: input.locale === 'en' ? { ...checked.applicant, locale: 'en' } : checked.applicant,
        resultDelivery: draft.meta?.resultDelivery ?? 'online',
        summary: checked.summary,
        values: checked.values,
        provenance: checked.provenance,
        receivingUnitId: unit.id,
        agencyCode: unit.agencyCode,
        competentUnitId: checked.competentUnitId,
        unitIds,
        known: { version, tree },
        submittedAt,
        feeQuote: checked.feeQuote,
        feeTotal: checked.feeTotal,
        vneidAuthenticated: !onBehalf,
        populationDbUsed: checked.populationDbUsed,
        online: { draftId: draft.id, loginAt: onBehalf ? null : loginAt, idempotencyKey: input.idempotencyKey },
        documents: checked.documents.map((d) => ({ ...d, source: d.storeDocumentId ? 'store' : 'upload' })),
        submittedBy: onBehalf
          ? { kind: 'official', id: onBehalf.helperId, name: onBehalf.helperName, role: 'applicant' }
          : { kind: 'citizen', id: citizen.id, name: citizen.fullName, role: 'applicant' },
        log: {
          ...(citizen.assistedBy && !onBehalf ? { assistedBy: citizen.assistedBy } : {}),
          ...(onBehalf ? { onBehalf } : {}),
          channel: Channel.ONLINE,
          procedureCode: draft.procedure_code,
          procedureVersion: draft.procedure_version,
          caseCode: draft.case_code,
          receivingUnitId: unit.id,
        },
      });
      const keys = await recordSubjects(tx, id, draft.procedure_code, checked.values, citizen.idNumber);
      if (input.duplicateWarningSeen) await recordAcknowledgedWarning(tx, id, keys);
    });
    return {
      dossier: {
        id,
        code,
        status: NationalStatus.NEW,
        submittedAt: submittedAt.toISOString(),
        procedureCode: draft.procedure_code,
        procedureName: checked.procedureName,
      },
      created: true,
    };
  } catch (err) {
    // A component removed between the checks and the commit (the citizen deleted the photo copy from her store in
    // another tab): the components' foreign key refuses the whole transaction, nothing is written, and she is told.
    if ((err as { code?: string } | null)?.code === '23503') throw appError('SUBMISSION_CHANGED');
    if (!isDuplicateDossier(err)) throw err;
    const winner = await findByIdempotencyKey(ctx.db, citizen.id, input.idempotencyKey);
    if (winner) return { dossier: winner, created: false };
    throw new AppError('DRAFT_ALREADY_SUBMITTED', 'Hồ sơ nháp này đã được nộp. Vui lòng xem trong mục "Hồ sơ của tôi".', 409);
  }
}

export interface ReceivingUnit {
  id: string;
  agencyCode: string;
  name: string;
  /** Agencies of the same commune by kind (ubnd_xa, cong_an_xa …): the competent unit of a procedure. */
  unitsByKind: Record<string, string>;
}
const unitCaches = new WeakMap<Queryable, Map<string, { at: number; unit: Promise<ReceivingUnit> }>>();
const UNIT_CACHE_MS = 60_000;

/**
 * The one-stop unit that receives the dossier: the chosen one, or the installation's default. Agencies change
 * rarely; lookups are cached for a minute per process.
 */
export async function receivingUnit(db: Queryable, chosen?: string): Promise<ReceivingUnit> {
  let unitCache = unitCaches.get(db);
  if (!unitCache) unitCaches.set(db, (unitCache = new Map()));
  const key = chosen ?? '';
  const hit = unitCache.get(key);
  if (hit && Date.now() - hit.at < UNIT_CACHE_MS) return hit.unit;
  const unit = loadReceivingUnit(db, chosen);
  unitCache.set(key, { at: Date.now(), unit });
  unit.catch(() => unitCache!.delete(key));
  return unit;
}

async function loadReceivingUnit(db: Queryable, chosen?: string): Promise<ReceivingUnit> {
  const { rows } = await db.query<{ id: string; agency_code: string | null; name: string }>(
    `SELECT o.id, o.agency_code, o.name FROM org_units o
      WHERE o.id = COALESCE($1, (SELECT default_unit FROM installation)) AND o.effective_to IS NULL`,
    [chosen ?? null],
  );
  const u = rows[0];
  if (!u?.agency_code) throw new AppError('RECEIVING_UNIT_INVALID', 'Nơi tiếp nhận hồ sơ không hợp lệ.', 422);
  const siblings = (
    await db.query<{ id: string; kind: string }>(
      'SELECT c.id, c.kind FROM org_units c JOIN org_units r ON r.admin_unit_code = c.admin_unit_code WHERE r.id = $1 AND c.effective_to IS NULL ORDER BY c.id',
      [u.id],
    )
  ).rows;
  const unitsByKind: Record<string, string> = {};
  for (const x of siblings) unitsByKind[x.kind] ??= x.id;
  return { id: u.id, agencyCode: u.agency_code, name: u.name, unitsByKind };
}
