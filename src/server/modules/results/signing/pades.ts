/**
 * PAdES signatures on PDFs: a signature dictionary with the ETSI.CAdES.detached sub-filter and a byte range
 * (@signpdf/placeholder-pdf-lib, @signpdf/signpdf), filled with the CMS built by cms.ts.
 */
import { PDFDocument } from 'pdf-lib';
import { pdflibAddPlaceholder } from '@signpdf/placeholder-pdf-lib';
import signpdfModule from '@signpdf/signpdf';
import { Signer as SignpdfSigner, SUBFILTER_ETSI_CADES_DETACHED } from '@signpdf/utils';
import { systemNow } from '../../../clock.ts';
import { signDetachedCms } from './cms.ts';
import type { Signer } from './signer.ts';

const signpdf =
  (signpdfModule as unknown as { default?: { sign: (pdf: Buffer, signer: SignpdfSigner, date?: Date) => Promise<Buffer> } }).default ??
  (signpdfModule as unknown as { sign: (pdf: Buffer, signer: SignpdfSigner, date?: Date) => Promise<Buffer> });

class CmsSigner extends SignpdfSigner {
  constructor(private readonly signer: Signer) {
    super();
  }
  override async sign(content: Buffer, signingTime?: Date): Promise<Buffer> {
    return signDetachedCms(content, this.signer, signingTime);
  }
}

export interface SignOptions {
  reason: string;
  location: string;
  /** Signer's name shown by PDF readers. */
  name: string;
  contactInfo?: string;
  signingTime?: Date;
}

/** Signs a PDF (bytes from pdf-lib or elsewhere) and returns the signed bytes. */
export async function signPdf(pdfBytes: Uint8Array, signer: Signer, opts: SignOptions): Promise<Buffer> {
  const doc = await PDFDocument.load(pdfBytes);
  const signingTime = opts.signingTime ?? systemNow();
  pdflibAddPlaceholder({
    pdfDoc: doc,
    reason: opts.reason,
    location: opts.location,
    name: opts.name,
    contactInfo: opts.contactInfo ?? '',
    signingTime,
    signatureLength: 16_384,
    subFilter: SUBFILTER_ETSI_CADES_DETACHED,
    appName: 'MotCua',
  });
  const withPlaceholder = Buffer.from(await doc.save({ useObjectStreams: false }));
  return signpdf.sign(withPlaceholder, new CmsSigner(signer), signingTime);
}
