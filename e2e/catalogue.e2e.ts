import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { describeViolations, launchBrowser, seriousAxeViolations } from './browser.ts';
import { headerNav } from './journey.ts';

describe('procedure search and guide pages', () => {
  let browser: Browser;
  let page: Page;
  const baseUrl = inject('baseUrl');
  beforeAll(async () => {
    browser = await launchBrowser();
    page = await browser.newPage({ viewport: { width: 360, height: 740 } });
  });
  afterAll(async () => browser?.close());

  const noHorizontalScroll = async () => page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth);
  const expectAccessible = async () => {
    const v = await seriousAxeViolations(page);
    expect(v, describeViolations(v)).toEqual([]);
  };

  it('home page: search without diacritics, by keyboard, finds "Đăng ký khai sinh" first', async () => {
    await page.goto(baseUrl);
    await page.getByRole('heading', { level: 2, name: 'Tìm theo lĩnh vực' }).waitFor();
    await expectAccessible();
    expect(await noHorizontalScroll()).toBe(true);
    await page.getByLabel('Bạn cần làm thủ tục gì?').fill('dang ky khai sinh');
    await page.keyboard.press('Enter');
    await page.waitForURL(/\/thu-tuc\?q=/);
    await page.getByRole('status').filter({ hasText: 'Tìm thấy' }).waitFor();
    const first = page.getByRole('list', { name: 'Kết quả tìm kiếm' }).getByRole('link').first();
    expect(await first.textContent()).toBe('Đăng ký khai sinh');
    await expectAccessible();
    expect(await noHorizontalScroll()).toBe(true);
    await first.click();
    await page.getByRole('heading', { level: 1, name: 'Đăng ký khai sinh' }).waitFor();
    expect(await page.getByRole('heading', { name: 'Các bước thực hiện' }).count()).toBe(1);
    expect(await page.getByText('Giấy chứng sinh').first().isVisible()).toBe(true);
    await expectAccessible();
    expect(await noHorizontalScroll()).toBe(true);
  });

  it('filters by field and by level', async () => {
    await page.goto(`${baseUrl}/thu-tuc`);
    await page.getByRole('status').filter({ hasText: 'Tìm thấy' }).waitFor();
    await page.getByLabel('Lĩnh vực').selectOption({ label: 'Chứng thực' });
    await page.waitForURL(/linhVuc=CT/);
    const list = page.getByRole('list', { name: 'Kết quả tìm kiếm' }).getByRole('link');
    // The list is replaced once the filtered answer arrives: wait until it holds only that field's procedures.
    await expect
      .poll(
        async () => {
          const names = await list.allTextContents();
          return names.length > 2 && names.every((n) => /Chứng thực|bản sao/i.test(n));
        },
        { timeout: 10_000 },
      )
      .toBe(true);
    await page.getByLabel('Mức độ dịch vụ trực tuyến').selectOption('toan_trinh');
    await page.waitForURL(/mucDo=toan_trinh/);
    await expect.poll(async () => (await list.allTextContents()).join('|'), { timeout: 10_000 }).toBe('Chứng thực bản sao điện tử từ bản chính');
  });

  it('shows a fee with its online reduction on the procedure page', async () => {
    await page.goto(`${baseUrl}/thu-tuc/1.004873`);
    await page.getByRole('heading', { level: 1 }).waitFor();
    expect(await page.getByText('giảm 50% khi nộp trực tuyến').first().isVisible()).toBe(true);
  });

  it('says what applying online gives: the shorter time limit and the lower fee (Đăng ký tạm trú)', async () => {
    await page.goto(`${baseUrl}/thu-tuc/1.004199`);
    const advantage = page.getByTestId('online-advantage').first();
    await advantage.waitFor();
    const text = (await advantage.textContent()) ?? '';
    expect(text).toContain('Nộp trực tuyến: giải quyết trong 2 ngày làm việc');
    expect(text).toContain('(nộp tại quầy: 3 ngày làm việc)');
    expect(text).toContain('lệ phí 7.500 đ (tại quầy 15.000 đ)');
    await expectAccessible();
  });

  it('switches to English and back', async () => {
    await page.goto(baseUrl);
    await (await headerNav(page)).getByRole('button', { name: 'English' }).click();
    await page.getByRole('heading', { level: 1, name: 'Online public services' }).waitFor();
    expect(await page.getAttribute('html', 'lang')).toBe('en');
    await (await headerNav(page)).getByRole('button', { name: 'Tiếng Việt' }).click();
    await page.getByRole('heading', { level: 1, name: 'Dịch vụ công trực tuyến' }).waitFor();
    expect(await page.getAttribute('html', 'lang')).toBe('vi');
  });

  it('shows a Vietnamese message for an unknown procedure', async () => {
    await page.goto(`${baseUrl}/thu-tuc/9.999999`);
    await page.getByRole('alert').waitFor();
    expect(await page.getByRole('alert').textContent()).toContain('Không tìm thấy thủ tục');
  });
});
