/**
 * The administration API (/api/admin/…): the change log, org units, officials and their roles, the working
 * calendar and working hours. Each handler checks its action in permissions.ts, then calls one service function;
 * every write is validated by a zod schema of schemas.ts and logged in admin_changes in the same transaction.
 */
import type { FastifyInstance } from 'fastify';
import { addDaysIso } from '../../../core/calendar/holidays.ts';
import { fromLocal } from '../../../core/deadlines/deadlines.ts';
import type { AppContext } from '../../context.ts';
import { defineRoute } from '../../http/route.ts';
import { deactivateOfficial, reactivateOfficial, resetPassword, unlockOfficial } from './account-security.ts';
import { addCalendarDay, deleteCalendarDay, listCalendarDays, updateCalendarDay } from './calendar.ts';
import { listChanges, verifyChanges } from './changes.ts';
import { setMemberships } from './memberships.ts';
import { createOfficialByAdmin, getOfficial, listOfficials, updateOfficialProfile } from './officials.ts';
import { authorize, changeVisibility } from './permissions.ts';
import {
  CalendarDay,
  CalendarDayBody,
  CalendarDayCreate,
  CalendarYear,
  CalendarYearQuery,
  ChainCheck,
  ChangeListQuery,
  ChangePage,
  DayParams,
  DeletedCalendarDay,
  MembershipsBody,
  Official,
  OfficialCreate,
  OfficialListQuery,
  OfficialPage,
  OfficialParams,
  OfficialUpdate,
  OptionalReasonBody,
  OrgUnit,
  OrgUnitList,
  OrgUnitWithHistory,
  PasswordBody,
  ReasonBody,
  TotpCodeBody,
  TotpEnrolment,
  UnitClose,
  UnitCreate,
  UnitListQuery,
  UnitParams,
  UnitUpdate,
  WorkingTime,
  WorkingTimeBody,
} from '../../../contract/admin.ts';
import { created } from '../../../contract/http.ts';
import { confirmTotpEnrolment, disableTotp, startTotpEnrolment } from './totp-enrolment.ts';
import { closeUnit, createUnit, listUnits, unitWithHistory, updateUnit } from './units.ts';
import { getWorkingTime, updateWorkingTime } from './working-time.ts';

/** A date means the start of that day in Vietnam; `end` gives the start of the next day (an exclusive bound). */
const instant = (v: string | undefined, end = false) =>
  v === undefined ? undefined : /^\d{4}-\d{2}-\d{2}$/.test(v) ? fromLocal(end ? addDaysIso(v, 1) : v, 0) : new Date(v);

