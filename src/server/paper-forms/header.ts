/**
 * The top block shared by the one-stop forms, in three columns: the TT 01/2023 QR code at the top left; the agency
 * (governing agency, then the agency in capitals, then "Số: …"); the national name and motto with the place and
 * date line (NĐ 30/2020/NĐ-CP layout). Then the title and its subtitle lines, centred.
 */
import type { QrPayload } from '../../core/documents/qr-payload.ts';
import type { Column, DocumentWriter } from '../pdf/document.ts';
import { placeDateLine } from './format.ts';
import type { AgencyInfo, IssueInfo } from './types.ts';

export const NATIONAL_NAME = 'CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM';
export const NATIONAL_MOTTO = 'Độc lập - Tự do - Hạnh phúc';

export interface FormHeader {
  agency: AgencyInfo;
  issue: IssueInfo;
  qr: QrPayload;
  /** The form's title, printed upper-case and bold. */
  title: string;
  /** Lines centred under the title (e.g. "Kèm theo Giấy tiếp nhận…", the register's period). */
  subtitle?: string[];
  /** The line under the agency; default "Số: <issue.number>" (or "Số: ……" to be filled in); null leaves it out. */
  numberLine?: string | null;
  /** Font size of the header block (default 7, for A5). */
  size?: number;
  /** Font size of the title (default 11). */
  titleSize?: number;
  /** Side of the QR code in millimetres (default 26: modules of about 0.35 mm for a payload of ~350 bytes). */
  qrSizeMm?: number;
}

export async function drawFormHeader(w: DocumentWriter, h: FormHeader): Promise<void> {
  const size = h.size ?? 7;
  const qrSize = await w.qr(h.qr, h.qrSizeMm ?? 26);
  // Three columns beside each other: the QR code (already drawn at the top left), the agency, the national name.
  // The national name stays on one line; the agency takes the rest and wraps if it must.
  const gap = 5;
  const rest = w.width - qrSize - 2 * gap;
  const national = Math.max(w.textWidth(NATIONAL_NAME, { size, bold: true }) + 4, rest / 2);
  const weights = [qrSize, rest - national, national];
  const row = (left: (col: Column) => void, right: (col: Column) => void) =>
    w.sideBySide(
      [
        { weight: weights[0], draw: () => undefined },
        { weight: weights[1], draw: left },
        { weight: weights[2], draw: right },
      ],
      gap,
    );
  row(
    (col) => {
      if (h.agency.parentName) w.text(h.agency.parentName.toUpperCase(), { size: size - 0.5, align: 'center', ...col, gap: 0 });
      w.text(h.agency.name.toUpperCase(), { size, bold: true, align: 'center', ...col, gap: 2 });
      w.rule({ ...col, length: col.width * 0.35, gap: 5 });
    },
    (col) => {
      w.text(NATIONAL_NAME, { size, bold: true, align: 'center', ...col, gap: 0 });
      w.text(NATIONAL_MOTTO, { size: size + 0.5, bold: true, align: 'center', ...col, gap: 2 });
      w.rule({ ...col, length: w.textWidth(NATIONAL_MOTTO, { size: size + 0.5, bold: true }), gap: 5 });
    },
  );
  const numberLine = h.numberLine === undefined ? `Số: ${h.issue.number ?? '……'}` : h.numberLine;
  row(
    (col) => {
      if (numberLine) w.text(numberLine, { size, align: 'center', ...col });
    },
    (col) => w.text(placeDateLine(h.issue.place, h.issue.issuedAt), { size, italic: true, align: 'center', ...col }),
  );
  w.skipTo(qrSize + 4);
  w.space(4);
  w.text(h.title.toUpperCase(), { size: h.titleSize ?? 11, bold: true, align: 'center', gap: 2 });
  for (const line of h.subtitle ?? []) w.text(line, { size: size + 1.5, align: 'center', gap: 1 });
  w.space(6);
}
