/**
 * A result is issued complete or not at all (issue 18): every field a template prints must be filled from the
 * dossier. The renderer watches what a template writes; a line that would carry the paper form's dotted blank
 * (`DOTS`) makes the result refuse to render with `ResultIncompleteError`, naming each blank field, so the official
 * is told what the dossier lacks instead of issuing a document with gaps.
 */
import type { DocumentWriter } from '../../../pdf/document.ts';
import { DOTS } from './values.ts';

/** The fields a result could not fill, as "Section – label" texts (e.g. "Người mẹ – Quốc tịch"). */
export class ResultIncompleteError extends Error {
  constructor(readonly blanks: readonly string[]) {
    super(`Result has blank fields: ${blanks.join('; ')}`);
    this.name = 'ResultIncompleteError';
  }
}

/** The labels of the dotted blanks in one line of text: "Năm sinh: 1990 Quốc tịch: ……" → ["Quốc tịch"]. */
export function blankLabels(text: string): string[] {
  const out: string[] = [];
  let from = 0;
  for (let at = text.indexOf(DOTS); at >= 0; at = text.indexOf(DOTS, at + DOTS.length)) {
    const before = text.slice(from, at).replace(/[:\s]+$/, '');
    // The label is what stands after the previous value's end (";", ". " or a line break) up to the colon.
    const label =
      before
        .split(/[;\n]|\.\s/)
        .pop()
        ?.trim() || before.trim();
    out.push(label.replace(/^[^\p{L}\p{N}]+/u, '') || '(?)');
    from = at + DOTS.length;
  }
  return out;
}

/**
 * Records every dotted blank the writer draws (through `text` and `table`), with the section heading it falls
 * under (the last bold line). Returns the list, filled as the template draws.
 */
export function watchBlanks(w: DocumentWriter): string[] {
  const blanks: string[] = [];
  let section = '';
  const text = w.text.bind(w);
  const table = w.table.bind(w);
  w.text = (t, opts = {}) => {
    if (opts.bold && !t.includes(':')) section = t.trim();
    for (const label of blankLabels(t)) blanks.push(section ? `${section} – ${label}` : label);
    return text(t, opts);
  };
  w.table = (columns, rows, options) => {
    for (const row of rows)
      row.forEach((cell, i) => {
        if (!cell?.includes(DOTS)) return;
        // The row's label is its first cell, or the second after a row number; the column names whose value it is.
        const rowLabel = /^\d+$/.test(row[0] ?? '') ? row[1] : row[0];
        const column = i > 1 || (i === 1 && !/^\d+$/.test(row[0] ?? '')) ? columns[i]?.title : '';
        const label = `${rowLabel ?? ''}${column && column !== 'Thông tin' ? ` (${column})` : ''}`;
        blanks.push(section ? `${section} – ${label}` : label);
      });
    return table(columns, rows, options);
  };
  return blanks;
}

/** Throws ResultIncompleteError when the watched writer drew a blank. */
export function refuseBlanks(blanks: readonly string[]): void {
  if (blanks.length) throw new ResultIncompleteError([...new Set(blanks)]);
}
