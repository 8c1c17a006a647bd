import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { DEMO_MOTHER_ID } from '../src/server/standins/population/demo-residents.ts';
import { launchBrowser } from './browser.ts';
import { expectAccessible, headerNav, loginWithEid } from './journey.ts';

const pdf = Buffer.from('%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n');

describe('citizen online submission', () => {
  let browser: Browser;
  const baseUrl = inject('baseUrl');
  beforeAll(async () => {
    browser = await launchBrowser();
  });
  afterAll(async () => browser?.close());

  it('birth registration: prefilled form, upload, review, submit, my dossiers, public lookup, confirmation e-mail', async () => {
    const context = await browser.newContext({ viewport: { width: 360, height: 740 } });
    const page = await context.newPage();
    await loginWithEid(page, baseUrl, DEMO_MOTHER_ID);

    await page.getByLabel('Bạn cần làm thủ tục gì?').fill('dang ky khai sinh');
    await page.getByRole('button', { name: 'Tìm kiếm' }).click();
    await page.getByRole('list', { name: 'Kết quả tìm kiếm' }).getByRole('link', { name: 'Đăng ký khai sinh', exact: true }).click();
    await page.getByRole('link', { name: 'Nộp hồ sơ trực tuyến' }).click();

    // No case page: the newborn's date of birth (10 days ago, from the population database) decides "on time".
    // Going back from the draft leads to the procedure page, not to a page that would start another draft.
    await page.getByRole('heading', { level: 1, name: 'Thông tin trẻ được đăng ký khai sinh' }).waitFor();
    const caseNote = page.getByTestId('case-note');
    expect(await caseNote.textContent()).toMatch(/Trường hợp: Đăng ký khai sinh đúng hạn.*Được chọn theo ngày sinh của trẻ \(10 ngày trước hôm nay\)/);
    await caseNote.getByRole('link', { name: 'Đổi trường hợp' }).waitFor();
    expect(await page.locator('#f-hoTenTre').inputValue()).toBe('Nguyễn Minh Khang');
    await expectAccessible(page);
    // Continuing with a required field empty shows the error summary linking to the field.
    await page.getByRole('button', { name: 'Tiếp tục' }).click();
    await page
      .locator('.error-summary')
      .getByRole('link', { name: /Nơi sinh/ })
      .waitFor();
    await expectAccessible(page);
    await page.locator('#f-noiSinhTre').fill('Trạm Y tế xã Phú Riềng');
    await page.getByRole('button', { name: 'Tiếp tục' }).click();

    await page.getByRole('heading', { level: 1, name: 'Thông tin người mẹ' }).waitFor();
    expect(await page.locator('#f-hoTenMe').inputValue()).toBe('Trần Thị Mai');
    expect(await page.locator('#f-soDinhDanhMe').inputValue()).toBe(DEMO_MOTHER_ID);
    expect(await page.locator('#f-noiCuTruMe').inputValue()).toContain('Thôn Phú Bình');
    await page.getByRole('button', { name: 'Tiếp tục' }).click();

    await page.getByRole('heading', { level: 1, name: 'Thông tin người cha' }).waitFor();
    expect(await page.locator('#f-hoTenCha').inputValue()).toBe('Nguyễn Văn Hùng');
    await page.getByRole('button', { name: 'Tiếp tục' }).click();

    await page.getByRole('heading', { level: 1, name: 'Người đi đăng ký và liên hệ' }).waitFor();
    await page.locator('#f-quanHeVoiTre').selectOption('me');
    await page.getByRole('button', { name: 'Tiếp tục' }).click();

    await page.getByRole('heading', { level: 1, name: 'Giấy tờ kèm theo' }).waitFor();
    await page.locator('#f-doc-GCS').setInputFiles({ name: 'giay-chung-sinh.pdf', mimeType: 'application/pdf', buffer: pdf });
    await page.getByText('✓ Đã có').first().waitFor();
    await expectAccessible(page);
    await page.getByRole('button', { name: 'Tiếp tục' }).click();

    await page.getByRole('heading', { level: 1, name: 'Liên hệ và nhận kết quả' }).waitFor();
    expect(await page.locator('#f-contactPhone').inputValue()).toBe('0987654321');
    await page.getByRole('button', { name: 'Tiếp tục' }).click();

    await page.getByRole('heading', { level: 1, name: 'Kiểm tra thông tin' }).waitFor();
    expect(await page.getByText('Trạm Y tế xã Phú Riềng').count()).toBeGreaterThan(0);
    await expectAccessible(page);
    expect(await page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth)).toBe(true);
    await page.getByRole('button', { name: 'Nộp hồ sơ' }).click();

    await page.getByRole('heading', { level: 1, name: 'Đã nộp hồ sơ thành công' }).waitFor();
    const code = (await page.getByTestId('dossier-code').textContent())!.trim();
    expect(code).toMatch(/^000\.01\.52\.H19-\d{6}-\d{4}$/);
    await page.getByRole('img', { name: /Mã QR tra cứu/ }).waitFor();
    await expectAccessible(page);

    await (await headerNav(page)).getByRole('link', { name: 'Hồ sơ của tôi' }).click();
    await page.getByRole('list', { name: 'Hồ sơ đã nộp' }).getByText(code, { exact: false }).waitFor();
    await expectAccessible(page);

    // Public lookup, as anyone (a fresh context without the session).
    const anon = await browser.newPage({ viewport: { width: 360, height: 740 } });
    await anon.goto(`${baseUrl}/tra-cuu?ma=${encodeURIComponent(code)}`);
    await anon.getByLabel(/4 số cuối/).fill(DEMO_MOTHER_ID.slice(-4));
    await anon.getByRole('button', { name: 'Tra cứu' }).click();
    await anon.getByTestId('lookup-status').waitFor();
    expect(await anon.getByTestId('lookup-status').textContent()).toBe('Mới đăng ký');
    expect(await anon.content()).not.toContain('Trần Thị Mai');
    await expectAccessible(anon);
    await anon.close();

    // The confirmation e-mail, captured by the local SMTP server.
    await expect
      .poll(
        async () => {
          // Read inside the citizen's page: the development mailbox answers only a signed-in user.
          const mails = await page.evaluate(
            async (url) => (await (await fetch(url)).json()) as { subject: string; text: string }[],
            '/api/dev/mailbox?to=tran.thi.mai@example.vn',
          );
          return mails.some((m) => m.subject.includes(code) && m.text.includes(code));
        },
        { timeout: 15_000, interval: 500 },
      )
      .toBe(true);
    await context.close();
  });

  it('resumes a draft on another device with every typed value intact', async () => {
    const deviceA = await browser.newContext({ viewport: { width: 1280, height: 900 } });
    const a = await deviceA.newPage();
    await loginWithEid(a, baseUrl, DEMO_MOTHER_ID);
    await a.goto(`${baseUrl}/nop-ho-so/1.001193`);
    await a.locator('#f-noiSinhTre').waitFor();
    await a.locator('#f-noiSinhTre').fill('Bệnh viện Đa khoa Đồng Nai');
    await a.locator('#f-queQuanTre').fill('Xã Phú Riềng, tỉnh Đồng Nai');
    await a.getByText('Đã lưu nháp').waitFor();
    await a.waitForTimeout(800);
    await a.getByText('Đã lưu nháp').waitFor();
    const draftUrl = new URL(a.url()).pathname;
    await deviceA.close(); // the tab is closed without submitting

    const deviceB = await browser.newContext({ viewport: { width: 360, height: 740 } });
    const b = await deviceB.newPage();
    await loginWithEid(b, baseUrl, DEMO_MOTHER_ID);
    await (await headerNav(b)).getByRole('link', { name: 'Hồ sơ của tôi' }).click();
    await b.locator(`a[href="${draftUrl}"]`).click();
    await b.locator('#f-noiSinhTre').waitFor();
    expect(await b.locator('#f-noiSinhTre').inputValue()).toBe('Bệnh viện Đa khoa Đồng Nai');
    expect(await b.locator('#f-queQuanTre').inputValue()).toBe('Xã Phú Riềng, tỉnh Đồng Nai');
    expect(await b.locator('#f-hoTenTre').inputValue()).toBe('Nguyễn Minh Khang');
    await deviceB.close();
  });
});
