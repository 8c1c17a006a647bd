/**
 * The citizen's first load stays light (issue 18, item 6): on every citizen route, the JavaScript the browser fetches
 * before the page can show is at most 150 kB gzip. Builds the web app into a temporary folder with its manifest and
 * measures each route as `npm run bench:web` does (bench/web-size-measure.ts: the entry chunk with its static
 * imports plus the page's on-demand chunk, each file gzipped on its own).
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { build, CITIZEN_FIRST_LOAD_GZIP_BUDGET, measureRoutes } from '../bench/web-size-measure.ts';

describe('citizen first-load JavaScript budget', () => {
  const outDir = fs.mkdtempSync(path.join(os.tmpdir(), 'motcua-web-budget-'));
  afterAll(() => fs.rmSync(outDir, { recursive: true, force: true }));

  it('keeps every citizen route at or under 150 kB gzip', { timeout: 300_000 }, () => {
    build(outDir);
    const { routes } = measureRoutes(outDir);
    const citizen = routes.filter((r) => r.citizen);
    expect(citizen.map((r) => r.path)).toEqual(
      expect.arrayContaining(['/', '/ho-so-nhap/:id', '/ho-so-cua-toi/:id', '/tra-cuu', '/kho-du-lieu', '/thanh-toan/:id']),
    );
    const over = citizen.filter((r) => r.js.gzip > CITIZEN_FIRST_LOAD_GZIP_BUDGET).map((r) => `${r.path} ${(r.js.gzip / 1000).toFixed(1)} kB`);
    expect(over, 'citizen routes over the budget (npm run bench:web -- --top 30 --route <route> breaks one down)').toEqual([]);
    // The measure is real: the back office (not held to the budget) is far heavier than the home page.
    const home = routes.find((r) => r.path === '/');
    const office = routes.find((r) => r.path === '/can-bo');
    expect(home && office && office.js.gzip > home.js.gzip).toBe(true);
  });
});
