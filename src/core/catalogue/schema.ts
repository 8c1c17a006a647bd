/**
 * The procedure catalogue (danh mục thủ tục hành chính) as data. A procedure (thủ tục) has versions
 * with effective dates; each version has cases (trường hợp) with their documents, e-form, fees,
 * time limit and result. A dossier keeps the version and case it was received under.
 *
 * These zod schemas are the single source: they validate catalogue files and API input, give the
 * TypeScript types used by server and browser, and describe the API in OpenAPI.
 */
import { z } from 'zod';
import { STEP_ROLES } from '../workflow/roles.ts';
import { caseInferenceProblems } from './case-inference.ts';
import { englishProblems } from './english.ts';
import { workflowProblems } from '../workflow/steps.ts';
import { onlineTimeLimitProblems } from '../deadlines/online-time-limit.ts';

const isoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'Ngày phải có dạng YYYY-MM-DD');

export const ProcedureLevel = z.enum(['toan_trinh', 'mot_phan']);
export type ProcedureLevel = z.infer<typeof ProcedureLevel>;

export const ApplicantType = z.enum(['citizen', 'business', 'organisation']);
export type ApplicantType = z.infer<typeof ApplicantType>;

export const TimeLimitUnit = z.enum(['working_days', 'working_hours', 'calendar_days', 'months']);
export type TimeLimitUnit = z.infer<typeof TimeLimitUnit>;

export const TimeLimit = z.object({
  amount: z.number().int().min(0),
  unit: TimeLimitUnit,
  /** Same-day procedures: due the same day, or the next working day when received after 15:00. */
  sameDayRule: z.boolean().default(false),
  /** Plain-language note, e.g. "có thể kéo dài không quá 02 ngày làm việc nếu nhiều trang". */
  note: z.string().optional(),
  /** The note in English (the English interface shows the Vietnamese note otherwise). */
  noteEn: z.string().min(1).optional(),
});
export type TimeLimit = z.infer<typeof TimeLimit>;

/**
 * A shorter time limit for dossiers submitted online (issue 16 item 6), in the case's own unit, effective-dated like
 * the online fee reductions (effectiveTo exclusive) and with its legal basis. Rules: src/core/deadlines/online-time-limit.ts.
 */
export const OnlineTimeLimit = z
  .object({
    amount: z.number().int().min(0),
    effectiveFrom: isoDate,
    effectiveTo: isoDate.optional(),
    /** Legal basis, e.g. the provincial decision that shortens the time for online dossiers. */
    basis: z.string().min(3),
  })
  .strict();
export type OnlineTimeLimit = z.infer<typeof OnlineTimeLimit>;

export const DocumentRequirement = z.object({
  /** Stable code of the component within the case (mã thành phần hồ sơ). */
  code: z.string().min(1),
  name: z.string().min(1),
  /** The name in English, shown in the English interface (the Vietnamese name otherwise). */
  nameEn: z.string().min(1).optional(),
  /** Document type key used to match documents in the citizen's store (e.g. "giay-chung-sinh"). */
  documentType: z.string().optional(),
  originals: z.number().int().min(0).default(1),
  copies: z.number().int().min(0).default(0),
  required: z.boolean().default(true),
  /** Result codes (mã kết quả of earlier procedures) that satisfy this component when reused. */
  satisfiedByResultCodes: z.array(z.string()).default([]),
  /** The declaration (tờ khai, đơn) itself: filled as the case's e-form online, nothing to upload. */
  providedByForm: z.boolean().default(false),
  /** Name of the official form template (tên mẫu đơn, tờ khai), if any. */
  templateName: z.string().optional(),
  note: z.string().optional(),
});
export type DocumentRequirement = z.infer<typeof DocumentRequirement>;

