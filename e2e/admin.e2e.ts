/**
 * The administration pages in the browser (/can-bo/quan-tri/…), each checked with axe-core:
 * - the system and catalogue administrator adds a compensatory day off next year, changes the time quota of a
 *   workflow step of procedure 2.000907 and saves it as a new version (after the server refused a workflow that
 *   did not start at the counter and an online time limit no shorter than the case's), then finds both changes with
 *   their before and after in the change log;
 * - the unit administrator of UBND xã Phú Riềng creates a specialist for its Phòng Văn hóa - Xã hội, enrols the
 *   second factor (QR code and otpauth address), and the new official logs in at /can-bo;
 * - a receiving officer sees no administration menu and is refused, with an explanation, at an admin address.
 */
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { totp } from '../src/server/modules/officials/totp.ts';
import { adminLogin, checkPage, contextApi, expectAccessible, expectAnnounced, freeWeekdayNextYear, shownDay } from './admin-helpers.ts';
import { launchBrowser } from './browser.ts';

const ADMIN_LINKS = ['Thủ tục hành chính', 'Đơn vị', 'Cán bộ', 'Lịch làm việc', 'Nhật ký quản trị'];
/** Each test walks many pages, each checked by axe-core at two widths. */
const TIMEOUT = 240_000;
const NEW_OFFICIAL = { username: 'chuyenvien3.vhxh', fullName: 'Trần Văn Mới', password: 'KhoiTao2025vhxh' };

