/**
 * Mẫu 07 — Sổ theo dõi hồ sơ as a PDF on A4 landscape: the title block (unit, period, book number), then one
 * table row per dossier; hundreds of rows flow over pages with the header row repeated and the pages numbered.
 * Input, columns and QR payload: register.ts.
 */
import { PAGE_A4_LANDSCAPE } from '../pdf/document.ts';
import { vnDate, vnTime } from './format.ts';
import { drawFormHeader } from './header.ts';
import { periodLine, REGISTER_COLUMNS, REGISTER_TITLE, registerId, registerQrPayload, type RegisterCell, type RegisterData } from './register.ts';
import { finishForm, startForm } from './sections.ts';

function pdfCell(value: RegisterCell): string {
  if (value === null) return '';
  if (value instanceof Date) return `${vnDate(value)}\n${vnTime(value)}`;
  return String(value);
}

export async function renderMau07Pdf(data: RegisterData): Promise<Uint8Array> {
  const period = periodLine(data.period);
  const w = await startForm(`${REGISTER_TITLE} ${registerId(data)}`, `${data.agency.name} – ${period}`, PAGE_A4_LANDSCAPE);
  await drawFormHeader(w, {
    agency: data.agency,
    issue: data.issue,
    qr: registerQrPayload(data),
    title: REGISTER_TITLE,
    subtitle: [`Đơn vị: ${data.agency.name}`, period],
    numberLine: `Quyển số: ${data.bookNumber ?? '……'}`,
    size: 9,
    titleSize: 15,
    qrSizeMm: 30,
  });
  w.table(
    REGISTER_COLUMNS.map((c) => ({ title: c.title, width: c.pdfWidth, align: c.kind === 'text' ? 'left' : 'center' })),
    data.rows.map((row, i) => REGISTER_COLUMNS.map((c) => pdfCell(c.value(row, i)))),
    { size: 6.5, headerSize: 6.5 },
  );
  return finishForm(w, { numberPages: 'always' });
}
