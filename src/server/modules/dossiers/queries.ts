/** Reading dossiers: the owner's list and detail, the public status lookup, and the withdrawal request. */
import { nationalStatusName, NationalStatus, type NationalStatus as Status } from '../../../core/dossiers/status.ts';
import { ACTION_RULES } from '../../../core/dossiers/transitions.ts';
import type { Database, Queryable } from '../../db/database.ts';
import { inOneSnapshot } from '../../db/snapshot.ts';
import type { CitizenActor } from '../../http/actor.ts';
import { AppError, notFound } from '../../http/errors.ts';
import { getVersion } from '../catalogue/index.ts';
import type { AppContext } from '../../context.ts';
import { runTransition } from './transition.ts';
import { lookupSecretMatches, timelineEntry } from './public-view.ts';

interface DossierRow {
  id: string;
  code: string;
  procedure_code: string;
  procedure_version: number;
  procedure_name: string;
  case_code: string;
  status: number;
  channel: number;
  applicant_name: string;
  applicant_phone: string | null;
  applicant_id_number: string | null;
  applicant: Record<string, unknown>;
  form_values: Record<string, unknown>;
  summary: string;
  submitted_at: Date;
  received_at: Date | null;
  due_at: Date | null;
  finished_at: Date | null;
  returned_at: Date | null;
  receiving_unit_id: string;
  fee_total: number;
  payment_state: string;
  result_delivery: string;
  login_to_submit_ms: number | null;
  /** The catalogue's English name of the dossier's procedure version (WITH_ENGLISH_NAME), where it has one. */
  procedure_name_en?: string | null;
}

/** The dossiers' columns and the English name of each one's procedure version (the row's `procedure_name` is Vietnamese). */
const WITH_ENGLISH_NAME = `SELECT d.*, v.definition->'en'->>'name' AS procedure_name_en
  FROM dossiers d LEFT JOIN procedure_versions v ON v.procedure_code = d.procedure_code AND v.version = d.procedure_version`;

const iso = (d: Date | null) => (d ? new Date(d).toISOString() : null);
const statusView = (s: number) => ({ code: s, name: nationalStatusName[s as Status]?.vi ?? String(s) });

async function timeline(db: Queryable, dossierId: string, audience: 'owner' | 'public') {
  const { rows } = await db.query<{ at: Date; action: string; to_status: number | null; data: Record<string, unknown> }>(
    'SELECT at, action, to_status, data FROM dossier_actions WHERE dossier_id = $1 ORDER BY seq',
    [dossierId],
  );
  // Internal handling (who the dossier is assigned to) is not shown to the citizen or the public.
  return rows.filter((r) => r.action !== 'reassigned').map((r) => timelineEntry(r, audience));
}

export async function listOwnDossiers(db: Database, citizen: CitizenActor) {
  const { rows } = await db.query<DossierRow>(
    `${WITH_ENGLISH_NAME} WHERE d.owner_citizen_id = $1 OR d.applicant_id_number = $2 ORDER BY d.submitted_at DESC LIMIT 200`,
    [citizen.id, citizen.idNumber],
  );
  return rows.map((r) => ({
    id: r.id,
    code: r.code,
    procedureCode: r.procedure_code,
    procedureName: r.procedure_name,
    procedureNameEn: r.procedure_name_en ?? null,
    status: statusView(r.status),
    submittedAt: iso(r.submitted_at),
    dueAt: iso(r.due_at),
  }));
}

export async function getOwnDossier(db: Database, citizen: CitizenActor, id: string) {
  if (!/^[0-9a-f-]{36}$/i.test(id)) throw notFound('Không tìm thấy hồ sơ.');
  // The row, its components, timeline, supplement request and result as of one moment (src/server/db/snapshot.ts).
  return inOneSnapshot(db, (q) => ownDossierView(db, q, citizen, id));
}

async function ownDossierView(cache: Database, db: Queryable, citizen: CitizenActor, id: string) {
  const r = (
    await db.query<DossierRow>(`${WITH_ENGLISH_NAME} WHERE d.id = $1 AND (d.owner_citizen_id = $2 OR d.applicant_id_number = $3)`, [
      id,
      citizen.id,
      citizen.idNumber,
    ])
  ).rows[0];
  if (!r) throw notFound('Không tìm thấy hồ sơ.');
  const documents = (
    await db.query<{ id: string; requirement_code: string; name: string; mime: string; size: number; upload_id: string | null; source: string }>(
      'SELECT id, requirement_code, name, mime, size, upload_id, source FROM dossier_documents WHERE dossier_id = $1 ORDER BY created_at',
      [id],
    )
  ).rows;
  return {
    id: r.id,
    code: r.code,
    procedureCode: r.procedure_code,
    procedureName: r.procedure_name,
    procedureNameEn: r.procedure_name_en ?? null,
    caseCode: r.case_code,
    status: statusView(r.status),
    channel: r.channel,
    applicant: r.applicant,
    values: r.form_values,
    summary: r.summary,
    submittedAt: iso(r.submitted_at),
    receivedAt: iso(r.received_at),
    dueAt: iso(r.due_at),
    finishedAt: iso(r.finished_at),
    returnedAt: iso(r.returned_at),
    feeTotal: r.fee_total,
    paymentState: r.payment_state,
    resultDelivery: r.result_delivery,
    documents: documents.map((d) => ({
      id: d.id,
      requirementCode: d.requirement_code,
      name: d.name,
      mime: d.mime,
      size: Number(d.size),
      uploadId: d.upload_id,
      source: d.source,
    })),
    timeline: await timeline(db, r.id, 'owner'),
    canWithdraw: withdrawable(r.status),
    supplementRequest: r.status === NationalStatus.SUPPLEMENT_REQUESTED ? await openSupplementRequest(db, r.id) : null,
    result: await publishedResult(db, r.id),
    // The components of the version and case the dossier was received under (a supplement is filed under one).
    requirements: (
      (await getVersion(cache, r.procedure_code, r.procedure_version, db)).definition.cases.find((c) => c.code === r.case_code)?.documents ?? []
    ).map((x) => ({
      code: x.code,
      name: x.name,
      required: x.required,
      providedByForm: x.providedByForm,
    })),
  };
}

