/**
 * Digitisation (issue 16): the digitisation guard's daily report of dossiers at risk, and paperless days /
 * online-only procedures (rules with their legal basis, today's rule, the day's report).
 */
import { z } from 'zod';
import { EXCEPTION_REASONS } from '../core/digitisation/paperless.ts';
import { Instant, Uuid } from './http.ts';

const isoDay = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, 'Ngày có dạng YYYY-MM-DD')
  .refine((s) => {
    const d = new Date(`${s}T00:00:00Z`);
    return !Number.isNaN(d.getTime()) && d.toISOString().startsWith(s);
  }, 'Ngày không tồn tại');
const UnitId = z.string().trim().min(1).max(100);

export const DayQuery = z.object({ day: isoDay.optional(), unitId: UnitId.optional() });
export const UnitQuery = z.object({ unitId: UnitId.optional() });

// --- Digitisation guard: dossiers at risk -------------------------------------------------------------------------
export const RiskReport = z.object({
  day: z.string(),
  units: z.array(
    z.object({
      unitId: z.string(),
      unitName: z.string(),
      dossiers: z.array(
        z.object({
          id: Uuid,
          code: z.string(),
          status: z.number().int(),
          procedureName: z.string(),
          applicantName: z.string(),
          risks: z.array(z.object({ code: z.string(), message: z.string() })),
        }),
      ),
    }),
  ),
});

// --- Paperless days and online-only procedures ---------------------------------------------------------------------
export const ExceptionReasonCode = z.enum(Object.keys(EXCEPTION_REASONS) as [keyof typeof EXCEPTION_REASONS, ...(keyof typeof EXCEPTION_REASONS)[]]);

export const PaperlessRuleBody = z.strictObject({
  unitId: UnitId,
  kind: z.enum(['weekday', 'date', 'online_only']),
  weekday: z.number().int().min(1, 'Thứ trong tuần từ 1 (Thứ Hai) đến 7 (Chủ nhật)').max(7, 'Thứ trong tuần từ 1 (Thứ Hai) đến 7 (Chủ nhật)').optional(),
  day: isoDay.optional(),
  procedureCode: z.string().trim().min(1).max(64).optional(),
  effectiveFrom: isoDay,
  effectiveTo: isoDay.optional(),
  legalBasis: z.string().trim().min(3, 'Vui lòng nêu căn cứ pháp lý (số, ký hiệu văn bản)').max(500),
  note: z.string().trim().max(1000).optional(),
});
export type PaperlessRuleBody = z.infer<typeof PaperlessRuleBody>;

export const PaperlessRuleView = z.object({
  id: Uuid,
  unitId: z.string(),
  kind: z.enum(['weekday', 'date', 'online_only']),
  weekday: z.number().int().nullable(),
  day: z.string().nullable(),
  procedureCode: z.string().nullable(),
  procedureName: z.string().nullable(),
  effectiveFrom: z.string(),
  effectiveTo: z.string().nullable(),
  legalBasis: z.string(),
  note: z.string().nullable(),
  revokedAt: Instant.nullable(),
});
export const PaperlessRuleList = z.object({ items: z.array(PaperlessRuleView) });
export const RuleIdParams = z.object({ id: Uuid });

/** Today's rule at a unit (portal, procedure pages, counter screen). */
export const TodayRule = z.object({
  unitId: z.string(),
  unitName: z.string(),
  day: z.string(),
  paperless: z.boolean(),
  /** "Hôm nay (Thứ Năm) Bộ phận một cửa không tiếp nhận hồ sơ giấy …" or the ordinary day's sentence. */
  message: z.string(),
  legalBasis: z.array(z.string()),
  onlineOnly: z.array(
    z.object({
      procedureCode: z.string(),
      procedureName: z.string(),
      legalBasis: z.string(),
      effectiveTo: z.string().nullable(),
    }),
  ),
});

/** The paper exception at intake on a paperless day (reason code and free text). */
export const PaperlessException = z.strictObject({
  reasonCode: ExceptionReasonCode,
  reason: z.string().trim().min(5, 'Vui lòng nêu rõ lý do (ít nhất 5 ký tự)').max(1000),
});

export const PaperlessDayReport = z.object({
  unitId: z.string(),
  unitName: z.string(),
  day: z.string(),
  paperless: z.boolean(),
  legalBasis: z.array(z.string()),
  received: z.object({ counter: z.number().int(), online: z.number().int(), post: z.number().int(), assistedOnline: z.number().int() }),
  exceptions: z.array(
    z.object({
      dossierId: Uuid,
      dossierCode: z.string(),
      procedureCode: z.string(),
      reasonCode: z.string(),
      reasonName: z.string(),
      reason: z.string(),
      officialName: z.string(),
      at: Instant,
    }),
  ),
});
