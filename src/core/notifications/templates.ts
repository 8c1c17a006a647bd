/**
 * Notification templates: per template code, channel and language, versioned. Version 1 of each is the baseline
 * below; a saved version (notification_templates) replaces it from then on, and each notification records the
 * version it was rendered from. Variables are written `{{name}}`; each has a maximum length (values are cut to
 * it), so the SMS budget can be checked when a template is saved: rendered with the longest values, without
 * diacritics, it must stay GSM-7 and within one 160-character segment.
 *
 * Zalo ZNS messages are approved by Zalo beforehand: the OA's template id and the parameter names are mapped
 * here (per official account in notification_zns_templates); the text kept here is the preview shown on the
 * dossier timeline.
 */
import type { NotificationChannel } from './channels.ts';
import { measureSms, withoutDiacritics } from './sms-text.ts';

export type NotificationLocale = 'vi' | 'en';

/** The variables a template may use and their maximum lengths (ZNS limits: code 30 characters …). */
export const TEMPLATE_VARIABLES = {
  name: 30,
  code: 30,
  procedure: 120,
  dueDate: 10,
  reason: 60,
  amount: 15,
  link: 60,
  status: 40,
  /** The agency of a liên thông member (Công an xã, BHXH …). */
  agency: 80,
  /** A PAKN item's title, a life-event suggestion's title. */
  title: 60,
  /** A longer text for e-mail and in-app only (a suggestion's reason, a PAKN request for more information). */
  detail: 300,
} as const;
export type TemplateVariable = keyof typeof TEMPLATE_VARIABLES;
export type TemplateParams = Partial<Record<TemplateVariable, string>>;

export interface ChannelTemplate {
  code: string;
  channel: NotificationChannel;
  locale: NotificationLocale;
  version: number;
  /** E-mail subject or in-app title (empty for SMS and Zalo). */
  subject: string;
  body: string;
}

interface BaseText {
  title: string;
  text: string;
  /** The short text: the SMS (sent without diacritics) and the Zalo preview. */
  short: string;
}

const vi = (title: string, text: string, short: string): BaseText => ({ title, text, short });

