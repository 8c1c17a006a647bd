/** Feedback, complaints and questions (PAKN; docs/feedback.md): receipt, handling, moderation, publication, votes, search. */
import { z } from 'zod';
import { text } from './admin.ts';
import { Instant, Uuid } from './http.ts';

export const FeedbackKind = z.enum(['feedback', 'question']);
export const FeedbackStatus = z.enum(['received', 'asked_more', 'refused', 'answered', 'published']);

/** Sent on the portal: a logged-in citizen's name and contact come from the session when left out. */
export const FeedbackSubmit = z.strictObject({
  kind: FeedbackKind.default('feedback'),
  title: text('Tiêu đề', 200),
  content: text('Nội dung', 5000),
  senderName: text('Họ tên', 100).optional(),
  contact: text('Số điện thoại hoặc thư điện tử', 120).optional(),
  dossierCode: text('Mã hồ sơ', 40).optional(),
  /** The unit the sender addresses; a dossier code's receiving unit takes precedence. */
  unitId: text('Đơn vị', 60).optional(),
});

/** Recorded at the counter by an official. */
export const FeedbackCounterSubmit = z.strictObject({
  kind: FeedbackKind.default('feedback'),
  title: text('Tiêu đề', 200),
  content: text('Nội dung', 5000),
  senderName: text('Họ tên', 100),
  contact: text('Số điện thoại hoặc thư điện tử', 120),
  dossierCode: text('Mã hồ sơ', 40).optional(),
});

export const FeedbackIdParams = z.strictObject({ id: Uuid });

export const FeedbackClassify = z.strictObject({
  category: text('Lĩnh vực', 100),
  unitId: text('Đơn vị', 60).optional(),
  assigneeId: text('Người xử lý', 60).optional(),
  procedureCode: text('Mã thủ tục', 40).optional(),
});

export const FeedbackAction = z.strictObject({
  action: z.enum(['answer', 'refuse', 'askMore'], { message: 'Thao tác phải là trả lời, từ chối hoặc yêu cầu bổ sung.' }),
  text: text('Nội dung', 5000),
});

export const FeedbackPublish = z.strictObject({
  question: text('Câu hỏi công khai', 5000),
  answer: text('Câu trả lời công khai', 10000),
});

export const FeedbackVote = z.strictObject({ vote: z.enum(['like', 'dislike'], { message: 'Chọn thích hoặc không thích.' }) });

/** What the sender and the officials see. */
export const FeedbackView = z.strictObject({
  id: Uuid,
  kind: FeedbackKind,
  channel: z.enum(['portal', 'counter', 'email', 'national', 'rating']),
  title: z.string(),
  content: z.string(),
  senderName: z.string(),
  contact: z.string(),
  dossierCode: z.string().nullable(),
  category: z.string().nullable(),
  procedureCode: z.string().nullable(),
  unitId: z.string().nullable(),
  assigneeId: z.string().nullable(),
  status: FeedbackStatus,
  receivedAt: Instant,
  /** The deadline of the next step (answer, or publication once answered); null when closed. */
  dueAt: Instant.nullable(),
  answer: z.string().nullable(),
  askMoreText: z.string().nullable(),
  refusalReason: z.string().nullable(),
  answeredAt: Instant.nullable(),
  publishedAt: Instant.nullable(),
  reopened: z.boolean(),
  likes: z.number().int(),
  dislikes: z.number().int(),
});

/** The officials' view adds the moderation proposal (names to initials, contact and identity data removed). */
export const StaffFeedbackView = FeedbackView.extend({
  proposal: z.strictObject({ question: z.string(), answer: z.string().nullable() }),
  /** What the official may do with it: handle (classify, transfer, answer) — their unit's —, publish — a moderator's. */
  may: z.strictObject({ handle: z.boolean(), publish: z.boolean() }),
});

/** A published question and answer, as anyone sees it. */
export const PublishedQa = z.strictObject({
  id: Uuid,
  kind: FeedbackKind,
  title: z.string(),
  question: z.string(),
  answer: z.string(),
  /** Field (lĩnh vực) and procedure it was classified under: the public page groups by them. */
  category: z.string().nullable(),
  procedureCode: z.string().nullable(),
  publishedAt: Instant,
  likes: z.number().int(),
  dislikes: z.number().int(),
});

export const QaSearchQuery = z.strictObject({
  q: z
    .string({ message: 'Từ khóa phải là chuỗi ký tự.' })
    .max(200, 'Từ khóa tối đa 200 ký tự.')
    .refine((s) => !/[\u0000-\u001f]/.test(s), 'Từ khóa chứa ký tự không hợp lệ.')
    .optional(),
});

/** Import of the national portal's Q&A for one unit (its national unit code, `madonvi`). */
export const NationalQaImport = z.strictObject({ madonvi: text('Mã đơn vị trên Cổng DVCQG', 40) });

export const NationalQaImportReport = z.strictObject({
  listed: z.number().int(),
  created: z.number().int(),
  unchanged: z.number().int(),
  skipped: z.number().int(),
  problems: z.array(z.string()),
});