export default async function adminRoutes(app: FastifyInstance, ctx: AppContext): Promise<void> {
  const { db } = ctx;
  const unitParams = UnitParams;
  const officialParams = OfficialParams;
  const dayParams = DayParams;

  // The change log

  defineRoute(
    app,
    {
      method: 'GET',
      url: '/api/admin/changes',
      summary: 'Nhật ký thay đổi quản trị (lọc theo loại, đối tượng, người thực hiện, thời gian)',
      tags: ['admin'],
      query: ChangeListQuery,
      response: ChangePage,
    },
    async ({ query, req }) => {
      const access = await authorize(db, req, 'changes.read');
      const { from, to, ...rest } = query;
      return listChanges(db, { ...rest, from: instant(from), to: instant(to, true) }, changeVisibility(access));
    },
  );

  defineRoute(
    app,
    { method: 'GET', url: '/api/admin/changes/verify', summary: 'Kiểm tra chuỗi băm của nhật ký quản trị', tags: ['admin'], response: ChainCheck },
    async ({ req }) => {
      await authorize(db, req, 'changes.verify');
      return verifyChanges(db);
    },
  );

  // Org units

  defineRoute(
    app,
    {
      method: 'GET',
      url: '/api/admin/units',
      summary: 'Danh sách đơn vị trong phạm vi quản trị, kể cả đơn vị đã giải thể',
      tags: ['admin'],
      query: UnitListQuery,
      response: OrgUnitList,
    },
    async ({ query, req }) => {
      const access = await authorize(db, req, 'units.read');
      return { items: await listUnits(db, access, query) };
    },
  );

  defineRoute(
    app,
    {
      method: 'GET',
      url: '/api/admin/units/:id',
      summary: 'Một đơn vị và lịch sử thay đổi',
      tags: ['admin'],
      params: unitParams,
      response: OrgUnitWithHistory,
    },
    async ({ params, req }) => {
      const access = await authorize(db, req, 'units.read');
      return unitWithHistory(db, access, params.id);
    },
  );

  defineRoute(
    app,
    { method: 'POST', url: '/api/admin/units', summary: 'Thêm đơn vị', tags: ['admin'], body: UnitCreate, response: created(OrgUnit) },
    async ({ body, req, reply }) => {
      const access = await authorize(db, req, 'units.create');
      return reply.status(201).send(await createUnit(db, access, body));
    },
  );

  defineRoute(
    app,
    {
      method: 'PATCH',
      url: '/api/admin/units/:id',
      summary: 'Sửa thông tin đơn vị hoặc chuyển đơn vị cấp trên',
      tags: ['admin'],
      params: unitParams,
      body: UnitUpdate,
      response: OrgUnit,
    },
    async ({ params, body, req }) => {
      const access = await authorize(db, req, 'units.update');
      return updateUnit(db, access, params.id, body);
    },
  );

  defineRoute(
    app,
    {
      method: 'POST',
      url: '/api/admin/units/:id/close',
      summary: 'Giải thể, ngừng hoạt động đơn vị (có đơn vị kế thừa)',
      tags: ['admin'],
      params: unitParams,
      body: UnitClose,
      response: OrgUnit,
    },
    async ({ params, body, req }) => {
      const access = await authorize(db, req, 'units.close');
      return closeUnit(db, access, params.id, body);
    },
  );

  // Officials

  defineRoute(
    app,
    {
      method: 'GET',
      url: '/api/admin/officials',
      summary: 'Tìm kiếm cán bộ trong phạm vi quản trị',
      tags: ['admin'],
      query: OfficialListQuery,
      response: OfficialPage,
    },
    async ({ query, req }) => {
      const access = await authorize(db, req, 'officials.read');
      return listOfficials(db, access, query);
    },
  );

  defineRoute(
    app,
    { method: 'GET', url: '/api/admin/officials/:id', summary: 'Thông tin một cán bộ', tags: ['admin'], params: officialParams, response: Official },
    async ({ params, req }) => {
      const access = await authorize(db, req, 'officials.read');
      return getOfficial(db, access, params.id);
    },
  );

  defineRoute(
    app,
    {
      method: 'POST',
      url: '/api/admin/officials',
      summary: 'Tạo tài khoản cán bộ với vai trò tại đơn vị',
      tags: ['admin'],
      body: OfficialCreate,
      response: created(Official),
    },
    async ({ body, req, reply }) => {
      const access = await authorize(db, req, 'officials.create');
      return reply.status(201).send(await createOfficialByAdmin(db, access, body));
    },
  );

  defineRoute(
    app,
    {
      method: 'PATCH',
      url: '/api/admin/officials/:id',
      summary: 'Sửa thông tin cán bộ',
      tags: ['admin'],
      params: officialParams,
      body: OfficialUpdate,
      response: Official,
    },
    async ({ params, body, req }) => {
      const access = await authorize(db, req, 'officials.manage');
      return updateOfficialProfile(db, access, params.id, body);
    },
  );

  defineRoute(
    app,
    {
      method: 'PUT',
      url: '/api/admin/officials/:id/memberships',
      summary: 'Phân công vai trò của cán bộ tại các đơn vị (thay toàn bộ)',
      tags: ['admin'],
      params: officialParams,
      body: MembershipsBody,
      response: Official,
    },
    async ({ params, body, req }) => {
      const access = await authorize(db, req, 'officials.memberships');
      return setMemberships(db, access, params.id, body.memberships, body.reason);
    },
  );

  defineRoute(
    app,
    {
      method: 'POST',
      url: '/api/admin/officials/:id/deactivate',
      summary: 'Vô hiệu hóa tài khoản cán bộ',
      tags: ['admin'],
      params: officialParams,
      body: ReasonBody,
      response: Official,
    },
    async ({ params, body, req }) => {
      const access = await authorize(db, req, 'officials.manage');
      return deactivateOfficial(db, access, params.id, body.reason);
    },
  );

  defineRoute(
    app,
    {
      method: 'POST',
      url: '/api/admin/officials/:id/reactivate',
      summary: 'Kích hoạt lại tài khoản cán bộ',
      tags: ['admin'],
      params: officialParams,
      body: OptionalReasonBody,
      response: Official,
    },
    async ({ params, body, req }) => {
      const access = await authorize(db, req, 'officials.manage');
      return reactivateOfficial(db, access, params.id, body.reason);
    },
  );

  defineRoute(
    app,
    {
      method: 'POST',
      url: '/api/admin/officials/:id/password',
      summary: 'Đặt mật khẩu tạm thời cho cán bộ',
      tags: ['admin'],
      params: officialParams,
      body: PasswordBody,
      response: Official,
    },
    async ({ params, body, req }) => {
      const access = await authorize(db, req, 'officials.manage');
      return resetPassword(db, access, params.id, body.password, body.reason);
    },
  );

  defineRoute(
    app,
    {
      method: 'POST',
      url: '/api/admin/officials/:id/unlock',
      summary: 'Mở khóa tài khoản bị khóa do nhập sai mật khẩu',
      tags: ['admin'],
      params: officialParams,
      body: OptionalReasonBody,
      response: Official,
    },
    async ({ params, body, req }) => {
      const access = await authorize(db, req, 'officials.manage');
      return unlockOfficial(db, access, params.id, body.reason);
    },
  );

  defineRoute(
    app,
    {
      method: 'POST',
      url: '/api/admin/officials/:id/totp/enrol',
      summary: 'Bắt đầu đăng ký xác thực hai lớp (TOTP): trả về địa chỉ otpauth:// một lần',
      tags: ['admin'],
      params: officialParams,
      response: TotpEnrolment,
    },
    async ({ params, req, reply }) => {
      const access = await authorize(db, req, 'officials.manage');
      const enrolment = await startTotpEnrolment(db, access, params.id);
      return reply.header('cache-control', 'no-store').send(enrolment);
    },
  );

  defineRoute(
    app,
    {
      method: 'POST',
      url: '/api/admin/officials/:id/totp/verify',
      summary: 'Xác nhận mã đầu tiên và bật xác thực hai lớp',
      tags: ['admin'],
      params: officialParams,
      body: TotpCodeBody,
      rateLimit: { max: 10, timeWindow: '1 minute' },
      response: Official,
    },
    async ({ params, body, req }) => {
      const access = await authorize(db, req, 'officials.manage');
      return confirmTotpEnrolment(db, access, params.id, body.code);
    },
  );

  defineRoute(
    app,
    {
      method: 'POST',
      url: '/api/admin/officials/:id/totp/disable',
      summary: 'Tắt xác thực hai lớp',
      tags: ['admin'],
      params: officialParams,
      body: ReasonBody,
      response: Official,
    },
    async ({ params, body, req }) => {
      const access = await authorize(db, req, 'officials.manage');
      return disableTotp(db, access, params.id, body.reason);
    },
  );

  // Working calendar and working hours

  defineRoute(
    app,
    {
      method: 'GET',
      url: '/api/admin/calendar',
      summary: 'Ngày nghỉ lễ, nghỉ bù, làm bù của một năm, kèm nguồn (quy tắc hoặc quản trị)',
      tags: ['admin'],
      query: CalendarYearQuery,
      response: CalendarYear,
    },
    async ({ query, req }) => {
      await authorize(db, req, 'calendar.read');
      return { year: query.year, days: await listCalendarDays(db, query.year) };
    },
  );

  defineRoute(
    app,
    {
      method: 'POST',
      url: '/api/admin/calendar/days',
      summary: 'Thêm ngày nghỉ hoặc ngày làm bù',
      tags: ['admin'],
      body: CalendarDayCreate,
      response: created(CalendarDay),
    },
    async ({ body, req, reply }) => {
      const access = await authorize(db, req, 'calendar.write');
      return reply.status(201).send(await addCalendarDay(db, access, body));
    },
  );

  defineRoute(
    app,
    {
      method: 'PUT',
      url: '/api/admin/calendar/days/:day',
      summary: 'Sửa một ngày trong lịch',
      tags: ['admin'],
      params: dayParams,
      body: CalendarDayBody,
      response: CalendarDay,
    },
    async ({ params, body, req }) => {
      const access = await authorize(db, req, 'calendar.write');
      return updateCalendarDay(db, access, params.day, body);
    },
  );

  defineRoute(
    app,
    {
      method: 'DELETE',
      url: '/api/admin/calendar/days/:day',
      summary: 'Xóa một ngày do quản trị nhập',
      tags: ['admin'],
      params: dayParams,
      body: ReasonBody,
      response: DeletedCalendarDay,
    },
    async ({ params, body, req }) => {
      const access = await authorize(db, req, 'calendar.write');
      return deleteCalendarDay(db, access, params.day, body.reason);
    },
  );

  defineRoute(
    app,
    { method: 'GET', url: '/api/admin/working-time', summary: 'Giờ làm việc và mốc giờ trả trong ngày của hệ thống', tags: ['admin'], response: WorkingTime },
    async ({ req }) => {
      await authorize(db, req, 'working_time.read');
      return getWorkingTime(db);
    },
  );

  defineRoute(
    app,
    {
      method: 'PUT',
      url: '/api/admin/working-time',
      summary: 'Sửa giờ làm việc và mốc giờ trả trong ngày',
      tags: ['admin'],
      body: WorkingTimeBody,
      response: WorkingTime,
    },
    async ({ body, req }) => {
      const access = await authorize(db, req, 'working_time.write');
      return updateWorkingTime(db, access, body);
    },
  );
}
