import { execFileSync, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createRequire } from 'node:module';
import fontkit from '@pdf-lib/fontkit';
import { PDFDocument } from 'pdf-lib';
import { beforeAll, describe, expect, it } from 'vitest';
import { createRootCa, issueSigningCertificate, toPkcs12 } from './certificates.ts';
import { verifyDetachedCms } from './cms.ts';
import { signPdf } from './pades.ts';
import { Pkcs12Signer } from './signer.ts';

const require = createRequire(import.meta.url);
const fontPath = require.resolve('@expo-google-fonts/be-vietnam-pro/400Regular/BeVietnamPro_400Regular.ttf');

async function vietnamesePdf(text: string): Promise<Uint8Array> {
  const doc = await PDFDocument.create();
  doc.registerFontkit(fontkit);
  const font = await doc.embedFont(fs.readFileSync(fontPath), { subset: true });
  const page = doc.addPage([420, 595]);
  page.drawText(text.normalize('NFC'), { x: 40, y: 520, size: 14, font });
  return doc.save();
}

/** What pdfsig (poppler-utils, installed by `npm test`'s pretest step) says; a missing tool fails the test. */
function pdfsig(file: string): string {
  const r = spawnSync('pdfsig', [file], { encoding: 'utf8' });
  if (r.error) throw new Error('pdfsig is missing: install poppler-utils (apt-get install -y poppler-utils)');
  return `${r.stdout}${r.stderr}`;
}

describe('PAdES signatures with Vietnamese certificate names', () => {
  let signer: Pkcs12Signer;
  let rootDer: Buffer;
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'motcua-sign-'));

  beforeAll(() => {
    const ca = createRootCa({ commonName: 'MotCua CA thử nghiệm', organization: 'Ủy ban nhân dân tỉnh Đồng Nai' });
    const unit = issueSigningCertificate(ca, {
      commonName: 'Ủy ban nhân dân xã Phú Riềng',
      organization: 'Ủy ban nhân dân xã Phú Riềng',
      province: 'Đồng Nai',
    });
    signer = new Pkcs12Signer(toPkcs12(unit, [ca.certificatePem], 'mat-khau-p12', 'UBND xã Phú Riềng'), 'mat-khau-p12');
    rootDer = Buffer.from(ca.certificatePem.replace(/-----[^-]+-----|\s/g, ''), 'base64');
  });

  it('produces a signature that pdfsig (poppler) reports valid, and invalid after one byte changes', async () => {
    const signed = await signPdf(await vietnamesePdf('Trích lục khai sinh – Nguyễn Minh Khang'), signer, {
      reason: 'Ký số kết quả giải quyết thủ tục hành chính',
      location: 'Xã Phú Riềng, tỉnh Đồng Nai',
      name: 'Ủy ban nhân dân xã Phú Riềng',
    });
    const file = path.join(dir, 'signed.pdf');
    fs.writeFileSync(file, signed);
    const out = pdfsig(file);
    expect(out).toContain('Signature is Valid');
    expect(out).toContain('Ủy ban nhân dân xã Phú Riềng');
    expect(out).toContain('ETSI.CAdES.detached');
    expect(execFileSync('pdftotext', [file, '-'], { encoding: 'utf8' })).toContain('Trích lục khai sinh – Nguyễn Minh Khang');

    // Flip one byte inside the signed content (the page text stream lies in the first byte range).
    const tampered = Buffer.from(signed);
    const at = tampered.indexOf('stream') + 20;
    tampered[at] = tampered[at] ^ 0x01;
    const bad = path.join(dir, 'tampered.pdf');
    fs.writeFileSync(bad, tampered);
    expect(pdfsig(bad)).not.toContain('Signature is Valid');
  });

  it('verifies its own CMS independently, including the chain to the local root', async () => {
    const { signDetachedCms } = await import('./cms.ts');
    const content = Buffer.from('nội dung cần ký');
    const cms = await signDetachedCms(content, signer);
    const ok = await verifyDetachedCms(cms, content, [rootDer]);
    expect(ok).toMatchObject({ valid: true, signerName: 'Ủy ban nhân dân xã Phú Riềng', chainTrusted: true });
    expect((await verifyDetachedCms(cms, Buffer.from('nội dung khác'), [rootDer])).valid).toBe(false);
  });
});
