import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { DEMO_MOTHER_ID } from '../src/server/standins/population/demo-residents.ts';
import { launchBrowser } from './browser.ts';
import { expectAccessible, loginWithEid } from './journey.ts';

describe('the assistant: chat panel and /tro-ly', () => {
  let browser: Browser;
  let page: Page;
  const baseUrl = inject('baseUrl');
  beforeAll(async () => {
    browser = await launchBrowser();
    page = await browser.newPage({ viewport: { width: 360, height: 740 } });
  });
  afterAll(async () => browser?.close());

  it('asked in the chat panel, its link opens the right case of the e-form', async () => {
    await loginWithEid(page, baseUrl, DEMO_MOTHER_ID);
    await page.getByRole('button', { name: 'Hỏi trợ lý' }).click();
    const panel = page.getByRole('dialog', { name: 'Trợ lý' });
    await panel.getByLabel('Câu hỏi của bạn').fill('con tôi 3 tháng chưa làm khai sinh, quá hạn rồi cần giấy tờ gì');
    await page.keyboard.press('Enter');
    const answer = panel.getByTestId('assistant-answer').first();
    await answer.getByText('Giấy chứng sinh').first().waitFor();
    expect(await answer.getByText(/Nguồn: Thủ tục 1\.001193 — Đăng ký khai sinh/).count()).toBe(1);
    await expectAccessible(page);
    await answer.getByRole('link', { name: /Nộp hồ sơ trực tuyến: Đăng ký khai sinh quá hạn/ }).click();
    await page.waitForURL(/\/nop-ho-so\/1\.001193\?truong-hop=qua-han/);
    const chosen = page.getByRole('radio', { name: /quá hạn/ });
    await chosen.waitFor();
    expect(await chosen.isChecked()).toBe(true);
    expect(await page.getByRole('radio', { name: /đúng hạn/ }).isChecked()).toBe(false);
  });

  it('answers "hồ sơ của tôi đến đâu rồi" for the logged-in citizen only, and says when it is not sure', async () => {
    await page.goto(`${baseUrl}/tro-ly`);
    await page.getByRole('heading', { level: 1, name: 'Trợ lý hỏi đáp thủ tục' }).waitFor();
    await expectAccessible(page);
    await page.getByLabel('Câu hỏi của bạn').fill('hồ sơ của tôi đến đâu rồi');
    await page.getByRole('button', { name: 'Hỏi', exact: true }).click();
    const first = page.getByTestId('assistant-answer').first();
    await first.getByText(/hồ sơ/i).first().waitFor();
    expect(await first.textContent()).not.toContain('Trợ lý chưa chắc chắn');
    await page.getByLabel('Câu hỏi của bạn').fill('xin visa đi Mỹ');
    await page.keyboard.press('Enter');
    const second = page.getByTestId('assistant-answer').nth(1);
    await second.getByText('Trợ lý chưa chắc chắn').waitFor();
    expect(await second.getByRole('link', { name: 'Gọi đường dây nóng 1022' }).getAttribute('href')).toBe('tel:1022');
    await second.getByRole('button', { name: /Không/ }).click();
    await second.getByText('Cảm ơn bạn đã phản hồi.').waitFor();
    await expectAccessible(page);
    expect(await page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth)).toBe(true);
  });
});
