import { describe, expect, it } from 'vitest';
import { safeFileName, sniffMime } from './sniff.ts';

const bytes = (...xs: number[]) => new Uint8Array(xs);
const ascii = (s: string) => new TextEncoder().encode(s);

describe('sniffMime', () => {
  it('recognises PDF, JPEG and PNG by content', () => {
    expect(sniffMime(ascii('%PDF-1.7\n%âãÏÓ'))).toBe('application/pdf');
    expect(sniffMime(bytes(0xff, 0xd8, 0xff, 0xe0, 0, 0x10))).toBe('image/jpeg');
    expect(sniffMime(bytes(0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0))).toBe('image/png');
  });
  it('refuses everything else, whatever it is called', () => {
    expect(sniffMime(ascii('MZ\x90\x00'))).toBeNull(); // a Windows executable
    expect(sniffMime(ascii('<html><body>'))).toBeNull();
    expect(sniffMime(bytes(0x50, 0x4b, 0x03, 0x04))).toBeNull(); // zip / docx
    expect(sniffMime(bytes())).toBeNull();
  });
});

describe('safeFileName', () => {
  it('strips paths and control characters and normalises to NFC', () => {
    expect(safeFileName('C:\\Users\\a\\giấy chứng sinh.pdf')).toBe('giấy chứng sinh.pdf');
    expect(safeFileName('../../etc/passwd')).toBe('passwd');
    expect(safeFileName('a\u0000b.pdf')).toBe('ab.pdf');
    expect(safeFileName('Giấy'.normalize('NFD'))).toBe('Giấy');
    expect(safeFileName('')).toBe('tep-dinh-kem');
  });
});
