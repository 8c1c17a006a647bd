/**
 * National-portal sync reconciliation in the browser (/can-bo/dong-bo-dvcqg), for a month with a deliberate failure:
 * the portal stand-in answers every create with HTTP 503; the mother submits a birth registration online, the counter
 * officer receives it; the leader of Xã Phú Riềng opens the reconciliation for that month and sees the dossier not
 * acknowledged with the portal's answer, and indicator 1.4 exactly as the 766 index computes it (the dashboard's
 * GET /api/metrics/index766 — the same computation as `npm run motcua -- index766`, which
 * src/server/modules/national-sync/national-sync.test.ts checks against the reconciliation directly). The page passes
 * axe-core and fits a phone. The portal then recovers; the leader resends the dossier and it is acknowledged.
 */
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { DEMO_MOTHER_ID } from '../src/server/standins/population/demo-residents.ts';
import {
  expectNoHorizontalScroll,
  performAction,
  setClock,
  staffLogin,
  submitBirthRegistration,
  vnInstant,
  workingCalendar,
  workingTuesdayAhead,
} from './backoffice.ts';
import { launchBrowser } from './browser.ts';
import { expectAccessible, loginWithEid } from './journey.ts';

interface Figure {
  code: string;
  numerator: number | null;
  denominator: number | null;
  ratio: number | null;
  points: number | null;
}

describe('national-portal sync reconciliation page', () => {
  let browser: Browser;
  let citizenContext: BrowserContext;
  let staffContext: BrowserContext;
  let citizen: Page;
  let staff: Page;
  const baseUrl = inject('baseUrl');
  // A working day in a month no other browser test uses, so that the month's sync figures include this test's failure.
  const day = workingTuesdayAhead(70, workingCalendar());
  const month = day.slice(0, 7);
  const fault = async (body: Record<string, unknown>) => {
    const res = await fetch(`${baseUrl}/standins/dvcqg/faults`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(body),
    });
    expect(res.status).toBe(200);
  };

  beforeAll(async () => {
    browser = await launchBrowser();
    citizenContext = await browser.newContext({ viewport: { width: 360, height: 740 } });
    citizen = await citizenContext.newPage();
    staffContext = await browser.newContext({ viewport: { width: 360, height: 740 } });
    staff = await staffContext.newPage();
  });
  afterAll(async () => {
    await fault({ kind: 'server_error', remaining: 0 }).catch(() => undefined);
    await browser?.close();
    await setClock(baseUrl, new Date().toISOString(), false);
  });

  it('shows the failure with its reason and the 766 index’s 1.4; a resend after the portal recovers is acknowledged', async () => {
    await setClock(baseUrl, vnInstant(day, '08:00'));
    await fault({ kind: 'server_error', remaining: 1000, service: 'DongBoHoSoMC' });
    await loginWithEid(citizen, baseUrl, DEMO_MOTHER_ID);
    const dossier = await submitBirthRegistration(citizen, baseUrl);

    await setClock(baseUrl, vnInstant(day, '08:30'));
    await staff.goto(`${baseUrl}/can-bo/ho-so/${dossier.id}`);
    await staffLogin(staff, 'tiepnhan.phurieng');
    await staff.getByRole('heading', { level: 1, name: `Hồ sơ ${dossier.code}` }).waitFor();
    await performAction(staff, 'Tiếp nhận hồ sơ');
    await staff.locator('header').getByRole('button', { name: 'Đăng xuất' }).click();

    // The leader opens the page from the menu.
    await staff.goto(`${baseUrl}/can-bo`);
    await staffLogin(staff, 'lanhdao.phurieng');
    await staff.locator('a[href="/can-bo/dong-bo-dvcqg"]:visible').first().click();
    await staff.getByRole('heading', { level: 1, name: 'Đối soát đồng bộ Cổng Dịch vụ công quốc gia' }).waitFor();
    await staff.getByLabel('Tháng').fill(month);
    // The unit the leader oversees is chosen by itself once the list arrives; both are kept in the address.
    await expect
      .poll(() => {
        const q = new URL(staff.url()).searchParams;
        return `${q.get('month')} ${q.get('unit') ? 'unit' : ''}`;
      })
      .toBe(`${month} unit`);
    const unit = new URL(staff.url()).searchParams.get('unit');

    // The dossier's failed attempt appears with the portal's answer (the worker tries every second).
    const row = staff.locator(`tr[data-code="${dossier.code}"]`);
    await expect
      .poll(
        async () => {
          await staff.reload();
          await staff.getByTestId('sync-summary').waitFor();
          return (await row.count()) ? ((await row.textContent()) ?? '') : '';
        },
        { timeout: 60_000, interval: 1000 },
      )
      .toMatch(/503/);

    // The page's figures equal the 766 index's indicator 1.4 for the unit and month.
    const last = new Date(Date.UTC(Number(month.slice(0, 4)), Number(month.slice(5, 7)), 0)).getUTCDate();
    const index = await staff.evaluate(async (q) => (await fetch(`/api/metrics/index766?${q}`)).json(), `unit=${unit}&from=${month}-01&to=${month}-${last}`);
    const i14 = (index as { indicators: Figure[] }).indicators.find((i) => i.code === '1.4')!;
    const shown = async (id: string) => Number((await staff.getByTestId(id).textContent())?.trim());
    expect(await shown('sync-received')).toBe(i14.denominator);
    expect(await shown('sync-acknowledged')).toBe(i14.numerator);
    expect(await shown('sync-received')).toBeGreaterThan(await shown('sync-acknowledged'));
    expect(Number(await staff.getByTestId('sync-indicator').getAttribute('data-points'))).toBe(i14.points);
    expect(await row.textContent()).toContain('Đăng ký khai sinh');
    const excel = staff.getByRole('link', { name: 'Tải tệp Excel đối soát' });
    expect(await excel.getAttribute('href')).toBe(`/api/staff/national-sync/reconciliation.xlsx?unit=${unit}&month=${month}`);
    const xlsx = await staff.evaluate(
      async (href) => {
        const r = await fetch(href);
        return { status: r.status, type: r.headers.get('content-type') };
      },
      (await excel.getAttribute('href'))!,
    );
    expect(xlsx.status).toBe(200);
    expect(xlsx.type).toMatch(/spreadsheetml/);
    await expectAccessible(staff);
    // Fits a phone (360 px); on failure, say which elements stick out.
    const wide = await staff.evaluate(() =>
      [...document.querySelectorAll('body *')]
        .filter((e) => e.getBoundingClientRect().right > window.innerWidth + 1)
        .slice(0, 5)
        .map((e) => `${e.tagName.toLowerCase()}.${e.className} ${Math.round(e.getBoundingClientRect().right)}px`),
    );
    expect(wide, wide.join('; ')).toEqual([]);
    await expectNoHorizontalScroll(staff);

    // The portal recovers; the leader resends; the dossier is acknowledged and leaves the list.
    const before = await shown('sync-acknowledged');
    await fault({ kind: 'server_error', remaining: 0 });
    await row.getByRole('button', { name: `Gửi lại hồ sơ ${dossier.code}` }).click();
    await staff.getByRole('status').filter({ hasText: dossier.code }).waitFor();
    await expect
      .poll(
        async () => {
          await staff.reload();
          await staff.getByTestId('sync-summary').waitFor();
          return { listed: await row.count(), acknowledged: await shown('sync-acknowledged') };
        },
        { timeout: 60_000, interval: 1000 },
      )
      .toEqual({ listed: 0, acknowledged: before + 1 });
  });
});