export const OnlineReduction = z
  .object({
    /** Percentage off the line amount for online dossiers (0–100). */
    percent: z.number().min(0).max(100).optional(),
    /** Or a fixed amount off, in đồng. */
    amount: z.number().int().min(0).optional(),
    effectiveFrom: isoDate,
    effectiveTo: isoDate.optional(),
    /** Legal basis, e.g. a provincial People's Council resolution. */
    basis: z.string(),
  })
  .refine((r) => (r.percent === undefined) !== (r.amount === undefined), { message: 'Chỉ khai báo một trong hai: phần trăm hoặc số tiền giảm' });
export type OnlineReduction = z.infer<typeof OnlineReduction>;

export const FeeExemption = z.object({
  code: z.string(),
  name: z.string(),
  /** The name in English, shown in the English interface (the Vietnamese name otherwise). */
  nameEn: z.string().optional(),
  /** Document type that proves eligibility (e.g. "giay-chung-nhan-ho-ngheo"). */
  requiredDocumentType: z.string(),
});
export type FeeExemption = z.infer<typeof FeeExemption>;

export const FeeLine = z.object({
  kind: z.enum(['phi', 'le_phi']),
  code: z.string(),
  name: z.string(),
  /** The name in English, shown in the English interface (the Vietnamese name otherwise). */
  nameEn: z.string().min(1).optional(),
  /** Amount in integer đồng per unit (for tiered lines, the amount of the first tier). */
  amount: z.number().int().min(0),
  unit: z.enum(['dossier', 'copy', 'page', 'case', 'document']).default('dossier'),
  /** Tiered per-unit pricing: from the given unit index (1-based) on, this amount per unit. */
  tiers: z.array(z.object({ fromUnit: z.number().int().min(1), amount: z.number().int().min(0) })).default([]),
  /** Cap per copy (e.g. 200.000 đ per certified copy). */
  maxPerCopy: z.number().int().min(0).optional(),
  onlineReductions: z.array(OnlineReduction).default([]),
  exemptions: z.array(FeeExemption).default([]),
  basis: z.string().optional(),
});
export type FeeLine = z.infer<typeof FeeLine>;

export const FormFieldType = z.enum([
  'text',
  'textarea',
  'number',
  'date',
  'select',
  'yes_no',
  'id_number',
  'phone',
  'email',
  'address',
  'person',
  'group',
  'file',
]);
export type FormFieldType = z.infer<typeof FormFieldType>;

/**
 * A field of a case's e-form. The form engine (src/core/forms) interprets conditions, validation and
 * autofill bindings; the catalogue only stores the definition.
 */
export interface FormField {
  key: string;
  type: FormFieldType;
  label: string;
  /** The label in English, shown in the English interface and its messages (the Vietnamese label otherwise). */
  labelEn?: string;
  hint?: string;
  hintEn?: string;
  required?: boolean;
  options?: { value: string; label: string; labelEn?: string }[];
  /** Autofill source, e.g. "eid.HoVaTen", "population.self.thuongTru", "population.mother.hoTen". */
  prefill?: string;
  /** What to do if a prefilled value is changed by the client: refuse, or accept as declared by the citizen. */
  prefillPolicy?: 'locked' | 'declared';
  /** Show the field only when the condition holds (engine-defined expression). */
  showIf?: unknown;
  requireIf?: unknown;
  validation?: unknown;
  /** For repeated groups: the fields of one item. */
  fields?: FormField[];
  minItems?: number;
  maxItems?: number;
}
export const FormField: z.ZodType<FormField> = z.lazy(() =>
  z.object({
    key: z.string().regex(/^[a-zA-Z][a-zA-Z0-9_]*$/),
    type: FormFieldType,
    label: z.string(),
    labelEn: z.string().optional(),
    hint: z.string().optional(),
    hintEn: z.string().optional(),
    required: z.boolean().optional(),
    options: z.array(z.object({ value: z.string(), label: z.string(), labelEn: z.string().optional() })).optional(),
    prefill: z.string().optional(),
    prefillPolicy: z.enum(['locked', 'declared']).optional(),
    showIf: z.unknown().optional(),
    requireIf: z.unknown().optional(),
    validation: z.unknown().optional(),
    fields: z.array(FormField).optional(),
    minItems: z.number().int().optional(),
    maxItems: z.number().int().optional(),
  }),
);