/** The dossier's issued electronic result: its number, validity and where to verify it. */
export async function publishedResult(db: Queryable, dossierId: string) {
  const r = (
    await db.query<{ id: string; title: string; number: string; status: string; published_at: Date; valid_to: string | null }>(
      `SELECT r.id, r.title, r.number, r.status, r.published_at, to_char(r.valid_to, 'YYYY-MM-DD') AS valid_to
       FROM dossiers d JOIN results r ON r.id = d.result_id WHERE d.id = $1 AND r.published_at IS NOT NULL`,
      [dossierId],
    )
  ).rows[0];
  return r
    ? { id: r.id, title: r.title, number: r.number, status: r.status, issuedAt: iso(r.published_at), validTo: r.valid_to, verifyPath: `/verify/${r.id}` }
    : null;
}

/** What the citizen is asked to supply now: the reason and the components listed in the request (Mẫu 02). */
async function openSupplementRequest(db: Queryable, dossierId: string) {
  const e = (
    await db.query<{ at: Date; data: { reason?: string; items?: { name: string; reason: string }[] } }>(
      "SELECT at, data FROM dossier_actions WHERE dossier_id = $1 AND action = 'supplement_requested' ORDER BY seq DESC LIMIT 1",
      [dossierId],
    )
  ).rows[0];
  return e ? { requestedAt: iso(e.at), reason: e.data.reason ?? '', items: e.data.items ?? [] } : null;
}

/**
 * Public lookup by code + the last 4 digits of the applicant's phone or identity number: status, timeline,
 * appointment date, no personal data. A wrong code and a wrong secret answer identically.
 */
export async function publicLookup(db: Database, code: string, last4: string) {
  return inOneSnapshot(db, (q) => publicView(q, code, last4));
}

async function publicView(db: Queryable, code: string, last4: string) {
  const r = (await db.query<DossierRow>(`${WITH_ENGLISH_NAME} WHERE d.code = $1`, [code.trim().toUpperCase()])).rows[0];
  if (!r || !lookupSecretMatches(last4, { phone: r.applicant_phone, idNumber: r.applicant_id_number })) {
    throw new AppError('DOSSIER_LOOKUP_FAILED', 'Không tìm thấy hồ sơ với mã và 4 chữ số đã nhập. Vui lòng kiểm tra lại.', 404);
  }
  return {
    code: r.code,
    procedureName: r.procedure_name,
    procedureNameEn: r.procedure_name_en ?? null,
    status: statusView(r.status),
    submittedAt: iso(r.submitted_at),
    receivedAt: iso(r.received_at),
    dueAt: iso(r.due_at),
    finishedAt: iso(r.finished_at),
    returnedAt: iso(r.returned_at),
    timeline: await timeline(db, r.id, 'public'),
  };
}

export const withdrawable = (status: number) => (ACTION_RULES.withdraw.from as readonly number[]).includes(status);

/** The citizen asks to withdraw the dossier (national status 7), with a reason. */
export async function requestWithdrawal(ctx: AppContext, citizen: CitizenActor, id: string, reason: string) {
  const r = await runTransition(ctx, id, { action: 'withdraw', reason }, { kind: 'citizen', citizen });
  return { status: statusView(r.status) };
}

/**
 * The citizen supplies the documents asked for during processing (status 5) online: their own uploads are attached
 * as supplement components, the clock resumes and the due time moves by exactly the working time it was paused.
 */
export async function supplyOnline(
  ctx: AppContext,
  citizen: CitizenActor,
  id: string,
  input: { documents: { requirementCode: string; uploadId: string }[]; note?: string },
) {
  const r = await runTransition(ctx, id, { action: 'provide_supplement', ...input }, { kind: 'citizen', citizen });
  return { status: r.status, dueAt: r.dueAt, pausedWorkingMinutes: Number(r.event.data.pausedWorkingMinutes ?? 0) };
}
