/**
 * What bench/web-size.ts measures, as functions: building the web app with its manifest, the first load of each
 * route (the entry chunk with its static imports, plus the on-demand chunk of the page), sizes raw / gzip / brotli,
 * and minified bytes per source. Also used by scripts/web-budget.test.ts, which holds every citizen route to the
 * budget below.
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';

export const root = path.resolve(import.meta.dirname, '..');
export const webRoot = path.join(root, 'src/web');

/** The routes measured, with the modules (relative to src/web) that must be loaded to show them. */
export const ROUTES: { path: string; what: string; modules: string[] }[] = [
  { path: '/', what: 'home', modules: ['pages/HomePage.tsx'] },
  { path: '/thu-tuc?q=…', what: 'procedure search', modules: ['pages/SearchPage.tsx'] },
  { path: '/thu-tuc/:code', what: 'procedure guide', modules: ['pages/ProcedurePage.tsx'] },
  { path: '/nop-ho-so/:code', what: 'journey: start', modules: ['journey/StartPage.tsx'] },
  { path: '/ho-so-nhap/:id', what: 'journey: draft', modules: ['journey/DraftPage.tsx'] },
  { path: '/ho-so/xac-nhan/:id', what: 'journey: confirmation', modules: ['journey/DossierPages.tsx'] },
  { path: '/ho-so-cua-toi/:id', what: 'journey: my dossier', modules: ['journey/DossierPages.tsx'] },
  { path: '/tra-cuu', what: 'journey: lookup', modules: ['journey/DossierPages.tsx'] },
  { path: '/kho-du-lieu', what: 'journey: document store', modules: ['store/StorePage.tsx'] },
  { path: '/thanh-toan/:id', what: 'journey: payment result', modules: ['payments/PaymentResultPage.tsx'] },
  { path: '/can-bo', what: 'back office (for comparison)', modules: ['staff/StaffLayout.tsx', 'staff/StaffHomePage.tsx'] },
];

export interface ManifestChunk {
  file: string;
  src?: string;
  isEntry?: boolean;
  isDynamicEntry?: boolean;
  imports?: string[];
  dynamicImports?: string[];
  css?: string[];
}
export type Manifest = Record<string, ManifestChunk>;

export interface Sizes {
  files: number;
  raw: number;
  gzip: number;
  brotli: number;
}

export function build(outDir: string) {
  const started = Date.now();
  const res = spawnSync(process.execPath, [path.join(root, 'node_modules/vite/bin/vite.js'), 'build', '--logLevel', 'warn'], {
    cwd: root,
    stdio: 'inherit',
    // A production build whoever runs it (vitest sets NODE_ENV=test, which would give React's development build).
    env: { ...process.env, NODE_ENV: 'production', WEB_DIST: outDir, WEB_MANIFEST: '1' },
  });
  if (res.status !== 0) throw new Error('vite build failed');
  return Date.now() - started;
}

/** Source module (absolute path) → the manifest key of the chunk that holds it, from each chunk's source map. */
export function moduleChunks(outDir: string, manifest: Manifest): Map<string, string> {
  const byModule = new Map<string, string>();
  for (const [key, chunk] of Object.entries(manifest)) {
    if (!chunk.file.endsWith('.js')) continue;
    const mapFile = path.join(outDir, `${chunk.file}.map`);
    if (!fs.existsSync(mapFile)) continue;
    const map = JSON.parse(fs.readFileSync(mapFile, 'utf8')) as { sources: string[]; sourceRoot?: string };
    const base = path.dirname(mapFile);
    for (const s of map.sources) byModule.set(path.resolve(base, map.sourceRoot ?? '', s), key);
  }
  return byModule;
}

/** The chunk and every chunk it imports statically, transitively (what the browser fetches to run it). */
export function staticClosure(manifest: Manifest, key: string, into: Set<string>) {
  if (into.has(key)) return;
  into.add(key);
  for (const k of manifest[key]?.imports ?? []) staticClosure(manifest, k, into);
}

const sizeCache = new Map<string, { raw: number; gzip: number; brotli: number }>();
export function fileSize(outDir: string, file: string) {
  let s = sizeCache.get(file);
  if (!s) {
    const buf = fs.readFileSync(path.join(outDir, file));
    s = {
      raw: buf.length,
      gzip: zlib.gzipSync(buf, { level: 9 }).length,
      brotli: zlib.brotliCompressSync(buf, { params: { [zlib.constants.BROTLI_PARAM_QUALITY]: 11, [zlib.constants.BROTLI_PARAM_SIZE_HINT]: buf.length } })
        .length,
    };
    sizeCache.set(file, s);
  }
  return s;
}

