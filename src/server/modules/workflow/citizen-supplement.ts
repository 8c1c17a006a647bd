/**
 * The citizen supplies the documents asked for during processing (status 5) online: their own uploads are attached
 * as supplement components, the clock resumes and the due time moves by exactly the working time it was paused.
 */
import { checkTransition } from '../../../core/dossiers/transitions.ts';
import { NationalStatus, type NationalStatus as Status } from '../../../core/dossiers/status.ts';
import { now } from '../../clock.ts';
import type { AppContext } from '../../context.ts';
import type { CitizenActor } from '../../http/actor.ts';
import { AppError, notFound } from '../../http/errors.ts';
import { appendAction } from '../dossiers/index.ts';
import { cachedCalendar } from '../reference/index.ts';
import { storeComponents } from '../results/index.ts';
import { attachUploads, endPause } from './engine.ts';
import { orgTree } from '../officials/index.ts';
import { loadTask } from './tasks.ts';

export async function supplyOnline(
  ctx: AppContext,
  citizen: CitizenActor,
  dossierId: string,
  input: { documents: { requirementCode: string; uploadId: string }[]; note?: string },
): Promise<{ status: number; dueAt: string | null; pausedWorkingMinutes: number }> {
  if (!/^[0-9a-f-]{36}$/i.test(dossierId)) throw notFound('Không tìm thấy hồ sơ.');
  if (input.documents.length === 0) throw new AppError('DOCUMENTS_REQUIRED', 'Vui lòng đính kèm ít nhất một giấy tờ bổ sung.', 400);
  const calendar = await cachedCalendar(ctx.db);
  return ctx.db.transaction(async (tx) => {
    const d = (await tx.query<{ id: string; status: Status; due_at: Date | null; current_task_id: string | null; supplement_requests: number; reschedules: number; receiving_unit_id: string }>(
      'SELECT id, status, due_at, current_task_id, supplement_requests, reschedules, receiving_unit_id FROM dossiers WHERE id = $1 AND (owner_citizen_id = $2 OR applicant_id_number = $3) FOR UPDATE',
      [dossierId, citizen.id, citizen.idNumber],
    )).rows[0];
    if (!d) throw notFound('Không tìm thấy hồ sơ.');
    const check = checkTransition({ status: d.status, supplementRequests: d.supplement_requests, reschedules: d.reschedules }, 'supplement_provided', 'applicant');
    if (!check.ok) throw new AppError('SUPPLEMENT_NOT_REQUESTED', 'Hồ sơ không ở trạng thái chờ bổ sung giấy tờ.', 409);
    const at = now();
    const attachments = await attachUploads(tx, d.id, input.documents, { kind: 'citizen', id: citizen.id }, 'supplement', at);
    const clock = await endPause(tx, d, await loadTask(tx, d.current_task_id), at, calendar);
    await storeComponents(tx, ctx, d.id, at, (await orgTree(ctx.db)).units.get(d.receiving_unit_id)?.name ?? '');
    await tx.query("UPDATE dossiers SET status = $2, sub_state = 'processing', updated_at = $3, row_version = row_version + 1 WHERE id = $1", [d.id, NationalStatus.PROCESSING, at]);
    await appendAction(tx, d.id, {
      actorKind: 'citizen', actorId: citizen.id, actorName: citizen.fullName, actorRole: 'applicant', action: 'supplement_provided',
      fromStatus: d.status, toStatus: NationalStatus.PROCESSING, at, attachments,
      data: { channel: 'online', ...(input.note ? { note: input.note } : {}), pausedWorkingMinutes: clock.pausedMinutes, dueBefore: clock.dueBefore, dueAfter: clock.dueAfter },
    });
    return { status: NationalStatus.PROCESSING, dueAt: clock.dueAfter, pausedWorkingMinutes: clock.pausedMinutes };
  });
}
