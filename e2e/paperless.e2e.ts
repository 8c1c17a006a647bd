/**
 * Paperless days in the browser (issue 16 item 6): the unit administrator sets today (a working Thursday ahead, on
 * the business clock) as a day without paper at Phú Riềng's counter with its legal basis; the counter TV screen
 * (no login) and the counter intake page (phone width) show today's rule; both pass axe-core (0 serious/critical).
 * The portal home and the procedure page show today's rule and the online-only list for the chosen commune; at the
 * counter, paper is refused with the Vietnamese message and assisted online submission is offered. The
 * exceptions are tested through the API (src/server/modules/digitisation/paperless.test.ts).
 */
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { addDaysIso, isWorkingDay } from '../src/core/calendar/holidays.ts';
import { isoWeekday } from '../src/core/digitisation/paperless.ts';
import { DEMO_COMMUNES, DEMO_MOTHER_ID } from '../src/server/standins/population/demo-residents.ts';
import { adminLogin, contextApi } from './admin-helpers.ts';
import { expectNoHorizontalScroll, setClock, smallPdf, staffLogin, vnInstant, workingCalendar } from './backoffice.ts';
import { launchBrowser } from './browser.ts';
import { expectAccessible } from './journey.ts';

const BASIS = 'Công văn 9321/UBND-VP ngày 08/7/2024';
const ONLINE_ONLY_BASIS = 'Quyết định 456/QĐ-UBND ngày 01/7/2025';

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
    // On that day only, the certification of a copy is taken online only (the portal and its page say so).
    const onlineOnly = await contextApi(admin, baseUrl, 'POST', '/api/admin/paperless-rules', {
      unitId: 'dni.phurieng.ttpvhcc',
      kind: 'online_only',
      procedureCode: '2.000907',
      effectiveFrom: thursday,
      effectiveTo: thursday,
      legalBasis: ONLINE_ONLY_BASIS,
    });
    expect(onlineOnly.status, JSON.stringify(onlineOnly.json)).toBe(201);
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

  it('shows today’s rule and the online-only list on the portal home and on the procedure page, on a phone', async () => {
    const context = await browser.newContext({ viewport: { width: 360, height: 740 }, isMobile: true, hasTouch: true });
    const page = await context.newPage();
    await page.goto(baseUrl);
    await page.getByLabel(/Xã, phường nơi bạn nộp hồ sơ/).selectOption(DEMO_COMMUNES.phuRieng);
    const box = page.getByTestId('paperless-today');
    await box.waitFor();
    expect(await box.textContent()).toMatch(/Hôm nay \(Thứ Năm\) .* không tiếp nhận hồ sơ giấy/);
    expect(await box.textContent()).toContain(BASIS);
    const listed = box.getByRole('link', { name: /Chứng thực bản sao từ bản chính/ });
    expect(await listed.getAttribute('href')).toBe('/thu-tuc/2.000907');
    await expectNoHorizontalScroll(page);
    await expectAccessible(page);

    // The procedure's page (the commune is remembered on this device): taken online only here today, with its basis.
    await listed.click();
    const only = page.getByTestId('procedure-online-only');
    await only.waitFor();
    expect(await only.textContent()).toContain('thủ tục này chỉ tiếp nhận hồ sơ trực tuyến');
    expect(await only.textContent()).toContain(ONLINE_ONLY_BASIS);
    await expectNoHorizontalScroll(page);
    await expectAccessible(page);
    await context.close();
  });

  it('at the counter, paper is refused with a Vietnamese message and assisted online submission is offered', async () => {
    const counter = await browser.newContext({ viewport: { width: 1280, height: 900 } });
    const staff = await counter.newPage();
    await staff.goto(`${baseUrl}/can-bo/tiep-nhan/tai-quay`);
    await staffLogin(staff, 'tiepnhan.phurieng');
    await staff.getByRole('heading', { level: 1, name: 'Kiểm tra danh tính người nộp' }).waitFor();
    await staff.getByLabel('Số định danh cá nhân của người nộp').fill(DEMO_MOTHER_ID);
    await staff.getByRole('button', { name: 'Tra cứu', exact: true }).click();
    await staff.getByRole('button', { name: 'Đúng người – tiếp tục' }).click();
    await staff.getByRole('heading', { level: 1, name: 'Kênh tiếp nhận và thủ tục' }).waitFor();
    await staff.getByLabel('Trực tiếp tại quầy').check();
    await staff.getByLabel('Tìm thủ tục').fill('chung thuc ban sao tu ban chinh');
    await staff.locator('#f-procedure option[value="2.000907"]').waitFor({ state: 'attached' });
    await staff.getByLabel('Thủ tục hành chính').selectOption('2.000907');
    const kase = staff.getByLabel('Chứng thực bản sao giấy từ bản chính');
    if (await kase.count()) await kase.check();
    await staff.getByRole('button', { name: 'Tiếp tục' }).click();
    await staff.getByRole('heading', { level: 1, name: 'Thông tin trên tờ khai' }).waitFor();
    await staff.locator('#f-tenGiayTo').fill('Sổ hộ khẩu');
    await staff.locator('#f-soTrang').fill('2');
    await staff.locator('#f-soBan').fill('1');
    await staff.getByRole('button', { name: 'Tiếp tục' }).click();
    await staff.getByRole('heading', { level: 1, name: 'Quét thành phần hồ sơ' }).waitFor();
    for (const name of ['Bản chính giấy tờ, văn bản cần chứng thực', 'Bản sao cần chứng thực (cán bộ có thể chụp từ bản chính)']) {
      await staff.getByLabel(`Chọn tệp quét cho: ${name}`).setInputFiles({ name: 'quet.pdf', mimeType: 'application/pdf', buffer: smallPdf(name) });
    }
    await expect.poll(async () => staff.getByText('✓').count(), { timeout: 30_000 }).toBeGreaterThanOrEqual(2);
    await staff.getByRole('button', { name: 'Tiếp tục' }).click();
    await staff.getByRole('heading', { level: 1, name: 'Liên hệ và nhận kết quả' }).waitFor();
    await staff.getByRole('button', { name: 'Tiếp tục' }).click();
    await staff.getByRole('heading', { level: 1, name: 'Kiểm tra và tiếp nhận' }).waitFor();
    await staff.getByRole('button', { name: 'Tiếp nhận hồ sơ' }).click();
    const refusal = staff.getByTestId('paper-refusal');
    await refusal.waitFor();
    expect(await refusal.getByRole('heading', { level: 2 }).textContent()).toBe('Không tiếp nhận hồ sơ giấy');
    expect(await refusal.getByRole('alert').textContent()).toMatch(/hồ sơ giấy|trực tuyến/);
    const assisted = refusal.getByRole('button', { name: 'Hỗ trợ nộp trực tuyến' });
    expect(await assisted.isVisible()).toBe(true);
    await expectAccessible(staff);
    await counter.close();
  }, 300_000);
});
