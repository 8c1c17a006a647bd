/**
 * Hand-offs (Requested → Accepted | Rejected): one row per attempt, written with its outbox message in the
 * transaction that decides it (at submission, or when the member's dependency produced its result); the outbox
 * worker sends it through the member's adapter and records the answer with its evidence — the request and the
 * response as sent and received, their SHA-256, the times — and moves the member dossier through the transition path
 * (record_linked_receipt, then record_linked_result when the agency returns its result). A rejected hand-off can be
 * sent again by an official (a new attempt, a new key); an unanswered one past its answer time raises an escalation
 * for the receiving unit ("quá hạn liên thông").
 */
import crypto from 'node:crypto';
import { addWorkingMinutes, type WorkCalendar } from '../../../core/deadlines/deadlines.ts';
import type { BundleMember } from '../../../core/lienthong/bundle-types.ts';
import { canonicalJson } from '../../../core/canonical-json.ts';
import { now } from '../../clock.ts';
import type { AppContext } from '../../context.ts';
import type { Database, Queryable } from '../../db/database.ts';
import { AppError, notFound } from '../../http/errors.ts';
import type { OutboxMessage } from '../../outbox/outbox.ts';
import { enqueue } from '../../outbox/outbox.ts';
import type { JobDefinition } from '../../jobs/scheduler.ts';
import { transition } from '../dossiers/index.ts';
import { gatewayFetch } from '../payments/index.ts';
import { loadCalendar } from '../reference/index.ts';
import { putInStore } from '../results/index.ts';
import { renderResultNotice } from './result-notice.ts';
import type { AgencyAnswer, HandoffRequest } from '../../../contract/lienthong.ts';
import { agencyUrls, HttpAgencyAdapter, ManualAdapter, type AgencyAdapter } from './adapters.ts';
import { envIn } from './env.ts';
import { bundleTypes } from './types.ts';
import { type Notice, notifyConfig, queueNotices } from '../notifications/index.ts';

export const HANDOFF_TOPIC = 'lienthong.handoff';

export const sha256 = (value: unknown) => crypto.createHash('sha256').update(canonicalJson(value)).digest('hex');

export interface HandoffInput {
  bundleId: string;
  bundleCode: string;
  member: BundleMember;
  dossierCode: string;
  values: Record<string, unknown>;
  at: Date;
  calendar: WorkCalendar;
  attempt?: number;
}

/** Writes a hand-off attempt and its outbox message (in the caller's transaction). */
export async function requestHandoff(tx: Queryable, h: HandoffInput): Promise<string> {
  const id = crypto.randomUUID();
  const request: HandoffRequest = {
    maHoSo: h.dossierCode,
    maHoSoLienThong: h.bundleCode,
    maThuTuc: h.member.procedureCode,
    tenThuTuc: h.member.name,
    coQuanGui: 'MotCua',
    duLieu: h.values,
    ngayGui: h.at.toISOString(),
  };
  const answerDue = addWorkingMinutes(h.at, h.member.answerWithinHours * 60, h.calendar);
  await tx.query(
    `INSERT INTO lienthong_handoffs (id, bundle_id, member_key, attempt, adapter, state, request, request_sha256, requested_at, answer_due_at)
     VALUES ($1, $2, $3, $4, $5, 'requested', $6, $7, $8, $9)`,
    [id, h.bundleId, h.member.key, h.attempt ?? 1, h.member.adapter, request, sha256(request), h.at, answerDue],
  );
  await enqueue(tx, HANDOFF_TOPIC, `${HANDOFF_TOPIC}:${id}`, { handoffId: id });
  return id;
}

interface HandoffRow {
  id: string;
  bundle_id: string;
  member_key: string;
  attempt: number;
  adapter: 'cutru' | 'bhxh' | 'manual' | 'local';
  state: 'requested' | 'accepted' | 'rejected';
  request: HandoffRequest;
}

function adapterFor(ctx: AppContext, name: HandoffRow['adapter']): AgencyAdapter {
  if (name === 'manual' || name === 'local') return new ManualAdapter();
  return new HttpAgencyAdapter(name, agencyUrls(ctx.config.publicUrl)[name], gatewayFetch(ctx));
}

