/**
 * bench/web-size — what a citizen's browser downloads before the first page of the web app can show.
 *
 *   1. Builds the web app with Vite into a temporary folder (WEB_DIST, as e2e/global-setup.ts does) with
 *      WEB_MANIFEST=1, so Vite also writes `.vite/manifest.json`; the default build is unchanged.
 *   2. For each route below, the first load is the entry chunk (index.html's script) with its static imports, plus,
 *      when the route's page lives in a chunk loaded on demand (React.lazy), that chunk with its static imports.
 *      Which chunk holds a page is read from the chunks' source maps (every module is in exactly one chunk); which
 *      chunks a chunk imports and which CSS it brings, from the manifest.
 *   3. Prints, per route, the JavaScript and the CSS of that first load: raw bytes, gzip (level 9, node:zlib) and
 *      brotli (quality 11) — each file compressed on its own, as a server sends it — and the number of files; then
 *      the whole build's JavaScript for comparison.
 *
 * Usage: npm run bench:web [-- --json] [-- --keep] [-- --top 25]
 *   --json  also print the figures as JSON (to compare runs)
 *   --keep  keep the build folder (its path is printed)
 *   --top N also print the N source files (or packages) that weigh most in the home page's first load, measured
 *           in minified bytes attributed through the source maps
 *   --route P with --top: the route (as printed, e.g. /ho-so-nhap/:id) whose first load is broken down instead
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import zlib from 'node:zlib';

const { values: args } = parseArgs({
  options: { json: { type: 'boolean', default: false }, keep: { type: 'boolean', default: false }, top: { type: 'string' }, route: { type: 'string' } },
});

const root = path.resolve(import.meta.dirname, '..');
const webRoot = path.join(root, 'src/web');

/** The routes measured, with the modules (relative to src/web) that must be loaded to show them. */
const ROUTES: { path: string; what: string; modules: string[] }[] = [
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

interface ManifestChunk {
  file: string;
  src?: string;
  isEntry?: boolean;
  isDynamicEntry?: boolean;
  imports?: string[];
  dynamicImports?: string[];
  css?: string[];
}
type Manifest = Record<string, ManifestChunk>;

interface Sizes {
  files: number;
  raw: number;
  gzip: number;
  brotli: number;
}

function build(outDir: string) {
  const started = Date.now();
  const res = spawnSync(process.execPath, [path.join(root, 'node_modules/vite/bin/vite.js'), 'build', '--logLevel', 'warn'], {
    cwd: root,
    stdio: 'inherit',
    env: { ...process.env, WEB_DIST: outDir, WEB_MANIFEST: '1' },
  });
  if (res.status !== 0) throw new Error('vite build failed');
  return Date.now() - started;
}

/** Source module (absolute path) → the manifest key of the chunk that holds it, from each chunk's source map. */
function moduleChunks(outDir: string, manifest: Manifest): Map<string, string> {
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
function staticClosure(manifest: Manifest, key: string, into: Set<string>) {
  if (into.has(key)) return;
  into.add(key);
  for (const k of manifest[key]?.imports ?? []) staticClosure(manifest, k, into);
}

const sizeCache = new Map<string, { raw: number; gzip: number; brotli: number }>();
function fileSize(outDir: string, file: string) {
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

function total(outDir: string, files: Iterable<string>): Sizes {
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
function bytesBySource(outDir: string, file: string, into: Map<string, number>) {
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

const kb = (n: number) => `${(n / 1000).toFixed(1).padStart(7)} kB`;
const row = (s: Sizes) => `${kb(s.raw)} ${kb(s.gzip)} ${kb(s.brotli)} ${String(s.files).padStart(5)}`;

const outDir = fs.mkdtempSync(path.join(os.tmpdir(), 'motcua-bench-web-'));
try {
  const ms = build(outDir);
  const manifest = JSON.parse(fs.readFileSync(path.join(outDir, '.vite/manifest.json'), 'utf8')) as Manifest;
  const entryKey = Object.keys(manifest).find((k) => manifest[k].isEntry);
  if (!entryKey) throw new Error('no entry chunk in the manifest');
  const chunkOf = moduleChunks(outDir, manifest);

  const results: { path: string; what: string; js: Sizes; css: Sizes }[] = [];
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
    results.push({ path: route.path, what: route.what, js: total(outDir, js), css: total(outDir, css) });
  }

  const allJs = total(
    outDir,
    new Set(
      Object.values(manifest)
        .map((c) => c.file)
        .filter((f) => f.endsWith('.js')),
    ),
  );
  const allCss = total(outDir, new Set(Object.values(manifest).flatMap((c) => c.css ?? [])));

  console.log(`vite build: ${(ms / 1000).toFixed(1)} s, ${Object.keys(manifest).length} manifest entries, entry ${manifest[entryKey].file}`);
  console.log('First load per route: the entry chunk with its static imports, plus the on-demand chunk(s) of the page.');
  console.log('kB = 1000 bytes; gzip: level 9; brotli: quality 11; each file compressed on its own.\n');
  const head = `${'route'.padEnd(22)} ${'page'.padEnd(30)} ${'JS raw'.padStart(10)} ${'gzip'.padStart(10)} ${'brotli'.padStart(10)} files | ${'CSS raw'.padStart(10)} ${'gzip'.padStart(10)} ${'brotli'.padStart(10)} files`;
  console.log(head);
  console.log('-'.repeat(head.length));
  for (const r of results) console.log(`${r.path.padEnd(22)} ${r.what.padEnd(30)} ${row(r.js)} | ${row(r.css)}`);
  console.log('-'.repeat(head.length));
  console.log(`${'whole build'.padEnd(22)} ${'every chunk'.padEnd(30)} ${row(allJs)} | ${row(allCss)}`);
  if (args.top) {
    const keys = new Set<string>();
    staticClosure(manifest, entryKey, keys);
    const route = ROUTES.find((r) => r.path === (args.route ?? '/')) ?? ROUTES[0];
    for (const m of route.modules) {
      const chunkKey = chunkOf.get(path.join(webRoot, m));
      if (chunkKey) staticClosure(manifest, chunkKey, keys);
    }
    const bySource = new Map<string, number>();
    for (const k of keys) bytesBySource(outDir, manifest[k].file, bySource);
    const sum = [...bySource.values()].reduce((a, b) => a + b, 0);
    console.log(`\n${route.path} (${route.what}) first load by source (minified bytes, ${kb(sum).trim()} attributed):`);
    for (const [src, n] of [...bySource].sort((a, b) => b[1] - a[1]).slice(0, Number(args.top))) console.log(`${kb(n)}  ${src}`);
  }
  if (args.json) console.log(JSON.stringify({ routes: results, all: { js: allJs, css: allCss } }, null, 2));
} finally {
  if (args.keep) console.log(`\nbuild kept in ${outDir}`);
  else fs.rmSync(outDir, { recursive: true, force: true });
}
