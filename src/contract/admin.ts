/**
 * Administration (/api/admin/…): the change log, org units, officials and their roles, the working calendar and
 * working hours. Request schemas carry Vietnamese messages; every write is logged in the hash-chained change log.
 */
import { z } from 'zod';
import { Day, Instant, Uuid } from './http.ts';
import { AGENCY_CODE, CalendarKind } from './reference.ts';
import { Membership, OfficialRoleCode } from './session.ts';

export { CALENDAR_KINDS, CalendarKind, LunarDate, PublicCalendarDay } from './reference.ts';
export { Membership };

export const ENTITY_KINDS = ['org_unit', 'official', 'membership', 'calendar_day', 'working_time', 'procedure'] as const;
export type EntityKind = (typeof ENTITY_KINDS)[number];

// --- Requests -----------------------------------------------------------------------------------------------------

const CONTROL_CHARS = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/;

/** Required text: trimmed, not empty, bounded, no control characters. */
export const text = (label: string, max: number) =>
  z
    .string({ message: `${label} phải là chuỗi ký tự.` })
    .trim()
    .min(1, `Vui lòng nhập ${label.toLowerCase()}.`)
    .max(max, `${label} tối đa ${max} ký tự.`)
    .refine((s) => !CONTROL_CHARS.test(s), `${label} chứa ký tự không hợp lệ.`);

export const Reason = z
  .string({ message: 'Vui lòng nêu lý do.' })
  .trim()
  .min(5, 'Vui lòng nêu lý do (ít nhất 5 ký tự).')
  .max(2000, 'Lý do tối đa 2000 ký tự.')
  .refine((s) => !CONTROL_CHARS.test(s), 'Lý do chứa ký tự không hợp lệ.');

export const IsoDate = z
  .string({ message: 'Ngày phải theo định dạng YYYY-MM-DD.' })
  .regex(/^\d{4}-\d{2}-\d{2}$/, 'Ngày phải theo định dạng YYYY-MM-DD.')
  .refine((s) => !Number.isNaN(Date.parse(`${s}T00:00:00Z`)) && new Date(`${s}T00:00:00Z`).toISOString().startsWith(s), 'Ngày không tồn tại.');

export const UnitId = z
  .string({ message: 'Mã đơn vị không hợp lệ.' })
  .max(64, 'Mã đơn vị tối đa 64 ký tự.')
  .regex(/^[a-z0-9]+([._-][a-z0-9]+)*$/, 'Mã đơn vị chỉ gồm chữ thường không dấu, chữ số, dấu chấm và gạch nối (ví dụ dni.phurieng.ttpvhcc).');

export const AgencyCode = z.string().regex(AGENCY_CODE, 'Mã định danh cơ quan phải theo cấu trúc V1V2V3.Z1Z2.Y1Y2.MX1X2 (ví dụ 000.00.52.H19).');
const Email = z.string().trim().max(200, 'Thư điện tử tối đa 200 ký tự.').pipe(z.email('Địa chỉ thư điện tử không hợp lệ.'));
const Phone = z
  .string()
  .trim()
  .regex(/^\+?[0-9][0-9 ().-]{5,19}$/, 'Số điện thoại không hợp lệ.');

export const OfficialId = z.string().regex(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i, 'Mã cán bộ không hợp lệ.');
export const Username = z
  .string({ message: 'Tên đăng nhập không hợp lệ.' })
  .trim()
  .toLowerCase()
  .regex(/^[a-z0-9._-]{3,64}$/, 'Tên đăng nhập gồm 3–64 ký tự: chữ thường không dấu, chữ số, dấu chấm, gạch dưới, gạch nối.');
export const Role = OfficialRoleCode;
export const Password = z.string({ message: 'Vui lòng nhập mật khẩu.' }).min(1, 'Vui lòng nhập mật khẩu.').max(256, 'Mật khẩu tối đa 256 ký tự.');

export const Memberships = z
  .array(z.strictObject({ unitId: UnitId, role: Role }), { message: 'Danh sách vai trò không hợp lệ.' })
  .min(1, 'Cần ít nhất một vai trò tại một đơn vị; để thu hồi mọi quyền, hãy khóa tài khoản.')
  .max(50, 'Tối đa 50 vai trò.')
  .refine((ms) => new Set(ms.map((m) => `${m.unitId}|${m.role}`)).size === ms.length, 'Một vai trò tại một đơn vị bị lặp lại.');

/** Patch fields: absent = unchanged, null = cleared. */
const clearable = <T extends z.ZodType>(s: T) => s.nullable().optional();
const atLeastOne = (keys: readonly string[]) => (b: Record<string, unknown>) => keys.some((k) => b[k] !== undefined);

// Units

