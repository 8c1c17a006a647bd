/**
 * The real type of an uploaded file, read from its first bytes (magic numbers), never from its name or the
 * Content-Type the client claims.
 */
export type AcceptedMime = 'application/pdf' | 'image/jpeg' | 'image/png';

export const acceptedMimeLabel: Record<AcceptedMime, string> = {
  'application/pdf': 'PDF',
  'image/jpeg': 'JPEG',
  'image/png': 'PNG',
};

export function sniffMime(head: Uint8Array): AcceptedMime | null {
  const b = head;
  // PDF: "%PDF-" (may be preceded by up to 1024 bytes of junk per the spec; we accept a small BOM/whitespace lead).
  const pdfAt = indexOfAscii(b, '%PDF-', 16);
  if (pdfAt >= 0) return 'application/pdf';
  if (b.length >= 3 && b[0] === 0xff && b[1] === 0xd8 && b[2] === 0xff) return 'image/jpeg';
  if (b.length >= 8 && b[0] === 0x89 && b[1] === 0x50 && b[2] === 0x4e && b[3] === 0x47 && b[4] === 0x0d && b[5] === 0x0a && b[6] === 0x1a && b[7] === 0x0a) {
    return 'image/png';
  }
  return null;
}

function indexOfAscii(b: Uint8Array, s: string, within: number): number {
  const limit = Math.min(b.length - s.length, within);
  outer: for (let i = 0; i <= limit; i++) {
    for (let j = 0; j < s.length; j++) if (b[i + j] !== s.charCodeAt(j)) continue outer;
    return i;
  }
  return -1;
}

/** A safe display name: no path, no control characters, NFC, at most 200 characters. */
export function safeFileName(name: string): string {
  // eslint-disable-next-line no-control-regex
  const base = name
    .normalize('NFC')
    .split(/[\\/]/)
    .pop()!
    .replace(/[\u0000-\u001f\u007f]/g, '')
    .trim();
  return (base || 'tep-dinh-kem').slice(0, 200);
}
