import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import zlib from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { precompressDir } from './precompress.ts';

describe('precompressed web files', () => {
  it('writes .br and .gz copies of text files that decompress to the original, and leaves the rest alone', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'precompress-'));
    fs.mkdirSync(path.join(dir, 'assets'));
    const js = 'export const greeting = "Xin chào";\n'.repeat(200);
    fs.writeFileSync(path.join(dir, 'assets/index-abc123.js'), js);
    fs.writeFileSync(path.join(dir, 'index.html'), `<!doctype html>${'<p>Một cửa</p>'.repeat(100)}`);
    fs.writeFileSync(path.join(dir, 'assets/small.css'), 'a{color:red}');
    fs.writeFileSync(path.join(dir, 'assets/index-abc123.js.map'), '{}'.repeat(2000));
    fs.writeFileSync(path.join(dir, 'logo.png'), Buffer.alloc(4000, 1));

    const wrote = precompressDir(dir);
    expect(wrote.map((w) => w.file).sort()).toEqual([path.join('assets', 'index-abc123.js'), 'index.html']);
    const file = path.join(dir, 'assets/index-abc123.js');
    expect(zlib.brotliDecompressSync(fs.readFileSync(`${file}.br`)).toString()).toBe(js);
    expect(zlib.gunzipSync(fs.readFileSync(`${file}.gz`)).toString()).toBe(js);
    expect(fs.statSync(`${file}.br`).size).toBeLessThan(js.length);
    for (const left of ['assets/small.css.br', 'assets/index-abc123.js.map.gz', 'logo.png.br']) expect(fs.existsSync(path.join(dir, left))).toBe(false);
    fs.rmSync(dir, { recursive: true });
  });
});
