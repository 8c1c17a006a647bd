/**
 * Helpers of the back-office browser tests: the server's business clock (POST /api/dev/clock), the working-day
 * calendar of data/holidays.json (the one the server seeds), officials logging in and out of /can-bo, and the
 * citizen's online birth registration.
 */
import fs from 'node:fs';
import path from 'node:path';
import type { Locator, Page } from 'playwright-core';
import { expect } from 'vitest';
import { addDaysIso, buildCalendar, calendarMap, isWorkingDay, parseHolidayData, weekday } from '../src/core/calendar/holidays.ts';
import { workCalendar, workingHoursFrom, type WorkCalendar } from '../src/core/deadlines/deadlines.ts';
import { DEMO_OFFICIALS } from '../src/server/modules/officials/demo-officials.ts';
import { tinyPdf } from '../src/server/testing/pdf.ts';
import { expectAccessible } from './journey.ts';

const root = path.resolve(import.meta.dirname, '..');
const holidayData = parseHolidayData(JSON.parse(fs.readFileSync(path.join(root, 'data/holidays.json'), 'utf8')));

export const STAFF_PASSWORD = 'MotCua@2025';

/** The working calendar the server uses (calendar rows generated from data/holidays.json, default working hours). */
export function workingCalendar(): WorkCalendar {
  const year = new Date().getUTCFullYear();
  return workCalendar(calendarMap(buildCalendar(holidayData, [year - 1, year, year + 1, year + 2])), workingHoursFrom(holidayData.workingTime));
}

/** Today in Vietnam, yyyy-mm-dd. */
const vnToday = () => new Date(Date.now() + 7 * 3_600_000).toISOString().slice(0, 10);

/** The first Tuesday at least `minDays` days ahead that is a working day (not a holiday or day off). */
export function workingTuesdayAhead(minDays: number, cal: WorkCalendar = workingCalendar()): string {
  let day = addDaysIso(vnToday(), minDays);
  while (weekday(day) !== 2 || !isWorkingDay(day, cal.days)) day = addDaysIso(day, 1);
  return day;
}

/** The next working day after `day`. */
export function nextWorkingDay(day: string, cal: WorkCalendar = workingCalendar()): string {
  let d = addDaysIso(day, 1);
  while (!isWorkingDay(d, cal.days)) d = addDaysIso(d, 1);
  return d;
}

/** "2026-03-10", "08:30" → the instant in Vietnam time, ISO with offset. */
export const vnInstant = (day: string, hhmm: string) => `${day}T${hhmm}:00+07:00`;

/** What the back office and the citizen's page show for an instant: "17:30 ngày 10/03/2026" (Vietnam time). */
export function vnShown(at: Date | string): string {
  const v = new Date(new Date(at).getTime() + 7 * 3_600_000).toISOString();
  return `${v.slice(11, 16)} ngày ${v.slice(8, 10)}/${v.slice(5, 7)}/${v.slice(0, 4)}`;
}

/**
 * Sets the server's business clock (development/test only). The route is a state-changing request, so it carries
 * the CSRF double-submit token minted by any GET.
 */
export async function setClock(baseUrl: string, at: string, frozen = true): Promise<void> {
  const first = await fetch(`${baseUrl}/api/dev/clock`);
  const cookie = first.headers
    .getSetCookie()
    .map((c) => c.split(';')[0])
    .find((c) => c.startsWith('motcua_csrf='));
  if (!cookie) throw new Error('no CSRF cookie from the server');
  const token = decodeURIComponent(cookie.slice('motcua_csrf='.length));
  const res = await fetch(`${baseUrl}/api/dev/clock`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', cookie, 'x-csrf-token': token },
    body: JSON.stringify({ at, frozen }),
  });
  if (!res.ok) throw new Error(`setting the clock failed: ${res.status} ${await res.text()}`);
}

/** The demo official's username from the full name the dossier page shows as assignee. */
export function usernameOf(fullName: string): string {
  const o = DEMO_OFFICIALS.find((x) => x.fullName === fullName.trim());
  if (!o) throw new Error(`no demo official named "${fullName}"`);
  return o.username;
}

/** Logs in on the back-office login form shown at the current address; stays on that page. */
export async function staffLogin(page: Page, username: string): Promise<void> {
  await page.getByRole('heading', { level: 1, name: 'Đăng nhập cán bộ' }).waitFor();
  await page.getByLabel('Tên đăng nhập').fill(username);
  await page.getByLabel('Mật khẩu').fill(STAFF_PASSWORD);
  await page.getByRole('button', { name: 'Đăng nhập', exact: true }).click();
  const name = DEMO_OFFICIALS.find((o) => o.username === username)!.fullName;
  await page.getByTestId('staff-name').filter({ hasText: name }).waitFor();
}

export async function staffLogout(page: Page): Promise<void> {
  await page.locator('header').getByRole('button', { name: 'Đăng xuất' }).click();
  await page.getByRole('heading', { level: 1, name: 'Đăng nhập cán bộ' }).waitFor();
}

/** Logs out and back in as another official on the same page. */
export async function switchOfficial(page: Page, username: string): Promise<void> {
  await staffLogout(page);
  await staffLogin(page, username);
}

/** The action panel of the dossier page. */
export const actionPanel = (page: Page): Locator => page.locator('section.action-panel');

/**
 * Performs one action from the dossier page's panel: opens its form, lets `fill` fill it, checks the page with
 * axe-core while the form and then the confirmation are open, confirms, and waits for the announced outcome.
 */