export const UnitCreate = z.strictObject({
  id: UnitId,
  name: text('Tên đơn vị', 300),
  shortName: text('Tên viết tắt', 120).optional(),
  kind: z.string().regex(/^[a-z][a-z0-9_]{1,39}$/, 'Loại đơn vị gồm chữ thường không dấu, chữ số và gạch dưới (ví dụ ubnd_xa, ttpvhcc).'),
  adminUnitCode: z.string().regex(/^\d{2}(\d{3})?$/, 'Mã đơn vị hành chính gồm 2 (tỉnh) hoặc 5 (xã) chữ số.'),
  parentId: UnitId.optional(),
  agencyCode: AgencyCode.optional(),
  address: text('Địa chỉ', 500).optional(),
  phone: Phone.optional(),
  email: Email.optional(),
  effectiveFrom: IsoDate.optional(),
  reason: Reason.optional(),
});
export type UnitCreate = z.infer<typeof UnitCreate>;

const UNIT_FIELDS = ['name', 'shortName', 'address', 'phone', 'email', 'agencyCode', 'parentId'] as const;
export const UnitUpdate = z
  .strictObject({
    name: text('Tên đơn vị', 300).optional(),
    shortName: clearable(text('Tên viết tắt', 120)),
    address: clearable(text('Địa chỉ', 500)),
    phone: clearable(Phone),
    email: clearable(Email),
    agencyCode: clearable(AgencyCode),
    parentId: clearable(UnitId),
    reason: Reason.optional(),
  })
  .refine(atLeastOne(UNIT_FIELDS), 'Không có thông tin nào cần sửa.');
export type UnitUpdate = z.infer<typeof UnitUpdate>;

export const UnitClose = z.strictObject({
  effectiveTo: IsoDate.optional(),
  succeededBy: UnitId.optional(),
  reason: Reason,
});
export type UnitClose = z.infer<typeof UnitClose>;

export const UnitListQuery = z.object({
  status: z.enum(['open', 'closed', 'all'], { message: 'Trạng thái phải là open, closed hoặc all.' }).default('all'),
  q: z.string().max(200).optional(),
});

// Officials

export const OfficialCreate = z.strictObject({
  username: Username,
  fullName: text('Họ và tên', 200),
  title: text('Chức danh', 300).optional(),
  email: Email.optional(),
  phone: Phone.optional(),
  password: Password,
  memberships: Memberships,
  reason: Reason.optional(),
});
export type OfficialCreate = z.infer<typeof OfficialCreate>;

const PROFILE_FIELDS = ['fullName', 'title', 'email', 'phone'] as const;
export const OfficialUpdate = z
  .strictObject({
    fullName: text('Họ và tên', 200).optional(),
    title: clearable(text('Chức danh', 300)),
    email: clearable(Email),
    phone: clearable(Phone),
    reason: Reason.optional(),
  })
  .refine(atLeastOne(PROFILE_FIELDS), 'Không có thông tin nào cần sửa.');
export type OfficialUpdate = z.infer<typeof OfficialUpdate>;

export const MembershipsBody = z.strictObject({ memberships: Memberships, reason: Reason.optional() });
export const ReasonBody = z.strictObject({ reason: Reason });
export const OptionalReasonBody = z.strictObject({ reason: Reason.optional() });
export const PasswordBody = z.strictObject({ password: Password, reason: Reason.optional() });
export const TotpCodeBody = z.strictObject({ code: z.string().regex(/^\d{6}$/, 'Mã xác thực gồm 6 chữ số.') });

const Bool = z.enum(['true', 'false'], { message: 'Giá trị phải là true hoặc false.' }).transform((v) => v === 'true');
const Paging = {
  page: z.coerce.number({ message: 'Số trang không hợp lệ.' }).int().min(1, 'Số trang không hợp lệ.').default(1),
  pageSize: z.coerce.number({ message: 'Cỡ trang không hợp lệ.' }).int().min(1, 'Cỡ trang từ 1 đến 200.').max(200, 'Cỡ trang từ 1 đến 200.').default(50),
};

export const OfficialListQuery = z.object({
  q: z.string().max(200).optional(),
  unitId: UnitId.optional(),
  role: Role.optional(),
  active: Bool.optional(),
  ...Paging,
});

// Calendar and working time

export const CalendarDayBody = z.strictObject({ kind: CalendarKind, name: text('Tên ngày', 200), reason: Reason });
export const CalendarDayCreate = CalendarDayBody.extend({ day: IsoDate });
export type CalendarDayCreate = z.infer<typeof CalendarDayCreate>;
export const CalendarYearQuery = z.object({
  year: z.coerce.number({ message: 'Năm không hợp lệ.' }).int().min(2000, 'Năm không hợp lệ.').max(2100, 'Năm không hợp lệ.'),
});

const Clock = z.string({ message: 'Giờ phải theo định dạng HH:MM.' }).regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'Giờ phải theo định dạng HH:MM (ví dụ 07:30).');
/** Checked again by WorkingTimeData and workingHoursFrom (order, overlaps) in the service. */
export const WorkingTimeBody = z.strictObject({
  intervals: z
    .array(z.tuple([Clock, Clock], { message: 'Mỗi khoảng giờ làm việc gồm giờ bắt đầu và giờ kết thúc.' }), { message: 'Khoảng giờ làm việc không hợp lệ.' })
    .min(1, 'Cần ít nhất một khoảng giờ làm việc.')
    .max(6, 'Tối đa 6 khoảng giờ làm việc trong ngày.'),
  sameDayCutoff: Clock,
  source: text('Căn cứ', 1000).optional(),
  reason: Reason,
});
export type WorkingTimeBody = z.infer<typeof WorkingTimeBody>;

