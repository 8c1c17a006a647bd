import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dueDate, formatVn } from '../../../core/deadlines/deadlines.ts';
import { loadCalendar } from '../reference/index.ts';
import { testDatabaseKind } from '../../testing/harness.ts';
import { expectRefused, lastChange, startAdminTest, type AdminTest } from './testing.ts';

describe(`administration of the working calendar on ${testDatabaseKind}`, () => {
  let a: AdminTest;
  beforeAll(async () => {
    a = await startAdminTest();
  });
  afterAll(async () => a?.close());

  const ALL_UNIT_ADMINS_AND_OTHERS = ['quantri.phurieng', 'quantri.xuanthanh', 'giamsat.dongnai', 'tiepnhan.phurieng'] as const;

  it("list a year's days with their source", async () => {
    const r = await a.as['giamsat.dongnai'].get('/api/admin/calendar?year=2026');
    expect(r.statusCode).toBe(200);
    expect(r.json().year).toBe(2026);
    expect(r.json().days).toEqual(expect.arrayContaining([{ day: '2026-01-01', kind: 'holiday', name: 'Tết Dương lịch', source: 'rule', weekday: 4 }]));
    expect((await a.as['quantri.phurieng'].get('/api/admin/calendar?year=2026')).statusCode).toBe(200);
    expect((await a.as.quantri.get('/api/admin/calendar?year=1999')).statusCode).toBe(400);
    await expectRefused(a, (c) => c.get('/api/admin/calendar?year=2026'), ['tiepnhan.phurieng']);
  });

  it('add a day: the system administrator only, with a reason; it moves the due date computed by the deadline engine', async () => {
    const from = new Date('2026-03-09T10:00:00+07:00'); // Monday
    const limit = { from, amount: 3, unit: 'working_days' as const };
    expect(formatVn(dueDate(limit, await loadCalendar(a.t.ctx.db)))).toBe('2026-03-12T17:30:00+07:00');
    const body = {
      day: '2026-03-11',
      kind: 'compensatory_day_off',
      name: 'Nghỉ theo quyết định của UBND tỉnh',
      reason: 'Quyết định số 123/QĐ-UBND ngày 01/03/2026',
    };
    await expectRefused(a, (c) => c.post('/api/admin/calendar/days', body), [...ALL_UNIT_ADMINS_AND_OTHERS]);
    const r = await a.as.quantri.post('/api/admin/calendar/days', body);
    expect(r.statusCode, r.body).toBe(201);
    expect(r.json()).toMatchObject({ day: '2026-03-11', kind: 'compensatory_day_off', source: 'admin' });
    expect(await lastChange(a, 'calendar_day', '2026-03-11')).toMatchObject({
      action: 'create',
      before: null,
      after: { day: '2026-03-11', kind: 'compensatory_day_off', source: 'admin' },
      reason: 'Quyết định số 123/QĐ-UBND ngày 01/03/2026',
    });
    expect(formatVn(dueDate(limit, await loadCalendar(a.t.ctx.db)))).toBe('2026-03-13T17:30:00+07:00');
    expect((await a.as.quantri.post('/api/admin/calendar/days', body)).json().error.code).toBe('CALENDAR_DAY_EXISTS');
  });

  it('add a day: kinds must fit the day, a reason is required', async () => {
    const makeupOnMonday = await a.as.quantri.post('/api/admin/calendar/days', {
      day: '2026-03-16',
      kind: 'makeup_working_day',
      name: 'Làm bù',
      reason: 'Thử làm bù ngày thường',
    });
    expect(makeupOnMonday.json().error.code).toBe('MAKEUP_DAY_NOT_WEEKEND');
    const dayOffOnSunday = await a.as.quantri.post('/api/admin/calendar/days', {
      day: '2026-03-15',
      kind: 'compensatory_day_off',
      name: 'Nghỉ',
      reason: 'Thử nghỉ chủ nhật',
    });
    expect(dayOffOnSunday.json().error.code).toBe('DAY_OFF_ON_WEEKEND');
    const noReason = await a.as.quantri.post('/api/admin/calendar/days', { day: '2026-03-17', kind: 'holiday', name: 'Nghỉ' });
    expect(noReason.statusCode).toBe(400);
    expect(noReason.json().error.details.issues[0]).toMatchObject({ path: 'reason', message: 'Vui lòng nêu lý do.' });
    expect(
      (await a.as.quantri.post('/api/admin/calendar/days', { day: '2026-02-30', kind: 'holiday', name: 'Nghỉ', reason: 'Ngày không có thật' })).statusCode,
    ).toBe(400);
  });

  it('edit a day: a generated day becomes an administrator day, logged before and after', async () => {
    const body = { kind: 'holiday', name: 'Tết Dương lịch 2026', reason: 'Đặt lại tên theo thông báo' };
    await expectRefused(a, (c) => c.put('/api/admin/calendar/days/2026-01-01', body), [...ALL_UNIT_ADMINS_AND_OTHERS]);
    const r = await a.as.quantri.put('/api/admin/calendar/days/2026-01-01', body);
    expect(r.statusCode, r.body).toBe(200);
    expect(r.json()).toMatchObject({ name: 'Tết Dương lịch 2026', source: 'admin' });
    expect(await lastChange(a, 'calendar_day', '2026-01-01')).toMatchObject({
      action: 'update',
      before: { name: 'Tết Dương lịch', source: 'rule' },
      after: { name: 'Tết Dương lịch 2026', source: 'admin' },
    });
    expect((await a.as.quantri.put('/api/admin/calendar/days/2026-03-18', body)).statusCode).toBe(404);
  });

  it('delete a day entered by an administrator; generated days are refused', async () => {
    await a.as.quantri.post('/api/admin/calendar/days', { day: '2026-03-20', kind: 'compensatory_day_off', name: 'Nghỉ', reason: 'Nhập nhầm để thử xóa' });
    const body = { reason: 'Nhập nhầm ngày' };
    await expectRefused(a, (c) => c.request('DELETE', '/api/admin/calendar/days/2026-03-20', body), [...ALL_UNIT_ADMINS_AND_OTHERS]);
    const r = await a.as.quantri.request('DELETE', '/api/admin/calendar/days/2026-03-20', body);
    expect(r.statusCode, r.body).toBe(200);
    expect(await lastChange(a, 'calendar_day', '2026-03-20')).toMatchObject({
      action: 'delete',
      before: { kind: 'compensatory_day_off' },
      after: null,
      reason: 'Nhập nhầm ngày',
    });
    expect((await a.as.quantri.get('/api/admin/calendar?year=2026')).json().days.map((d: { day: string }) => d.day)).not.toContain('2026-03-20');
    const rule = await a.as.quantri.request('DELETE', '/api/admin/calendar/days/2026-04-30', body);
    expect(rule.statusCode).toBe(409);
    expect(rule.json().error.code).toBe('CALENDAR_DAY_FROM_RULES');
    expect((await a.as.quantri.request('DELETE', '/api/admin/calendar/days/2026-03-20', {})).statusCode).toBe(400);
  });

  it('read working time: the default until the installation sets its own', async () => {
    const r = await a.as['quantri.phurieng'].get('/api/admin/working-time');
    expect(r.statusCode).toBe(200);
    expect(r.json()).toMatchObject({
      origin: 'default',
      workingTime: {
        intervals: [
          ['07:30', '11:30'],
          ['13:30', '17:30'],
        ],
        sameDayCutoff: '15:00',
      },
    });
    expect((await a.as['giamsat.dongnai'].get('/api/admin/working-time')).statusCode).toBe(200);
    await expectRefused(a, (c) => c.get('/api/admin/working-time'), ['tiepnhan.phurieng']);
  });

  it('update working time: checked like the deadline engine reads it, and used by it at once', async () => {
    const body = {
      intervals: [
        ['08:00', '12:00'],
        ['13:00', '17:00'],
      ],
      sameDayCutoff: '15:30',
      source: 'Quyết định 45/QĐ-UBND của UBND tỉnh',
      reason: 'Áp dụng giờ làm việc mới của tỉnh',
    };
    await expectRefused(a, (c) => c.put('/api/admin/working-time', body), [...ALL_UNIT_ADMINS_AND_OTHERS]);
    const overlap = await a.as.quantri.put('/api/admin/working-time', {
      ...body,
      intervals: [
        ['08:00', '12:00'],
        ['11:00', '17:00'],
      ],
    });
    expect(overlap.json().error.code).toBe('WORKING_TIME_INVALID');
    expect((await a.as.quantri.put('/api/admin/working-time', { ...body, sameDayCutoff: '18:00' })).json().error.code).toBe('CUTOFF_OUTSIDE_HOURS');
    expect((await a.as.quantri.put('/api/admin/working-time', { ...body, intervals: [['8h', '12:00']] })).statusCode).toBe(400);
    const r = await a.as.quantri.put('/api/admin/working-time', body);
    expect(r.statusCode, r.body).toBe(200);
    expect(r.json()).toMatchObject({ origin: 'installation', workingTime: { sameDayCutoff: '15:30' } });
    expect(await lastChange(a, 'working_time', 'installation')).toMatchObject({
      action: 'update',
      before: { origin: 'default', workingTime: { sameDayCutoff: '15:00' } },
      after: { origin: 'installation', workingTime: { intervals: body.intervals, sameDayCutoff: '15:30' } },
    });
    const cal = await loadCalendar(a.t.ctx.db);
    // Received 15:20 on a working day: before the new 15:30 cutoff, due the same day at the new closing time 17:00.
    expect(formatVn(dueDate({ from: new Date('2026-03-10T15:20:00+07:00'), amount: 0, unit: 'working_days', sameDayRule: true }, cal))).toBe(
      '2026-03-10T17:00:00+07:00',
    );
  });

  it('every change above is in the log, and the chain verifies', async () => {
    const r = await a.as.quantri.get('/api/admin/changes/verify');
    expect(r.json()).toEqual({ entries: await a.changeCount(), problems: [] });
    expect(await a.changeCount()).toBeGreaterThan(3);
  });
});
