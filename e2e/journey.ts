/** Shared steps of citizen journeys in the browser. */
import type { Page } from 'playwright-core';
import { expect } from 'vitest';
import { describeViolations, seriousAxeViolations } from './browser.ts';

/** Logs in through the e-ID stand-in's own pages, starting from the portal header. */
export async function loginWithEid(page: Page, baseUrl: string, idNumber: string, password = '123456'): Promise<void> {
  await page.goto(baseUrl);
  await page.locator('header').getByRole('link', { name: 'Đăng nhập' }).click();
  await page.waitForURL(/\/eid\/interaction\//);
  await page.getByLabel('Số định danh cá nhân').fill(idNumber);
  await page.getByLabel('Mật khẩu').fill(password);
  await page.getByRole('button', { name: 'Đăng nhập', exact: true }).click();
  await page.waitForURL((url) => url.origin === new URL(baseUrl).origin && !url.pathname.startsWith('/eid/') && !url.pathname.startsWith('/auth/'));
  await page.locator('header').getByRole('link', { name: 'Hồ sơ của tôi' }).waitFor();
}

export async function expectAccessible(page: Page): Promise<void> {
  const v = await seriousAxeViolations(page);
  expect(v, describeViolations(v)).toEqual([]);
}
