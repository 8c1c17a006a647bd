/**
 * The incremental counters equal a full recomputation from the dossiers: real dossiers driven through the
 * workflow (on time, supplement, stopped, withdrawn, left open past the appointment, rated), for periods that end
 * before some dossiers finish, for the whole province, one commune, one procedure and one official; the consumer
 * is idempotent; a rebuild from the fact rows gives the same counters.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addDaysIso } from '../../../core/calendar/holidays.ts';
import { testDatabaseKind } from '../../testing/harness.ts';
import { PDF_BYTES, startBackOffice, type BackOffice } from '../../testing/back-office.ts';
import { catchUp, rebuildCountersFromFacts } from './counters.ts';
import { loadProcedures } from './facts.ts';
import { countersCounts, factCounts, fullCounts, type Scope } from './query.ts';

describe(`766 counters on ${testDatabaseKind}`, () => {
  let b: BackOffice;
  const ids: Record<string, string> = {};
  const act = async (user: string, id: string, action: string, body: Record<string, unknown> = {}) => {
    const r = await (await b.staff(user)).post(`/api/staff/dossiers/${id}/${action}`, body);
    expect(r.statusCode, `${action}: ${r.body}`).toBe(200);
    return r.json();
  };
  const assignee = async (id: string) => {
    const d = (await (await b.staff('giamsat.dongnai')).get(`/api/staff/dossiers/${id}`)).json();
    const t = d.tasks.find((x: { current: boolean }) => x.current);
    return ({ 'Nguyễn Thị Thu Trang': 'chuyenvien.vhxh', 'Nguyễn Văn An': 'chuyenvien2.vhxh' } as Record<string, string>)[t.assigneeName];
  };
  const day = (plus: number) => {
    const i = b.instant('08:00', plus);
    return new Date(i.getTime() + 7 * 3_600_000).toISOString().slice(0, 10);
  };

  beforeAll(async () => {
    b = await startBackOffice();
    b.at('08:00');
    for (const k of ['done', 'supplement', 'stopped', 'open', 'withdrawn', 'late']) {
      ids[k] = (await b.submitBirthRegistration()).id;
      await act('tiepnhan.phurieng', ids[k], 'accept');
    }
    ids.notReceived = (await b.submitBirthRegistration()).id;
    // done: through every step on the first day, returned the next day
    b.at('09:00');
    await act(await assignee(ids.done), ids.done, 'forward');
    await act('lanhdao.phurieng', ids.done, 'forward');
    await act('vanthu.phurieng', ids.done, 'issue-result');
    // supplement requested and supplied online
    const sp = await assignee(ids.supplement);
    await act(sp, ids.supplement, 'request-supplement', { reason: 'Giấy chứng sinh bị mờ', items: [{ name: 'Giấy chứng sinh', reason: 'Bản chụp mờ' }] });
    b.at('10:00');
    await act('lanhdao.phurieng', ids.stopped, 'stop', { reason: 'Người yêu cầu đã đăng ký ở nơi khác' });
    // At the counter, with the scan of the citizen's written request (the digitisation guard requires it).
    const letter = (await (await b.staff('tiepnhan.phurieng')).upload('/api/uploads', 'don-rut.pdf', 'application/pdf', PDF_BYTES)).json();
    await act('tiepnhan.phurieng', ids.withdrawn, 'withdraw', {
      reason: 'Công dân có đơn xin rút hồ sơ',
      documents: [{ requirementCode: 'DON-RUT-HS', uploadId: letter.id }],
    });
    b.at('10:30');
    const upload = (await b.citizen.upload('/api/uploads', 'gcs.pdf', 'application/pdf', Buffer.from('%PDF-1.4\n% ro\n%%EOF\n'))).json();
    expect(
      (await b.citizen.post(`/api/my/dossiers/${ids.supplement}/supplement`, { documents: [{ requirementCode: 'GCS', uploadId: upload.id }] })).statusCode,
    ).toBe(200);
    // the next working day: return one result, finish the late one after its appointment
    b.at('09:00', 1);
    await act('tiepnhan.phurieng', ids.done, 'return-result', { delivery: { method: 'electronic' } });
    await act(await assignee(ids.late), ids.late, 'forward');
    await act('lanhdao.phurieng', ids.late, 'forward');
    await act('vanthu.phurieng', ids.late, 'issue-result');
    await catchUp(b.t.ctx.db);
  });
  afterAll(async () => b?.close());

  const compare = async (scope: Scope, from: string, to: string) => {
    const procs = await loadProcedures(b.t.ctx.db);
    const incremental = (await countersCounts(b.t.ctx.db, scope, from, to)).counts;
    const full = await fullCounts(b.t.ctx.db, scope, from, to, procs);
    expect(incremental, `${JSON.stringify(scope)} ${from}..${to}`).toEqual(full);
    expect(await factCounts(b.t.ctx.db, scope, from, to), `facts ${JSON.stringify(scope)} ${from}..${to}`).toEqual(full);
    return full;
  };

  it('equals the full recomputation for periods ending before, during and after the dossiers finish', async () => {
    const tree = (await b.t.ctx.db.query<{ id: string }>('SELECT id FROM org_units')).rows.map((r) => r.id);
    const d0 = day(0);
    const first = await compare({ unitIds: tree }, d0, d0);
    // received 6 on day 0 (the seventh was never received); on day 0: done finished on time, stopped and withdrawn
    // ended, supplement and late in progress: at the end of day 0 the same-day appointment has passed for "late".
    expect(first.received).toBe(6);
    expect(first.progressDenominator).toBe(6);
    expect(first.completed).toBe(1);
    const next = await compare({ unitIds: tree }, d0, day(1));
    expect(next.completed).toBe(2);
    await compare({ unitIds: tree }, day(1), day(1));
    await compare({ unitIds: tree }, addDaysIso(d0, -30), addDaysIso(d0, -1));
    await compare({ unitIds: tree }, addDaysIso(d0, -3), addDaysIso(d0, 40));
    // one commune, one procedure, one official
    const commune = (await b.t.ctx.db.query<{ id: string }>("SELECT id FROM org_units WHERE admin_unit_code = '25252'")).rows.map((r) => r.id);
    await compare({ unitIds: commune }, d0, day(1));
    await compare({ unitIds: commune, procedure: '1.001193' }, d0, day(1));
    const official = (await b.t.ctx.db.query<{ official_id: string }>("SELECT official_id FROM metric_facts WHERE official_id <> '' LIMIT 1")).rows[0]
      .official_id;
    await compare({ unitIds: tree, official }, d0, day(1));
  });

  it('is idempotent, picks up later actions, and a rebuild from the facts gives the same counters', async () => {
    const tree = (await b.t.ctx.db.query<{ id: string }>('SELECT id FROM org_units')).rows.map((r) => r.id);
    const before = (await countersCounts(b.t.ctx.db, { unitIds: tree }, day(0), day(3))).counts;
    expect((await catchUp(b.t.ctx.db)).actions).toBe(0);
    // replaying the whole log applies no change
    await b.t.ctx.db.query("UPDATE metric_state SET watermark = 0 WHERE id = 'counters'");
    expect((await catchUp(b.t.ctx.db)).actions).toBeGreaterThan(0);
    expect((await countersCounts(b.t.ctx.db, { unitIds: tree }, day(0), day(3))).counts).toEqual(before);
    // a later action (the open dossier stopped on day 2) moves the counters, still equal to the recomputation
    b.at('09:00', 2);
    await act('lanhdao.phurieng', ids.open, 'stop', { reason: 'Dừng theo đề nghị' });
    await catchUp(b.t.ctx.db);
    const after = await compare({ unitIds: tree }, day(0), day(3));
    expect(after.completed).toBe(before.completed); // a stop is not a completion
    await rebuildCountersFromFacts(b.t.ctx.db);
    await compare({ unitIds: tree }, day(0), day(3));
    await compare({ unitIds: tree }, day(0), day(0));
  });
});
