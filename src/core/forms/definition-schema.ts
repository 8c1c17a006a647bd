/**
 * The zod side of the e-form engine, for where definitions enter the system (catalogue files, the administration's
 * procedure editor, APIs): the schema of each field type's `validation` object, the condition language as a schema,
 * and the full check of a definition. The engine itself (definition.ts, conditions.ts, validate.ts) holds no zod, so
 * the browser compiles forms without it (issue 18, light first load); definition-schema.test.ts shows both paths
 * give the same compiled validation and the same messages.
 */
import { z } from 'zod';
import { FormDefinition, type FormFieldType } from '../catalogue/schema.ts';
import { parseCondition, type Condition } from './conditions.ts';
import { build, FormDefinitionError, type ValidationChecker } from './definition.ts';
import { parseFieldRef } from './paths.ts';

const isoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'ngày phải có dạng YYYY-MM-DD');
const fieldRef = z.string().refine((s) => parseFieldRef(s) !== null, 'tham chiếu trường không hợp lệ');
const sex = z.enum(['Nam', 'Nữ']);

const textValidation = z
  .object({
    minLength: z.number().int().min(0).optional(),
    maxLength: z.number().int().min(1).optional(),
    /** A regular expression the whole (trimmed) answer must match. */
    pattern: z
      .string()
      .refine((p) => {
        try {
          new RegExp(p, 'u');
          return true;
        } catch {
          return false;
        }
      }, 'biểu thức chính quy không hợp lệ')
      .optional(),
    /** Shown when the pattern does not match, after the label, e.g. "chỉ gồm chữ số". */
    patternMessage: z.string().optional(),
  })
  .strict();

/** The `validation` object allowed for each field type. Unknown keys are refused. */
export const FieldValidationSchemas = {
  text: textValidation,
  textarea: textValidation,
  number: z
    .object({
      min: z.number().optional(),
      max: z.number().optional(),
      /** Digits allowed after the decimal point; 0 (the default) means whole numbers only. */
      decimals: z.number().int().min(0).max(6).optional(),
    })
    .strict(),
  date: z
    .object({
      notFuture: z.boolean().optional(),
      notPast: z.boolean().optional(),
      minDate: isoDate.optional(),
      maxDate: isoDate.optional(),
    })
    .strict(),
  select: z.object({}).strict(),
  yes_no: z.object({ /** The answer must be "Có" (a commitment, e.g. lời cam đoan). */ mustBeTrue: z.boolean().optional() }).strict(),
  id_number: z
    .object({
      /** The holder's sex is known (e.g. "Nữ" for the mother): the century/sex digit must agree. */
      sex: sex.optional(),
      /** A date field holding the holder's birth date: the century digit and year must agree. */
      birthDateField: fieldRef.optional(),
      /** A select/text field holding the holder's sex ("Nam"/"Nữ"). */
      sexField: fieldRef.optional(),
    })
    .strict(),
  phone: z.object({ /** Also accept fixed-line numbers (02x, 11 digits). */ allowLandline: z.boolean().optional() }).strict(),
  email: z.object({ maxLength: z.number().int().min(6).max(254).optional() }).strict(),
  address: z
    .object({
      /** Whether the street / hamlet / house number is required (default true). */
      detailRequired: z.boolean().optional(),
      /** Only these province codes are accepted (e.g. the commune's own province). */
      provinces: z
        .array(z.string().regex(/^\d{2}$/))
        .min(1)
        .optional(),
    })
    .strict(),
  person: z
    .object({
      sex: sex.optional(),
      birthDateRequired: z.boolean().optional(),
      /** Check the person against the population database when the context provides a lookup (default true). */
      lookup: z.boolean().optional(),
    })
    .strict(),
  group: z.object({}).strict(),
  file: z
    .object({
      /** Allowed types: MIME types ("application/pdf", "image/*") or extensions (".pdf"). */
      accept: z.array(z.string().min(2)).min(1).optional(),
      /** Largest size of one file, in bytes. */
      maxSize: z.number().int().min(1).optional(),
      minFiles: z.number().int().min(0).optional(),
      /** More than 1: the value is a list of file references. Default 1. */
      maxFiles: z.number().int().min(1).max(100).optional(),
    })
    .strict(),
} satisfies Record<FormFieldType, z.ZodType>;

export type FieldValidation = {
  [T in FormFieldType]: z.infer<(typeof FieldValidationSchemas)[T]>;
};
export type AnyFieldValidation = z.infer<typeof textValidation> &
  z.infer<typeof FieldValidationSchemas.number> &
  z.infer<typeof FieldValidationSchemas.date> &
  z.infer<typeof FieldValidationSchemas.yes_no> &
  z.infer<typeof FieldValidationSchemas.id_number> &
  z.infer<typeof FieldValidationSchemas.phone> &
  z.infer<typeof FieldValidationSchemas.email> &
  z.infer<typeof FieldValidationSchemas.address> &
  z.infer<typeof FieldValidationSchemas.person> &
  z.infer<typeof FieldValidationSchemas.file>;

/** Checks a field's validation object against the schema of its type (messages in Vietnamese). */
export const zodValidationChecker: ValidationChecker = (f, at) => {
  const v = FieldValidationSchemas[f.type].safeParse(f.validation);
  if (v.success) return { validation: v.data as Partial<AnyFieldValidation> };
  return { problems: v.error.issues.map((i) => `${at}, validation${i.path.length ? `.${i.path.join('.')}` : ''}: ${describeIssue(i, f.type)}`) };
};

/** Every problem of a definition (empty when the engine accepts it). Accepts unparsed JSON too. */
export function checkFormDefinition(def: unknown): string[] {
  const parsed = FormDefinition.safeParse(def);
  if (!parsed.success) return parsed.error.issues.map((i) => `${i.path.join('.') || 'biểu mẫu'}: ${i.message}`);
  const result = build(parsed.data, zodValidationChecker);
  return result instanceof FormDefinitionError ? result.problems : [];
}

/** The catalogue's FormDefinition schema plus the engine's checks (conditions, validation, bindings). */
export const EngineFormDefinition = FormDefinition.superRefine((def, ctx) => {
  const result = build(def, zodValidationChecker);
  if (result instanceof FormDefinitionError) for (const message of result.problems) ctx.addIssue({ code: 'custom', message });
});

/**
 * The condition language as a zod schema, for catalogue files and APIs: accepts exactly what the engine
 * accepts and reports the engine's messages. (src/core/catalogue/schema.ts keeps `showIf`/`requireIf` as
 * `unknown`; use `ConditionSchema` there to tighten them.)
 */
export const ConditionSchema = z.unknown().superRefine((value, ctx) => {
  const r = parseCondition(value);
  if (!r.ok) for (const message of r.problems) ctx.addIssue({ code: 'custom', message });
}) as unknown as z.ZodType<Condition>;

function describeIssue(i: z.core.$ZodIssue, type: FormFieldType): string {
  if (i.code === 'unrecognized_keys') {
    const allowed = Object.keys((FieldValidationSchemas[type] as z.ZodObject).shape);
    return `khóa không được hỗ trợ cho kiểu "${type}": ${i.keys.map((k) => `"${k}"`).join(', ')}${allowed.length ? `; dùng: ${allowed.join(', ')}` : '; kiểu này không có quy tắc riêng'}.`;
  }
  return i.message;
}
