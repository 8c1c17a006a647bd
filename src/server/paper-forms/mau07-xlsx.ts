/**
 * Mẫu 07 — Sổ theo dõi hồ sơ as an Excel workbook (.xlsx), one sheet "Sổ theo dõi hồ sơ":
 *
 *   row 1  SỔ THEO DÕI HỒ SƠ (merged over all columns)
 *   row 2  Đơn vị: <unit>
 *   row 3  Từ ngày dd/mm/yyyy đến ngày dd/mm/yyyy
 *   row 4  Quyển số: <book>
 *   row 5  Mã sổ: SO-…; lập lúc <time of issue>
 *   row 6  the column headers (frozen, with a filter, repeated on every printed page)
 *   row 7… one row per dossier, same columns as the PDF (register.ts)
 *
 * Cell types: STT and "Số lượng hồ sơ (bộ)" are numbers; the five date columns are real Excel date-times
 * (format dd/mm/yyyy hh:mm) holding the Vietnam wall-clock time (UTC+7) — a spreadsheet date has no time zone, so a
 * reader that turns the serial number into a UTC Date gets the Vietnam local time in its UTC fields; empty dates
 * are empty cells; everything else is text.
 */
import ExcelJS from 'exceljs';
import { vnDateTime, vnWallClock } from './format.ts';
import { periodLine, REGISTER_COLUMNS, REGISTER_TITLE, registerId, type RegisterData } from './register.ts';

export const REGISTER_SHEET = 'Sổ theo dõi hồ sơ';
/** The row of the column headers; data start on the next row. */
export const REGISTER_HEADER_ROW = 6;

const thin = { style: 'thin' as const };
const border = { top: thin, left: thin, bottom: thin, right: thin };

export async function renderMau07Xlsx(data: RegisterData): Promise<Uint8Array> {
  const period = periodLine(data.period);
  const wb = new ExcelJS.Workbook();
  wb.creator = 'MotCua';
  wb.title = `${REGISTER_TITLE} ${registerId(data)}`;
  wb.created = data.issue.issuedAt;
  wb.modified = data.issue.issuedAt;
  const ws = wb.addWorksheet(REGISTER_SHEET, {
    views: [{ state: 'frozen', xSplit: 0, ySplit: REGISTER_HEADER_ROW }],
    pageSetup: {
      paperSize: 9,
      orientation: 'landscape',
      fitToPage: true,
      fitToWidth: 1,
      fitToHeight: 0,
      printTitlesRow: `${REGISTER_HEADER_ROW}:${REGISTER_HEADER_ROW}`,
    },
  });
  const n = REGISTER_COLUMNS.length;
  ws.columns = REGISTER_COLUMNS.map((c) => ({ width: c.xlsxWidth }));

  const titleLines = [
    REGISTER_TITLE.toUpperCase(),
    `Đơn vị: ${data.agency.name}`,
    period,
    `Quyển số: ${data.bookNumber ?? '……'}`,
    `Mã sổ: ${registerId(data)}; lập lúc ${vnDateTime(data.issue.issuedAt)}`,
  ];
  titleLines.forEach((text, i) => {
    const row = ws.getRow(i + 1);
    row.getCell(1).value = text.normalize('NFC');
    ws.mergeCells(i + 1, 1, i + 1, n);
    row.getCell(1).alignment = { horizontal: 'center' };
    row.getCell(1).font = i === 0 ? { bold: true, size: 14 } : { size: 11 };
  });

  const header = ws.getRow(REGISTER_HEADER_ROW);
  REGISTER_COLUMNS.forEach((c, i) => {
    const cell = header.getCell(i + 1);
    cell.value = c.title.normalize('NFC');
    cell.font = { bold: true };
    cell.alignment = { horizontal: 'center', vertical: 'middle', wrapText: true };
    cell.border = border;
  });
  header.height = 45;
  ws.autoFilter = { from: { row: REGISTER_HEADER_ROW, column: 1 }, to: { row: REGISTER_HEADER_ROW, column: n } };

  data.rows.forEach((r, index) => {
    const row = ws.getRow(REGISTER_HEADER_ROW + 1 + index);
    REGISTER_COLUMNS.forEach((c, i) => {
      const cell = row.getCell(i + 1);
      const value = c.value(r, index);
      cell.border = border;
      cell.alignment = { vertical: 'top', wrapText: c.kind === 'text' };
      if (value === null) return;
      if (value instanceof Date) {
        cell.value = vnWallClock(value);
        cell.numFmt = 'dd/mm/yyyy hh:mm';
      } else cell.value = typeof value === 'string' ? value.normalize('NFC') : value;
    });
  });

  return new Uint8Array(await wb.xlsx.writeBuffer());
}
