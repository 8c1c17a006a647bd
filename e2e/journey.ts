/** Shared steps of citizen journeys in the browser. */
import type { Locator, Page } from 'playwright-core';
import { expect } from 'vitest';
import { describeViolations, seriousAxeViolations } from './browser.ts';

/**
 * The portal header with its links shown: on a phone (≤ 600 px) they are behind the "Menu" button, which is opened
 * here first; on wider screens they are always visible. Use it for every header link of the citizen portal.
 */
export async function headerNav(page: Page): Promise<Locator> {
  const header = page.locator('header');
  await header.getByTestId('portal-identity').waitFor();
  const menu = header.getByRole('button', { name: /^(Menu)$/ });
  if ((await menu.isVisible()) && (await menu.getAttribute('aria-expanded')) !== 'true') await menu.click();
  return header;
}

/** Logs in through the e-ID stand-in's own pages, starting from the portal header. */
export async function loginWithEid(page: Page, baseUrl: string, idNumber: string, password = '123456'): Promise<void> {
  await page.goto(baseUrl);
  await (await headerNav(page)).getByRole('link', { name: 'Đăng nhập' }).click();
  await page.waitForURL(/\/eid\/interaction\//);
  await page.getByLabel('Số định danh cá nhân').fill(idNumber);
  await page.getByLabel('Mật khẩu').fill(password);
  await page.getByRole('button', { name: 'Đăng nhập', exact: true }).click();
  await page.waitForURL((url) => url.origin === new URL(baseUrl).origin && !url.pathname.startsWith('/eid/') && !url.pathname.startsWith('/auth/'));
  // Present once the session is known (behind the menu on a phone).
  await page.locator('header').getByRole('link', { name: 'Hồ sơ của tôi', includeHidden: true }).waitFor({ state: 'attached' });
}

export async function expectAccessible(page: Page): Promise<void> {
  const v = await seriousAxeViolations(page);
  expect(v, describeViolations(v)).toEqual([]);
}
