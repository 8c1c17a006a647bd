/**
 * Checks the PAdES signatures of a PDF independently of how it was made: each signature dictionary's /ByteRange
 * gives the signed bytes and its /Contents the CMS; the CMS is verified over exactly those bytes (message digest,
 * signature, certificate chain to a trusted root). A signature that does not cover the whole file means something
 * was appended after signing.
 */
import { verifyDetachedCms } from './signing/cms.ts';

export interface SignatureCheck {
  valid: boolean;
  signerName?: string;
  signingTime?: string;
  chainTrusted: boolean;
  /** The signed byte ranges reach the end of the file (nothing added after signing). */
  coversWholeFile: boolean;
}

/** The exact DER length of a BER/DER object at the start of `bytes` (the /Contents hex is zero-padded). */
function derLength(bytes: Uint8Array): number {
  if (bytes.length < 2) return 0;
  const first = bytes[1];
  if (first < 0x80) return 2 + first;
  const n = first & 0x7f;
  let len = 0;
  for (let i = 0; i < n; i++) len = len * 256 + bytes[2 + i];
  return 2 + n + len;
}

export async function checkPdfSignatures(pdf: Uint8Array, trustedRoots: Uint8Array[]): Promise<SignatureCheck[]> {
  const buf = Buffer.from(pdf);
  const text = buf.toString('latin1');
  const out: SignatureCheck[] = [];
  for (const m of text.matchAll(/\/ByteRange\s*\[\s*(\d+)\s+(\d+)\s+(\d+)\s+(\d+)\s*\]/g)) {
    const [a, b, c, d] = m.slice(1, 5).map(Number);
    if (a !== 0 || a + b > c || c + d > buf.length) {
      out.push({ valid: false, chainTrusted: false, coversWholeFile: false });
      continue;
    }
    const hole = text.slice(a + b, c);
    const hex = /^<([0-9A-Fa-f]+)>$/.exec(hole.trim())?.[1];
    if (!hex) {
      out.push({ valid: false, chainTrusted: false, coversWholeFile: false });
      continue;
    }
    const raw = Buffer.from(hex, 'hex');
    const cms = raw.subarray(0, Math.min(raw.length, derLength(raw)));
    const content = Buffer.concat([buf.subarray(a, a + b), buf.subarray(c, c + d)]);
    try {
      const r = await verifyDetachedCms(cms, content, trustedRoots);
      out.push({
        valid: r.valid,
        signerName: r.signerName,
        signingTime: r.signingTime?.toISOString(),
        chainTrusted: r.chainTrusted,
        coversWholeFile: c + d === buf.length,
      });
    } catch {
      out.push({ valid: false, chainTrusted: false, coversWholeFile: c + d === buf.length });
    }
  }
  return out;
}