/** Baseline texts (version 1), Vietnamese and English. */
const BASELINE: Record<string, Record<NotificationLocale, BaseText>> = {
  'dossier.submitted': {
    vi: vi(
      'Đã nộp hồ sơ {{code}}',
      'Kính gửi ông/bà {{name}}, hệ thống đã nhận hồ sơ "{{procedure}}", mã hồ sơ {{code}}. Bộ phận một cửa sẽ kiểm tra và thông báo tiếp nhận hoặc yêu cầu bổ sung. Tra cứu: {{link}}',
      'MotCua: Da nhan ho so {{code}}. Tra cuu: {{link}}',
    ),
    en: vi(
      'Application {{code}} submitted',
      'Dear {{name}}, your application "{{procedure}}" ({{code}}) was submitted. Track it: {{link}}',
      'MotCua: application {{code}} submitted. Track: {{link}}',
    ),
  },
  'dossier.received': {
    vi: vi(
      'Hồ sơ {{code}} đã được tiếp nhận',
      'Kính gửi ông/bà {{name}}, hồ sơ "{{procedure}}" (mã {{code}}) đã được tiếp nhận. Ngày hẹn trả kết quả: {{dueDate}}. Tra cứu: {{link}}',
      'MotCua: Ho so {{code}} da duoc tiep nhan, hen tra {{dueDate}}. Tra cuu: {{link}}',
    ),
    en: vi(
      'Application {{code}} received',
      'Dear {{name}}, your application "{{procedure}}" ({{code}}) was received. Result due: {{dueDate}}. Track: {{link}}',
      'MotCua: application {{code}} received, result due {{dueDate}}. Track: {{link}}',
    ),
  },
  'dossier.completion_requested': {
    vi: vi(
      'Hồ sơ {{code}} cần hoàn thiện (Mẫu 02)',
      'Kính gửi ông/bà {{name}}, hồ sơ "{{procedure}}" (mã {{code}}) cần được bổ sung, hoàn thiện: {{reason}}. Phiếu yêu cầu (Mẫu 02): {{link}}',
      'MotCua: Ho so {{code}} can bo sung, hoan thien (Mau 02). Ly do, huong dan: {{link}}',
    ),
    en: vi(
      'Application {{code}} needs completing',
      'Dear {{name}}, your application {{code}} needs completing: {{reason}}. Details: {{link}}',
      'MotCua: application {{code}} needs completing. Details: {{link}}',
    ),
  },
  'dossier.refused': {
    vi: vi(
      'Hồ sơ {{code}} không được tiếp nhận (Mẫu 03)',
      'Kính gửi ông/bà {{name}}, hồ sơ "{{procedure}}" (mã {{code}}) không được tiếp nhận. Lý do: {{reason}}. Phiếu từ chối (Mẫu 03): {{link}}',
      'MotCua: Ho so {{code}} khong duoc tiep nhan (Mau 03). Ly do: {{link}}',
    ),
    en: vi(
      'Application {{code}} refused',
      'Dear {{name}}, your application {{code}} was not accepted. Reason: {{reason}}. Details: {{link}}',
      'MotCua: application {{code}} refused. Reason: {{link}}',
    ),
  },
  'dossier.supplement_requested': {
    vi: vi(
      'Hồ sơ {{code}} cần bổ sung giấy tờ (Mẫu 02)',
      'Kính gửi ông/bà {{name}}, hồ sơ "{{procedure}}" (mã {{code}}) cần bổ sung: {{reason}}. Phiếu yêu cầu bổ sung (Mẫu 02): {{link}}',
      'MotCua: Ho so {{code}} can bo sung giay to (Mau 02). Chi tiet: {{link}}',
    ),
    en: vi(
      'Application {{code}}: documents needed',
      'Dear {{name}}, your application {{code}} needs more documents: {{reason}}. Details: {{link}}',
      'MotCua: application {{code}} needs documents. Details: {{link}}',
    ),
  },
  'dossier.supplement_provided': {
    vi: vi(
      'Đã nhận giấy tờ bổ sung cho hồ sơ {{code}}',
      'Kính gửi ông/bà {{name}}, hồ sơ {{code}} đã được bổ sung và tiếp tục xử lý. Tra cứu: {{link}}',
      'MotCua: Ho so {{code}} da duoc bo sung, tiep tuc xu ly.',
    ),
    en: vi(
      'Documents received for {{code}}',
      'Dear {{name}}, the documents for application {{code}} were received; processing continues. Track: {{link}}',
      'MotCua: documents for {{code}} received.',
    ),
  },
  'dossier.payment_requested': {
    vi: vi(
      'Hồ sơ {{code}}: đề nghị nộp phí, lệ phí',
      'Kính gửi ông/bà {{name}}, hồ sơ "{{procedure}}" (mã {{code}}) cần thực hiện nghĩa vụ tài chính {{amount}}. Thanh toán trực tuyến: {{link}}',
      'MotCua: Ho so {{code}} can nop phi, le phi {{amount}}. Thanh toan: {{link}}',
    ),
    en: vi(
      'Application {{code}}: payment due',
      'Dear {{name}}, application {{code}} needs a payment of {{amount}}. Pay online: {{link}}',
      'MotCua: application {{code}}: pay {{amount}} at {{link}}',
    ),
  },
  'dossier.paid': {
    vi: vi(
      'Đã nhận thanh toán cho hồ sơ {{code}}',
      'Kính gửi ông/bà {{name}}, đã nhận thanh toán {{amount}} cho hồ sơ {{code}}. Tra cứu: {{link}}',
      'MotCua: Da nhan thanh toan {{amount}} cho ho so {{code}}.',
    ),
    en: vi(
      'Payment received for {{code}}',
      'Dear {{name}}, the payment of {{amount}} for application {{code}} was received. Track: {{link}}',
      'MotCua: payment {{amount}} for {{code}} received.',
    ),
  },
  'dossier.rescheduled': {
    vi: vi(
      'Xin lỗi và hẹn lại ngày trả kết quả hồ sơ {{code}} (Mẫu 04)',
      'Kính gửi ông/bà {{name}}, cơ quan giải quyết xin lỗi vì hồ sơ "{{procedure}}" (mã {{code}}) chưa có kết quả đúng hẹn. Lý do: {{reason}}. Ngày hẹn mới: {{dueDate}}. Văn bản xin lỗi (Mẫu 04): {{link}}',
      'MotCua: Xin loi, ho so {{code}} tre han; hen moi {{dueDate}} (Mau 04). Xem: {{link}}',
    ),
    en: vi(
      'Apology and new date for {{code}}',
      'Dear {{name}}, we apologise: application {{code}} is late. Reason: {{reason}}. New date: {{dueDate}}. Letter: {{link}}',
      'MotCua: sorry, {{code}} is late. New date {{dueDate}}. See {{link}}',
    ),
  },
  'dossier.stopped': {
    vi: vi(
      'Dừng giải quyết hồ sơ {{code}} (Mẫu 05)',
      'Kính gửi ông/bà {{name}}, hồ sơ "{{procedure}}" (mã {{code}}) đã dừng giải quyết. Lý do: {{reason}}. Thông báo (Mẫu 05): {{link}}',
      'MotCua: Ho so {{code}} da dung giai quyet (Mau 05). Ly do: {{link}}',
    ),
    en: vi(
      'Application {{code}} stopped',
      'Dear {{name}}, the processing of application {{code}} was stopped. Reason: {{reason}}. Notice: {{link}}',
      'MotCua: application {{code}} stopped. Reason: {{link}}',
    ),
  },
  'dossier.withdrawn': {
    vi: vi(
      'Đã ghi nhận yêu cầu rút hồ sơ {{code}}',
      'Kính gửi ông/bà {{name}}, yêu cầu rút hồ sơ {{code}} đã được ghi nhận. Tra cứu: {{link}}',
      'MotCua: Da ghi nhan yeu cau rut ho so {{code}}.',
    ),
    en: vi(
      'Withdrawal of {{code}} recorded',
      'Dear {{name}}, your request to withdraw application {{code}} was recorded. Track: {{link}}',
      'MotCua: withdrawal of {{code}} recorded.',
    ),
  },
  'dossier.result_issued': {
    vi: vi(
      'Hồ sơ {{code}} đã có kết quả',
      'Kính gửi ông/bà {{name}}, hồ sơ "{{procedure}}" (mã {{code}}) đã có kết quả. Cách nhận kết quả và bản điện tử: {{link}}',
      'MotCua: Ho so {{code}} da co ket qua. Cach nhan ket qua: {{link}}',
    ),
    en: vi(
      'Result ready for {{code}}',
      'Dear {{name}}, the result of application {{code}} is ready. How to receive it: {{link}}',
      'MotCua: result of {{code}} ready. See {{link}}',
    ),
  },
  'dossier.result_returned': {
    vi: vi(
      'Đã trả kết quả hồ sơ {{code}} – mời đánh giá',
      'Kính gửi ông/bà {{name}}, kết quả hồ sơ {{code}} đã được trả. Mời ông/bà đánh giá mức độ hài lòng: {{link}}',
      'MotCua: Da tra ket qua ho so {{code}}. Moi danh gia muc do hai long: {{link}}',
    ),
    en: vi(
      'Result of {{code}} delivered – please rate us',
      'Dear {{name}}, the result of application {{code}} was delivered. Please rate the service: {{link}}',
      'MotCua: result of {{code}} delivered. Rate us: {{link}}',
    ),
  },
  'lienthong.member_accepted': {
    vi: vi(
      'Hồ sơ liên thông {{code}}: {{agency}} đã tiếp nhận',
      'Kính gửi ông/bà {{name}}, hồ sơ "{{procedure}}" thuộc hồ sơ liên thông {{code}} đã được {{agency}} tiếp nhận. Tra cứu: {{link}}',
      'MotCua: Ho so lien thong {{code}} da duoc co quan tiep nhan. Xem: {{link}}',
    ),
    en: vi(
      'Joint application {{code}}: accepted by {{agency}}',
      'Dear {{name}}, "{{procedure}}" of joint application {{code}} was accepted by {{agency}}. Track: {{link}}',
      'MotCua: joint application {{code}}: one part accepted. Track: {{link}}',
    ),
  },
  'lienthong.member_rejected': {
    vi: vi(
      'Hồ sơ liên thông {{code}}: {{agency}} chưa tiếp nhận',
      'Kính gửi ông/bà {{name}}, {{agency}} chưa tiếp nhận hồ sơ "{{procedure}}" thuộc hồ sơ liên thông {{code}}. Lý do: {{reason}}. Bộ phận một cửa sẽ hoàn thiện và gửi lại. Tra cứu: {{link}}',
      'MotCua: Ho so lien thong {{code}} bi tu choi mot phan. Ly do: {{link}}',
    ),
    en: vi(
      'Joint application {{code}}: not accepted by {{agency}}',
      'Dear {{name}}, {{agency}} did not accept "{{procedure}}" of joint application {{code}}. Reason: {{reason}}. The one-stop desk will complete and resend it. Track: {{link}}',
      'MotCua: joint application {{code}}: one part refused. Reason: {{link}}',
    ),
  },
  'lienthong.member_result': {
    vi: vi(
      'Hồ sơ liên thông {{code}}: đã có kết quả "{{procedure}}"',
      'Kính gửi ông/bà {{name}}, hồ sơ "{{procedure}}" thuộc hồ sơ liên thông {{code}} đã có kết quả. Xem kết quả và các phần còn lại: {{link}}',
      'MotCua: Ho so lien thong {{code}} da co them ket qua. Xem: {{link}}',
    ),
    en: vi(
      'Joint application {{code}}: result of "{{procedure}}" ready',
      'Dear {{name}}, the result of "{{procedure}}" in joint application {{code}} is ready. See it and the other parts: {{link}}',
      'MotCua: joint application {{code}}: a result is ready. See {{link}}',
    ),
  },
  'feedback.answered': {
    vi: vi(
      'Phản ánh, kiến nghị của ông/bà đã được trả lời',
      'Kính gửi ông/bà {{name}}, phản ánh, kiến nghị "{{title}}" đã được trả lời. Xem câu trả lời: {{link}}',
      'MotCua: Phan anh, kien nghi cua ong/ba da duoc tra loi. Xem: {{link}}',
    ),
    en: vi(
      'Your feedback was answered',
      'Dear {{name}}, your feedback "{{title}}" was answered. Read the answer: {{link}}',
      'MotCua: your feedback was answered. Read: {{link}}',
    ),
  },
  'feedback.asked_more': {
    vi: vi(
      'Phản ánh, kiến nghị cần bổ sung thông tin',
      'Kính gửi ông/bà {{name}}, để giải quyết phản ánh, kiến nghị "{{title}}", cơ quan cần thêm thông tin: {{detail}} Xem và phản ánh lại: {{link}}',
      'MotCua: Phan anh, kien nghi cua ong/ba can bo sung thong tin. Xem: {{link}}',
    ),
    en: vi(
      'Your feedback needs more information',
      'Dear {{name}}, to handle your feedback "{{title}}" we need more information: {{detail}} See it and reply: {{link}}',
      'MotCua: your feedback needs more information. See {{link}}',
    ),
  },
  'feedback.refused': {
    vi: vi(
      'Phản ánh, kiến nghị không được thụ lý',
      'Kính gửi ông/bà {{name}}, phản ánh, kiến nghị "{{title}}" không được thụ lý. Lý do: {{detail}} Xem: {{link}}',
      'MotCua: Phan anh, kien nghi cua ong/ba khong duoc thu ly. Ly do: {{link}}',
    ),
    en: vi(
      'Your feedback was not accepted',
      'Dear {{name}}, your feedback "{{title}}" was not accepted. Reason: {{detail}} See: {{link}}',
      'MotCua: your feedback was not accepted. Reason: {{link}}',
    ),
  },
  'life_event.suggested': {
    vi: vi(
      'Gợi ý thủ tục: {{title}}',
      'Kính gửi ông/bà {{name}}, {{detail}} Nên thực hiện trước ngày {{dueDate}}. Làm trực tuyến: {{link}} (Ông/bà nhận gợi ý này vì đã đăng ký trên trang Tài khoản; có thể tắt tại đó.)',
      'MotCua goi y: {{title}}, han {{dueDate}}. Xem {{link}}',
    ),
    en: vi(
      'Suggested: {{title}}',
      'Dear {{name}}, {{detail}} Best done before {{dueDate}}. Online: {{link}} (You get these suggestions because you turned them on in your account; turn them off there.)',
      'MotCua suggests: {{title}}, by {{dueDate}}. See {{link}}',
    ),
  },
};

