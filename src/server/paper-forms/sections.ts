/**
 * Body pieces shared by the A5 one-stop forms: paragraphs, labelled facts, numbered lists with a hanging indent,
 * the applicant and dossier facts, the way to address the applicant and the unit's contact line.
 */
import { DocumentWriter, MM, PAGE_A5 } from '../pdf/document.ts';
import { vnDateTime } from './format.ts';
import type { AgencyInfo, ApplicantInfo, DossierRef } from './types.ts';

/** Body text size on A5. */
export const BODY = 8.5;

/** Page margin of the forms: 12 mm keeps a usual form on one A5 page. */
export const FORM_MARGIN = 12 * MM;

/** A new form document (A5 unless told), titled "<form title> <dossier code>" in its metadata. */
export function startForm(title: string, subject: string, size: [number, number] = PAGE_A5): Promise<DocumentWriter> {
  return DocumentWriter.create(size, { title, subject, margin: FORM_MARGIN });
}

export function paragraph(w: DocumentWriter, text: string, opts: { bold?: boolean; italic?: boolean; gap?: number; indent?: number } = {}): void {
  w.text(text, { size: BODY, bold: opts.bold, italic: opts.italic, x: w.margin + (opts.indent ?? 0), gap: opts.gap ?? 2 });
}

/** "Label: value" lines; entries with an empty value are left out. */
export function facts(w: DocumentWriter, entries: [label: string, value: string | undefined | null][]): void {
  for (const [label, value] of entries) if (value) paragraph(w, `${label}: ${value}`, { gap: 1 });
}

/**
 * A numbered list: "1." in the margin of a hanging indent, then the item's lines (the first one is the item,
 * the others are its details such as the reason or the legal basis, in italics).
 */
export function numberedList(w: DocumentWriter, items: string[][]): void {
  const indent = 14;
  items.forEach((lines, i) => {
    const [first, ...details] = lines;
    w.ensureSpace(BODY * 2.8);
    w.text(`${i + 1}.`, { size: BODY, bold: true, x: w.margin + 2, width: indent, gap: 0 });
    w.space(-BODY * 1.35);
    w.text(first, { size: BODY, x: w.margin + indent, gap: 0 });
    for (const d of details) w.text(d, { size: BODY - 0.5, italic: true, x: w.margin + indent, gap: 0 });
    w.space(3);
  });
}

/** "Bà Trần Thị Mai", "Ông/Bà Trần Thị Mai", or the organisation's name. */
export function addressee(a: ApplicantInfo): string {
  const honorific = a.honorific ?? 'Ông/Bà';
  return honorific ? `${honorific} ${a.name}` : a.name;
}

/** How the letter refers to the applicant afterwards: "bà", "ông/bà", or "quý cơ quan, tổ chức". */
export function pronoun(a: ApplicantInfo): string {
  const honorific = a.honorific ?? 'Ông/Bà';
  return honorific ? honorific.toLowerCase() : 'quý cơ quan, tổ chức';
}

export function procedureLabel(d: DossierRef): string {
  return d.caseName ? `${d.procedureName} (${d.caseName})` : d.procedureName;
}

/** "thủ tục Đăng ký khai sinh (…)", without doubling names that already start with "Thủ tục". */
export function procedurePhrase(d: DossierRef): string {
  const label = procedureLabel(d);
  return /^thủ tục\s/i.test(label) ? `thủ tục ${label.slice('thủ tục '.length)}` : `thủ tục ${label}`;
}

function phoneEmail(x: { phone?: string; email?: string }): string | undefined {
  const parts = [x.phone && `Điện thoại: ${x.phone}`, x.email && `Thư điện tử: ${x.email}`].filter(Boolean);
  return parts.length ? parts.join('; ') : undefined;
}

/** The applicant and the dossier, as the forms list them before their own content. */
export function dossierFacts(w: DocumentWriter, d: DossierRef, a: ApplicantInfo, opts: { received?: boolean; submitted?: boolean } = {}): void {
  facts(w, [
    ['Mã hồ sơ', d.code],
    ['Hồ sơ của', `${a.name}; ${idLabel(a.idNumber)}: ${a.idNumber}`],
    ['Địa chỉ', a.address],
  ]);
  const contact = phoneEmail(a);
  if (contact) paragraph(w, contact, { gap: 1 });
  facts(w, [
    ['Nội dung yêu cầu giải quyết', procedureLabel(d)],
    ['Thời gian nộp hồ sơ', opts.submitted && d.submittedAt ? vnDateTime(d.submittedAt) : undefined],
    ['Thời gian tiếp nhận hồ sơ', opts.received && d.receivedAt ? vnDateTime(d.receivedAt) : undefined],
  ]);
  w.space(3);
}

/** "số định danh cá nhân" for a 12-digit personal number, "mã số" for an organisation's code. */
function idLabel(idNumber: string): string {
  return /^\d{12}$/.test(idNumber) ? 'số định danh cá nhân' : 'mã số';
}

/** "Trung tâm … (địa chỉ: …; điện thoại: …; thư điện tử: …)" for "liên hệ …" sentences. */
export function contactOf(agency: AgencyInfo): string {
  const parts = [
    agency.address && `địa chỉ: ${agency.address}`,
    agency.phone && `điện thoại: ${agency.phone}`,
    agency.email && `thư điện tử: ${agency.email}`,
  ].filter(Boolean);
  return parts.length ? `${agency.name} (${parts.join('; ')})` : agency.name;
}

/** Capitalises the first letter ("ông/bà" → "Ông/bà") for the start of a sentence. */
export function sentence(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}

/** Numbers the pages when the document ran over one page (or always), then returns the PDF bytes. */
export async function finishForm(w: DocumentWriter, opts: { numberPages?: 'always' | 'when-several' } = {}): Promise<Uint8Array> {
  if (opts.numberPages === 'always' || w.pageCount > 1) w.numberPages();
  return w.save();
}

/** Refuses input a form cannot be printed without (an empty list of reasons, …). */
export function requireNonEmpty<T>(list: readonly T[], what: string): void {
  if (!list.length) throw new RangeError(`${what} must not be empty`);
}