/** The outbox handler of `lienthong.handoff`: sends one hand-off, records the answer (idempotent on the hand-off id). */
export function handoffHandlers(ctx: AppContext): Record<string, (msg: OutboxMessage) => Promise<void>> {
  return {
    [HANDOFF_TOPIC]: async (msg) => {
      const id = String(msg.payload.handoffId);
      const h = (await ctx.db.query<HandoffRow>('SELECT * FROM lienthong_handoffs WHERE id = $1', [id])).rows[0];
      if (h?.state !== 'requested') return;
      const sentAt = now();
      const outcome = await adapterFor(ctx, h.adapter).send(h.id, h.request);
      if (outcome.kind === 'pending') {
        await ctx.db.query('UPDATE lienthong_handoffs SET sent_at = COALESCE(sent_at, $2) WHERE id = $1', [id, sentAt]);
        return;
      }
      await recordAnswer(ctx, id, outcome.answer, { raw: outcome.raw, httpStatus: outcome.httpStatus, sentAt, recordedBy: null });
    },
  };
}

/**
 * Records an agency's answer to a hand-off (from its adapter, or typed in by an official for the manual adapter), with
 * the evidence, and moves the member dossier. A hand-off answered once keeps its first answer.
 */
export async function recordAnswer(
  ctx: AppContext,
  handoffId: string,
  answer: AgencyAnswer,
  evidence: { raw: unknown; httpStatus: number | null; sentAt: Date | null; recordedBy: string | null },
): Promise<void> {
  const at = now();
  const notice = answer.trangThai === 'DA_TIEP_NHAN' && answer.ketQua ? await noticeFile(ctx, handoffId, answer, at) : null;
  await ctx.db.transaction(async (tx) => {
    const h = (await tx.query<HandoffRow>('SELECT * FROM lienthong_handoffs WHERE id = $1 FOR UPDATE', [handoffId])).rows[0];
    if (!h) throw notFound('Không tìm thấy lần chuyển hồ sơ liên thông.');
    if (h.state !== 'requested') throw new AppError('HANDOFF_ALREADY_ANSWERED', 'Lần chuyển hồ sơ này đã có trả lời của cơ quan tiếp nhận.', 409);
    const accepted = answer.trangThai === 'DA_TIEP_NHAN';
    await tx.query(
      `UPDATE lienthong_handoffs SET state = $2, sent_at = COALESCE(sent_at, $3), http_status = $4, response = $5, response_sha256 = $6, answered_at = $7,
              reference = $8, reason = $9, recorded_by = $10 WHERE id = $1`,
      [
        handoffId,
        accepted ? 'accepted' : 'rejected',
        evidence.sentAt ?? at,
        evidence.httpStatus,
        evidence.raw,
        sha256(evidence.raw),
        at,
        answer.maTiepNhan ?? null,
        answer.trangThai === 'TU_CHOI' ? answer.lyDo : null,
        evidence.recordedBy,
      ],
    );
    await tx.query('UPDATE lienthong_escalations SET resolved_at = $2 WHERE handoff_id = $1 AND resolved_at IS NULL', [handoffId, at]);
    const m = (
      await tx.query<{ dossier_id: string; bundle_code: string; type_code: string; type_version: number; agency_code: string; agency_name: string }>(
        `SELECT m.dossier_id, b.bundle_code, b.type_code, b.type_version, m.agency_code, m.agency_name
           FROM lienthong_members m JOIN lienthong_bundles b ON b.id = m.bundle_id WHERE m.bundle_id = $1 AND m.member_key = $2 FOR UPDATE OF m`,
        [h.bundle_id, h.member_key],
      )
    ).rows[0];
    await tx.query('UPDATE lienthong_members SET state = $3, updated_at = $4 WHERE bundle_id = $1 AND member_key = $2', [
      h.bundle_id,
      h.member_key,
      accepted ? 'accepted' : 'rejected',
      at,
    ]);
    // The bundle's citizen is told each member's outcome, in this transaction (rules lienthong.member_*).
    await notifyMemberOutcome(tx, ctx, {
      handoffId,
      bundleId: h.bundle_id,
      memberKey: h.member_key,
      outcomes: accepted ? ['accepted', ...(answer.ketQua ? (['result'] as const) : [])] : ['rejected'],
      reason: answer.trangThai === 'TU_CHOI' ? answer.lyDo : null,
      at,
    });
    if (answer.trangThai !== 'DA_TIEP_NHAN') return;
    const member = bundleTypes()
      .find((t) => t.code === m.type_code && t.version === m.type_version)
      ?.members.find((x) => x.key === h.member_key);
    if (!member) throw new Error(`member ${h.member_key} of ${m.type_code} v${m.type_version} is not in data/lienthong`);
    const head = (
      await tx.query<{ procedure_code: string; procedure_version: number; case_code: string; status: number }>(
        'SELECT procedure_code, procedure_version, case_code, status FROM dossiers WHERE id = $1',
        [m.dossier_id],
      )
    ).rows[0];
    const env = await envIn(tx, ctx, head, member);
    const agency = { code: m.agency_code, name: m.agency_name };
    const actor = { kind: 'system' as const, id: `lienthong:${member.adapter}`, name: m.agency_name, role: 'system' };
    if (head.status === 1)
      await transition(
        tx,
        env,
        m.dossier_id,
        { action: 'record_linked_receipt', agency, reference: answer.maTiepNhan, handoffId, bundleCode: m.bundle_code, timeLimit: member.timeLimit },
        actor,
      );
    if (answer.ketQua && notice) {
      // The agency's result, recorded in the citizen's document store (beside the results MotCua issues itself).
      await tx.query('INSERT INTO stored_files (sha256, size, mime) VALUES ($1, $2, $3) ON CONFLICT (sha256) DO NOTHING', [
        notice.sha256,
        notice.size,
        'application/pdf',
      ]);
      const owner = (await tx.query<{ applicant_id_number: string }>('SELECT applicant_id_number FROM lienthong_bundles WHERE id = $1', [h.bundle_id])).rows[0];
      await putInStore(tx, {
        ownerIdNumber: owner.applicant_id_number,
        kind: 'result',
        title: `${answer.ketQua.tenGiayTo || member.name} số ${answer.ketQua.so}`,
        documentType: `lienthong:${member.key}`,
        resultCode: answer.ketQua.so,
        sha256: notice.sha256,
        mime: 'application/pdf',
        size: notice.size,
        sourceDossierId: m.dossier_id,
        sourceDocumentId: handoffId,
        issuedAt: at,
      });
    }
    if (answer.ketQua)
      await transition(
        tx,
        env,
        m.dossier_id,
        { action: 'record_linked_result', agency, reference: answer.maTiepNhan, resultNumber: answer.ketQua.so, handoffId, bundleCode: m.bundle_code },
        actor,
      );
  });
}

