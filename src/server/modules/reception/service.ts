/**
 * Reception at the one-stop counter (Bộ phận một cửa) of online dossiers (national status 1): accept with the
 * appointment date from the deadline engine (→ 2, Mẫu 01), request completion (Mẫu 02, stays 1) or refuse with a
 * reason (Mẫu 03, → 3). Each action checks the transition rules, locks the dossier row, updates it and appends the
 * hash-chained log entry and the notification in the same transaction.
 */
import { dueDate } from '../../../core/deadlines/deadlines.ts';
import { checkTransition, type ActionCode } from '../../../core/dossiers/transitions.ts';
import type { NationalStatus as Status } from '../../../core/dossiers/status.ts';
import type { AppContext } from '../../context.ts';
import type { OfficialActor } from '../../http/actor.ts';
import { AppError, notFound } from '../../http/errors.ts';
import { enqueue } from '../../outbox/outbox.ts';
import { getVersion } from '../catalogue/service.ts';
import { appendAction } from '../dossiers/action-log.ts';
import { MAIL_TOPIC } from '../notifications/service.ts';
import { loadCalendar } from '../reference/calendar.ts';


export async function receptionQueue(ctx: AppContext, units: string[]) {
  if (units.length === 0) return [];
  const { rows } = await ctx.db.query<{ id: string; code: string; procedure_code: string; procedure_name: string; applicant_name: string; submitted_at: Date; sub_state: string | null; receiving_unit_id: string }>(
    `SELECT id, code, procedure_code, procedure_name, applicant_name, submitted_at, sub_state, receiving_unit_id FROM dossiers
      WHERE status = 1 AND receiving_unit_id = ANY($1::text[]) ORDER BY submitted_at LIMIT 500`,
    [units],
  );
  return rows.map((r) => ({
    id: r.id, code: r.code, procedureCode: r.procedure_code, procedureName: r.procedure_name, applicantName: r.applicant_name,
    submittedAt: new Date(r.submitted_at).toISOString(), subState: r.sub_state, receivingUnitId: r.receiving_unit_id,
  }));
}

const ACTION_LOG: Partial<Record<ActionCode, string>> = { accept: 'received', refuse: 'refused', request_completion: 'completion_requested' };

export async function receptionAction(
  ctx: AppContext,
  actor: OfficialActor,
  receptionUnits: string[],
  dossierId: string,
  action: 'accept' | 'refuse' | 'request_completion',
  reason?: string,
): Promise<{ status: number; dueAt: string | null }> {
  if (!/^[0-9a-f-]{36}$/i.test(dossierId)) throw notFound('Không tìm thấy hồ sơ.');
  const calendar = action === 'accept' ? await loadCalendar(ctx.db) : null;
  return ctx.db.transaction(async (tx) => {
    const d = (await tx.query<{ status: Status; receiving_unit_id: string; procedure_code: string; procedure_version: number; case_code: string }>(
      'SELECT status, receiving_unit_id, procedure_code, procedure_version, case_code FROM dossiers WHERE id = $1 FOR UPDATE',
      [dossierId],
    )).rows[0];
    // A dossier of another unit is invisible to this official: same answer as a missing one.
    if (!d || !receptionUnits.includes(d.receiving_unit_id)) throw notFound('Không tìm thấy hồ sơ.');
    const check = checkTransition({ status: d.status, supplementRequests: 0, reschedules: 0 }, action, 'reception', reason);
    if (!check.ok) throw new AppError(check.code, check.message, check.code === 'ROLE_NOT_ALLOWED' ? 403 : check.code === 'REASON_REQUIRED' ? 400 : 409);
    const now = new Date();
    let dueAt: Date | null = null;
    if (action === 'accept') {
      const version = await getVersion(tx, d.procedure_code, d.procedure_version);
      const kase = version.definition.cases.find((c) => c.code === d.case_code);
      if (!kase) throw new AppError('CASE_NOT_FOUND', 'Không tìm thấy trường hợp của thủ tục.', 409);
      dueAt = dueDate({ from: now, amount: kase.timeLimit.amount, unit: kase.timeLimit.unit, sameDayRule: kase.timeLimit.sameDayRule }, calendar!);
      await tx.query(
        "UPDATE dossiers SET status = $2, sub_state = 'received', received_at = $3, due_at = $4, original_due_at = $4, updated_at = $3, row_version = row_version + 1 WHERE id = $1",
        [dossierId, check.to, now, dueAt],
      );
    } else if (action === 'refuse') {
      await tx.query('UPDATE dossiers SET status = $2, sub_state = NULL, refused_at = $3, finished_at = $3, updated_at = $3, row_version = row_version + 1 WHERE id = $1', [dossierId, check.to, now]);
    } else {
      await tx.query("UPDATE dossiers SET sub_state = 'completion_requested', updated_at = $2, row_version = row_version + 1 WHERE id = $1", [dossierId, now]);
    }
    await appendAction(tx, dossierId, {
      actorKind: 'official', actorId: actor.id, actorName: actor.fullName, actorRole: 'reception', action: ACTION_LOG[action]!,
      fromStatus: d.status, toStatus: check.to, at: now, data: { ...(reason ? { reason } : {}), ...(dueAt ? { dueAt: dueAt.toISOString() } : {}), form: check.form },
    });
    await enqueue(tx, MAIL_TOPIC, `mail:${action}:${dossierId}:${now.getTime()}`, { dossierId, template: 'status', ...(reason ? { note: `Lý do: ${reason}` } : {}) });
    return { status: check.to, dueAt: dueAt ? dueAt.toISOString() : null };
  });
}

