/**
 * The assistant's answers, written only from the catalogue's data for the procedure found: its documents, fees
 * (with the online reduction in force on the day), time limit, where to submit, and a link into the right case of
 * the e-form. Nothing is said that the procedure's data does not hold; every answer names its sources.
 */
import type { ProcedureCase, ProcedureDefinition } from '../catalogue/schema.ts';
import { formatTimeLimit } from '../catalogue/time-limit.ts';
import { formatMoneyVnd } from '../fees/format.ts';
import type { Aspect } from './intent.ts';

export interface Source {
  kind: 'procedure' | 'qa' | 'dossier';
  code: string;
  title: string;
}

export interface AnswerLink {
  label: string;
  href: string;
}

export interface ComposedAnswer {
  answer: string;
  sources: Source[];
  procedures: { code: string; name: string }[];
  links: AnswerLink[];
}

/** The e-form of a procedure, opened at one case (the start page preselects it). */
export const eformLink = (code: string, caseCode?: string) =>
  `/nop-ho-so/${encodeURIComponent(code)}${caseCode ? `?truong-hop=${encodeURIComponent(caseCode)}` : ''}`;
export const procedureLink = (code: string) => `/thu-tuc/${encodeURIComponent(code)}`;

/** Who receives the dossier, by the kind of the competent agency. */
const AGENCY: Record<string, string> = {
  ubnd_xa: 'Ủy ban nhân dân cấp xã (nộp tại Bộ phận Một cửa / Trung tâm Phục vụ hành chính công xã)',
  cong_an_xa: 'Công an cấp xã',
  ubnd_tinh: 'Ủy ban nhân dân cấp tỉnh (nộp tại Trung tâm Phục vụ hành chính công tỉnh)',
};

function documentsText(c: ProcedureCase): string {
  const lines = c.documents.map((d) => {
    const count = [d.originals ? `${d.originals} bản chính` : '', d.copies ? `${d.copies} bản sao` : ''].filter(Boolean).join(', ');
    const how = d.providedByForm ? 'điền trực tuyến trên biểu mẫu' : count;
    return `- ${d.name}${how ? ` (${how})` : ''}${d.required ? '' : ' — nếu có'}`;
  });
  return `Giấy tờ cần có:\n${lines.join('\n')}`;
}

function feesText(c: ProcedureCase, today: string): string {
  const paying = c.fees.filter((f) => f.amount > 0);
  if (paying.length === 0) return 'Phí, lệ phí: không mất phí, lệ phí.';
  const unit: Record<string, string> = { dossier: 'hồ sơ', copy: 'bản', page: 'trang', case: 'việc', document: 'văn bản' };
  const lines = paying.map((f) => {
    const r = f.onlineReductions.find((x) => x.effectiveFrom <= today && (!x.effectiveTo || today < x.effectiveTo));
    const online = r
      ? r.percent !== undefined
        ? `; nộp trực tuyến giảm ${r.percent}% còn ${formatMoneyVnd(Math.max(0, f.amount - Math.floor((f.amount * r.percent) / 100)))}`
        : `; nộp trực tuyến giảm ${formatMoneyVnd(r.amount ?? 0)} còn ${formatMoneyVnd(Math.max(0, f.amount - (r.amount ?? 0)))}`
      : '';
    const exempt = f.exemptions.length ? `; miễn cho: ${f.exemptions.map((e) => e.name.toLowerCase()).join(', ')}` : '';
    return `- ${f.name}: ${formatMoneyVnd(f.amount)}/${unit[f.unit] ?? f.unit}${online}${exempt}`;
  });
  return `Phí, lệ phí:\n${lines.join('\n')}`;
}

function timeText(c: ProcedureCase): string {
  return `Thời hạn giải quyết: ${formatTimeLimit(c.timeLimit).toLowerCase()}${c.timeLimit.note ? ` (${c.timeLimit.note})` : ''}.`;
}

function whereText(def: ProcedureDefinition): string {
  const agency = AGENCY[def.competentUnitKind] ?? def.competentUnitKind;
  return `Nơi nộp: ${agency}; hoặc nộp trực tuyến ngay trên cổng này${def.onlineOnly ? ' (thủ tục này chỉ nhận hồ sơ trực tuyến)' : ''}.`;
}

/**
 * The answer about one procedure. With a case known (or only one), the details of that case and a link into its
 * e-form; with several cases and none known, the list of cases, each with its own link.
 */
export function composeProcedureAnswer(def: ProcedureDefinition, opts: { caseCode?: string; aspects: Aspect[]; today: string }): ComposedAnswer {
  const chosen = def.cases.find((c) => c.code === opts.caseCode) ?? (def.cases.length === 1 ? def.cases[0] : undefined);
  const all: Aspect[] = ['documents', 'fees', 'timeLimit', 'where'];
  const aspects = opts.aspects.length ? opts.aspects : all;
  const parts: string[] = [`Thủ tục “${def.name}” (mã ${def.code}): ${def.guide.summary}`];
  const links: AnswerLink[] = [];
  if (chosen) {
    if (def.cases.length > 1) parts.push(`Trường hợp: ${chosen.name}.`);
    for (const a of aspects) {
      if (a === 'documents') parts.push(documentsText(chosen));
      if (a === 'fees') parts.push(feesText(chosen, opts.today));
      if (a === 'timeLimit') parts.push(timeText(chosen));
      if (a === 'where') parts.push(whereText(def));
    }
    if (chosen.form) links.push({ label: `Nộp hồ sơ trực tuyến: ${chosen.name}`, href: eformLink(def.code, chosen.code) });
  } else {
    parts.push(`Thủ tục có ${def.cases.length} trường hợp; hãy chọn trường hợp của bạn:`);
    for (const c of def.cases) {
      parts.push(`- ${c.name}: ${formatTimeLimit(c.timeLimit).toLowerCase()}; ${c.fees.some((f) => f.amount > 0) ? 'có phí, lệ phí' : 'không mất lệ phí'}.`);
      if (c.form) links.push({ label: `Nộp hồ sơ: ${c.name}`, href: eformLink(def.code, c.code) });
    }
    if (aspects.includes('where')) parts.push(whereText(def));
  }
  links.push({ label: `Xem đầy đủ thủ tục ${def.name}`, href: procedureLink(def.code) });
  return {
    answer: parts.join('\n\n'),
    sources: [{ kind: 'procedure', code: def.code, title: def.name }],
    procedures: [{ code: def.code, name: def.name }],
    links,
  };
}

/** The answer when nothing in MotCua's data answers the question: say so, never guess. */
export function composeNotSure(hotline: string): ComposedAnswer {
  return {
    answer:
      'Xin lỗi, tôi chưa chắc chắn về câu trả lời: câu hỏi này không khớp với thủ tục nào trong danh mục của cổng. ' +
      `Bạn có thể gọi đường dây nóng ${hotline}, gửi câu hỏi cho cán bộ (câu trả lời sẽ được công khai trong mục Hỏi đáp) hoặc hỏi trực tiếp tại Bộ phận Một cửa.`,
    sources: [],
    procedures: [],
    // The question form of the public Q&A sends it to an official (docs/feedback.md); the question itself is not put
    // in the address, so that the followed link logged for tuning holds no personal data.
    links: [
      { label: `Gọi đường dây nóng ${hotline}`, href: `tel:${hotline}` },
      { label: 'Gửi câu hỏi cho cán bộ', href: '/phan-anh?loai=cau-hoi' },
    ],
  };
}
