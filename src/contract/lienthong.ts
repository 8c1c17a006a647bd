/** Linked procedures (liên thông): the bundle as the citizen, the public and officials see it; hand-offs and their evidence. */
import { z } from 'zod';
import { Instant, Uuid } from './http.ts';

const Code = z.string().trim().min(10).max(60);
const Text = (max: number) =>
  z
    .string()
    .trim()
    .min(1)
    .max(max)
    .refine((s) => !s.includes('\u0000'), 'Không được chứa ký tự NUL');

export const MemberStateName = z.enum(['waiting', 'processing', 'handed_off', 'accepted', 'rejected', 'done', 'failed']);

export const HandoffSummary = z.strictObject({
  id: Uuid,
  attempt: z.number().int(),
  adapter: z.string(),
  state: z.enum(['requested', 'accepted', 'rejected']),
  requestedAt: Instant,
  answeredAt: Instant.nullable(),
  answerDueAt: Instant,
  reference: z.string().nullable(),
  reason: z.string().nullable(),
  escalated: z.boolean(),
});

export const BundleMemberView = z.strictObject({
  key: z.string(),
  name: z.string(),
  agency: z.strictObject({ code: z.string(), name: z.string() }),
  adapter: z.string(),
  dependsOn: z.array(z.string()),
  state: MemberStateName,
  dossierId: Uuid,
  dossierCode: z.string(),
  /** The member dossier's own national status (TrangThaiHoSo 1–10) and deadline. */
  status: z.number().int().min(1).max(10),
  dueAt: Instant.nullable(),
  result: z.strictObject({ number: z.string().nullable(), reference: z.string().nullable(), issuedAt: z.string().nullable() }).nullable(),
  handoffs: z.array(HandoffSummary),
});

export const BundleView = z.strictObject({
  id: Uuid,
  bundleCode: z.string(),
  typeCode: z.string(),
  typeName: z.string(),
  state: z.enum(['open', 'partially_done', 'done', 'failed']),
  parent: z.strictObject({ dossierId: Uuid, code: z.string(), status: z.number().int(), dueAt: Instant.nullable() }),
  createdAt: Instant,
  members: z.array(BundleMemberView),
});
export type BundleView = z.infer<typeof BundleView>;
export const BundleList = z.strictObject({ items: z.array(BundleView) });

export const BundleIdParams = z.object({ id: Uuid });
export const MemberParams = z.object({ id: Uuid, key: z.string().regex(/^[a-z0-9-]{2,40}$/) });
export const HandoffParams = z.object({ id: Uuid });

/** The public lookup: the bundle's code or any member's code, and the last 4 digits of the phone or the ID number. */
export const BundleLookupQuery = z.object({ code: Code, last4: z.string().regex(/^\d{4}$/, 'Nhập đúng 4 chữ số') });
export const StaffBundleQuery = z.object({ code: Code });

/** An official records the other agency's answer (the manual adapter, or an answer received out of band). */
export const HandoffAnswerBody = z.discriminatedUnion('decision', [
  z.object({ decision: z.literal('accepted'), reference: Text(100), resultNumber: Text(100).optional(), resultTitle: Text(300).optional() }),
  z.object({ decision: z.literal('rejected'), reference: Text(100).optional(), reason: Text(2000) }),
]);
export const ResendResult = z.strictObject({ handoffId: Uuid });

export const HandoffEvidence = z.strictObject({
  id: Uuid,
  bundleCode: z.string(),
  memberKey: z.string(),
  attempt: z.number().int(),
  adapter: z.string(),
  state: z.enum(['requested', 'accepted', 'rejected']),
  request: z.record(z.string(), z.unknown()),
  requestSha256: z.string(),
  requestedAt: Instant,
  sentAt: Instant.nullable(),
  httpStatus: z.number().int().nullable(),
  response: z.unknown(),
  responseSha256: z.string().nullable(),
  answeredAt: Instant.nullable(),
  recordedBy: z.string().nullable(),
});

export const EscalationList = z.strictObject({
  items: z.array(
    z.strictObject({
      id: Uuid,
      bundleId: Uuid,
      bundleCode: z.string(),
      memberKey: z.string(),
      memberName: z.string(),
      agencyName: z.string(),
      dossierCode: z.string(),
      handoffId: Uuid,
      requestedAt: Instant,
      answerDueAt: Instant,
      raisedAt: Instant,
    }),
  ),
});

export const BundleTypeSwitchParams = z.object({ code: z.string().regex(/^[0-9A-Z.-]{3,30}$/) });
export const BundleTypeSwitchBody = z.object({ enabled: z.boolean() });
export const BundleTypeList = z.strictObject({
  items: z.array(
    z.strictObject({
      code: z.string(),
      version: z.number().int(),
      name: z.string(),
      scope: z.enum(['national', 'local']),
      enabled: z.boolean(),
      members: z.array(z.string()),
    }),
  ),
});

/** The receiving agencies' protocol (stand-ins): a hand-off, and the switch that makes the stand-in reject. */
export const AgencyControlBody = z.object({
  rejectNext: z.number().int().min(0).max(100).default(0),
  silentNext: z.number().int().min(0).max(100).default(0),
  reason: Text(500).optional(),
});

/** A hand-off as the receiving agency gets it (POST <agency>/api/ho-so, header Idempotency-Key = the hand-off id). */
export const HandoffRequest = z.object({
  maHoSo: z.string().min(1).max(60),
  maHoSoLienThong: z.string().min(1).max(60),
  maThuTuc: z.string().min(1).max(40),
  tenThuTuc: z.string().min(1).max(300),
  coQuanGui: z.string().min(1).max(100),
  duLieu: z.record(z.string(), z.unknown()),
  ngayGui: Instant,
});
export type HandoffRequest = z.infer<typeof HandoffRequest>;

/** The agency's answer: received (with its result when it is issued at once), or refused with a reason. */
export const AgencyAnswer = z.discriminatedUnion('trangThai', [
  z.object({
    trangThai: z.literal('DA_TIEP_NHAN'),
    maTiepNhan: z.string().min(1).max(100),
    ketQua: z.object({ so: z.string().min(1).max(100), tenGiayTo: z.string().max(300), ngayCap: z.string().max(40) }).optional(),
  }),
  z.object({ trangThai: z.literal('TU_CHOI'), maTiepNhan: z.string().max(100).optional(), lyDo: z.string().min(1).max(2000) }),
]);
export type AgencyAnswer = z.infer<typeof AgencyAnswer>;