export const FormPage = z.object({ key: z.string(), title: z.string(), titleEn: z.string().optional(), fields: z.array(FormField) });
export const FormDefinition = z.object({
  id: z.string(),
  version: z.number().int().min(1).default(1),
  /**
   * The deriver of the procedure's own population roles (mother, bride…) that the bindings read, by name
   * (src/core/procedures/prefill-roles: "birth-registration", "marriage-registration"); without it, only the basic
   * roles (self, spouse, children, household). See docs/forms.md.
   */
  prefillRoles: z
    .string()
    .regex(/^[a-z][a-z0-9-]{0,63}$/, 'Tên bộ suy vai trò chỉ gồm chữ thường, số và gạch ngang')
    .optional(),
  /** One question group per page. */
  pages: z.array(FormPage).min(1),
});
export type FormDefinition = z.infer<typeof FormDefinition>;

/** One step of the internal workflow (quy trình nội bộ) of a case. */
export const WorkflowStep = z.object({
  key: z.string(),
  name: z.string(),
  role: z.enum(STEP_ROLES),
  /** Kind of the org unit that performs the step, resolved against the competent agency (e.g. "ttpvhcc", "phong_vhxh"). */
  unitKind: z.string(),
  quota: z.object({ amount: z.number().min(0), unit: z.enum(['working_hours', 'working_days']) }),
});
export type WorkflowStep = z.infer<typeof WorkflowStep>;

export const ProcedureCase = z
  .object({
    code: z.string().min(1),
    name: z.string().min(1),
    /** The name in English, shown in the English interface (the Vietnamese name otherwise). */
    nameEn: z.string().min(1).optional(),
    description: z.string().optional(),
    documents: z.array(DocumentRequirement),
    form: FormDefinition.optional(),
    fees: z.array(FeeLine).default([]),
    timeLimit: TimeLimit,
    /** Shorter time limits for online dossiers, by period (none: online dossiers have the case's time limit). */
    onlineTimeLimits: z.array(OnlineTimeLimit).optional(),
    workflow: z.array(WorkflowStep).default([]),
    result: z.object({
      name: z.string(),
      /** The name in English, shown in the English interface (the Vietnamese name, the legal one, otherwise). */
      nameEn: z.string().min(1).optional(),
      /** Mã kết quả (MaKetQuaChinh of the CSDLQG TTHC): later dossiers accept a stored result by this code. */
      code: z.string(),
      /** Which result template renders it (src/server/modules/results/render); a generic template otherwise. */
      template: z.string().optional(),
      /** Document type of the result in the citizen's store (matches DocumentRequirement.documentType). */
      documentType: z.string().optional(),
      /** Or the e-form field whose answer is the document type (a certified copy has the type of its original). */
      documentTypeField: z.string().optional(),
      /** Validity in months from the day of issue (e.g. 6 for a marital-status confirmation); none = no time limit. */
      validityMonths: z.number().int().min(1).max(600).optional(),
      /** Where the result may be used (phạm vi sử dụng), printed and carried in the QR code. */
      scope: z.string().optional(),
    }),
  })
  .superRefine((c, ctx) => {
    // A workflow, when given, must follow the one-stop shape (counter first and last; see src/core/workflow/steps.ts).
    if (c.workflow.length > 0) for (const message of workflowProblems(c.workflow)) ctx.addIssue({ code: 'custom', path: ['workflow'], message });
    for (const message of onlineTimeLimitProblems(c)) ctx.addIssue({ code: 'custom', path: ['onlineTimeLimits'], message });
  });
export type ProcedureCase = z.infer<typeof ProcedureCase>;

