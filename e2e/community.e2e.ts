/**
 * The community digital team in the browser, on a phone (360 px), Vietnamese: the helper (hotro.phubinh) sees their
 * villages, opens the visit list of Thôn Phú Lợi, records a visit with the checklist (Hoàng Văn Tư logged in to VNeID
 * and submitted online) and the household leaves the list of uncovered households; starts an assisted session in
 * which the resident logs in with their own e-ID on the helper's device (the helper's session ends; the resident's
 * page greets the resident); a second helper session creates a representation whose one-time code reaches the
 * resident's phone through the SMS stand-in, confirms it and revokes it; the commune leader reads the coverage
 * dashboard per village and week by week. Every page passes axe-core (0 serious/critical) and fits the phone.
 */
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { DEMO_FATHER_ID } from '../src/server/standins/population/demo-residents.ts';
import { expectNoHorizontalScroll, staffLogin } from './backoffice.ts';
import { launchBrowser } from './browser.ts';
import { expectAccessible } from './journey.ts';

const ELDER_ID = '070045045678';

describe('community digital team (browser, phone)', () => {
  const baseUrl = inject('baseUrl');
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;

  beforeAll(async () => {
    browser = await launchBrowser();
    context = await browser.newContext({ viewport: { width: 360, height: 740 }, locale: 'vi-VN' });
    page = await context.newPage();
  });
  afterAll(async () => {
    await context?.close();
    await browser?.close();
  });

  it('lists villages, records a visit from the checklist, and the household is covered', async () => {
    await page.goto(`${baseUrl}/can-bo`);
    await staffLogin(page, 'hotro.phubinh');
    await page.goto(`${baseUrl}/can-bo/cong-dong`);
    await page.getByRole('heading', { level: 1, name: 'Tổ công nghệ số cộng đồng' }).waitFor();
    const areas = page.getByTestId('areas');
    await areas.getByRole('heading', { name: 'Thôn Phú Lợi' }).waitFor();
    expect(await areas.locator('li').count()).toBe(3);
    await expectAccessible(page);
    await expectNoHorizontalScroll(page);

    await areas.getByRole('link', { name: 'Danh sách thăm hộ: Thôn Phú Lợi' }).click();
    await page.getByRole('heading', { level: 1, name: 'Danh sách thăm hộ – Thôn Phú Lợi' }).waitFor();
    const list = page.getByTestId('visit-list');
    await list.getByRole('link', { name: 'Thăm hộ Số 3, Thôn Phú Lợi' }).waitFor();
    await expectAccessible(page);
    await expectNoHorizontalScroll(page);

    await list.getByRole('link', { name: 'Thăm hộ Số 3, Thôn Phú Lợi' }).click();
    await page.getByRole('heading', { level: 1, name: 'Phiếu thăm hộ' }).waitFor();
    await page.getByText('Hoàng Văn Tư', { exact: false }).first().waitFor();
    await page.getByRole('radio', { name: 'Đã hướng dẫn xong' }).check();
    await page.locator(`#skill-${ELDER_ID}-eid_login`).check();
    await page.locator(`#skill-${ELDER_ID}-online_submission`).check();
    await page.getByLabel('Ghi chú').fill('Cài VNeID mức 2, nộp thử hồ sơ trực tuyến');
    await expectAccessible(page);
    await expectNoHorizontalScroll(page);
    await page.getByRole('button', { name: 'Lưu lần thăm' }).click();
    await page.getByRole('status').filter({ hasText: 'Đã ghi nhận lần thăm.' }).waitFor();
    await page.getByRole('link', { name: 'Về danh sách thăm hộ' }).click();
    await page.getByRole('heading', { level: 1, name: 'Danh sách thăm hộ – Thôn Phú Lợi' }).waitFor();
    await page.getByText('Không còn hộ nào trong danh sách.').waitFor();
    // With covered households shown, it is there, covered.
    await page.getByLabel('Chỉ hiện hộ chưa được phủ').uncheck();
    await page.getByTestId('visit-list').locator('li').filter({ hasText: 'Số 3, Thôn Phú Lợi' }).getByText('Đã phủ').waitFor();
  });

  it('creates a representation with the code sent to the resident’s phone, confirms and revokes it', async () => {
    await page.goto(`${baseUrl}/can-bo/cong-dong/uy-quyen`);
    await page.getByRole('heading', { level: 1, name: 'Ủy quyền nộp thay' }).waitFor();
    await expectAccessible(page);
    await page.getByLabel('Số định danh cá nhân của người dân').fill(DEMO_FATHER_ID);
    await page.getByLabel('Mã thủ tục được nộp thay (dấu * là mọi thủ tục)').fill('1.001193');
    await page.getByRole('button', { name: 'Gửi mã xác nhận đến người dân' }).click();
    await page.getByRole('status').filter({ hasText: '*******678' }).waitFor();
    // The code reaches the resident's phone through the SMS gateway stand-in (the dispatcher sends it).
    let code = '';
    for (let i = 0; i < 60 && !code; i++) {
      const messages = (await page.evaluate(async () => (await fetch('/api/dev/sms?limit=50')).json())) as { content: string; phone: string }[];
      const m = messages.find((x) => x.phone.endsWith('912345678') && /Ma xac nhan (\d{6})/.test(x.content));
      code = m ? (/Ma xac nhan (\d{6})/.exec(m.content)?.[1] ?? '') : '';
      if (!code) await page.waitForTimeout(1000);
    }
    expect(code).toMatch(/^\d{6}$/);
    await page.getByLabel('Mã xác nhận người dân đọc cho bạn').fill(code);
    await expectAccessible(page);
    await page.getByRole('button', { name: 'Xác nhận', exact: true }).click();
    await page.getByRole('status').filter({ hasText: 'Đang hiệu lực' }).waitFor();
    const reps = page.getByTestId('representations');
    await reps.locator('strong', { hasText: 'Nguyễn Văn Hùng' }).waitFor();
    await reps.getByRole('button', { name: 'Thu hồi ủy quyền của Nguyễn Văn Hùng' }).click();
    await reps.getByText('Đã thu hồi').waitFor();
    await expectNoHorizontalScroll(page);
  });

  it('starts an assisted session: the resident logs in with their own e-ID on the helper’s device', async () => {
    await page.goto(`${baseUrl}/can-bo/cong-dong/phien-ho-tro`);
    await page.getByRole('heading', { level: 1, name: 'Phiên hỗ trợ' }).waitFor();
    await expectAccessible(page);
    await expectNoHorizontalScroll(page);
    await page.getByRole('button', { name: 'Người dân đăng nhập VNeID' }).click();
    await page.waitForURL(/\/eid\/interaction\//);
    await page.getByLabel('Số định danh cá nhân').fill(ELDER_ID);
    await page.getByLabel('Mật khẩu').fill('123456');
    await page.getByRole('button', { name: 'Đăng nhập', exact: true }).click();
    await page.waitForURL((url) => url.pathname === '/ho-so-cua-toi');
    await page.locator('header').getByText('Hoàng Văn Tư', { exact: true }).waitFor({ state: 'attached' });
    // The helper's back-office session on this device ended with the resident's login.
    const staffMe = await page.evaluate(async () => (await fetch('/api/staff/me')).status);
    expect([401, 403]).toContain(staffMe);
    const session = (await page.evaluate(async () => (await fetch('/api/session')).json())) as { kind: string };
    expect(session.kind).toBe('citizen');
  });

  it('shows the commune leader the coverage dashboard per village, week by week', async () => {
    const leader = await browser.newContext({ viewport: { width: 360, height: 740 }, locale: 'vi-VN' });
    const p = await leader.newPage();
    try {
      await p.goto(`${baseUrl}/can-bo`);
      await staffLogin(p, 'lanhdao.phurieng');
      await p.goto(`${baseUrl}/can-bo/cong-dong/bang-theo-doi`);
      await p.getByRole('heading', { level: 1, name: 'Phủ hộ gia đình theo thôn' }).waitFor();
      const row = p.getByTestId('coverage-table').locator('tr[data-area="25252:thon-phu-loi"]');
      await row.waitFor();
      expect(await row.locator('td[data-col="covered"]').textContent()).toMatch(/^1 \(/);
      expect(await row.locator('td[data-col="visits"]').textContent()).toBe('1');
      await expectAccessible(p);
      await row.getByRole('button', { name: 'Thôn Phú Lợi' }).click();
      const weekly = p.getByTestId('weekly-table');
      await weekly.waitFor();
      expect(await weekly.locator('tbody tr').count()).toBeGreaterThanOrEqual(8);
      expect(await weekly.locator('tbody tr').last().locator('td').first().textContent()).toBe('1');
      await expectAccessible(p);
    } finally {
      await leader.close();
    }
  });
});
