/** The citizens' assistant (docs/assistant.md): ask, thumbs up/down, and the administrators' phrasing table and curated answers. */
import { z } from 'zod';
import { text } from './admin.ts';
import { Instant, Uuid } from './http.ts';

export const AskInput = z.strictObject({
  question: text('Câu hỏi', 500),
});

export const AnswerSource = z.strictObject({
  kind: z.enum(['procedure', 'qa', 'dossier']),
  code: z.string(),
  title: z.string(),
});

export const AskAnswer = z.strictObject({
  /** The log entry of this question: send feedback with it. */
  questionId: Uuid,
  answer: z.string(),
  sources: z.array(AnswerSource),
  procedures: z.array(z.strictObject({ code: z.string(), name: z.string() })),
  /** Links into the portal: the e-form at the right case, the procedure page, the dossier, the question form. */
  links: z.array(z.strictObject({ label: z.string(), href: z.string() })),
  confident: z.boolean(),
  intent: z.enum(['status', 'qa', 'procedure', 'not_sure']),
  /** Whether a language model phrased the answer (from the same sources); false when none is configured. */
  generated: z.boolean(),
});

export const AskFeedbackInput = z.strictObject({
  questionId: Uuid,
  helpful: z.boolean({ message: 'Vui lòng chọn hữu ích hoặc không.' }).optional(),
  chosenLink: z
    .string()
    .max(300, 'Liên kết tối đa 300 ký tự.')
    .regex(/^\/[^\s\u0000-\u001f]*$/, 'Liên kết phải là một địa chỉ trong cổng.')
    .optional(),
});

const ProcedureCodeText = z
  .string({ message: 'Mã thủ tục phải là chuỗi ký tự.' })
  .trim()
  .regex(/^[0-9A-Za-z.\-_]{1,40}$/, 'Mã thủ tục chỉ gồm chữ, số, dấu chấm và gạch.');

export const PhrasingInput = z.strictObject({
  phrase: text('Cách nói', 200),
  procedureCode: ProcedureCodeText,
  caseCode: z
    .string()
    .trim()
    .regex(/^[0-9A-Za-z.\-_]{1,60}$/, 'Mã trường hợp chỉ gồm chữ, số, dấu chấm và gạch.')
    .optional(),
});

export const Phrasing = z.strictObject({
  id: z.number().int(),
  phrase: z.string(),
  procedureCode: z.string(),
  caseCode: z.string().nullable(),
  /** "file": a default of data/assistant/phrasings.json (read only); "admin": added here. */
  origin: z.enum(['file', 'admin']),
  createdAt: Instant.nullable(),
});

export const CuratedAnswerInput = z.strictObject({
  question: text('Câu hỏi', 500),
  answer: text('Câu trả lời', 5000),
  procedureCode: ProcedureCodeText.optional(),
});

export const CuratedAnswer = z.strictObject({
  id: z.number().int(),
  question: z.string(),
  answer: z.string(),
  procedureCode: z.string().nullable(),
  updatedAt: Instant,
});

export const AssistantIdParams = z.strictObject({
  id: z.coerce
    .number({ message: 'Mã không hợp lệ.' })
    .int()
    .min(1)
    .max(2 ** 53),
});

export const AssistantStats = z.strictObject({
  questions: z.number().int(),
  notSure: z.number().int(),
  helpful: z.number().int(),
  unhelpful: z.number().int(),
  /** The questions the assistant was not sure about most often (personal data removed), for the phrasing table. */
  unanswered: z.array(z.strictObject({ question: z.string(), count: z.number().int() })),
});
