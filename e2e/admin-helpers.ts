/**
 * Helpers of the administration browser test: logging in on the back-office form (with the second factor when
 * asked), the page's confirmation live region, accessibility and width checks, and a free weekday of next year for
 * a compensatory day off.
 */
import fs from 'node:fs';
import path from 'node:path';
import type { BrowserContext, Page } from 'playwright-core';
import { expect } from 'vitest';
import { addDaysIso, buildCalendar, calendarMap, isWeekend, parseHolidayData } from '../src/core/calendar/holidays.ts';
import { describeViolations, seriousAxeViolations } from './browser.ts';

export const ADMIN_PASSWORD = 'MotCua@2025';

const root = path.resolve(import.meta.dirname, '..');

/** Logs in on the login form shown at the current address; `totp` gives the code when the account asks for one. */
export async function adminLogin(page: Page, username: string, opts: { password?: string; fullName: string; totp?: () => string }): Promise<void> {
  await page.getByRole('heading', { level: 1, name: 'Đăng nhập cán bộ' }).waitFor();
  await page.getByLabel('Tên đăng nhập').fill(username);
  await page.getByLabel('Mật khẩu').fill(opts.password ?? ADMIN_PASSWORD);
  await page.getByRole('button', { name: 'Đăng nhập', exact: true }).click();
  if (opts.totp) {
    const code = page.getByLabel(/Mã xác thực/);
    await code.waitFor();
    await code.fill(opts.totp());
    await page.getByRole('button', { name: 'Đăng nhập', exact: true }).click();
  }
  await page.getByTestId('staff-name').filter({ hasText: opts.fullName }).waitFor();
}

/** Waits until the page's confirmation live region says `text`. */
export async function expectAnnounced(page: Page, text: string | RegExp): Promise<string> {
  const region = page.getByTestId('admin-announcement');
  await expect
    .poll(async () => (await region.textContent()) ?? '', { timeout: 15_000 })
    .toMatch(typeof text === 'string' ? new RegExp(text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')) : text);
  return (await region.textContent()) ?? '';
}

export async function expectAccessible(page: Page): Promise<void> {
  const v = await seriousAxeViolations(page);
  expect(v, describeViolations(v)).toEqual([]);
}

export async function expectNoHorizontalScroll(page: Page): Promise<void> {
  expect(await page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth)).toBe(true);
}

/** Checks the page with axe-core, and at phone width (360 px) for horizontal scrolling too. */
export async function checkPage(page: Page): Promise<void> {
  await expectAccessible(page);
  const size = page.viewportSize();
  await page.setViewportSize({ width: 360, height: 740 });
  await expectNoHorizontalScroll(page);
  await expectAccessible(page);
  if (size) await page.setViewportSize(size);
}

/** A weekday of next year, from mid-July on, that the holiday rules leave as a working day (so it can be a day off). */
export function freeWeekdayNextYear(): string {
  const data = parseHolidayData(JSON.parse(fs.readFileSync(path.join(root, 'data/holidays.json'), 'utf8')));
  const year = new Date(Date.now() + 7 * 3_600_000).getUTCFullYear() + 1;
  const taken = calendarMap(buildCalendar(data, [year]));
  let day = `${year}-07-15`;
  while (isWeekend(day) || taken.has(day)) day = addDaysIso(day, 1);
  return day;
}

/** dd/mm/yyyy, as the pages show a day. */
export const shownDay = (iso: string) => `${iso.slice(8, 10)}/${iso.slice(5, 7)}/${iso.slice(0, 4)}`;

/** A state-changing API call from the browser context's session (the CSRF token from its cookie). */
export async function contextApi(
  context: BrowserContext,
  baseUrl: string,
  method: string,
  url: string,
  body?: unknown,
): Promise<{ status: number; json: unknown }> {
  const cookies = await context.cookies(baseUrl);
  const csrf = decodeURIComponent(cookies.find((c) => c.name === 'motcua_csrf')?.value ?? '');
  const res = await context.request.fetch(`${baseUrl}${url}`, {
    method,
    headers: { 'content-type': 'application/json', 'x-csrf-token': csrf },
    data: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await res.text();
  return { status: res.status(), json: text ? JSON.parse(text) : undefined };
}