/** Where the data decides the case (src/core/catalogue/case-inference.ts): days from a date answer to today → case. */
export const CaseInferenceRule = z
  .object({
    field: z.string().min(1),
    bands: z
      .array(z.object({ caseCode: z.string().min(1), minDays: z.number().int().min(0).optional(), maxDays: z.number().int().min(0).optional() }).strict())
      .min(2),
    basis: z.string().min(3),
    effectiveFrom: isoDate,
    effectiveTo: isoDate.optional(),
  })
  .strict();

/**
 * The procedure's own text in English (issue 18 item 7), beside the Vietnamese, which stays the legal text. Checked
 * against the Vietnamese at import (src/core/catalogue/english.ts, `englishProblems`): as many steps, a condition
 * where the Vietnamese has one, legal basis titles only for numbers the procedure cites.
 */
export const ProcedureEnglish = z
  .object({
    name: z.string().min(3).max(300),
    fieldName: z.string().min(1).max(200).optional(),
    guide: z
      .object({
        summary: z.string().min(1).max(2000),
        whoNeedsIt: z.string().min(1).max(2000),
        steps: z.array(z.string().min(1).max(1000)).min(1),
        conditions: z.string().min(1).max(2000).optional(),
      })
      .strict(),
    /** English titles of the legal basis, by the number the Vietnamese cites (the number itself is not translated). */
    legalBasis: z.array(z.object({ number: z.string().min(1), title: z.string().min(1).max(500) }).strict()).default([]),
  })
  .strict();
export type ProcedureEnglish = z.infer<typeof ProcedureEnglish>;

export const ProcedureDefinition = z
  .object({
    /** National code from the CSDLQG TTHC (e.g. "1.000894"), or a local code. */
    code: z.string().regex(/^[0-9A-Za-z.\-_]+$/, 'Mã thủ tục chỉ gồm chữ, số, dấu chấm và gạch'),
    nationalCodeKnown: z.boolean().default(true),
    name: z.string().min(3),
    field: z.object({ code: z.string(), name: z.string() }),
    level: ProcedureLevel,
    /** Flag "đủ điều kiện toàn trình" of the CSDLQG TTHC (766 indicator 3.1). */
    fullyOnlineEligible: z.boolean().default(false),
    /** Accepts online dossiers only (C16). */
    onlineOnly: z.boolean().default(false),
    competentLevel: z.enum(['tinh', 'xa']),
    /** Kind of the competent agency (e.g. "ubnd_xa", "cong_an_xa"). */
    competentUnitKind: z.string(),
    /** Kind of the department that handles it inside the agency (e.g. "phong_vhxh", "van_phong"). */
    handlingUnitKind: z.string(),
    applicantTypes: z.array(ApplicantType).min(1),
    legalBasis: z.array(z.object({ number: z.string(), title: z.string() })).min(1),
    /** Plain-language guide: what it is, who needs it, how to do it online. */
    guide: z.object({
      summary: z.string(),
      whoNeedsIt: z.string(),
      steps: z.array(z.string()).min(1),
      conditions: z.string().optional(),
    }),
    /** Search synonyms and everyday words citizens use (e.g. "giấy khai sinh", "làm giấy khai sinh cho con"). */
    keywords: z.array(z.string()).default([]),
    cases: z.array(ProcedureCase).min(1),
    /** Decision publishing the procedure (quyết định công bố). */
    publication: z.object({ decision: z.string(), date: isoDate }).optional(),
    effectiveFrom: isoDate,
    effectiveTo: isoDate.optional(),
    /** Rules by which the data decides the case (the citizen may still choose another); none: the citizen chooses. */
    caseInference: z.array(CaseInferenceRule).optional(),
    /** The procedure's name, guide and legal basis titles in English; none: the English interface says so. */
    en: ProcedureEnglish.optional(),
  })
  .superRefine((d, ctx) => {
    for (const message of caseInferenceProblems(d)) ctx.addIssue({ code: 'custom', path: ['caseInference'], message });
    for (const p of englishProblems(d)) ctx.addIssue({ code: 'custom', path: p.path, message: p.message });
  });
export type ProcedureDefinition = z.infer<typeof ProcedureDefinition>;
