/**
 * Citizen login journey: home page → "Đăng nhập" → the VNeID stand-in's own login page → back on the
 * portal with the citizen's name (from the ID token, via /api/session) in the page header.
 */
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { DEMO_MOTHER_ID } from '../src/server/standins/population/demo-residents.ts';
import { describeViolations, launchBrowser, seriousAxeViolations } from './browser.ts';
import { headerNav } from './journey.ts';

const resident = { idNumber: DEMO_MOTHER_ID, fullName: 'Trần Thị Mai' };

describe('citizen login with the national e-ID stand-in', () => {
  let browser: Browser;
  const baseUrl = inject('baseUrl');
  beforeAll(async () => {
    browser = await launchBrowser();
  });
  afterAll(async () => browser?.close());

  it('logs in from the home page on a phone and shows the citizen’s name in the header', async () => {
    // bypassCSP lets axe-core be injected into the provider's page, which forbids every script.
    const page = await browser.newPage({ viewport: { width: 360, height: 740 }, bypassCSP: true });
    await page.goto(baseUrl);

    await (await headerNav(page)).getByRole('link', { name: 'Đăng nhập' }).click();

    // The provider's own page, not the portal's.
    await page.waitForURL(/\/eid\/interaction\//);
    expect(await page.getAttribute('html', 'lang')).toBe('vi');
    expect(await page.title()).toContain('VNeID (môi trường thử nghiệm)');
    const violations = await seriousAxeViolations(page);
    expect(violations, describeViolations(violations)).toEqual([]);

    // A wrong password first: the error is announced on the page, nothing else happens.
    await page.getByLabel('Số định danh cá nhân').fill(resident.idNumber);
    await page.getByLabel('Mật khẩu').fill('000000');
    await page.getByRole('button', { name: 'Đăng nhập', exact: true }).click();
    await page.getByRole('alert').waitFor();
    expect(await page.getByRole('alert').textContent()).toContain('mật khẩu không đúng');
    expect(page.url()).toContain('/eid/interaction/');

    await page.getByLabel('Mật khẩu').fill('123456');
    await page.getByRole('button', { name: 'Đăng nhập', exact: true }).click();
    await page.waitForURL((url) => url.origin === new URL(baseUrl).origin && !url.pathname.startsWith('/eid/') && !url.pathname.startsWith('/auth/'));

    const session = (await (await page.request.get(`${baseUrl}/api/session`)).json()) as { authenticated: boolean; user: { fullName: string } };
    expect(session.authenticated).toBe(true);
    expect(session.user.fullName).toBe(resident.fullName);
    await page.locator('header').getByText(resident.fullName, { exact: true }).waitFor({ state: 'attached', timeout: 15_000 });
    await (await headerNav(page)).getByText(resident.fullName).first().waitFor();
    await page.close();
  });
});
