/**
 * The metrics API on the real app: who may see which unit's figures, the index report and its drill-down (list
 * totals equal the figures), breakdowns, the Excel export read back with exceljs, the PDF report, targets and
 * campaigns with validation, ratings (owner only, after the result, once; the counter tablet), and public
 * figures that carry no personal data.
 */
import crypto from 'node:crypto';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { IndexReport } from '../../../contract/metrics.ts';
import { DEMO_FATHER_ID } from '../../standins/population/demo-residents.ts';
import { testDatabaseKind, TestClient } from '../../testing/harness.ts';
import { startBackOffice, type BackOffice } from '../../testing/back-office.ts';

describe(`metrics API on ${testDatabaseKind}`, () => {
  let b: BackOffice;
  let done: { id: string; code: string };
  let returned: { id: string; code: string };
  let open: { id: string; code: string };
  let d0: string;
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
  const finish = async (id: string) => {
    await act(await assignee(id), id, 'forward');
    await act('lanhdao.phurieng', id, 'forward');
    await act('vanthu.phurieng', id, 'issue-result');
  };
  const period = () => `unit=25252&from=${d0}&to=${d0}`;

  beforeAll(async () => {
    b = await startBackOffice();
    b.at('08:00');
    d0 = new Date(b.instant('08:00').getTime() + 7 * 3_600_000).toISOString().slice(0, 10);
    done = await b.submitBirthRegistration();
    returned = await b.submitBirthRegistration();
    open = await b.submitBirthRegistration();
    for (const d of [done, returned, open]) await act('tiepnhan.phurieng', d.id, 'accept');
    b.at('09:00');
    await finish(done.id);
    await finish(returned.id);
    b.at('10:00');
    await act('tiepnhan.phurieng', returned.id, 'return-result', { delivery: { method: 'electronic' } });
  });
  afterAll(async () => b?.close());

  it('lets a citizen rate only their own dossier, only after the result, once; the counter tablet records for its counter', async () => {
    const early = await b.citizen.post(`/api/my/dossiers/${open.id}/rating`, { rating: 'satisfied' });
    expect(early.statusCode).toBe(409);
    expect(early.json().error).toMatchObject({ code: 'NOT_YET_RATABLE', message: expect.stringContaining('sau khi hồ sơ đã có kết quả') });
    const stranger = new TestClient(b.t.app);
    await stranger.loginAs(b.t.ctx.db, 'citizen', {
      citizenId: crypto.randomUUID(),
      idNumber: DEMO_FATHER_ID,
      fullName: 'Nguyễn Văn Hùng',
      loginAt: new Date().toISOString(),
    });
    expect((await stranger.post(`/api/my/dossiers/${done.id}/rating`, { rating: 'dissatisfied' })).statusCode).toBe(404);
    expect((await stranger.get(`/api/my/dossiers/${done.id}/rating`)).statusCode).toBe(404);
    const bad = await b.citizen.post(`/api/my/dossiers/${done.id}/rating`, { rating: 'so-so' });
    expect(bad.statusCode).toBe(400);
    const first = await b.citizen.post(`/api/my/dossiers/${done.id}/rating`, { rating: 'dissatisfied', comment: 'Chờ lâu' });
    expect(first.statusCode, first.body).toBe(201);
    expect(first.json()).toMatchObject({ dossierId: done.id, rating: 'dissatisfied', comment: 'Chờ lâu', channel: 'online' });
    const retry = await b.citizen.post(`/api/my/dossiers/${done.id}/rating`, { rating: 'dissatisfied', comment: 'Chờ lâu' });
    expect(retry.statusCode).toBe(200);
    expect((await b.citizen.post(`/api/my/dossiers/${done.id}/rating`, { rating: 'satisfied' })).json().error.code).toBe('ALREADY_RATED');
    expect((await b.citizen.get(`/api/my/dossiers/${done.id}/rating`)).json()).toMatchObject({ rating: 'dissatisfied' });
    // attached to the officials who handled it
    const officials = (
      await b.t.ctx.db.query<{ username: string }>(
        'SELECT o.username FROM dossier_rating_officials r JOIN officials o ON o.id = r.official_id WHERE r.dossier_id = $1',
        [done.id],
      )
    ).rows.map((r) => r.username);
    expect(officials).toEqual(expect.arrayContaining(['lanhdao.phurieng', 'vanthu.phurieng']));
    // counter tablet: only the receiving counter's officials
    expect((await (await b.staff('tiepnhan.xuanthanh')).post(`/api/staff/dossiers/${returned.id}/rating`, { rating: 'satisfied' })).statusCode).toBe(404);
    expect((await (await b.staff('chuyenvien.vhxh')).post(`/api/staff/dossiers/${returned.id}/rating`, { rating: 'satisfied' })).statusCode).toBe(403);
    const tablet = await (await b.staff('tiepnhan.phurieng')).post(`/api/staff/dossiers/${returned.id}/rating`, { rating: 'very_satisfied' });
    expect(tablet.statusCode, tablet.body).toBe(201);
    expect(tablet.json()).toMatchObject({ channel: 'counter', rating: 'very_satisfied' });
  });

  it('shows the index to supervisors and leaders within their units only', async () => {
    const supervisor = await b.staff('giamsat.dongnai');
    const units = (await supervisor.get('/api/metrics/units')).json() as { code: string; kind: string }[];
    expect(units.map((u) => u.code)).toEqual(expect.arrayContaining(['75', '25252', '26434']));
    expect((await (await b.staff('chuyenvien.vhxh')).get(`/api/metrics/index766?${period()}`)).statusCode).toBe(403);
    expect((await (await b.staff('lanhdao.xuanthanh')).get(`/api/metrics/index766?${period()}`)).statusCode).toBe(404);
    expect((await supervisor.get(`/api/metrics/index766?unit=25252&from=${d0}&to=2020-01-01`)).json().error.code).toBe('PERIOD_INVALID');
    const r = (await supervisor.get(`/api/metrics/index766?${period()}`)).json() as IndexReport;
    expect(r.unit).toMatchObject({ code: '25252' });
    expect(r.groups.map((g) => g.maxPoints)).toEqual([18, 20, 12, 10, 22, 18]);
    expect(r.total.maxPoints).toBe(100);
    const ind = (c: string) => r.indicators.find((i) => i.code === c)!;
    expect(ind('2.1')).toMatchObject({ numerator: 2, denominator: 3, ratio: 66.67, drillable: true }); // "open" is past its same-day appointment
    expect(ind('4.1')).toMatchObject({ numerator: 2, denominator: 3 });
    expect(ind('5.2')).toMatchObject({ noData: true, points: null, ratio: null });
    // 5.4: 1 overdue and 1 dissatisfied of 3 → 33.33 %
    expect(ind('5.4')).toMatchObject({ numerator: 1, denominator: 3, ratio: 33.33 });
    expect(r.total.points).toBeCloseTo(
      r.groups.reduce((n, g) => n + g.points, 0),
      2,
    );
    const leader = (await (await b.staff('lanhdao.phurieng')).get(`/api/metrics/index766?${period()}`)).json() as IndexReport;
    expect(leader.indicators.find((i) => i.code === '2.1')!.denominator).toBe(3);
  });

  it('drills from a figure to the dossiers behind it, with totals equal to the figure', async () => {
    const supervisor = await b.staff('giamsat.dongnai');
    const r = (await supervisor.get(`/api/metrics/index766?${period()}`)).json() as IndexReport;
    for (const i of r.indicators.filter((x) => x.drillable)) {
      for (const part of ['numerator', 'denominator'] as const) {
        const expected = part === 'numerator' ? i.numerator : i.denominator;
        if (expected === null || (i.code === '5.4' && part === 'numerator')) continue;
        const page = (await supervisor.get(`/api/metrics/drill?${period()}&indicator=${i.code}&part=${part}`)).json();
        expect(page.total, `${i.code} ${part}`).toBe(expected);
      }
    }
    const late = (await supervisor.get(`/api/metrics/drill?${period()}&indicator=2.1&part=denominator`)).json();
    expect(late.rows.find((x: { code: string }) => x.code === open.code)).toMatchObject({ reason: 'in_progress_overdue', finishedAt: null });
    expect(late.rows.find((x: { code: string }) => x.code === done.code)).toMatchObject({ reason: 'on_time', status: 9 });
    expect((await supervisor.get(`/api/metrics/drill?${period()}&indicator=3.1&part=numerator`)).json().error.code).toBe('NOT_DRILLABLE');
  });

  it('breaks down by unit, procedure, official, week and month', async () => {
    const supervisor = await b.staff('giamsat.dongnai');
    const byProc = (await supervisor.get(`/api/metrics/breakdown?${period()}&by=procedure`)).json();
    expect(byProc.rows).toEqual([
      expect.objectContaining({ key: '1.001193', label: 'Đăng ký khai sinh', received: 3, onTime: 2, overdue: 1, rated: 2, satisfied: 1 }),
    ]);
    const byOfficial = (await supervisor.get(`/api/metrics/breakdown?${period()}&by=official`)).json();
    expect(byOfficial.rows.reduce((n: number, r: { received: number }) => n + r.received, 0)).toBe(3);
    const province = (await supervisor.get(`/api/metrics/breakdown?unit=75&from=${d0}&to=${d0}&by=unit`)).json();
    expect(province.rows.find((r: { key: string }) => r.key === 'dni.phurieng.ubnd')).toMatchObject({ received: 3, score: expect.any(Number) });
    const weeks = (await supervisor.get(`/api/metrics/breakdown?${period()}&by=week`)).json();
    expect(weeks.rows).toHaveLength(1);
    expect(weeks.rows[0]).toMatchObject({ key: d0, received: 3 });
  });

  it('exports every table to Excel with the same numbers, and a PDF report', async () => {
    const supervisor = await b.staff('giamsat.dongnai');
    const r = (await supervisor.get(`/api/metrics/index766?${period()}`)).json() as IndexReport;
    const res = await supervisor.get(`/api/metrics/export.xlsx?${period()}`);
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toContain('spreadsheetml');
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
    expect(wb.worksheets.map((w) => w.name)).toEqual(['Chỉ số 766', 'Theo đơn vị', 'Theo thủ tục', 'Theo cán bộ', 'Theo tháng', 'Mục tiêu']);
    const ws = wb.getWorksheet('Chỉ số 766')!;
    const header = (ws.getRow(1).values as unknown[]).slice(1);
    const col = (name: string) => header.indexOf(name) + 1;
    for (const i of r.indicators) {
      let row: ExcelJS.Row | undefined;
      ws.eachRow((x) => (x.getCell(1).value === i.code ? (row = x) : undefined));
      expect(row, i.code).toBeDefined();
      expect(row!.getCell(col('Tử số')).value ?? null).toBe(i.numerator);
      expect(row!.getCell(col('Mẫu số')).value ?? null).toBe(i.denominator);
      expect(row!.getCell(col('Tỷ lệ (%)')).value ?? null).toBe(i.ratio);
      expect(row!.getCell(col('Điểm')).value ?? null).toBe(i.points);
    }
    const pdf = await supervisor.get(`/api/metrics/report.pdf?${period()}`);
    expect(pdf.statusCode).toBe(200);
    expect(pdf.rawPayload.subarray(0, 5).toString()).toBe('%PDF-');
  });

  it('manages plan targets and campaigns with validation, and reports progress against them', async () => {
    const admin = await b.staff('quantri.phurieng');
    const bad = await admin.post('/api/admin/targets', { unitId: 'dni.phurieng.ubnd', metric: 'online_dossier_rate', value: 150, effectiveFrom: '2025-01-01' });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.message).toMatch(/0 đến 100/);
    expect(
      (await admin.post('/api/admin/targets', { unitId: 'dni.xuanthanh.ubnd', metric: 'online_dossier_rate', value: 80, effectiveFrom: '2025-01-01' }))
        .statusCode,
    ).toBe(403);
    expect(
      (
        await (
          await b.staff('giamsat.dongnai')
        ).post('/api/admin/targets', { unitId: 'dni.phurieng.ubnd', metric: 'online_dossier_rate', value: 80, effectiveFrom: '2025-01-01' })
      ).statusCode,
    ).toBe(403);
    const created = await admin.post('/api/admin/targets', {
      unitId: 'dni.phurieng.ubnd',
      metric: 'online_dossier_rate',
      value: 80,
      effectiveFrom: '2025-01-01',
      basis: 'Kế hoạch xã Phú Riềng',
    });
    expect(created.statusCode, created.body).toBe(201);
    const specialist = (await b.t.ctx.db.query<{ official_id: string }>("SELECT official_id FROM metric_facts WHERE official_id <> '' LIMIT 1")).rows[0];
    const perOfficial = await admin.post('/api/admin/targets', {
      unitId: 'dni.phurieng.ubnd',
      officialId: specialist.official_id,
      metric: 'online_dossier_rate',
      value: 90,
      effectiveFrom: '2025-01-01',
    });
    expect(perOfficial.statusCode, perOfficial.body).toBe(201);
    const progress = (await admin.get(`/api/metrics/targets?${period()}`)).json() as { id: string; actual: number; met: boolean; officialName?: string }[];
    const t = progress.find((x) => x.id === created.json().id)!;
    expect(t).toMatchObject({ actual: 100, numerator: 3, denominator: 3, met: true });
    expect(progress.find((x) => x.id === perOfficial.json().id)).toMatchObject({ met: true, officialName: expect.any(String) });
    expect((await admin.delete(`/api/admin/targets/${perOfficial.json().id}`)).statusCode).toBe(200);

    expect((await admin.post('/api/admin/campaigns', { unitId: 'dni.phurieng.ubnd', name: 'Đợt', from: d0, to: '2020-01-01' })).statusCode).toBe(400);
    const c = await admin.post('/api/admin/campaigns', {
      unitId: 'dni.phurieng.ubnd',
      name: '30 ngày cao điểm',
      from: d0,
      to: new Date(Date.parse(d0) + 20 * 86_400_000).toISOString().slice(0, 10),
    });
    expect(c.statusCode, c.body).toBe(201);
    const report = (await admin.get(`/api/metrics/campaigns/${c.json().id}`)).json();
    expect(report.weeks).toHaveLength(3);
    expect(report.weeks[0]).toMatchObject({ week: 1, change: null, row: expect.objectContaining({ received: 3 }) });
    expect(report.weeks[1].change).toBeCloseTo(report.weeks[1].score - report.weeks[0].score, 2);
  });

  it('publishes monthly figures and the counter screen without login and without personal data', async () => {
    const anon = new TestClient(b.t.app);
    const month = d0.slice(0, 7);
    const res = await anon.get(`/api/public/metrics/monthly?month=${month}`);
    expect(res.statusCode).toBe(200);
    const body = res.json();
    expect(body.units[0]).toMatchObject({ code: '75' });
    expect(body.units.find((u: { code: string }) => u.code === '25252')).toMatchObject({ received: 3, onTimeRate: 66.67, satisfactionRate: 50 });
    const screen = await anon.get('/api/public/metrics/screen?unit=25252');
    expect(screen.statusCode).toBe(200);
    expect(screen.json().guides.length).toBeGreaterThan(0);
    for (const text of [res.body, screen.body]) {
      for (const secret of ['Trần Thị Mai', '070195012346', done.code, done.id, 'Chờ lâu']) expect(text).not.toContain(secret);
      expect(text).not.toMatch(/\b\d{12}\b/);
    }
    expect((await anon.get('/api/public/metrics/monthly?month=2025-13')).statusCode).toBe(400);
    expect((await anon.get(`/api/metrics/index766?${period()}`)).statusCode).toBe(401);
  });
});