export async function performAction(page: Page, actionName: string, fill: (form: Locator) => Promise<void> = async () => undefined): Promise<string> {
  const panel = actionPanel(page);
  await panel.getByRole('button', { name: actionName, exact: true }).click();
  const form = panel.locator('form.action-form');
  await form.waitFor();
  await fill(form);
  await expectAccessible(page);
  await form.getByRole('button', { name: 'Tiếp tục' }).click();
  await form.getByRole('heading', { name: `Xác nhận "${actionName}"`, exact: false }).waitFor();
  await expectAccessible(page);
  await form.getByRole('button', { name: 'Xác nhận', exact: true }).click();
  const announcement = page.getByTestId('announcement');
  await expect.poll(async () => (await announcement.textContent()) ?? '', { timeout: 15_000 }).toContain(`Đã thực hiện: ${actionName}.`);
  return (await announcement.textContent()) ?? '';
}

/** A small but complete one-page PDF (scans must be readable: the paper-conversion mark is drawn on them). */
export const smallPdf = tinyPdf;

/**
 * The citizen (already logged in) submits a birth registration online with the prefilled data and one attached
 * birth certificate; returns the dossier's id and code from the confirmation page.
 */
export async function submitBirthRegistration(page: Page, baseUrl: string): Promise<{ id: string; code: string }> {
  await page.goto(`${baseUrl}/nop-ho-so/1.001193`); // the date of birth decides the case: straight to the form
  await page.getByRole('heading', { level: 1, name: 'Thông tin trẻ được đăng ký khai sinh' }).waitFor();
  await page.locator('#f-noiSinhTre').fill('Trạm Y tế xã Phú Riềng');
  await page.getByRole('button', { name: 'Tiếp tục' }).click();
  await page.getByRole('heading', { level: 1, name: 'Thông tin người mẹ' }).waitFor();
  await page.getByRole('button', { name: 'Tiếp tục' }).click();
  await page.getByRole('heading', { level: 1, name: 'Thông tin người cha' }).waitFor();
  await page.getByRole('button', { name: 'Tiếp tục' }).click();
  await page.getByRole('heading', { level: 1, name: 'Người đi đăng ký và liên hệ' }).waitFor();
  await page.locator('#f-quanHeVoiTre').selectOption('me');
  await page.getByRole('button', { name: 'Tiếp tục' }).click();
  await page.getByRole('heading', { level: 1, name: 'Giấy tờ kèm theo' }).waitFor();
  await page.locator('#f-doc-GCS').setInputFiles({ name: 'giay-chung-sinh.pdf', mimeType: 'application/pdf', buffer: smallPdf('giay chung sinh') });
  await page.getByText('✓ Đã có').first().waitFor();
  await page.getByRole('button', { name: 'Tiếp tục' }).click();
  await page.getByRole('heading', { level: 1, name: 'Liên hệ và nhận kết quả' }).waitFor();
  await page.getByRole('button', { name: 'Tiếp tục' }).click();
  await page.getByRole('heading', { level: 1, name: 'Kiểm tra thông tin' }).waitFor();
  await page.getByRole('button', { name: 'Nộp hồ sơ' }).click();
  await page.getByRole('heading', { level: 1, name: 'Đã nộp hồ sơ thành công' }).waitFor();
  const code = (await page.getByTestId('dossier-code').textContent())!.trim();
  const id = new URL(page.url()).pathname.split('/').pop()!;
  return { id, code };
}

/** The page fits the viewport: no horizontal scrolling. */
export async function expectNoHorizontalScroll(page: Page): Promise<void> {
  expect(await page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth)).toBe(true);
}

/** The username of the official assigned to the dossier's current step, read on the dossier page. */
export async function currentAssignee(page: Page): Promise<string> {
  const cell = page.locator('ol.workflow > li[aria-current="step"] [data-testid^="assignee-"]').last();
  await cell.waitFor();
  return usernameOf((await cell.textContent()) ?? '');
}

/**
 * Takes an online dossier waiting at the counter to its issued result, each official on the dossier page: the
 * counter officer accepts it, the assigned specialist forwards it, the leader approves it (which signs the result
 * with the issuing unit's certificate) and the clerk issues it (which publishes it into the owner's store). With
 * `clock`, the business clock is set before each of the four steps (Vietnam time of `clock.day`). Starts with
 * nobody logged in on `page`; ends logged in as the clerk on the dossier page.
 */
export async function acceptAndIssue(
  page: Page,
  baseUrl: string,
  dossier: { id: string; code: string },
  options: { receptionist?: string; clock?: { day: string; times: readonly [string, string, string, string] } } = {},
): Promise<void> {
  const at = async (i: number) => {
    if (options.clock) await setClock(baseUrl, vnInstant(options.clock.day, options.clock.times[i]));
  };
  const heading = page.getByRole('heading', { level: 1, name: `Hồ sơ ${dossier.code}` });
  await at(0);
  await page.goto(`${baseUrl}/can-bo/ho-so/${dossier.id}`);
  await staffLogin(page, options.receptionist ?? 'tiepnhan.phurieng');
  await heading.waitFor();
  await performAction(page, 'Tiếp nhận hồ sơ');
  for (let i = 1; i <= 2; i++) {
    await at(i);
    await switchOfficial(page, await currentAssignee(page));
    await heading.waitFor();
    // Step 2 is the leader's: forwarding there approves and signs the result.
    await performAction(page, i === 2 ? 'Phê duyệt và ký số' : 'Chuyển bước tiếp theo');
  }
  await at(3);
  await switchOfficial(page, await currentAssignee(page));
  await heading.waitFor();
  await performAction(page, 'Phát hành kết quả');
}