export function total(outDir: string, files: Iterable<string>): Sizes {
  const t: Sizes = { files: 0, raw: 0, gzip: 0, brotli: 0 };
  for (const f of files) {
    const s = fileSize(outDir, f);
    t.files += 1;
    t.raw += s.raw;
    t.gzip += s.gzip;
    t.brotli += s.brotli;
  }
  return t;
}

const B64 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';

/** Minified bytes of a chunk attributed to each source (by its source map's mappings), packages grouped by name. */
export function bytesBySource(outDir: string, file: string, into: Map<string, number>) {
  const mapFile = path.join(outDir, `${file}.map`);
  if (!fs.existsSync(mapFile)) {
    into.set(`(${path.basename(file)})`, (into.get(`(${path.basename(file)})`) ?? 0) + fs.statSync(path.join(outDir, file)).size);
    return;
  }
  const code = fs.readFileSync(path.join(outDir, file), 'utf8').split('\n');
  const map = JSON.parse(fs.readFileSync(mapFile, 'utf8')) as { sources: string[]; mappings: string };
  const name = (s: string) => {
    const abs = path.resolve(path.dirname(path.join(outDir, file)), s);
    const nm = abs.lastIndexOf('node_modules/');
    if (nm >= 0) {
      const rest = abs.slice(nm + 'node_modules/'.length).split('/');
      return `npm:${rest[0].startsWith('@') ? `${rest[0]}/${rest[1]}` : rest[0]}`;
    }
    return path.relative(root, abs);
  };
  let source = 0;
  map.mappings.split(';').forEach((line, lineNo) => {
    let col = 0;
    const segments: { col: number; source: number }[] = [];
    for (const seg of line.split(',')) {
      if (!seg) continue;
      const fields: number[] = [];
      let value = 0;
      let shift = 0;
      for (const ch of seg) {
        const digit = B64.indexOf(ch);
        value += (digit & 31) << shift;
        if (digit & 32) shift += 5;
        else {
          fields.push(value & 1 ? -(value >>> 1) : value >>> 1);
          value = 0;
          shift = 0;
        }
      }
      col += fields[0];
      if (fields.length > 1) source += fields[1];
      segments.push({ col, source: fields.length > 1 ? source : -1 });
    }
    const text = code[lineNo] ?? '';
    segments.forEach((s, i) => {
      const end = i + 1 < segments.length ? segments[i + 1].col : text.length;
      const key = s.source >= 0 ? name(map.sources[s.source]) : '(generated)';
      into.set(key, (into.get(key) ?? 0) + Buffer.byteLength(text.slice(s.col, end)));
    });
  });
}

export interface RouteLoad {
  path: string;
  what: string;
  /** Citizen route (the budget applies) or the back office (for comparison only). */
  citizen: boolean;
  js: Sizes;
  css: Sizes;
}

/** Each route's first load in a build made by `build` (its folder holds `.vite/manifest.json` and the source maps). */
export function measureRoutes(outDir: string): { manifest: Manifest; entryKey: string; chunkOf: Map<string, string>; routes: RouteLoad[] } {
  const manifest = JSON.parse(fs.readFileSync(path.join(outDir, '.vite/manifest.json'), 'utf8')) as Manifest;
  const entryKey = Object.keys(manifest).find((k) => manifest[k].isEntry);
  if (!entryKey) throw new Error('no entry chunk in the manifest');
  const chunkOf = moduleChunks(outDir, manifest);
  const routes: RouteLoad[] = [];
  for (const route of ROUTES) {
    const keys = new Set<string>();
    staticClosure(manifest, entryKey, keys);
    for (const m of route.modules) {
      const key = chunkOf.get(path.join(webRoot, m));
      if (!key) throw new Error(`${m}: not found in any chunk's source map (is the route table up to date?)`);
      staticClosure(manifest, key, keys);
    }
    const js = new Set<string>();
    const css = new Set<string>();
    for (const k of keys) {
      js.add(manifest[k].file);
      for (const c of manifest[k].css ?? []) css.add(c);
    }
    routes.push({ path: route.path, what: route.what, citizen: !route.path.startsWith('/can-bo'), js: total(outDir, js), css: total(outDir, css) });
  }
  return { manifest, entryKey, chunkOf, routes };
}

/** The aim of issue 18 (item 6): a citizen's first load, JavaScript, gzip, at most this many bytes on every citizen route. */
export const CITIZEN_FIRST_LOAD_GZIP_BUDGET = 150_000;
