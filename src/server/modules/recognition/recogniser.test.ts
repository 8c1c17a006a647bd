import { execFile, execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { PDFDocument } from 'pdf-lib';
import { afterAll, describe, expect, it } from 'vitest';
import { characterAccuracy } from '../../../core/recognition/accuracy.ts';
import { encodeQrPayload } from '../../../core/documents/qr-payload.ts';
import { createRecogniser, RecognitionInputError } from './recogniser.ts';
import { degrade, photographIdCardBack, photographQr, renderSpecimen, seededRandom } from './specimens.ts';

const holder = {
  personalId: '075190000123',
  oldIdNumber: '271234567',
  fullName: 'Nguyễn Thị Hương',
  dateOfBirth: '1990-03-12',
  sex: 'Nữ' as const,
  permanentResidence: 'Thôn 3, xã Phú Riềng, tỉnh Đồng Nai',
  issueDate: '2021-07-01',
};

const recogniser = createRecogniser();
afterAll(() => recogniser.close());

describe('recognition (QR first)', () => {
  it('fills the seven fields exactly from an identity card QR photographed at an angle and JPEG-compressed', async () => {
    const photo = await photographIdCardBack(holder, { angle: 27, jpegQuality: 50 });
    expect(photo.subarray(0, 3)).toEqual(Buffer.from([0xff, 0xd8, 0xff]));
    const r = await recogniser.recognise(photo);
    expect(r.type).toBe('citizen-id-card');
    expect(Object.fromEntries(r.fields.map((f) => [f.name, f.value]))).toEqual(holder);
    expect(r.fields.every((f) => f.source === 'qr' && f.confidence === 1)).toBe(true);
    expect(r.warnings).toEqual([]);
  });

  it('says clearly that a QR is not an identity card, without crashing', async () => {
    const photo = await photographQr('https://vnexpress.net/', { angle: 10 });
    const r = await recogniser.recognise(photo, { type: 'citizen-id-card' });
    expect(r.fields).toEqual([]);
    expect(r.warnings).toEqual(['Mã QR này không phải mã QR của thẻ căn cước công dân gắn chip (không có các trường phân cách bằng "|").']);
  });

  it('reads a result’s TT 01/2023 QR as the dossier and document it names', async () => {
    const payload = {
      maHoSo: '000.00.31.H26-260101-0001',
      maTTHC: '1.001193',
      maDinhDanh: '075190000123',
      tenGiayTo: 'Trích lục khai sinh',
      heThong: 'MotCua',
      thoiDiem: '2026-01-05T09:00:00+07:00',
      url: 'https://motcua.example/tra-cuu/000.00.31.H26-260101-0001',
    };
    const r = await recogniser.recognise(await photographQr(encodeQrPayload(payload)));
    expect(r.type).toBe('result-qr');
    expect(r.fields.find((f) => f.name === 'maHoSo')).toMatchObject({ value: payload.maHoSo, source: 'qr' });
  });

  it('refuses a file that is neither an image nor a PDF, and an unknown type, in Vietnamese', async () => {
    const notImage = await recogniser.recognise(Buffer.from('xin chào')).catch((e: unknown) => e);
    expect(notImage).toBeInstanceOf(RecognitionInputError);
    expect((notImage as RecognitionInputError).message).toBe('Tệp không phải ảnh (PNG, JPEG, WebP, TIFF) hoặc PDF.');
    await expect(recogniser.recognise(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0]))).rejects.toThrow(/Không đọc được ảnh/);
    await expect(recogniser.recognise(Buffer.from('%PDF-'), { type: 'passport' })).rejects.toThrow(/Loại giấy tờ "passport" chưa được hỗ trợ/);
  });
});

describe('recognition (OCR with templates)', () => {
  it('reads a noisy, turned, blurred birth certificate: type, name exact, every field with confidence and raw text', async () => {
    const s = await renderSpecimen('birth-certificate', 11);
    const scan = await degrade(s.png, { rotate: 1.5, noise: 0.03, blur: 0.7, jpegQuality: 70 }, seededRandom(3));
    const r = await recogniser.recognise(scan);
    expect(r.type).toBe('birth-certificate');
    const byName = Object.fromEntries(r.fields.map((f) => [f.name, f]));
    expect(byName.fullName?.value).toBe(s.truth.fullName);
    expect(byName.dateOfBirth?.value).toBe(s.truth.dateOfBirth);
    expect(byName.personalId?.value).toBe(s.truth.personalId);
    for (const name of Object.keys(s.truth)) {
      expect(byName[name]?.source).toBe('ocr');
      expect(byName[name]?.confidence).toBeGreaterThan(0);
      expect(byName[name]?.rawText).not.toBe('');
    }
    expect(characterAccuracy(s.text, r.text)).toBeGreaterThan(0.9);
  }, 120_000);

  it('recognises a PDF page by page', async () => {
    const s = await renderSpecimen('land-certificate', 5);
    const pdf = await PDFDocument.create();
    const blank = pdf.addPage([595, 842]);
    blank.drawText('Trang bia', { x: 50, y: 700 });
    const img = await pdf.embedPng(s.png);
    pdf.addPage([595, 842]).drawImage(img, { x: 0, y: 0, width: 595, height: 842 });
    const r = await recogniser.recognise(await pdf.save(), { type: 'land-certificate' });
    expect(r.type).toBe('land-certificate');
    expect(r.fields.find((f) => f.name === 'holderName')?.value).toBe(s.truth.holderName);
    expect(r.fields.find((f) => f.name === 'parcelNumber')?.value).toBe(s.truth.parcelNumber);
  });
});

const canBlockNetwork = (() => {
  try {
    execFileSync('unshare', ['-rn', 'true'], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
})();

describe.skipIf(!canBlockNetwork)('offline: the CLI recognises with outbound network blocked (unshare -rn, loopback only)', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'motcua-recognise-'));
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));
  const cli = (file: string) =>
    promisify(execFile)('unshare', ['-rn', process.execPath, '--import', 'tsx', 'src/server/cli.ts', 'recognise', '--file', file, '--json'], {
      cwd: path.resolve(import.meta.dirname, '../../../..'),
      timeout: 120_000,
    });

  it('a photographed identity card and a scanned birth certificate', async () => {
    const network = await promisify(execFile)('unshare', [
      '-rn',
      process.execPath,
      '-e',
      "fetch('https://registry.npmjs.org/').then(()=>console.log('online'),()=>console.log('offline'))",
    ]);
    expect(network.stdout.trim()).toBe('offline');

    fs.writeFileSync(path.join(dir, 'card.jpg'), await photographIdCardBack(holder));
    const card = JSON.parse((await cli(path.join(dir, 'card.jpg'))).stdout);
    expect(card.type).toBe('citizen-id-card');
    expect(card.fields.map((f: { value: string }) => f.value)).toEqual(Object.values(holder));

    const s = await renderSpecimen('birth-certificate', 2);
    fs.writeFileSync(path.join(dir, 'birth.png'), s.png);
    const birth = JSON.parse((await cli(path.join(dir, 'birth.png'))).stdout);
    expect(birth.type).toBe('birth-certificate');
    expect(birth.fields.find((f: { name: string }) => f.name === 'fullName')).toMatchObject({ value: s.truth.fullName, source: 'ocr' });
  }, 240_000);
});