describe('administration pages', () => {
  let browser: Browser;
  const baseUrl = inject('baseUrl');
  const contexts: BrowserContext[] = [];
  let unitAdmin: BrowserContext | undefined;
  let newOfficialId: string | undefined;

  const newPage = async (width = 1280): Promise<Page> => {
    const context = await browser.newContext({ viewport: { width, height: 900 } });
    contexts.push(context);
    return context.newPage();
  };
  const header = (page: Page) => page.locator('header');

  beforeAll(async () => {
    browser = await launchBrowser();
  });
  afterAll(async () => {
    // The new specialist must not take tasks in the other browser tests: make sure the account ends deactivated.
    if (unitAdmin && newOfficialId) {
      const r = await contextApi(unitAdmin, baseUrl, 'GET', `/api/admin/officials/${newOfficialId}`);
      if ((r.json as { active?: boolean } | undefined)?.active)
        await contextApi(unitAdmin, baseUrl, 'POST', `/api/admin/officials/${newOfficialId}/deactivate`, { reason: 'Kết thúc kiểm thử trình duyệt' });
    }
    for (const c of contexts) await c.close();
    await browser?.close();
  });

  it(
    'the system administrator adds a compensatory day off, saves a procedure as a new version, and finds both in the change log',
    async () => {
      const page = await newPage();
      const day = freeWeekdayNextYear();
      const reason = 'Quyết định cho nghỉ bù của UBND tỉnh (kiểm thử)';

      // Calendar, straight from its address: the login form first, then the page.
      await page.goto(`${baseUrl}/can-bo/quan-tri/lich`);
      await adminLogin(page, 'quantri', { fullName: 'Ngô Thanh Sơn' });
      await page.getByRole('heading', { level: 1, name: 'Lịch làm việc' }).waitFor();
      for (const name of ADMIN_LINKS) expect(await header(page).getByRole('link', { name, exact: true }).count()).toBe(1);
      await page.getByTestId('calendar-days').waitFor();
      await page.getByTestId('working-time').waitFor();
      expect(await page.getByTestId('working-time').textContent()).toContain('15:00');
      await checkPage(page);

      // A reason is required: the error summary links to the field.
      // The day as people write it, dd/mm/yyyy (components/DateInput.tsx): digits only, the slashes come by
      // themselves; an impossible day is said at once; a real one shows its lunar date (the page got it as ISO).
      const dayField = page.locator('#f-add-day');
      expect(await dayField.getAttribute('type')).toBe('text');
      expect(await dayField.getAttribute('placeholder')).toBe('dd/mm/yyyy');
      await dayField.pressSequentially(`3102${day.slice(0, 4)}`);
      expect(await dayField.inputValue()).toBe(`31/02/${day.slice(0, 4)}`);
      await page.getByText(`Không có ngày 31/2/${day.slice(0, 4)}`).waitFor();
      expect(await dayField.getAttribute('aria-invalid')).toBe('true');
      await dayField.fill('');
      await dayField.pressSequentially(shownDay(day).replace(/\//g, ''));
      expect(await dayField.inputValue()).toBe(shownDay(day));
      expect(await dayField.getAttribute('aria-invalid')).toBeNull();
      await page
        .locator('#h-add-day')
        .getByText(/\d+\/\d+( \(nhuận\))? âm lịch/)
        .waitFor();
      await page.getByLabel('Loại ngày').last().selectOption('compensatory_day_off');
      await page.getByLabel('Tên ngày').last().fill('Nghỉ bù (kiểm thử)');
      await page.getByRole('button', { name: 'Thêm vào lịch' }).click();
      const summary = page.locator('.error-summary');
      await summary.getByRole('link', { name: /Vui lòng nêu lý do/ }).waitFor();
      await expectAccessible(page);
      await summary.getByRole('link', { name: /Vui lòng nêu lý do/ }).click();
      expect(await page.evaluate(() => document.activeElement?.id)).toBe('f-add-reason');
      await page.locator('#f-add-reason').fill(reason);
      await page.getByRole('button', { name: 'Thêm vào lịch' }).click();
      await expectAnnounced(page, `Đã thêm ngày ${shownDay(day)} (Nghỉ bù, nghỉ hoán đổi: Nghỉ bù (kiểm thử)) vào lịch.`);
      // The page shows the year of the new day, with its lunar date and source.
      await page.waitForURL(new RegExp(`nam=${day.slice(0, 4)}`));
      const row = page.getByTestId(`day-${day}`);
      await row.waitFor();
      expect(await row.textContent()).toContain('Do quản trị nhập');
      expect(await row.textContent()).toMatch(/\d+\/\d+( \(nhuận\))? âm lịch/);
      await checkPage(page);

      // Procedures: search by code, open 2.000907, its versions.
      await header(page).getByRole('link', { name: 'Thủ tục hành chính', exact: true }).click();
      await page.getByRole('heading', { level: 1, name: 'Thủ tục hành chính' }).waitFor();
      await page
        .getByRole('status')
        .filter({ hasText: /Có \d+ thủ tục/ })
        .waitFor();
      await checkPage(page);
      await page.getByLabel('Tìm thủ tục theo tên hoặc mã').fill('2.000907');
      await page.getByRole('button', { name: 'Tìm', exact: true }).click();
      await page.waitForURL(/q=2\.000907/);
      await page.getByRole('link', { name: 'Chứng thực bản sao từ bản chính giấy tờ, văn bản' }).click();
      await page.getByRole('heading', { level: 1, name: 'Thủ tục 2.000907' }).waitFor();
      const before = Number(await page.getByTestId('current-version').textContent());
      expect(before).toBeGreaterThanOrEqual(1);
      expect(await page.getByTestId(`version-${before}`).textContent()).toContain('Đang áp dụng');
      await checkPage(page);

      // The editor: the quota of step 2 "Thẩm định, trình ký" from 3 to 4 working hours.
      await page.getByRole('link', { name: 'Sửa thủ tục (tạo phiên bản mới)' }).click();
      await page.getByRole('heading', { level: 1, name: 'Sửa thủ tục 2.000907' }).waitFor();
      const quota = page.locator('#f-cases-0-workflow-1-quota-amount');
      expect(await quota.inputValue()).toBe('3');
      expect(await page.locator('#f-cases-0-workflow-1-name').inputValue()).toBe('Thẩm định, trình ký');
      await quota.fill('4');
      // The e-form's JSON is checked by the form engine.
      await page.getByRole('button', { name: 'Kiểm tra biểu mẫu' }).click();
      await expectAnnounced(page, /Biểu mẫu hợp lệ: \d+ trang, \d+ trường\./);
      await checkPage(page);

      // A shorter time limit for online dossiers that is not shorter (this case is settled within the day), and a
      // workflow that does not start at the counter: the server refuses both and says why and where.
      await page.getByRole('button', { name: 'Thêm thời hạn trực tuyến' }).click();
      expect(await page.evaluate(() => document.activeElement?.id)).toBe('f-cases-0-onlineTimeLimits-0-amount');
      await page.locator('#f-cases-0-onlineTimeLimits-0-basis').fill('Quyết định 12/2026/QĐ-UBND');
      await page.locator('#cases-0-workflow-0-down').click();
      await expectAnnounced(page, 'Đã chuyển «Tiếp nhận, kiểm tra hồ sơ» tới vị trí 2/5.');
      expect(await page.evaluate(() => document.activeElement?.id)).toBe('cases-0-workflow-1-down');
      await page.getByRole('button', { name: 'Xem thay đổi trước khi lưu' }).click();
      const review = page.getByTestId('procedure-review');
      await review.waitFor();
      expect(await page.getByTestId('procedure-diff').textContent()).toContain('Thứ tự');
      await review.getByRole('button', { name: 'Xác nhận lưu phiên bản mới' }).click();
      await summary.getByRole('link', { name: /Bước đầu tiên phải là tiếp nhận tại Bộ phận một cửa/ }).waitFor();
      expect(await summary.textContent()).toContain('Trường hợp 1 › Quy trình nội bộ');
      await summary.getByRole('link', { name: /Thời hạn giải quyết khi nộp trực tuyến \(0\) phải ngắn hơn thời hạn của trường hợp \(0\)/ }).waitFor();
      expect(await summary.textContent()).toContain('Trường hợp 1 › Thời hạn rút ngắn khi nộp trực tuyến');
      await expectAccessible(page);
      await summary.getByRole('link', { name: /Bước đầu tiên phải là tiếp nhận/ }).click();
      expect(await page.evaluate(() => document.activeElement?.id)).toBe('f-cases-0-workflow');
      // The online time limit removed and the step moved back up: the only changes left are the quota (and the new
      // version's effective date).
      await page.getByRole('button', { name: 'Xóa Thời hạn trực tuyến 1' }).click();
      await page.locator('#cases-0-workflow-1-up').click();
      await page.getByRole('button', { name: 'Xem thay đổi trước khi lưu' }).click();
      await review.waitFor();
      const diff = page.getByTestId('procedure-diff');
      const quotaRow = diff.getByRole('row').filter({ hasText: '«Thẩm định, trình ký» › Định mức thời gian › Số lượng' });
      expect(await quotaRow.count()).toBe(1);
      expect((await quotaRow.locator('td').allTextContents()).slice(1)).toEqual(['3', '4']);
      expect(await diff.textContent()).not.toContain('Thứ tự');
      expect(await review.getByRole('heading', { level: 2 }).evaluate((h) => h === document.activeElement)).toBe(true);
      await checkPage(page);
      await review.getByRole('button', { name: 'Xác nhận lưu phiên bản mới' }).click();

      // Back on the procedure: the new version is in force and listed with who and when.
      await page.getByRole('heading', { level: 1, name: 'Thủ tục 2.000907' }).waitFor();
      await expectAnnounced(page, `Đã lưu phiên bản ${before + 1} của thủ tục "Chứng thực bản sao từ bản chính giấy tờ, văn bản".`);
      await expect.poll(() => page.getByTestId('current-version').textContent()).toBe(String(before + 1));
      const newRow = page.getByTestId(`version-${before + 1}`);
      expect(await newRow.textContent()).toContain(`Phiên bản ${before + 1}`);
      expect(await newRow.textContent()).toContain('Đang áp dụng');
      expect(await newRow.textContent()).toContain('quantri');
      expect(await page.getByTestId(`version-${before}`).textContent()).toContain('Đã thay thế');
      await checkPage(page);
      // The public catalogue serves the new quota.
      const published = (await (await page.request.get(`${baseUrl}/api/procedures/2.000907`)).json()) as {
        version: number;
        definition: { cases: { workflow: { key: string; quota: { amount: number } }[]; onlineTimeLimits?: unknown[] }[] };
      };
      expect(published.version).toBe(before + 1);
      expect(published.definition.cases[0].workflow.find((s) => s.key === 'tham-dinh')!.quota.amount).toBe(4);
      expect(published.definition.cases[0]).not.toHaveProperty('onlineTimeLimits');

      // The change log: both changes, with their before and after.
      await header(page).getByRole('link', { name: 'Nhật ký quản trị', exact: true }).click();
      await page.getByRole('heading', { level: 1, name: 'Nhật ký quản trị' }).waitFor();
      await page.getByLabel('Người thực hiện (tên đăng nhập)').fill('quantri');
      await page.getByRole('button', { name: 'Lọc', exact: true }).click();
      await page.waitForURL(/nguoi=quantri/);
      await page
        .getByRole('status')
        .filter({ hasText: /Có \d+ thay đổi/ })
        .waitFor();
      const procedureEntry = page.locator('li.admin-change').filter({ has: page.getByRole('heading', { name: 'Thủ tục 2.000907: phiên bản mới' }) });
      await procedureEntry.waitFor();
      const versionRow = procedureEntry.getByRole('row').filter({ hasText: 'Phiên bản đang áp dụng › Số phiên bản' });
      expect((await versionRow.locator('td').allTextContents()).slice(1)).toEqual([String(before), String(before + 1)]);
      const dayEntry = page.locator('li.admin-change').filter({ has: page.getByRole('heading', { name: `Ngày trong lịch ${shownDay(day)}: thêm mới` }) });
      await dayEntry.waitFor();
      expect(await dayEntry.textContent()).toContain(reason);
      const kindRow = dayEntry.getByRole('row').filter({ hasText: 'Loại' });
      expect((await kindRow.locator('td').allTextContents()).slice(1)).toEqual(['—', 'Nghỉ bù, nghỉ hoán đổi']);
      await checkPage(page);
      // Filtered by kind too, and the chain checks out.
      await page.getByLabel('Loại thay đổi').selectOption('calendar_day');
      await page.getByRole('button', { name: 'Lọc', exact: true }).click();
      await page.waitForURL(/loai=calendar_day/);
      await expect.poll(() => page.locator('li.admin-change').count()).toBe(1);
      await page.getByRole('button', { name: 'Kiểm tra chuỗi băm' }).click();
      await page
        .getByTestId('chain-result')
        .filter({ hasText: /Chuỗi băm toàn vẹn: \d+ mục, không có sai lệch\./ })
        .waitFor();
      await expectAccessible(page);
    },
    TIMEOUT,
  );

  it(
    'the unit administrator creates a specialist with two-factor authentication, who then logs in',
    async () => {
      const page = await newPage();
      unitAdmin = page.context();
      await page.goto(`${baseUrl}/can-bo/quan-tri`);
      await adminLogin(page, 'quantri.phurieng', { fullName: 'Bùi Văn Nam' });
      await page.getByRole('heading', { level: 1, name: 'Quản trị', exact: true }).waitFor();
      // The menu: the unit administrator's pages, not the catalogue.
      for (const name of ['Đơn vị', 'Cán bộ', 'Lịch làm việc', 'Nhật ký quản trị'])
        expect(await header(page).getByRole('link', { name, exact: true }).count()).toBe(1);
      expect(await header(page).getByRole('link', { name: 'Thủ tục hành chính', exact: true }).count()).toBe(0);
      await checkPage(page);

      // The organisation tree within reach, and the department's page.
      await header(page).getByRole('link', { name: 'Đơn vị', exact: true }).click();
      await page.getByRole('heading', { level: 1, name: 'Đơn vị' }).waitFor();
      await page.getByRole('link', { name: 'Phòng Văn hóa - Xã hội xã Phú Riềng' }).waitFor();
      // Công an xã hangs under Công an tỉnh: outside this administrator's reach.
      expect(await page.getByRole('link', { name: 'Công an xã Phú Riềng' }).count()).toBe(0);
      await checkPage(page);
      await page.getByRole('link', { name: 'Phòng Văn hóa - Xã hội xã Phú Riềng' }).click();
      await page.getByRole('heading', { level: 1, name: 'Phòng Văn hóa - Xã hội xã Phú Riềng' }).waitFor();
      expect(await page.getByTestId('unit-details').textContent()).toContain('dni.phurieng.vhxh');
      await page.getByRole('heading', { level: 2, name: 'Sửa thông tin đơn vị' }).waitFor();
      await checkPage(page);
      await page.getByRole('link', { name: 'Thêm đơn vị cấp dưới' }).click();
      await page.getByRole('heading', { level: 1, name: 'Thêm đơn vị' }).waitFor();
      await page.getByRole('button', { name: 'Thêm đơn vị' }).click();
      await page.locator('.error-summary').getByRole('link', { name: 'Vui lòng nhập mã đơn vị.' }).waitFor();
      await checkPage(page);

      // Officials: the list, then a new account.
      await header(page).getByRole('link', { name: 'Cán bộ', exact: true }).click();
      await page.getByRole('heading', { level: 1, name: 'Cán bộ' }).waitFor();
      await page
        .getByRole('status')
        .filter({ hasText: /Có \d+ cán bộ/ })
        .waitFor();
      expect(await page.getByRole('link', { name: 'Nguyễn Thị Thu Trang' }).count()).toBe(1);
      await checkPage(page);
      await page.getByRole('link', { name: 'Thêm cán bộ' }).click();
      await page.getByRole('heading', { level: 1, name: 'Thêm cán bộ' }).waitFor();
      // Reserved roles are not offered to a unit administrator.
      expect(await page.locator('#f-memberships-0-role option[value="system_admin"]').count()).toBe(0);
      await page.getByLabel('Tên đăng nhập').fill(NEW_OFFICIAL.username);
      await page.getByLabel('Họ và tên').fill(NEW_OFFICIAL.fullName);
      await page.getByLabel('Chức danh').fill('Công chức Văn hóa - Xã hội');
      await page.getByLabel('Mật khẩu ban đầu').fill('ngan123');
      await page.getByRole('button', { name: 'Tạo tài khoản' }).click();
      const summary = page.locator('.error-summary');
      await summary.getByRole('link', { name: 'Mật khẩu phải có ít nhất 10 ký tự, gồm cả chữ và số.' }).waitFor();
      await summary.getByRole('link', { name: 'Vai trò 1: vui lòng chọn đơn vị.' }).waitFor();
      await checkPage(page);
      await page.getByLabel('Mật khẩu ban đầu').fill(NEW_OFFICIAL.password);
      await page.locator('#f-memberships-0-unitId').selectOption('dni.phurieng.vhxh');
      await page.locator('#f-memberships-0-role').selectOption('specialist');
      await page.getByRole('button', { name: 'Tạo tài khoản' }).click();
      await page.getByRole('heading', { level: 1, name: NEW_OFFICIAL.fullName }).waitFor();
      await expectAnnounced(page, `Đã tạo tài khoản ${NEW_OFFICIAL.username} cho ${NEW_OFFICIAL.fullName}.`);
      newOfficialId = page.url().split('/').pop();
      const details = page.getByTestId('official-details');
      // Unit names arrive with the unit list, which the page loads after the official.
      await details.filter({ hasText: 'Chuyên viên thụ lý – Phòng Văn hóa - Xã hội xã Phú Riềng' }).waitFor();
      expect(await page.getByTestId('account-state').textContent()).toBe('Đang hoạt động');
      // Its history already holds the creation.
      await page.getByRole('heading', { name: `Cán bộ ${NEW_OFFICIAL.username}: thêm mới` }).waitFor();
      await checkPage(page);

      // Second factor: the otpauth address as text and as a QR code drawn in the browser, then the first code.
      await page.getByRole('button', { name: 'Bắt đầu đăng ký' }).click();
      await page.getByTestId('totp-qr').waitFor();
      const uri = await page.getByTestId('totp-uri').inputValue();
      expect(uri).toMatch(/^otpauth:\/\/totp\/.*secret=[A-Z2-7]+/);
      expect(await page.getByTestId('totp-qr').getAttribute('src')).toMatch(/^data:image\/png;base64,/);
      expect(await page.getByTestId('totp-qr').getAttribute('alt')).toContain(NEW_OFFICIAL.username);
      await checkPage(page);
      const secret = new URL(uri).searchParams.get('secret')!;
      await page.getByLabel('Mã 6 số từ ứng dụng').fill(totp(secret));
      await page.getByRole('button', { name: 'Xác nhận và bật' }).click();
      await expectAnnounced(page, `Đã bật xác thực hai lớp cho ${NEW_OFFICIAL.fullName}.`);
      await expect.poll(() => page.getByTestId('account-state').textContent()).toBe('Đang hoạt động · Đã bật xác thực hai lớp');

      // The new official logs in at /can-bo (password, then the code) and gets the back office, without administration.
      const officialPage = await newPage(360);
      await officialPage.goto(`${baseUrl}/can-bo`);
      await adminLogin(officialPage, NEW_OFFICIAL.username, { password: NEW_OFFICIAL.password, fullName: NEW_OFFICIAL.fullName, totp: () => totp(secret) });
      await officialPage.getByRole('heading', { level: 1 }).waitFor();
      for (const name of ADMIN_LINKS) expect(await header(officialPage).getByRole('link', { name, exact: true }).count()).toBe(0);
      const me = (await (await officialPage.request.get(`${baseUrl}/api/staff/me`)).json()) as {
        user: { username: string; memberships: { unitId: string; role: string }[] };
      };
      expect(me.user.username).toBe(NEW_OFFICIAL.username);
      expect(me.user.memberships).toEqual([{ unitId: 'dni.phurieng.vhxh', role: 'specialist' }]);

      // Deactivated again (the other browser tests count on the demo specialists only), after a confirmation.
      await page.locator('#f-state-reason').fill('Tài khoản tạo để kiểm thử, không sử dụng');
      await page.getByRole('button', { name: 'Vô hiệu hóa tài khoản' }).click();
      await page.getByRole('heading', { name: `Xác nhận vô hiệu hóa tài khoản ${NEW_OFFICIAL.username} của ${NEW_OFFICIAL.fullName}?` }).waitFor();
      await expectAccessible(page);
      await page.locator('.admin-confirm').getByRole('button', { name: 'Vô hiệu hóa tài khoản' }).click();
      await expectAnnounced(page, `Đã vô hiệu hóa tài khoản của ${NEW_OFFICIAL.fullName}.`);
      await expect.poll(() => page.getByTestId('account-state').textContent()).toBe('Đã vô hiệu hóa · Đã bật xác thực hai lớp');
      // The session of the deactivated official ends at once.
      expect([401, 403]).toContain((await officialPage.request.get(`${baseUrl}/api/staff/me`)).status());
    },
    TIMEOUT,
  );

  it(
    'a receiving officer has no administration menu and is refused at an administration address',
    async () => {
      const page = await newPage(360);
      await page.goto(`${baseUrl}/can-bo/tra-cuu`);
      await adminLogin(page, 'tiepnhan.phurieng', { fullName: 'Lê Thị Hoa' });
      for (const name of ADMIN_LINKS) expect(await header(page).getByRole('link', { name, exact: true }).count()).toBe(0);

      for (const address of ['/can-bo/quan-tri/can-bo', '/can-bo/quan-tri', '/can-bo/quan-tri/thu-tuc/2.000907/sua']) {
        await page.goto(`${baseUrl}${address}`);
        await page.getByRole('heading', { level: 1, name: 'Bạn không có quyền truy cập trang này' }).waitFor();
        const refusal = page.getByTestId('admin-refusal');
        expect(await refusal.textContent()).toContain('Tài khoản Lê Thị Hoa hiện có vai trò: Tiếp nhận (một cửa).');
        await checkPage(page);
      }
      expect(await page.getByTestId('admin-refusal').textContent()).toContain('Quản trị danh mục thủ tục, Quản trị hệ thống');
      // The server refuses too, in Vietnamese.
      const res = await page.request.get(`${baseUrl}/api/admin/officials`);
      expect(res.status()).toBe(403);
      expect(((await res.json()) as { error: { message: string } }).error.message).toContain('Chỉ quản trị hệ thống, quản trị đơn vị hoặc giám sát');
    },
    TIMEOUT,
  );
});
