/** The rendered results must be signable by the signing module (PAdES) and stay valid for poppler's pdfsig. */
import { beforeAll, describe, expect, it } from 'vitest';
import { createRootCa, issueSigningCertificate, toPkcs12 } from '../signing/certificates.ts';
import { signPdf } from '../signing/pades.ts';
import { Pkcs12Signer } from '../signing/signer.ts';
import { renderCertifiedCopy } from './certified-copy.ts';
import { markConvertedFromPaper } from './paper-mark.ts';
import { renderResultPdf } from './templates.ts';
import { birth, certifiedCopy, maritalStatus } from './test-fixtures.ts';
import { pdfQrPayload, pdfsig, pdfText, requireTool, writeTemp } from './test-pdf.ts';
import { pngScan, threePagePdf } from './test-sources.ts';

describe('signing the rendered results (PAdES)', () => {
  let signer: Pkcs12Signer;
  const options = {
    reason: 'Ký số kết quả giải quyết thủ tục hành chính',
    location: 'Xã Phú Riềng, tỉnh Đồng Nai',
    name: 'Ủy ban nhân dân xã Phú Riềng',
    signingTime: new Date('2026-03-05T03:20:00Z'),
  };

  beforeAll(() => {
    // Fail loudly, never pass silently, when poppler is missing (CI installs poppler-utils).
    requireTool('pdfsig');
    requireTool('pdftotext');
    const ca = createRootCa({ commonName: 'MotCua CA thử nghiệm', organization: 'Ủy ban nhân dân tỉnh Đồng Nai' });
    const unit = issueSigningCertificate(ca, {
      commonName: 'Ủy ban nhân dân xã Phú Riềng',
      organization: 'Ủy ban nhân dân xã Phú Riềng',
      province: 'Đồng Nai',
    });
    signer = new Pkcs12Signer(toPkcs12(unit, [ca.certificatePem], 'mat-khau-p12', 'UBND xã Phú Riềng'), 'mat-khau-p12');
  });

  it('a Trích lục khai sinh signed with signPdf is valid for pdfsig, its text and QR intact', async () => {
    const signed = await signPdf(await renderResultPdf(birth), signer, options);
    const file = writeTemp('trich-luc-da-ky.pdf', signed);
    const out = pdfsig(file);
    expect(out).toContain('Signature is Valid');
    expect(out).toContain('ETSI.CAdES.detached');
    expect(out).toContain('Ủy ban nhân dân xã Phú Riềng');
    expect(pdfText(file)).toContain('Họ, chữ đệm, tên: NGUYỄN MINH KHANG');
    expect(pdfQrPayload(file).url).toBe(birth.verifyUrl);

    // One byte changed in the signed content breaks the signature.
    const tampered = Buffer.from(signed);
    const at = tampered.indexOf('stream') + 20;
    tampered[at] ^= 0x01;
    expect(pdfsig(writeTemp('trich-luc-sua.pdf', tampered))).not.toContain('Signature is Valid');
  });

  it('a specimen, a certified copy and a paper-marked scan are signable too', async () => {
    const docs = {
      'mau.pdf': await renderResultPdf({ ...maritalStatus, specimen: true }),
      'ban-sao.pdf': await renderCertifiedCopy({ bytes: await threePagePdf(), mime: 'application/pdf' }, { ...certifiedCopy, pages: 3 }),
      'so-hoa-pdf.pdf': await markConvertedFromPaper(await threePagePdf(), 'application/pdf', {
        convertedAt: new Date('2026-03-05T07:05:00Z'),
        officialName: 'Nguyễn Thị Hoa',
        agencyName: 'Trung tâm Phục vụ hành chính công xã Phú Riềng',
      }),
      'so-hoa-anh.pdf': await markConvertedFromPaper(pngScan(600, 800), 'image/png', {
        convertedAt: new Date('2026-03-05T07:05:00Z'),
        officialName: 'Nguyễn Thị Hoa',
        agencyName: 'Trung tâm Phục vụ hành chính công xã Phú Riềng',
      }),
    };
    for (const [name, bytes] of Object.entries(docs)) {
      const file = writeTemp(name, await signPdf(bytes, signer, options));
      expect(pdfsig(file), name).toContain('Signature is Valid');
    }
  });
});
