/**
 * A "Không hài lòng" rating opens a follow-up for the head of the dossier's receiving unit, in the rating's
 * transaction; a retried rating opens no second one; a "Hài lòng" rating opens none; it is not counted in 5.2–5.3.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type BackOffice, startBackOffice } from '../../testing/back-office.ts';
import { testDatabaseKind } from '../../testing/harness.ts';
import { feedbackIndicators } from './service.ts';

describe(`the "Không hài lòng" follow-up for the unit's head, on ${testDatabaseKind}`, () => {
  let b: BackOffice;
  let unhappy: { id: string; code: string };
  let happy: { id: string; code: string };
  const act = async (user: string, id: string, action: string, body: Record<string, unknown> = {}) => {
    const r = await (await b.staff(user)).post(`/api/staff/dossiers/${id}/${action}`, body);
    expect(r.statusCode, `${action}: ${r.body}`).toBe(200);
  };
  const assignee = async (id: string) => {
    const d = (await (await b.staff('giamsat.dongnai')).get(`/api/staff/dossiers/${id}`)).json();
    const t = d.tasks.find((x: { current: boolean }) => x.current);
    return ({ 'Nguyễn Thị Thu Trang': 'chuyenvien.vhxh', 'Nguyễn Văn An': 'chuyenvien2.vhxh' } as Record<string, string>)[t.assigneeName];
  };
  beforeAll(async () => {
    b = await startBackOffice();
    b.at('08:00');
    unhappy = await b.submitBirthRegistration();
    happy = await b.submitBirthRegistration();
    for (const d of [unhappy, happy]) {
      await act('tiepnhan.phurieng', d.id, 'accept');
      await act(await assignee(d.id), d.id, 'forward');
      await act('lanhdao.phurieng', d.id, 'forward');
      await act('vanthu.phurieng', d.id, 'issue-result');
    }
  }, 600_000);
  afterAll(async () => b?.close());

  const followUps = async () =>
    (
      await b.t.ctx.db.query<{ dossier_code: string; unit_id: string; assignee: string | null; status: string; title: string }>(
        `SELECT f.dossier_code, f.unit_id, o.username AS assignee, f.status, f.title
           FROM feedback f LEFT JOIN officials o ON o.id::text = f.assignee_id WHERE f.channel = 'rating' ORDER BY f.received_at`,
      )
    ).rows;

  it('opens one follow-up for the unit head on a dissatisfied rating, none on a satisfied one', async () => {
    b.at('10:00');
    const r = await b.citizen.post(`/api/my/dossiers/${unhappy.id}/rating`, { rating: 'dissatisfied', comment: 'Chờ lâu' });
    expect(r.statusCode, r.body).toBe(201);
    expect((await b.citizen.post(`/api/my/dossiers/${unhappy.id}/rating`, { rating: 'dissatisfied', comment: 'Chờ lâu' })).statusCode).toBe(200);
    expect((await b.citizen.post(`/api/my/dossiers/${happy.id}/rating`, { rating: 'satisfied' })).statusCode).toBe(201);
    const rows = await followUps();
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({
      dossier_code: unhappy.code,
      assignee: 'lanhdao.phurieng',
      status: 'received',
      title: `Không hài lòng: hồ sơ ${unhappy.code}`,
    });

    // The head sees it on the officials' PAKN list with its deadline; an official of another unit does not.
    const list = (await (await b.staff('lanhdao.phurieng')).get('/api/staff/feedback')).json().items as {
      dossierCode: string;
      channel: string;
      dueAt: string;
    }[];
    const item = list.find((x) => x.dossierCode === unhappy.code && x.channel === 'rating');
    expect(item?.dueAt).toBeTruthy();
    const other = (await (await b.staff('chuyenvien.vhxh')).get('/api/staff/feedback')).json().items as { dossierCode: string }[] | undefined;
    expect((other ?? []).some((x) => x.dossierCode === unhappy.code)).toBe(false);

    const day = b.instant('00:00');
    const ind = await feedbackIndicators(
      b.t.ctx.db,
      { start: new Date(day.getTime() - 86_400_000), end: new Date(day.getTime() + 30 * 86_400_000) },
      b.instant('12:00'),
    );
    expect(ind['5.2'].denominator).toBe(0);
  });
});
