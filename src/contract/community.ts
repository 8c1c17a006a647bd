/** Community digital teams and household coverage (docs/community.md): areas, visit list, visits, assisted sessions, representation, dashboards. */
import { z } from 'zod';
import { SKILLS } from '../core/community/coverage.ts';
import { text } from './admin.ts';
import { Day, Instant, Uuid } from './http.ts';

const IdNumber = z.string({ message: 'Số định danh cá nhân phải là chuỗi ký tự.' }).regex(/^\d{12}$/, 'Số định danh cá nhân gồm 12 chữ số.');
const AreaIdText = z.string({ message: 'Mã thôn, tổ dân phố phải là chuỗi ký tự.' }).regex(/^[0-9]{5}:[a-z0-9-]{1,80}$/, 'Mã thôn, tổ dân phố không hợp lệ.');
const HouseholdNo = z.string({ message: 'Số hộ phải là chuỗi ký tự.' }).regex(/^[A-Za-z0-9._-]{1,40}$/, 'Số hộ không hợp lệ.');
const ClientKey = z
  .string({ message: 'Mã giao dịch phải là chuỗi ký tự.' })
  .regex(/^[A-Za-z0-9_-]{8,64}$/, 'Mã giao dịch (idempotency key) gồm 8–64 chữ, số, - hoặc _.');
const ProcedureCode = z.string({ message: 'Mã thủ tục phải là chuỗi ký tự.' }).regex(/^(\*|[0-9A-Za-z.-]{1,64})$/, 'Mã thủ tục không hợp lệ.');

export const Skill = z.enum(SKILLS);
export const VisitOutcome = z.enum(['done', 'needs_device', 'not_home', 'refused'], { message: 'Kết quả thăm hộ không hợp lệ.' });

export const AreaIdParams = z.strictObject({ areaId: AreaIdText });
export const IdParams = z.strictObject({ id: Uuid });
export const VisitListQuery = z.strictObject({ uncovered: z.enum(['0', '1']).optional() });

export const AreaView = z.strictObject({
  id: z.string(),
  communeCode: z.string(),
  kind: z.string(),
  name: z.string(),
  households: z.number().int(),
  coveredHouseholds: z.number().int(),
});

export const HouseholdView = z.strictObject({
  householdNo: z.string(),
  areaId: z.string(),
  address: z.string(),
  headName: z.string(),
  covered: z.boolean(),
  lastVisit: z.strictObject({ at: z.string(), outcome: z.string() }).nullable(),
  members: z.array(
    z.strictObject({
      idNumber: z.string(),
      fullName: z.string(),
      relation: z.string(),
      birthYear: z.number().int(),
      adult: z.boolean(),
      usesOnlineServices: z.boolean(),
      skills: z.array(z.string()),
    }),
  ),
});

/** A visit from the helper's phone; `clientKey` is generated on the phone so a retried upload changes nothing. */
export const VisitBody = z.strictObject({
  clientKey: ClientKey,
  householdNo: HouseholdNo,
  visitedAt: Instant,
  outcome: VisitOutcome,
  /** Skills each member showed during the visit (the checklist). */
  checklist: z
    .array(z.strictObject({ idNumber: IdNumber, skills: z.array(Skill).max(4) }))
    .max(30)
    .default([]),
  note: text('Ghi chú', 1000).optional(),
});

export const VisitView = z.strictObject({
  id: Uuid,
  clientKey: z.string(),
  householdNo: z.string(),
  visitedAt: Instant,
  outcome: VisitOutcome,
  covered: z.boolean(),
});

export const AssistedSessionBody = z.strictObject({
  /** Where the resident lands after logging in (a portal path). */
  returnTo: z
    .string({ message: 'Trang trở về phải là chuỗi ký tự.' })
    .regex(/^\/[A-Za-z0-9/_\-?=&.%]{0,200}$/, 'Trang trở về không hợp lệ.')
    .optional(),
});
export const AssistedSessionView = z.strictObject({ id: Uuid, loginUrl: z.string(), expiresAt: Instant });

export const RepresentationBody = z.strictObject({
  idNumber: IdNumber,
  basis: z.enum(['otp', 'document'], { message: 'Căn cứ đại diện phải là mã xác nhận (OTP) hoặc văn bản ủy quyền.' }),
  procedureCodes: z.array(ProcedureCode).min(1, 'Chọn ít nhất một thủ tục.').max(20),
  days: z.number({ message: 'Thời hạn phải là số ngày.' }).int().min(1).max(90, 'Thời hạn ủy quyền tối đa 90 ngày.'),
  /** The scan of the signed authorisation (basis document): an upload of the helper's. */
  documentUploadId: Uuid.optional(),
});
export const ConfirmBody = z.strictObject({ code: z.string({ message: 'Mã xác nhận phải là chuỗi ký tự.' }).regex(/^\d{6}$/, 'Mã xác nhận gồm 6 chữ số.') });

export const RepresentationView = z.strictObject({
  id: Uuid,
  idNumber: z.string(),
  residentName: z.string(),
  helperName: z.string(),
  basis: z.enum(['otp', 'document']),
  procedureCodes: z.array(z.string()),
  status: z.enum(['pending', 'active', 'revoked']),
  phoneMasked: z.string().nullable(),
  createdAt: Instant,
  confirmedAt: Instant.nullable(),
  expiresAt: Instant,
  revokedAt: Instant.nullable(),
});

/** A dossier submitted on the resident's behalf under a representation. */
export const OnBehalfBody = z.strictObject({
  idempotencyKey: ClientKey,
  procedureCode: z.string().min(1).max(64),
  caseCode: z.string().min(1).max(64),
  values: z.record(z.string(), z.unknown()),
  documents: z
    .array(z.strictObject({ requirementCode: z.string().min(1).max(100), uploadId: Uuid }))
    .max(50)
    .default([]),
});

export const AssistedDossierView = z.strictObject({
  id: Uuid,
  code: z.string(),
  procedureName: z.string(),
  applicantName: z.string(),
  status: z.number().int(),
  mode: z.enum(['assisted', 'on_behalf']),
  at: Instant,
});

const CalendarDay = Day.refine((s) => {
  const d = new Date(`${s}T00:00:00Z`);
  return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === s;
}, 'Ngày không hợp lệ (định dạng yyyy-mm-dd).');
export const DashboardQuery = z
  .strictObject({ from: CalendarDay.optional(), to: CalendarDay.optional() })
  .refine((q) => !q.from || !q.to || q.from <= q.to, { message: 'Ngày bắt đầu phải trước ngày kết thúc.', path: ['from'] });
export const AreaWeek = z.strictObject({
  weekStart: Day,
  coveredHouseholds: z.number().int(),
  adultsOnline: z.number().int(),
  visits: z.number().int(),
  assistedDossiers: z.number().int(),
});
export const DashboardView = z.strictObject({
  from: Day,
  to: Day,
  areas: z.array(
    z.strictObject({
      id: z.string(),
      name: z.string(),
      households: z.number().int(),
      coveredHouseholds: z.number().int(),
      adults: z.number().int(),
      adultsOnline: z.number().int(),
      visits: z.number().int(),
      assistedDossiers: z.number().int(),
      helpers: z.array(z.strictObject({ name: z.string(), visits: z.number().int(), assistedDossiers: z.number().int() })),
      weeks: z.array(AreaWeek),
    }),
  ),
});

export const ImportBody = z.strictObject({ communeCode: z.string().regex(/^\d{5}$/, 'Mã xã gồm 5 chữ số.') });
export const ImportView = z.strictObject({ areas: z.number().int(), households: z.number().int(), members: z.number().int() });