export const TEMPLATE_CODES = Object.keys(BASELINE);

/** Version 1 of a template on a channel. */
export function baselineTemplate(code: string, channel: NotificationChannel, locale: NotificationLocale): ChannelTemplate | null {
  const t = BASELINE[code]?.[locale];
  if (!t) return null;
  if (channel === 'sms' || channel === 'zns') return { code, channel, locale, version: 1, subject: '', body: t.short };
  return { code, channel, locale, version: 1, subject: t.title, body: t.text };
}

const PLACEHOLDER = /\{\{\s*([a-zA-Z]+)\s*\}\}/g;

/** Fills the variables in (each value cut to its maximum length); unknown or missing values become empty. */
export function fill(text: string, params: TemplateParams): string {
  return text.replace(PLACEHOLDER, (_, name: string) => {
    const max = TEMPLATE_VARIABLES[name as TemplateVariable];
    const v = (params[name as TemplateVariable] ?? '').replace(/[\r\n\t]+/g, ' ');
    return max === undefined ? '' : v.length > max ? `${v.slice(0, max - 3)}...` : v;
  });
}

export interface RenderedMessage {
  subject: string;
  body: string;
}

/** The message as sent: SMS without diacritics and with characters outside GSM-7 replaced. */
export function render(t: ChannelTemplate, params: TemplateParams): RenderedMessage {
  const subject = fill(t.subject, params);
  const body = fill(t.body, params);
  if (t.channel !== 'sms') return { subject, body };
  const folded = withoutDiacritics(body);
  return { subject: '', body: [...folded].map((ch) => (measureSms(ch).encoding === 'gsm7' ? ch : '?')).join('') };
}

