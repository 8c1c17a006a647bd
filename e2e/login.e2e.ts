/**
 * Citizen login journey: home page → "Đăng nhập" → the VNeID stand-in's own login page → back on the
 * portal with the citizen's name (from the ID token, via /api/session) in the page header.
 */
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { describeViolations, launchBrowser, seriousAxeViolations } from './browser.ts';

interface DemoResident {
  idNumber: string;
  fullName: string;
}

const ID_KEYS = ['idNumber', 'soDinhDanh', 'SoDinhDanh', 'id_number'];
const NAME_KEYS = ['fullName', 'hoTen', 'HoVaTen', 'full_name', 'name'];

/**
 * A living resident of the demo population (src/server/standins/population/demo-residents.ts), whatever
 * that module calls its export: the first object with a 12-digit id number and a full name.
 */
async function demoResident(): Promise<DemoResident> {
  const specifier = '../src/server/standins/population/demo-residents.ts';
  let mod: Record<string, unknown>;
  try {
    mod = (await import(/* @vite-ignore */ specifier)) as Record<string, unknown>;
  } catch (err) {
    throw new Error(`Browser login test needs demo residents from ${specifier}: ${(err as Error).message}`);
  }
  const candidates: unknown[] = [];
  for (const value of Object.values(mod)) {
    if (Array.isArray(value)) candidates.push(...value);
    else if (value && typeof value === 'object') candidates.push(value, ...Object.values(value));
  }
  for (const c of candidates) {
    if (!c || typeof c !== 'object') continue;
    const o = c as Record<string, unknown>;
    const idNumber = ID_KEYS.map((k) => o[k]).find((v): v is string => typeof v === 'string' && /^\d{12}$/.test(v));
    const fullName = NAME_KEYS.map((k) => o[k]).find((v): v is string => typeof v === 'string' && v.trim().length > 0);
    if (idNumber && fullName && !o.deceasedOn && !o.deceased_on) return { idNumber, fullName: fullName.normalize('NFC') };
  }
  throw new Error(`No demo resident with a 12-digit id number and a full name found in ${specifier}`);
}

describe('citizen login with the national e-ID stand-in', () => {
  let browser: Browser;
  const baseUrl = inject('baseUrl');
  beforeAll(async () => {
    browser = await launchBrowser();
  });
  afterAll(async () => browser?.close());

  it('logs in from the home page on a phone and shows the citizen’s name in the header', async () => {
    const resident = await demoResident();
    // bypassCSP lets axe-core be injected into the provider's page, which forbids every script.
    const page = await browser.newPage({ viewport: { width: 360, height: 740 }, bypassCSP: true });
    await page.goto(baseUrl);

    const headerLogin = page.locator('header').getByRole('link', { name: 'Đăng nhập' });
    if (await headerLogin.count()) await headerLogin.first().click();
    else await page.goto(`${baseUrl}/auth/login?returnTo=${encodeURIComponent('/')}`);

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
    await page.locator('header').getByText(resident.fullName).first().waitFor({ timeout: 15_000 });
    await page.close();
  });
});
