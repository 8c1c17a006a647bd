/**
 * Precompressed copies of the built web app's text files (`x.js` → `x.js.br` and `x.js.gz`), written once at build
 * time at the highest levels (brotli quality 11, gzip level 9), so that the server sends them without compressing
 * on every request (@fastify/static `preCompressed`; src/server/app.ts). Used by vite.config.ts after the build.
 * Files under 1 KB, source maps and files that are not text are left alone; a copy that would not be smaller is not
 * written.
 */
import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';

const TEXT = /\.(js|mjs|css|html|svg|json|txt|webmanifest|xml)$/i;
export const MIN_BYTES = 1024;

export interface Precompressed {
  file: string;
  bytes: number;
  br: number | null;
  gz: number | null;
}

function* files(dir: string): Generator<string> {
  for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) yield* files(p);
    else if (e.isFile()) yield p;
  }
}

/** Writes the .br and .gz copies of every text file of `dir` (recursively); returns what it wrote. */
export function precompressDir(dir: string): Precompressed[] {
  const out: Precompressed[] = [];
  for (const file of files(dir)) {
    if (!TEXT.test(file)) continue;
    const body = fs.readFileSync(file);
    if (body.length < MIN_BYTES) continue;
    const br = zlib.brotliCompressSync(body, {
      params: { [zlib.constants.BROTLI_PARAM_QUALITY]: 11, [zlib.constants.BROTLI_PARAM_SIZE_HINT]: body.length },
    });
    const gz = zlib.gzipSync(body, { level: 9 });
    const wrote: Precompressed = { file: path.relative(dir, file), bytes: body.length, br: null, gz: null };
    if (br.length < body.length) {
      fs.writeFileSync(`${file}.br`, br);
      wrote.br = br.length;
    }
    if (gz.length < body.length) {
      fs.writeFileSync(`${file}.gz`, gz);
      wrote.gz = gz.length;
    }
    out.push(wrote);
  }
  return out;
}