/**
 * Queues the notices of a member's outcome for the bundle's citizen (the parent dossier's applicant and contacts):
 * accepted by its agency, rejected with the agency's reason, its result issued. Shown on the parent dossier.
 */
async function notifyMemberOutcome(
  tx: Queryable,
  ctx: AppContext,
  o: { handoffId: string; bundleId: string; memberKey: string; outcomes: readonly ('accepted' | 'rejected' | 'result')[]; reason: string | null; at: Date },
): Promise<void> {
  const r = (
    await tx.query<{
      bundle_code: string;
      parent_dossier_id: string;
      parent_code: string;
      receiving_unit_id: string;
      owner_citizen_id: string | null;
      name: string;
      /** The catalogue's English name of the member dossier's procedure version, where it has one. */
      name_en: string | null;
      procedure_code: string;
      agency_name: string;
      applicant_name: string;
      applicant_phone: string | null;
      applicant_email: string | null;
      locale: string | null;
    }>(
      `SELECT b.bundle_code, b.parent_dossier_id, b.parent_code, b.receiving_unit_id, b.owner_citizen_id, m.name, v.definition->'en'->>'name' AS name_en,
              m.procedure_code, m.agency_name, d.applicant_name, d.applicant_phone, d.applicant_email, d.applicant->>'locale' AS locale
         FROM lienthong_bundles b JOIN lienthong_members m ON m.bundle_id = b.id JOIN dossiers d ON d.id = b.parent_dossier_id
         LEFT JOIN dossiers md ON md.id = m.dossier_id
         LEFT JOIN procedure_versions v ON v.procedure_code = md.procedure_code AND v.version = md.procedure_version
        WHERE b.id = $1 AND m.member_key = $2`,
      [o.bundleId, o.memberKey],
    )
  ).rows[0];
  if (!r) return;
  const type = { accepted: 'lienthong.member_accepted', rejected: 'lienthong.member_rejected', result: 'lienthong.member_result' } as const;
  await queueNotices(
    tx,
    o.outcomes.map(
      (outcome): Notice => ({
        id: `lienthong:${o.handoffId}:${outcome}`,
        type: type[outcome],
        at: o.at.toISOString(),
        citizenId: r.owner_citizen_id,
        dossierId: r.parent_dossier_id,
        dossierCode: r.parent_code,
        unitId: r.receiving_unit_id,
        procedureCode: r.procedure_code,
        phone: r.applicant_phone,
        email: r.applicant_email,
        inbox: `dossier:${r.parent_dossier_id}`,
        locale: r.locale === 'en' ? 'en' : 'vi',
        params: {
          name: r.applicant_name,
          code: r.bundle_code,
          // In English, the member's procedure by its catalogue English name where it has one (as the dossier's own notices).
          procedure: r.locale === 'en' && r.name_en ? r.name_en : r.name,
          agency: r.agency_name,
          ...(o.reason ? { reason: o.reason } : {}),
          link: notifyConfig(ctx.config.publicUrl).lookupUrl,
        },
      }),
    ),
  );
}

