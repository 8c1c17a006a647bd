import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addWorkingMinutes } from '../../../core/deadlines/deadlines.ts';
import { createOutboxWorker } from '../../event-stream.ts';
import { testDatabaseKind } from '../../testing/harness.ts';
import { verifyActionLog } from '../dossiers/index.ts';
import { loadCalendar } from '../reference/index.ts';
import { indexAllPending } from './search-index.ts';
import { PDF_BYTES, startBackOffice, type BackOffice } from '../../testing/back-office.ts';

type Inbox = { items: { dossierId: string; code: string; stepName: string; urgency: string }[]; counts: Record<string, number> };

describe(`internal workflow on ${testDatabaseKind}`, () => {
  let b: BackOffice;
  beforeAll(async () => {
    b = await startBackOffice();
  });
  afterAll(async () => b?.close());

  const detail = async (username: string, id: string) => (await (await b.staff(username)).get(`/api/staff/dossiers/${id}`)).json();
  const act = async (username: string, id: string, action: string, body: Record<string, unknown> = {}) =>
    (await b.staff(username)).post(`/api/staff/dossiers/${id}/${action}`, body);

  it('flows counter → specialist → leader → clerk → counter, assigning each step and logging every handover', async () => {
    b.at('08:00');
    const d = await b.submitBirthRegistration();
    const accepted = await act('tiepnhan.phurieng', d.id, 'accept');
    expect(accepted.statusCode, accepted.body).toBe(200);
    expect(accepted.json()).toMatchObject({ status: 2, task: { stepName: 'Thẩm định, trình ký', unitId: 'dni.phurieng.vhxh' } });
    const specialist = accepted.json().task.assigneeId as string;
    const specialistName = (await detail('tiepnhan.phurieng', d.id)).tasks[1].assigneeName as string;
    const specialistUser = specialistName === 'Nguyễn Thị Thu Trang' ? 'chuyenvien.vhxh' : 'chuyenvien2.vhxh';
    expect(specialist).toBeTruthy();

    // The dossier is in the specialist's inbox, not in the other specialist's.
    const inbox: Inbox = (await (await b.staff(specialistUser)).get('/api/staff/inbox')).json();
    expect(inbox.items.map((x) => x.code)).toContain(d.code);
    const other = specialistUser === 'chuyenvien.vhxh' ? 'chuyenvien2.vhxh' : 'chuyenvien.vhxh';
    expect(((await (await b.staff(other)).get('/api/staff/inbox')).json() as Inbox).items.map((x) => x.code)).not.toContain(d.code);
    // Another specialist of the same unit cannot act on a dossier assigned to a colleague.
    const notTheirs = await act(other, d.id, 'forward');
    expect(notTheirs.statusCode).toBe(403);
    expect(notTheirs.json().error.code).toBe('ASSIGNED_TO_ANOTHER');

    b.at('09:00');
    const toLeader = await act(specialistUser, d.id, 'forward', { note: 'Hồ sơ hợp lệ, trình lãnh đạo ký' });
    expect(toLeader.json()).toMatchObject({
      status: 4,
      task: { stepName: 'Lãnh đạo phê duyệt, ký số', unitId: 'dni.phurieng.ubnd', assigneeName: 'Võ Minh Tâm' },
    });
    b.at('10:00');
    expect((await act('lanhdao.phurieng', d.id, 'forward')).json()).toMatchObject({
      status: 4,
      task: { stepName: 'Văn thư cấp số, phát hành', assigneeName: 'Hồ Thị Ngọc Lan' },
    });
    b.at('10:30');
    const issued = await act('vanthu.phurieng', d.id, 'issue-result', { resultNumber: '125/TLKS-BS' });
    expect(issued.json()).toMatchObject({ status: 9, task: { stepName: 'Trả kết quả', unitId: 'dni.phurieng.ttpvhcc', assigneeName: 'Lê Thị Hoa' } });
    b.at('14:00');
    const noReceiver = await act('tiepnhan.phurieng', d.id, 'return-result', { delivery: { method: 'in_person' } });
    expect(noReceiver.statusCode).toBe(400);
    // The receiver is part of the typed input of return_result (src/contract/dossier-actions.ts): named field by field.
    expect(noReceiver.json().error).toMatchObject({
      code: 'VALIDATION_FAILED',
      details: { issues: expect.arrayContaining([expect.objectContaining({ path: 'delivery.receiverName' })]) },
    });
    const returned = await act('tiepnhan.phurieng', d.id, 'return-result', {
      delivery: { method: 'in_person', receiverName: 'Trần Thị Mai', receiverIdNumber: '070195012346' },
    });
    expect(returned.json()).toMatchObject({ status: 10, task: null });

    const full = await detail('tiepnhan.phurieng', d.id);
    expect(full.tasks.map((t: { stepName: string; timeliness: string }) => [t.stepName, t.timeliness])).toEqual([
      ['Tiếp nhận, kiểm tra hồ sơ', 'on_time'],
      ['Thẩm định, trình ký', 'on_time'],
      ['Lãnh đạo phê duyệt, ký số', 'on_time'],
      ['Văn thư cấp số, phát hành', 'on_time'],
      ['Trả kết quả', 'on_time'],
    ]);
    expect(full.delivery).toMatchObject({ method: 'in_person', receiverName: 'Trần Thị Mai', receiverIdNumber: '070195012346' });
    expect(full.register).toMatchObject({ number: expect.any(Number) });
    expect(full.log.map((e: { action: string }) => e.action)).toEqual(['submitted', 'received', 'forwarded', 'forwarded', 'result_issued', 'result_returned']);
    expect(full.actions).toEqual([]);
    // The citizen sees the handovers on the timeline; the chain of the log verifies.
    const mine = (await b.citizen.get(`/api/my/dossiers/${d.id}`)).json();
    expect(mine.status.code).toBe(10);
    expect((await verifyActionLog(b.t.ctx.db, { dossierId: d.id })).problems).toEqual([]);
  });

  it('refuses skipping a step with a clear error naming the current step', async () => {
    b.at('08:00');
    const d = await b.submitBirthRegistration();
    await act('tiepnhan.phurieng', d.id, 'accept');
    const skip = await act('vanthu.phurieng', d.id, 'issue-result');
    expect(skip.statusCode).toBe(409);
    expect(skip.json().error).toMatchObject({ code: 'WRONG_STEP' });
    expect(skip.json().error.message).toContain('Thẩm định, trình ký');
    const leaderTooEarly = await act('lanhdao.phurieng', d.id, 'forward');
    expect(leaderTooEarly.statusCode).toBe(409);
    const returnTooEarly = await act('tiepnhan.phurieng', d.id, 'return-result', { delivery: { method: 'electronic' } });
    expect(returnTooEarly.statusCode).toBe(409);
  });

  it('pauses the clock for a supplement (once), resumes when the citizen supplies online, and moves the due time by exactly the paused working time', async () => {
    b.at('08:00');
    const d = await b.submitBirthRegistration();
    const accepted = (await act('tiepnhan.phurieng', d.id, 'accept')).json();
    const originalDue = new Date(accepted.dueAt);
    const specialistUser = (await detail('tiepnhan.phurieng', d.id)).tasks[1].assigneeName === 'Nguyễn Thị Thu Trang' ? 'chuyenvien.vhxh' : 'chuyenvien2.vhxh';
    b.at('08:30');
    const noReason = await act(specialistUser, d.id, 'request-supplement', { reason: '' });
    expect(noReason.statusCode).toBe(400);
    const requested = await act(specialistUser, d.id, 'request-supplement', {
      reason: 'Giấy chứng sinh bị mờ, không đọc được họ tên người mẹ',
      items: [{ name: 'Giấy chứng sinh', reason: 'Bản chụp mờ, cần bản rõ nét' }],
    });
    expect(requested.json()).toMatchObject({ status: 5 });
    const mine = (await b.citizen.get(`/api/my/dossiers/${d.id}`)).json();
    expect(mine.supplementRequest).toMatchObject({ reason: 'Giấy chứng sinh bị mờ, không đọc được họ tên người mẹ', items: [{ name: 'Giấy chứng sinh' }] });
    expect(mine.requirements.map((r: { code: string }) => r.code)).toEqual(['TK', 'GCS', 'UQ']);

    b.at('10:45');
    const upload = (await b.citizen.upload('/api/uploads', 'giay-chung-sinh-ro.pdf', 'application/pdf', Buffer.from('%PDF-1.4\n% ro net\n%%EOF\n'))).json();
    const supplied = await b.citizen.post(`/api/my/dossiers/${d.id}/supplement`, {
      documents: [{ requirementCode: 'GCS', uploadId: upload.id }],
      note: 'Đã chụp lại',
    });
    expect(supplied.statusCode, supplied.body).toBe(200);
    expect(supplied.json().pausedWorkingMinutes).toBe(135);
    const cal = await loadCalendar(b.t.ctx.db);
    expect(supplied.json().dueAt).toBe(addWorkingMinutes(originalDue, 135, cal).toISOString());
    const after = await detail(specialistUser, d.id);
    expect(after).toMatchObject({ status: { code: 4 }, dueAt: supplied.json().dueAt, originalDueAt: originalDue.toISOString(), supplementRequests: 1 });
    expect(after.pauses).toMatchObject([{ kind: 'supplement', dueBefore: originalDue.toISOString(), dueAfter: supplied.json().dueAt }]);
    expect(after.documents.map((x: { source: string }) => x.source)).toEqual(['upload', 'supplement']);
    // A second supplement request during processing breaks the rule.
    const again = await act(specialistUser, d.id, 'request-supplement', { reason: 'Thiếu thêm giấy tờ khác' });
    expect(again.statusCode).toBe(409);
    expect(again.json().error.code).toBe('SUPPLEMENT_ONCE');
  });

  it('apologises and sets a new appointment once (Mẫu 04); the next attempt is refused', async () => {
    b.at('08:00');
    const d = await b.submitBirthRegistration();
    const accepted = (await act('tiepnhan.phurieng', d.id, 'accept')).json();
    const newDue = b.instant('17:30', 2).toISOString();
    b.at('09:00');
    const earlier = await act('lanhdao.phurieng', d.id, 'reschedule', { reason: 'Cần xác minh thông tin nơi sinh', newDueAt: accepted.dueAt });
    expect(earlier.json().error.code).toBe('NEW_DUE_NOT_LATER');
    const ok = await act('lanhdao.phurieng', d.id, 'reschedule', { reason: 'Cần xác minh thông tin nơi sinh với Trạm Y tế', newDueAt: newDue });
    expect(ok.json()).toMatchObject({ status: 2, dueAt: newDue });
    const second = await act('lanhdao.phurieng', d.id, 'reschedule', { reason: 'Lần hai', newDueAt: b.instant('17:30', 5).toISOString() });
    expect(second.statusCode).toBe(409);
    expect(second.json().error.code).toBe('RESCHEDULE_ONCE');
    const full = await detail('lanhdao.phurieng', d.id);
    expect(full).toMatchObject({ originalDueAt: accepted.dueAt, dueAt: newDue, reschedules: 1 });
  });

  it('sends back to the specialist, who gets it again; a leader reassigns; a leader stops with a reason (Mẫu 05)', async () => {
    b.at('08:00');
    const d = await b.submitBirthRegistration();
    await act('tiepnhan.phurieng', d.id, 'accept');
    const first = (await detail('lanhdao.phurieng', d.id)).tasks[1];
    const firstUser = first.assigneeName === 'Nguyễn Thị Thu Trang' ? 'chuyenvien.vhxh' : 'chuyenvien2.vhxh';
    await act(firstUser, d.id, 'forward');
    const noReason = await act('lanhdao.phurieng', d.id, 'send-back');
    expect(noReason.statusCode).toBe(400);
    const back = await act('lanhdao.phurieng', d.id, 'send-back', { reason: 'Ghi sai quê quán của người cha, đề nghị kiểm tra lại' });
    expect(back.json().task).toMatchObject({ stepName: 'Thẩm định, trình ký', assigneeName: first.assigneeName });
    // The leader reassigns the rework to the other specialist.
    const full = await detail('lanhdao.phurieng', d.id);
    const other = full.reassignCandidates.find((c: { fullName: string }) => c.fullName !== first.assigneeName);
    const reassigned = await act('lanhdao.phurieng', d.id, 'reassign', { assigneeId: other.id });
    expect(reassigned.json().task.assigneeName).toBe(other.fullName);
    expect((await act('lanhdao.phurieng', d.id, 'reassign', { assigneeId: '00000000-0000-4000-8000-000000000000' })).json().error.code).toBe(
      'ASSIGNEE_INVALID',
    );
    expect((await act('chuyenvien.vanphong', d.id, 'reassign', { assigneeId: other.id })).statusCode).toBe(403);
    expect((await act('lanhdao.xuanthanh', d.id, 'reassign', { assigneeId: other.id })).statusCode).toBe(404);
    // Stop: needs a reason, then status 8, no open task.
    expect((await act('lanhdao.phurieng', d.id, 'stop', {})).statusCode).toBe(400);
    const stopped = await act('lanhdao.phurieng', d.id, 'stop', { reason: 'Người yêu cầu đã đăng ký khai sinh cho trẻ tại nơi khác' });
    expect(stopped.json()).toMatchObject({ status: 8, task: null });
    expect((await act('lanhdao.phurieng', d.id, 'forward')).statusCode).toBe(409);
    const mine = (await b.citizen.get(`/api/my/dossiers/${d.id}`)).json();
    expect(mine.timeline.map((e: { action: string }) => e.action)).not.toContain('reassigned');
  });

  it('requests the financial obligation (status 6, clock paused) and records the counter payment', async () => {
    b.at('08:00');
    const d = await b.submitBirthRegistration();
    await act('tiepnhan.phurieng', d.id, 'accept');
    b.at('08:15');
    const noAmount = await act('tiepnhan.phurieng', d.id, 'request-payment');
    expect(noAmount.json().error.code).toBe('AMOUNT_REQUIRED');
    const requested = await act('tiepnhan.phurieng', d.id, 'request-payment', { amount: 8000 });
    expect(requested.json()).toMatchObject({ status: 6 });
    b.at('09:15');
    const paid = await act('tiepnhan.phurieng', d.id, 'record-payment', { payment: { amount: 8000, method: 'cash', receiptNumber: 'BL-0001' } });
    expect(paid.json().status).toBe(4);
    const full = await detail('tiepnhan.phurieng', d.id);
    expect(full).toMatchObject({ paymentState: 'paid', pauses: [{ kind: 'financial_obligation' }] });
    expect(full.log.at(-1)).toMatchObject({ action: 'paid', data: { amount: 8000, method: 'cash', receiptNumber: 'BL-0001', pausedWorkingMinutes: 60 } });
  });

  it('records a withdrawal asked for at the counter (status 7) and lists the inbox with urgency', async () => {
    b.at('08:00');
    const d = await b.submitBirthRegistration();
    await act('tiepnhan.phurieng', d.id, 'accept');
    const user = (await detail('tiepnhan.phurieng', d.id)).tasks[1].assigneeName === 'Nguyễn Thị Thu Trang' ? 'chuyenvien.vhxh' : 'chuyenvien2.vhxh';
    // Same-day procedure accepted at 08:00: the 3-hour step is due at 11:00; at 10:30 it is due soon, at 11:30 overdue.
    b.at('10:30');
    let inbox: Inbox = (await (await b.staff(user)).get('/api/staff/inbox')).json();
    expect(inbox.items.find((x) => x.dossierId === d.id)?.urgency).toBe('due_soon');
    b.at('11:30');
    inbox = (await (await b.staff(user)).get('/api/staff/inbox?filter=overdue')).json();
    expect(inbox.items.map((x) => x.dossierId)).toContain(d.id);
    expect(inbox.counts.overdue).toBeGreaterThan(0);
    // The digitisation guard: at the counter a withdrawal goes with the scan of the citizen's written request.
    const counter = await b.staff('tiepnhan.phurieng');
    const bare = await act('tiepnhan.phurieng', d.id, 'withdraw', { reason: 'Công dân có đơn xin rút hồ sơ ngày hôm nay' });
    expect(bare.statusCode).toBe(409);
    expect(bare.json().error).toMatchObject({ code: 'DIGITISATION_GUARD' });
    expect(bare.json().error.message).toContain('văn bản đề nghị rút hồ sơ');
    const letter = (await counter.upload('/api/uploads', 'don-rut-ho-so.pdf', 'application/pdf', PDF_BYTES)).json().id as string;
    const w = await act('tiepnhan.phurieng', d.id, 'withdraw', {
      reason: 'Công dân có đơn xin rút hồ sơ ngày hôm nay',
      documents: [{ requirementCode: 'DON-RUT-HS', uploadId: letter }],
    });
    expect(w.json()).toMatchObject({ status: 7, task: null });
    expect((await detail('tiepnhan.phurieng', d.id)).log.at(-1).attachments).toMatchObject([{ name: 'don-rut-ho-so.pdf', kind: 'withdrawal-request' }]);
    inbox = (await (await b.staff(user)).get('/api/staff/inbox')).json();
    expect(inbox.items.map((x) => x.dossierId)).not.toContain(d.id);
  });

  it("finds dossiers by code, identity number and name without diacritics, only within the official's units", async () => {
    b.at('08:00');
    const d = await b.submitBirthRegistration();
    const staff = await b.staff('tiepnhan.phurieng');
    expect((await staff.get(`/api/staff/dossiers?q=${encodeURIComponent(d.code)}`)).json()).toMatchObject({ kind: 'code', items: [{ id: d.id }] });
    const byId = (await staff.get('/api/staff/dossiers?q=070195012346')).json();
    expect(byId.kind).toBe('id_number');
    expect(byId.items.map((x: { id: string }) => x.id)).toContain(d.id);
    // Names are searched in dossier_search, kept from the domain events (the router, then the search.index job).
    await createOutboxWorker(b.t.ctx).drain();
    await indexAllPending(b.t.ctx.db);
    const byName = (await staff.get(`/api/staff/dossiers?q=${encodeURIComponent('tran thi mai')}`)).json();
    expect(byName.kind).toBe('name');
    expect(byName.items.map((x: { id: string }) => x.id)).toContain(d.id);
    const elsewhere = (await (await b.staff('tiepnhan.xuanthanh')).get(`/api/staff/dossiers?q=${encodeURIComponent(d.code)}`)).json();
    expect(elsewhere.items).toEqual([]);
    expect((await (await b.staff('giamsat.dongnai')).get(`/api/staff/dossiers?q=${encodeURIComponent(d.code)}`)).json().items).toHaveLength(1);
    expect((await b.citizen.get('/api/staff/dossiers?q=x')).statusCode).toBe(403);
  });
});
