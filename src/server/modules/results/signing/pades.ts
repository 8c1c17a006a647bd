/**
 * PAdES signatures on PDFs: a signature dictionary with the ETSI.CAdES.detached sub-filter and a byte range
 * (@signpdf/placeholder-pdf-lib, @signpdf/signpdf), filled with the CMS built by cms.ts.
 */
import { PDFArray, PDFDict, PDFDocument, PDFHexString, PDFName, PDFRef } from 'pdf-lib';
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

const pdfDate = (d: Date) => `D:${d.toISOString().replace(/[-:T]/g, '').slice(0, 14)}Z`;

/**
 * Adds one more PAdES signature to an already signed PDF as an incremental update (ISO 32000 §7.5.6): the bytes of
 * the document — and so its earlier signatures — stay exactly as they are; appended after them are a signature
 * dictionary with its placeholder, its widget on page 1, the page and the AcroForm with the new field, and an xref
 * section pointing back (/Prev) to the previous one. Used for the leader's personal signature beside the unit's on
 * a result, and for any second signer. The input must use a classic xref table (as signPdf writes).
 */
export async function addSignature(signedPdf: Uint8Array, signer: Signer, opts: SignOptions): Promise<Buffer> {
  const original = Buffer.from(signedPdf);
  const doc = await PDFDocument.load(original, { updateMetadata: false });
  const tail = original.subarray(Math.max(0, original.length - 1024)).toString('latin1');
  const prev = /startxref\s+(\d+)\s+%%EOF\s*$/.exec(tail);
  if (!prev) throw new Error('addSignature: no startxref at the end of the PDF');
  const signingTime = opts.signingTime ?? systemNow();
  const ctx = doc.context;
  let next = ctx.largestObjectNumber + 1;
  const sigRef = PDFRef.of(next++);
  const widgetRef = PDFRef.of(next++);
  const page = doc.getPage(0);
  const objects: { ref: PDFRef; body: string }[] = [];

  const text = (t: string) => PDFHexString.fromText(t).toString();
  const contents = `<${'0'.repeat(16_384 * 2)}>`;
  objects.push({
    ref: sigRef,
    body:
      `<<\n/Type /Sig\n/Filter /Adobe.PPKLite\n/SubFilter /${SUBFILTER_ETSI_CADES_DETACHED}\n` +
      `/ByteRange [0 /********** /********** /**********]\n/Contents ${contents}\n` +
      `/Reason ${text(opts.reason)}\n/M (${pdfDate(signingTime)})\n/ContactInfo ${text(opts.contactInfo ?? '')}\n` +
      `/Name ${text(opts.name)}\n/Location ${text(opts.location)}\n/Prop_Build << /App << /Name /MotCua >> >>\n>>`,
  });

  const acroFormValue = doc.catalog.get(PDFName.of('AcroForm'));
  const acroForm = doc.catalog.lookupMaybe(PDFName.of('AcroForm'), PDFDict) ?? ctx.obj({});
  const fields = acroForm.lookupMaybe(PDFName.of('Fields'), PDFArray) ?? ctx.obj([]);
  objects.push({
    ref: widgetRef,
    body: `<<\n/Type /Annot\n/Subtype /Widget\n/FT /Sig\n/Rect [0 0 0 0]\n/V ${sigRef}\n/T ${text(`Chữ ký ${fields.size() + 1}`)}\n/F 132\n/P ${page.ref}\n>>`,
  });

  const annots = page.node.lookupMaybe(PDFName.of('Annots'), PDFArray);
  const newAnnots = ctx.obj([...(annots?.asArray() ?? []), widgetRef]);
  const pageDict = page.node.clone(ctx);
  pageDict.set(PDFName.of('Annots'), newAnnots);
  objects.push({ ref: page.ref, body: pageDict.toString() });

  const newFields = ctx.obj([...fields.asArray(), widgetRef]);
  const newAcroForm = acroForm.clone(ctx);
  newAcroForm.set(PDFName.of('Fields'), newFields);
  newAcroForm.set(PDFName.of('SigFlags'), ctx.obj(3));
  const rootRef = ctx.trailerInfo.Root as PDFRef;
  if (acroFormValue instanceof PDFRef) {
    objects.push({ ref: acroFormValue, body: newAcroForm.toString() });
  } else {
    const catalog = doc.catalog.clone(ctx);
    catalog.set(PDFName.of('AcroForm'), newAcroForm);
    objects.push({ ref: rootRef, body: catalog.toString() });
  }

  // The update: objects, then an xref section with one subsection per object, then the trailer.
  const parts: Buffer[] = [Buffer.from('\n', 'latin1')];
  let offset = original.length + 1;
  const entries: { num: number; gen: number; offset: number }[] = [];
  for (const o of objects) {
    const chunk = Buffer.from(`${o.ref.objectNumber} ${o.ref.generationNumber} obj\n${o.body}\nendobj\n`, 'latin1');
    entries.push({ num: o.ref.objectNumber, gen: o.ref.generationNumber, offset });
    parts.push(chunk);
    offset += chunk.length;
  }
  entries.sort((a, b) => a.num - b.num);
  let xref = 'xref\n';
  for (const e of entries) xref += `${e.num} 1\n${String(e.offset).padStart(10, '0')} ${String(e.gen).padStart(5, '0')} n \n`;
  const info = ctx.trailerInfo.Info instanceof PDFRef ? `\n/Info ${ctx.trailerInfo.Info}` : '';
  const id = ctx.trailerInfo.ID ? `\n/ID ${ctx.trailerInfo.ID.toString()}` : '';
  xref += `trailer\n<<\n/Size ${next}\n/Root ${rootRef}${info}${id}\n/Prev ${prev[1]}\n>>\nstartxref\n${offset}\n%%EOF\n`;
  parts.push(Buffer.from(xref, 'latin1'));
  return signpdf.sign(Buffer.concat([original, ...parts]), new CmsSigner(signer), signingTime);
}
