/**
 * Screenshots of every citizen page at 360 px (issue 18): `npm run screenshots`.
 *
 * Starts the app as the browser tests do (e2e/global-setup.ts: a fresh build, embedded PGlite, demo data), logs in as
 * the demo mother where a page needs it (e2e/citizen-pages.ts makes a draft, a submitted dossier and a payment
 * attempt), and writes docs/screenshots/<page>.png (the first screen, 360×740) and <page>-full.png (the whole page,
 * for pages longer than two screens), with the index docs/screenshots/README.md. Needs Debian chromium, as the
 * browser tests do.
 */
import fs from 'node:fs';
import path from 'node:path';
import type { TestProject } from 'vitest/node';
import { launchBrowser } from '../e2e/browser.ts';
import { CITIZEN_PAGES, prepareCitizen } from '../e2e/citizen-pages.ts';
import setup from '../e2e/global-setup.ts';

const OUT = path.resolve(import.meta.dirname, '../docs/screenshots');
const VIEWPORT = { width: 360, height: 740 };

async function main() {
  let baseUrl = '';
  const teardown = await setup({
    provide: (_key: string, value: string) => {
      baseUrl = value;
    },
  } as unknown as TestProject);
  const browser = await launchBrowser();
  try {
    fs.mkdirSync(OUT, { recursive: true });
    for (const f of fs.readdirSync(OUT)) if (f.endsWith('.png')) fs.rmSync(path.join(OUT, f));
    const signedIn = await browser.newContext({ viewport: VIEWPORT, deviceScaleFactor: 1 });
    const anonymous = await browser.newContext({ viewport: VIEWPORT, deviceScaleFactor: 1 });
    const ids = await prepareCitizen(await signedIn.newPage(), baseUrl);
    const rows: string[] = [];
    for (const p of CITIZEN_PAGES) {
      const page = await (p.signedIn ? signedIn : anonymous).newPage();
      await page.goto(`${baseUrl}${p.path(ids)}`);
      await page.locator('h1').first().waitFor();
      await p
        .primary(page)
        .waitFor({ timeout: 15_000 })
        .catch(() => undefined);
      await page.waitForLoadState('networkidle').catch(() => undefined);
      // The caret and the focus ring of the focused h1 are not part of the page.
      await page.evaluate(() => (document.activeElement as HTMLElement | null)?.blur());
      await page.screenshot({ path: path.join(OUT, `${p.key}.png`) });
      const height = await page.evaluate(() => document.documentElement.scrollHeight);
      const full = height > VIEWPORT.height * 2;
      if (full) await page.screenshot({ path: path.join(OUT, `${p.key}-full.png`), fullPage: true });
      rows.push(
        `| ${p.title} | \`${p.path({ draftId: ':id', reviewStep: 0, dossierId: ':id', dossierCode: '', paymentId: ':id' }).replace('?buoc=0', '?buoc=…')}\` | ${p.signedIn ? 'mẹ (demo)' : '—'} | ${Math.round((height / VIEWPORT.height) * 10) / 10} | [màn đầu](${p.key}.png)${full ? ` · [cả trang](${p.key}-full.png)` : ''} |`,
      );
      await page.close();
      console.log(`${p.key}: ${height}px`);
    }
    fs.writeFileSync(
      path.join(OUT, 'README.md'),
      `# Screenshots at 360 px

Every citizen page on a 360×740 phone screen, made by \`npm run screenshots\` (scripts/screenshots.ts) from the
running app with the demo data: the first screen of each page, and the whole page where it is longer than two
screens. Run it again after a change to the interface and commit the images. The same pages are checked by
\`e2e/first-screen.e2e.ts\` (heading and primary action within the first screen).

Made on ${new Date().toISOString().slice(0, 10)}.

| Page | Address | Signed in | Length (screens) | Images |
|---|---|---|---|---|
${rows.join('\n')}
`,
    );
  } finally {
    await browser.close();
    await teardown();
  }
}

await main();