/** Renders and stores the notice of the agency's result (outside the transaction: the file store is idempotent). */
async function noticeFile(ctx: AppContext, handoffId: string, answer: Extract<AgencyAnswer, { trangThai: 'DA_TIEP_NHAN' }>, at: Date) {
  const row = (
    await ctx.db.query<{ agency_name: string; name: string; dossier_code: string; bundle_code: string }>(
      `SELECT m.agency_name, m.name, m.dossier_code, b.bundle_code FROM lienthong_handoffs h
         JOIN lienthong_members m ON m.bundle_id = h.bundle_id AND m.member_key = h.member_key JOIN lienthong_bundles b ON b.id = h.bundle_id WHERE h.id = $1`,
      [handoffId],
    )
  ).rows[0];
  if (!row || !answer.ketQua) return null;
  const bytes = await renderResultNotice({
    agencyName: row.agency_name,
    title: answer.ketQua.tenGiayTo || row.name,
    number: answer.ketQua.so,
    reference: answer.maTiepNhan,
    memberName: row.name,
    dossierCode: row.dossier_code,
    bundleCode: row.bundle_code,
    answeredAt: at,
  });
  return ctx.files.put(bytes);
}

/** Sends a rejected member again (a new attempt with the member's current data); returns the new hand-off id. */
export async function resendMember(ctx: AppContext, bundleId: string, memberKey: string): Promise<string> {
  const calendar = await loadCalendar(ctx.db);
  return ctx.db.transaction(async (tx) => {
    const m = (
      await tx.query<{
        state: string;
        dossier_code: string;
        member_values: Record<string, unknown>;
        bundle_code: string;
        type_code: string;
        type_version: number;
      }>(
        `SELECT m.state, m.dossier_code, m.member_values, b.bundle_code, b.type_code, b.type_version
           FROM lienthong_members m JOIN lienthong_bundles b ON b.id = m.bundle_id WHERE m.bundle_id = $1 AND m.member_key = $2 FOR UPDATE OF m`,
        [bundleId, memberKey],
      )
    ).rows[0];
    if (!m) throw notFound('Không tìm thấy hồ sơ thành phần liên thông.');
    if (m.state !== 'rejected') throw new AppError('HANDOFF_NOT_RESENDABLE', 'Chỉ gửi lại được hồ sơ thành phần đã bị cơ quan tiếp nhận từ chối.', 409);
    const member = bundleTypes()
      .find((t) => t.code === m.type_code && t.version === m.type_version)
      ?.members.find((x) => x.key === memberKey);
    if (!member) throw new Error(`member ${memberKey} is not in data/lienthong`);
    const last = (
      await tx.query<{ attempt: number }>('SELECT max(attempt) AS attempt FROM lienthong_handoffs WHERE bundle_id = $1 AND member_key = $2', [
        bundleId,
        memberKey,
      ])
    ).rows[0];
    const at = now();
    await tx.query("UPDATE lienthong_members SET state = 'handed_off', updated_at = $3 WHERE bundle_id = $1 AND member_key = $2", [bundleId, memberKey, at]);
    return requestHandoff(tx, {
      bundleId,
      bundleCode: m.bundle_code,
      member,
      dossierCode: m.dossier_code,
      values: m.member_values,
      at,
      calendar,
      attempt: Number(last.attempt ?? 0) + 1,
    });
  });
}

/** Raises an escalation for every hand-off past its answer time (idempotent: one per hand-off). */
export async function escalateOverdue(db: Database | Queryable, at: Date = now()): Promise<number> {
  const { rows } = await db.query<{ id: string }>(
    `WITH due AS (
       UPDATE lienthong_handoffs h SET escalated_at = $1 WHERE h.state = 'requested' AND h.escalated_at IS NULL AND h.answer_due_at <= $1 RETURNING h.*)
     INSERT INTO lienthong_escalations (id, handoff_id, bundle_id, member_key, unit_id, raised_at)
     SELECT gen_random_uuid(), due.id, due.bundle_id, due.member_key, b.receiving_unit_id, $1 FROM due JOIN lienthong_bundles b ON b.id = due.bundle_id
     ON CONFLICT (handoff_id) DO NOTHING RETURNING id`,
    [at],
  );
  return rows.length;
}

/** The background job that raises escalations for unanswered hand-offs. */
export const escalationJob = (db: Queryable): JobDefinition => ({
  name: 'lienthong.escalations',
  everyMs: 5 * 60 * 1000,
  jitterMs: 30_000,
  runImmediately: true,
  run: async () => ({ escalated: await escalateOverdue(db) }),
});
