/**
 * 766 indicator 5.4 through the API: a dossier about which a PAKN is received in the period (feedback.dossier_code)
 * is subtracted like a "Không hài lòng" dossier — once, however many PAKN; a rating follow-up (channel 'rating') is
 * not a PAKN; a PAKN received outside the period does not count in it; the drill-down's numerator list leaves it out.
 */
import crypto from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { IndexReport } from '../../../contract/metrics.ts';
import { startBackOffice, type BackOffice } from '../../testing/back-office.ts';
import type { TestClient } from '../../testing/harness.ts';
import { testDatabaseKind } from '../../testing/harness.ts';

describe(`766 indicator 5.4 with PAKN about dossiers on ${testDatabaseKind}`, () => {
  let b: BackOffice;
  let supervisor: TestClient;
  let d0: string;
  let first: { id: string; code: string };
  let second: { id: string; code: string };
  const fig = async (code: string, from = d0, to = d0) => {
    const res = await supervisor.get(`/api/metrics/index766?unit=25252&from=${from}&to=${to}`);
    expect(res.statusCode, res.body).toBe(200);
    return (res.json() as IndexReport).indicators.find((i) => i.code === code)!;
  };

  beforeAll(async () => {
    b = await startBackOffice();
    b.at('08:00');
    d0 = new Date(b.instant('08:00').getTime() + 7 * 3_600_000).toISOString().slice(0, 10);
    first = await b.submitBirthRegistration();
    second = await b.submitBirthRegistration();
    supervisor = await b.staff('giamsat.dongnai');
    const act = async (user: string, id: string, action: string) => {
      const r = await (await b.staff(user)).post(`/api/staff/dossiers/${id}/${action}`, {});
      expect(r.statusCode, `${action}: ${r.body}`).toBe(200);
    };
    // Both accepted and finished on time the same morning (an open one would be overdue at the day's end).
    for (const d of [first, second]) await act('tiepnhan.phurieng', d.id, 'accept');
    b.at('08:30');
    for (const d of [first, second]) {
      const view = (await supervisor.get(`/api/staff/dossiers/${d.id}`)).json();
      const task = view.tasks.find((x: { current: boolean }) => x.current);
      const who = ({ 'Nguyễn Thị Thu Trang': 'chuyenvien.vhxh', 'Nguyễn Văn An': 'chuyenvien2.vhxh' } as Record<string, string>)[task.assigneeName];
      await act(who, d.id, 'forward');
      await act('lanhdao.phurieng', d.id, 'forward');
      await act('vanthu.phurieng', d.id, 'issue-result');
    }
  });
  afterAll(async () => b?.close());

  it('subtracts a dossier with a PAKN once, filtered by procedure too; a rating follow-up is not a PAKN', async () => {
    b.at('09:00');
    const before = await fig('5.4');
    expect(before).toMatchObject({ noData: false, denominator: 2, numerator: 2, ratio: 100 });

    // The citizen complains about the first dossier on the portal, twice; the counter records a third one.
    for (const title of ['Hồ sơ chậm', 'Vẫn chưa có kết quả']) {
      const r = await b.citizen.post('/api/feedback', { title, content: 'Tôi chờ lâu quá.', dossierCode: first.code });
      expect(r.statusCode, r.body).toBe(201);
    }
    const counter = await (await b.staff('tiepnhan.phurieng')).post('/api/staff/feedback', {
      title: 'Phản ánh tại quầy',
      content: 'Chậm.',
      senderName: 'Trần Thị Mai',
      contact: '0900000000',
      dossierCode: first.code,
    });
    expect(counter.statusCode, counter.body).toBe(201);
    // A "Không hài lòng" follow-up task (channel 'rating') about the second one is the unit's own task, not a PAKN.
    await b.t.ctx.db.query(
      `INSERT INTO feedback (id, kind, channel, sender_name, contact, title, content, dossier_code, received_at)
       VALUES ($1, 'feedback', 'rating', 'Hệ thống', '-', 'Không hài lòng', 'x', $2, $3)`,
      [crypto.randomUUID(), second.code, b.instant('09:00')],
    );

    const after = await fig('5.4');
    // 2 dossiers, none overdue, 1 with a PAKN → 100 % − 50 %
    expect(after).toMatchObject({ noData: false, denominator: 2, numerator: 1, ratio: 50 });
    const drill = (await supervisor.get(`/api/metrics/drill?unit=25252&from=${d0}&to=${d0}&indicator=5.4&part=numerator`)).json();
    expect(drill.rows.map((r: { code: string }) => r.code)).toEqual([second.code]);

    // Filtered by procedure the PAKN dossier is still subtracted (same scope as the dossier counts).
    const byProc = (await (await supervisor.get(`/api/metrics/index766?unit=25252&from=${d0}&to=${d0}&procedure=1.001193`)).json()) as IndexReport;
    expect(byProc.indicators.find((i) => i.code === '5.4')).toMatchObject({ numerator: 1, denominator: 2 });
    // The breakdown rows' scores carry the same term: the week row of that report's scope gives that report's total.
    const weeks = (await supervisor.get(`/api/metrics/breakdown?unit=25252&from=${d0}&to=${d0}&procedure=1.001193&by=week`)).json();
    expect(weeks.rows).toHaveLength(1);
    expect(weeks.rows[0].score).toBe(byProc.total.points);
  });

  it('a PAKN received the next day counts in a period holding that day, not in the first day alone', async () => {
    b.at('09:00', 1);
    const d1 = new Date(b.instant('09:00', 1).getTime() + 7 * 3_600_000).toISOString().slice(0, 10);
    const r = await b.citizen.post('/api/feedback', { title: 'Hồ sơ thứ hai', content: 'Cũng chậm.', dossierCode: second.code });
    expect(r.statusCode, r.body).toBe(201);
    expect(await fig('5.4')).toMatchObject({ numerator: 1, denominator: 2 });
    // Both days: both dossiers have a PAKN.
    expect(await fig('5.4', d0, d1)).toMatchObject({ numerator: 0, denominator: 2, ratio: 0 });
  });
});
