import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { describeViolations, launchBrowser, seriousAxeViolations } from './browser.ts';

describe('web app shell', () => {
  let browser: Browser;
  const baseUrl = inject('baseUrl');
  beforeAll(async () => {
    browser = await launchBrowser();
  });
  afterAll(async () => browser?.close());

  it('renders the home page in Vietnamese on a 360 px phone, with no serious accessibility violations', async () => {
    const page = await browser.newPage({ viewport: { width: 360, height: 740 } });
    await page.goto(baseUrl);
    await expect(page.locator('h1').first().textContent()).resolves.toContain('Dịch vụ công');
    expect(await page.getAttribute('html', 'lang')).toBe('vi');
    const violations = await seriousAxeViolations(page);
    expect(violations, describeViolations(violations)).toEqual([]);
    await page.close();
  });
});
