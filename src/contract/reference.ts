/** Reference data: administrative units (2025), agencies, the installation, the working-day calendar. */
import { z } from 'zod';
import { Day } from './http.ts';

export const AdminUnitsQuery = z.object({
  level: z.enum(['province', 'commune']).optional(),
  parent: z
    .string()
    .regex(/^\d{2}$/, 'Mã tỉnh gồm 2 chữ số.')
    .optional(),
});
export const AdminUnit = z.strictObject({
  code: z.string(),
  name: z.string(),
  type: z.string(),
  level: z.enum(['province', 'commune']),
  parentCode: z.string().nullable(),
});
export type AdminUnit = z.infer<typeof AdminUnit>;

export const OrgUnitsQuery = z.object({
  adminUnit: z
    .string()
    .regex(/^\d{2}(\d{3})?$/, 'Mã đơn vị hành chính không hợp lệ.')
    .optional(),
  province: z
    .string()
    .regex(/^\d{2}$/, 'Mã tỉnh gồm 2 chữ số.')
    .optional(),
  kind: z.string().max(40).optional(),
});
/** An agency or department in force (the public list). */
export const OrgUnitInfo = z.strictObject({
  id: z.string(),
  name: z.string(),
  shortName: z.string().nullable(),
  kind: z.string(),
  adminUnitCode: z.string(),
  adminUnitName: z.string(),
  parentId: z.string().nullable(),
  agencyCode: z.string().nullable(),
  address: z.string().nullable(),
  phone: z.string().nullable(),
  email: z.string().nullable(),
});
export type OrgUnitInfo = z.infer<typeof OrgUnitInfo>;

/** Structure of an agency's identification code (mã định danh cơ quan, V1V2V3.Z1Z2.Y1Y2.MX1X2). */
export const AGENCY_CODE = /^\d{3}\.\d{2}\.\d{2}\.[A-Z]\d{2}$/;

export const Installation = z.strictObject({
  provinceCode: z.string(),
  provinceName: z.string(),
  name: z.string(),
  defaultUnitId: z.string().nullable(),
  defaultUnitName: z.string().nullable(),
  /**
   * Who runs the portal, for its header and help box (issue 18): the default unit's short name, commune, address,
   * phone and e-mail, and the installation's hotline (settings.hotline; the default unit's phone when not set).
   */
  portal: z
    .strictObject({
      unitName: z.string(),
      communeName: z.string().nullable(),
      address: z.string().nullable(),
      phone: z.string().nullable(),
      email: z.string().nullable(),
      hotline: z.string().nullable(),
    })
    .nullable()
    .optional(),
});
export type Installation = z.infer<typeof Installation>;

export const CALENDAR_KINDS = ['holiday', 'compensatory_day_off', 'makeup_working_day'] as const;
export const CalendarKind = z.enum(CALENDAR_KINDS, {
  message: 'Loại ngày phải là holiday (nghỉ lễ), compensatory_day_off (nghỉ bù, nghỉ hoán đổi) hoặc makeup_working_day (làm bù).',
});
export type CalendarKind = z.infer<typeof CalendarKind>;

export const LunarDate = z.strictObject({ day: z.number().int(), month: z.number().int(), year: z.number().int(), leap: z.boolean() });
export type LunarDate = z.infer<typeof LunarDate>;

export const CalendarQuery = z.object({ year: z.coerce.number().int().min(2000, 'Năm không hợp lệ.').max(2100, 'Năm không hợp lệ.') });
/** A day off or make-up working day of the public calendar, with its lunar date. */
export const PublicCalendarDay = z.strictObject({ day: Day, kind: CalendarKind, name: z.string(), source: z.string(), lunar: LunarDate });
export type PublicCalendarDay = z.infer<typeof PublicCalendarDay>;
