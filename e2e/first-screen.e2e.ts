/**
 * The first screen of every citizen page (issue 18): on a 360×740 phone, the page's heading (h1) and its primary
 * action are visible without scrolling — their boxes end within the first 740 px. The pages and their primary
 * actions are listed in e2e/citizen-pages.ts (the screenshot script uses the same list). All 14 pages are checked:
 * the review page leads with its summary and "Nộp hồ sơ", the document store with its first document's actions
 * (docs/portal.md, "First screen"); the store with documents is checked in e2e/results.e2e.ts, since the demo
 * mother's store is empty here.
 */
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { Browser, BrowserContext, Locator, Page } from 'playwright-core';
import { launchBrowser } from './browser.ts';
import { CITIZEN_PAGES, prepareCitizen, type CitizenIds } from './citizen-pages.ts';

const VIEWPORT = { width: 360, height: 740 };

async function bottomOf(l: Locator): Promise<number | null> {
  await l.waitFor({ state: 'visible', timeout: 15_000 });
  const box = await l.boundingBox();
  return box ? box.y + box.height : null;
}

describe('first screen of each citizen page at 360×740', () => {
  let browser: Browser;
  let signedIn: BrowserContext;
  let anonymous: BrowserContext;
  let ids: CitizenIds;
  const baseUrl = inject('baseUrl');
  beforeAll(async () => {
    browser = await launchBrowser();
    signedIn = await browser.newContext({ viewport: VIEWPORT });
    anonymous = await browser.newContext({ viewport: VIEWPORT });
    ids = await prepareCitizen(await signedIn.newPage(), baseUrl);
  }, 120_000);
  afterAll(async () => browser?.close());

  for (const p of CITIZEN_PAGES)
    it(`${p.title}: h1 and ${p.primaryName} without scrolling`, async () => {
      const page: Page = await (p.signedIn ? signedIn : anonymous).newPage();
      try {
        await page.goto(`${baseUrl}${p.path(ids)}`);
        const h1 = page.locator('h1').first();
        const h1Bottom = await bottomOf(h1);
        const primaryBottom = await bottomOf(p.primary(page));
        // Nothing scrolled on the way (focus moves to the h1 on load; it must not carry the page down).
        expect(await page.evaluate(() => window.scrollY)).toBe(0);
        expect(h1Bottom, `h1 "${await h1.textContent()}" ends at ${h1Bottom}px`).not.toBeNull();
        expect(h1Bottom!).toBeLessThanOrEqual(VIEWPORT.height);
        expect(primaryBottom, `${p.primaryName} ends at ${primaryBottom}px`).not.toBeNull();
        expect(primaryBottom!, `${p.primaryName} ends at ${primaryBottom}px (first screen: ${VIEWPORT.height}px)`).toBeLessThanOrEqual(VIEWPORT.height);
      } finally {
        await page.close();
      }
    }, 60_000);
});
