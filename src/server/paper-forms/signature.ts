/**
 * The signature area at the foot of a form: one or two signature blocks side by side, or a "Nơi nhận" list on the
 * left and the signer on the right (official letters, NĐ 30/2020/NĐ-CP). Kept together on one page.
 */
import type { Column, DocumentWriter } from '../pdf/document.ts';
import type { OfficialInfo } from './types.ts';

export interface SignatureBlock {
  /** Signing on behalf, printed first, e.g. "KT. CHỦ TỊCH". */
  capacity?: string;
  /** Printed in capitals, e.g. "Người tiếp nhận hồ sơ", "Phó Chủ tịch". */
  heading: string;
  /** Italic hint under the heading, e.g. "(Ký, ghi rõ họ tên)". */
  hint?: string;
  /** Name under the signature space. */
  name?: string;
  /** Small line under the name, e.g. the official's position. */
  note?: string;
}

export interface SignatureOptions {
  /** "Nơi nhận" list on the left (official letters). */
  recipients?: string[];
  size?: number;
  /** Blank space for the signature and seal, in points (default 36). */
  signatureSpace?: number;
}

/** The signer of a letter from the agency's head: capacity, position and name (hint: signature and seal). */
export function leaderSignature(o: OfficialInfo): SignatureBlock {
  return { capacity: o.capacity, heading: o.title, hint: '(Ký, ghi rõ họ tên và đóng dấu)', name: o.name };
}

/** An official acting in a role the form names (e.g. "Người tiếp nhận hồ sơ"), with their own position under the name. */
export function roleSignature(role: string, o: OfficialInfo): SignatureBlock {
  return { heading: role, hint: '(Ký, ghi rõ họ tên)', name: o.name, note: o.title };
}

const GAP = 8;

interface Line {
  text: string;
  size: number;
  bold?: boolean;
  italic?: boolean;
}

export function drawSignatures(w: DocumentWriter, blocks: SignatureBlock[], opts: SignatureOptions = {}): void {
  const size = opts.size ?? 8.5;
  const space = opts.signatureSpace ?? 36;
  const parts: { weight: number; draw: (col: Column) => void; height: (width: number) => number }[] = [];
  const recipients = opts.recipients ?? [];
  if (recipients.length) {
    const lines = recipients.map((r) => `- ${r}`);
    parts.push({
      weight: 45,
      draw: (col) => {
        w.text('Nơi nhận:', { size: size - 0.5, bold: true, ...col, gap: 0 });
        for (const l of lines) w.text(l, { size: size - 1.5, ...col, gap: 0 });
      },
      height: (width) =>
        w.heightOf('Nơi nhận:', { size: size - 0.5, width, gap: 0 }) + lines.reduce((n, l) => n + w.heightOf(l, { size: size - 1.5, width, gap: 0 }), 0),
    });
  } else if (blocks.length === 1) {
    parts.push({ weight: 45, draw: () => undefined, height: () => 0 });
  }
  for (const b of blocks) {
    const lines: Line[] = [
      ...(b.capacity ? [{ text: b.capacity.toUpperCase(), bold: true, size }] : []),
      { text: b.heading.toUpperCase(), bold: true, size },
      ...(b.hint ? [{ text: b.hint, italic: true, size: size - 1 }] : []),
    ];
    const tail: Line[] = [...(b.name ? [{ text: b.name, bold: true, size }] : []), ...(b.note ? [{ text: b.note, italic: true, size: size - 1 }] : [])];
    const measure = (list: Line[], width: number) =>
      list.reduce((n, l) => n + w.heightOf(l.text, { size: l.size, bold: l.bold, italic: l.italic, width, gap: 0 }), 0);
    parts.push({
      weight: blocks.length === 1 || recipients.length ? 55 : 50,
      draw: (col) => {
        for (const l of lines) w.text(l.text, { size: l.size, bold: l.bold, italic: l.italic, align: 'center', ...col, gap: 0 });
        w.space(space);
        for (const l of tail) w.text(l.text, { size: l.size, bold: l.bold, italic: l.italic, align: 'center', ...col, gap: 0 });
      },
      height: (width) => measure(lines, width) + space + measure(tail, width),
    });
  }
  const total = parts.reduce((n, p) => n + p.weight, 0);
  const tallest = Math.max(...parts.map((p) => p.height(((w.width - GAP * (parts.length - 1)) * p.weight) / total)));
  w.space(6);
  w.ensureSpace(tallest + 4);
  w.sideBySide(
    parts.map(({ weight, draw }) => ({ weight, draw })),
    GAP,
  );
  w.space(4);
}
