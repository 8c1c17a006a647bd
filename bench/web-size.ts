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
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { build, bytesBySource, CITIZEN_FIRST_LOAD_GZIP_BUDGET, measureRoutes, ROUTES, type Sizes, staticClosure, total, webRoot } from './web-size-measure.ts';

const { values: args } = parseArgs({
  options: { json: { type: 'boolean', default: false }, keep: { type: 'boolean', default: false }, top: { type: 'string' }, route: { type: 'string' } },
});

const kb = (n: number) => `${(n / 1000).toFixed(1).padStart(7)} kB`;
const row = (s: Sizes) => `${kb(s.raw)} ${kb(s.gzip)} ${kb(s.brotli)} ${String(s.files).padStart(5)}`;

const outDir = fs.mkdtempSync(path.join(os.tmpdir(), 'motcua-bench-web-'));
try {
  const ms = build(outDir);
  const { manifest, entryKey, chunkOf, routes: results } = measureRoutes(outDir);

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
  const over = results.filter((r) => r.citizen && r.js.gzip > CITIZEN_FIRST_LOAD_GZIP_BUDGET);
  console.log(
    `\nBudget (issue 18): citizen first-load JS ≤ ${kb(CITIZEN_FIRST_LOAD_GZIP_BUDGET).trim()} gzip — ${over.length === 0 ? 'every citizen route within' : `over: ${over.map((r) => r.path).join(', ')}`}`,
  );
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
