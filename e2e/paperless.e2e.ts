/**
 * Paperless days in the browser (issue 16 item 6): the unit administrator sets today (a working Thursday ahead, on
 * the business clock) as a day without paper at Phú Riềng's counter with its legal basis; the counter TV screen
 * (no login) and the counter intake page (phone width) show today's rule; both pass axe-core (0 serious/critical).
 * The refusal of paper, assisted online submission and exceptions are tested through the API
 * (src/server/modules/digitisation/paperless.test.ts).
 */
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { addDaysIso, isWorkingDay } from '../src/core/calendar/holidays.ts';
import { isoWeekday } from '../src/core/digitisation/paperless.ts';
import { DEMO_COMMUNES } from '../src/server/standins/population/demo-residents.ts';
import { adminLogin, contextApi } from './admin-helpers.ts';
import { expectNoHorizontalScroll, setClock, staffLogin, vnInstant, workingCalendar } from './backoffice.ts';
import { launchBrowser } from './browser.ts';
import { expectAccessible } from './journey.ts';

const BASIS = 'Công văn 9321/UBND-VP ngày 08/7/2024';

describe('paperless day: the counter screen and the counter intake show today’s rule', () => {
  const baseUrl = inject('baseUrl');
  let browser: Browser;
  let thursday: string;
  beforeAll(async () => {
    browser = await launchBrowser();
    const cal = workingCalendar();
    thursday = addDaysIso(new Date(Date.now() + 7 * 3_600_000).toISOString().slice(0, 10), 60);
    while (isoWeekday(thursday) !== 4 || !isWorkingDay(thursday, cal.days)) thursday = addDaysIso(thursday, 1);
    await setClock(baseUrl, vnInstant(thursday, '09:00'));
  });
  afterAll(async () => browser?.close());

  it('shows the paperless day on the counter screen and at the counter, accessibly and on a phone', async () => {
    const admin = await browser.newContext();
    const page = await admin.newPage();
    await page.goto(`${baseUrl}/can-bo/quan-tri`);
    await adminLogin(page, 'quantri.phurieng', { fullName: 'Bùi Văn Nam' });
    const created = await contextApi(admin, baseUrl, 'POST', '/api/admin/paperless-rules', {
      unitId: 'dni.phurieng.ttpvhcc',
      kind: 'date',
      day: thursday,
      effectiveFrom: thursday,
      legalBasis: BASIS,
    });
    expect(created.status, JSON.stringify(created.json)).toBe(201);
    await admin.close();

    const anonymous = await browser.newContext({ viewport: { width: 1280, height: 720 } });
    const screen = await anonymous.newPage();
    await screen.goto(`${baseUrl}/man-hinh-quay?unit=${DEMO_COMMUNES.phuRieng}`);
    const box = screen.getByTestId('paperless-today');
    await box.waitFor();
    expect(await box.textContent()).toContain('không tiếp nhận hồ sơ giấy');
    expect(await box.textContent()).toContain(BASIS);
    await expectAccessible(screen);
    await anonymous.close();

    const counter = await browser.newContext({ viewport: { width: 360, height: 740 }, isMobile: true, hasTouch: true });
    const intake = await counter.newPage();
    await intake.goto(`${baseUrl}/can-bo/tiep-nhan/tai-quay`);
    await staffLogin(intake, 'tiepnhan.phurieng');
    const banner = intake.getByTestId('paperless-today');
    await banner.waitFor();
    expect(await banner.textContent()).toMatch(/Hôm nay \(Thứ Năm\) .* không tiếp nhận hồ sơ giấy/);
    await expectNoHorizontalScroll(intake);
    await expectAccessible(intake);
    await counter.close();
  });
});