/** The problems of a template about to be saved (empty = it may be saved). */
export function checkTemplate(t: Pick<ChannelTemplate, 'channel' | 'subject' | 'body'>): string[] {
  const problems: string[] = [];
  for (const text of [t.subject, t.body]) {
    for (const m of text.matchAll(PLACEHOLDER)) {
      if (!(m[1] in TEMPLATE_VARIABLES)) problems.push(`Biến không được hỗ trợ: {{${m[1]}}}.`);
    }
  }
  if (!t.body.trim()) problems.push('Nội dung không được để trống.');
  if (t.channel === 'sms') {
    const longest = Object.fromEntries(Object.entries(TEMPLATE_VARIABLES).map(([k, n]) => [k, 'W'.repeat(n)])) as TemplateParams;
    const text = withoutDiacritics(fill(t.body, longest));
    const m = measureSms(text);
    if (m.encoding !== 'gsm7') problems.push('Tin nhắn SMS có ký tự ngoài bảng mã GSM-7 sau khi bỏ dấu (một tin chỉ còn 70 ký tự).');
    else if (m.length > m.singleSegmentLimit) {
      problems.push(`Tin nhắn SMS dài tối đa ${m.length} ký tự khi điền giá trị dài nhất, vượt quá ${m.singleSegmentLimit} ký tự của một tin.`);
    }
  }
  if (t.channel === 'zns' && fill(t.body, {}).length > 400) problems.push('Nội dung Zalo vượt quá 400 ký tự.');
  return problems;
}