// Change log

const DayOrInstant = z.union([IsoDate, z.iso.datetime({ offset: true, message: 'Thời điểm phải theo ISO 8601 có múi giờ.' })]);
export const ChangeListQuery = z.object({
  entityKind: z.enum(ENTITY_KINDS, { message: `Loại đối tượng phải là một trong: ${ENTITY_KINDS.join(', ')}.` }).optional(),
  entityId: z.string().max(200).optional(),
  actor: z.string().max(64).optional(),
  /** A date (from its start, Vietnam time) or an instant. */
  from: DayOrInstant.optional(),
  /** A date (to its end, Vietnam time) or an instant (exclusive). */
  to: DayOrInstant.optional(),
  ...Paging,
});

export const UnitParams = z.object({ id: UnitId });
export const OfficialParams = z.object({ id: OfficialId });
export const DayParams = z.object({ day: IsoDate });

// --- Answers ------------------------------------------------------------------------------------------------------

export const ChangeEntry = z.strictObject({
  id: z.number().int(),
  at: Instant,
  /** The official's id; null for the command line. */
  actorId: z.string().nullable(),
  actorUsername: z.string(),
  entityKind: z.enum(ENTITY_KINDS),
  entityId: z.string(),
  action: z.string(),
  unitIds: z.array(z.string()),
  before: z.unknown(),
  after: z.unknown(),
  reason: z.string().nullable(),
});
export type ChangeEntry = z.infer<typeof ChangeEntry>;

export const ChangePage = z.strictObject({ total: z.number().int(), page: z.number().int(), pageSize: z.number().int(), items: z.array(ChangeEntry) });

/** The check of the change log's hash chain. */
export const ChainCheck = z.strictObject({
  entries: z.number().int(),
  problems: z.array(z.strictObject({ seq: z.number().int(), problem: z.enum(['sequence_gap', 'prev_hash_mismatch', 'hash_mismatch', 'head_mismatch']) })),
});
export type ChainCheck = z.infer<typeof ChainCheck>;

/** An org unit as administrators see it, open or closed. */
export const OrgUnit = z.strictObject({
  id: z.string(),
  name: z.string(),
  shortName: z.string().nullable(),
  kind: z.string(),
  adminUnitCode: z.string(),
  parentId: z.string().nullable(),
  agencyCode: z.string().nullable(),
  address: z.string().nullable(),
  phone: z.string().nullable(),
  email: z.string().nullable(),
  effectiveFrom: Day,
  effectiveTo: Day.nullable(),
  succeededBy: z.string().nullable(),
  status: z.enum(['open', 'closed']),
});
export type OrgUnit = z.infer<typeof OrgUnit>;

export const OrgUnitList = z.strictObject({ items: z.array(OrgUnit) });
export const OrgUnitWithHistory = z.strictObject({ unit: OrgUnit, history: z.array(ChangeEntry) });

export const Official = z.strictObject({
  id: Uuid,
  username: z.string(),
  fullName: z.string(),
  title: z.string().nullable(),
  email: z.string().nullable(),
  phone: z.string().nullable(),
  active: z.boolean(),
  locked: z.boolean(),
  lockedUntil: Instant.nullable(),
  failedAttempts: z.number().int(),
  totpEnabled: z.boolean(),
  lastLoginAt: Instant.nullable(),
  createdAt: Instant,
  memberships: z.array(Membership),
});
export type Official = z.infer<typeof Official>;

export const OfficialPage = z.strictObject({ total: z.number().int(), page: z.number().int(), pageSize: z.number().int(), items: z.array(Official) });

/** The one-time otpauth:// address of a TOTP enrolment (shown once as a QR code). */
export const TotpEnrolment = z.strictObject({ otpauthUrl: z.string(), expiresAt: Instant });

export const CalendarDay = z.strictObject({
  day: Day,
  kind: CalendarKind,
  name: z.string(),
  /** Where the day comes from: the holiday rules, or an administrator. */
  source: z.string(),
  /** 0 = Sunday … 6 = Saturday. */
  weekday: z.number().int().min(0).max(6),
});
export type CalendarDay = z.infer<typeof CalendarDay>;

export const CalendarYear = z.strictObject({ year: z.number().int(), days: z.array(CalendarDay) });
export const DeletedCalendarDay = z.strictObject({ deleted: CalendarDay });

export const WorkingTime = z.strictObject({
  workingTime: z.strictObject({ intervals: z.array(z.tuple([z.string(), z.string()])), sameDayCutoff: z.string(), source: z.string().optional() }),
  /** Set by an administrator for the installation, or the default. */
  origin: z.enum(['installation', 'default']),
});
export type WorkingTime = z.infer<typeof WorkingTime>;
