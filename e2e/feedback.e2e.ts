/**
 * Issue 15's journey in a phone-sized browser: the chat panel's link opens the right case of the e-form; the citizen
 * sends a question (similar published questions shown while typing), an official answers it, the unit's moderator
 * publishes the moderated text, and the public Q&A search finds it without diacritics — with no phone number, e-mail or identity number on
 * the rendered page. axe-core: no serious or critical violations on the new pages.
 */
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { DEMO_MOTHER_ID } from '../src/server/standins/population/demo-residents.ts';
import { expectNoHorizontalScroll, staffLogin } from './backoffice.ts';
import { launchBrowser } from './browser.ts';
import { expectAccessible, headerNav, loginWithEid } from './journey.ts';

const PHONE = '0912 345 678';
const EMAIL = 'chi.hoa@example.vn';
const ID_NUMBER = '079190001234';

describe('feedback, moderation and the public Q&A', () => {
  let browser: Browser;
  let page: Page;
  let staff: Page;
  const baseUrl = inject('baseUrl');
  const subject = `Trích lục khai sinh bản sao ${Date.now().toString(36)}`;
  beforeAll(async () => {
    browser = await launchBrowser();
    page = await browser.newPage({ viewport: { width: 360, height: 740 } });
    staff = await (await browser.newContext({ viewport: { width: 360, height: 740 } })).newPage();
  });
  afterAll(async () => browser?.close());

  it('the chat panel links into the right case of the e-form', async () => {
    await loginWithEid(page, baseUrl, DEMO_MOTHER_ID);
    await page.getByRole('button', { name: 'Hỏi trợ lý' }).click();
    const panel = page.getByRole('dialog', { name: 'Trợ lý' });
    await panel.getByLabel('Câu hỏi của bạn').fill('con tôi 3 tháng chưa làm khai sinh, quá hạn rồi cần giấy tờ gì');
    await page.keyboard.press('Enter');
    const answer = panel.getByTestId('assistant-answer').first();
    await answer.getByRole('link', { name: /Nộp hồ sơ trực tuyến: Đăng ký khai sinh quá hạn/ }).click();
    await page.waitForURL(/\/nop-ho-so\/1\.001193\?truong-hop=qua-han/);
    const chosen = page.getByRole('radio', { name: /quá hạn/ });
    await chosen.waitFor();
    expect(await chosen.isChecked()).toBe(true);
  });

  it('a citizen sends a question with personal data; it is listed under "my feedback"', async () => {
    await page.goto(`${baseUrl}/phan-anh`);
    await page.getByRole('heading', { level: 1, name: 'Gửi phản ánh, kiến nghị' }).waitFor();
    await page.getByLabel('Câu hỏi', { exact: true }).check();
    // The commune it is for may be chosen; left "not sure", the one-stop desk sorts it.
    const sendTo = page.getByLabel('Gửi đến');
    expect(await sendTo.inputValue()).toBe('');
    expect(await sendTo.locator('option').allTextContents()).toEqual(expect.arrayContaining([expect.stringContaining('Phú Riềng')]));
    await page.getByLabel('Tiêu đề').fill(subject);
    await page.getByLabel('Nội dung').fill(`Tôi cần bản sao trích lục khai sinh cho con, xin gọi ${PHONE} hoặc ${EMAIL}; CCCD ${ID_NUMBER}. Xin cảm ơn.`);
    await page.getByRole('button', { name: 'Gửi', exact: true }).click();
    await page.getByTestId('feedback-sent').waitFor();
    await page.getByTestId('my-feedback').filter({ hasText: subject }).getByText('Đang xử lý').waitFor();
    await expectAccessible(page);
    await expectNoHorizontalScroll(page);
  });

  it("an official answers; the unit's moderator publishes the moderated text; personal data left is refused", async () => {
    await staff.goto(`${baseUrl}/can-bo/phan-anh`);
    await staffLogin(staff, 'tiepnhan.phurieng');
    await staff.getByRole('heading', { level: 1, name: 'Phản ánh, kiến nghị' }).waitFor();
    const card = staff.getByTestId('staff-feedback').filter({ hasText: subject });
    await card.getByRole('button', { name: `Xử lý: ${subject}` }).click();
    await card.getByLabel('Lĩnh vực').fill('Hộ tịch');
    await card.getByLabel('Mã thủ tục').fill('1.001193');
    await card.getByRole('button', { name: 'Lưu phân loại' }).click();
    await card.getByText('Đã lưu.').first().waitFor();
    await card.getByLabel('Trả lời', { exact: true }).check();
    await card.getByLabel('Nội dung', { exact: true }).fill('Bản sao trích lục khai sinh cấp tại UBND xã hoặc nộp trực tuyến trên cổng.');
    await card.getByRole('button', { name: 'Gửi', exact: true }).click();
    await staff.getByLabel('Trạng thái').selectOption('answered');
    const answered = staff.getByTestId('staff-feedback').filter({ hasText: subject });
    await answered.getByRole('button', { name: `Xử lý: ${subject}` }).click();
    // The answering official no longer publishes: the moderator does.
    await answered.getByText('Biên tập viên phản ánh, kiến nghị của đơn vị sẽ xóa thông tin cá nhân và công khai.').waitFor();
    expect(await answered.getByRole('button', { name: 'Công khai' }).count()).toBe(0);

    const moderator = await (await browser.newContext({ viewport: { width: 360, height: 740 } })).newPage();
    await moderator.goto(`${baseUrl}/can-bo/phan-anh`);
    await staffLogin(moderator, 'bientap.phurieng');
    await moderator.getByRole('heading', { level: 1, name: 'Phản ánh, kiến nghị' }).waitFor();
    await moderator.getByLabel('Trạng thái').selectOption('answered');
    const toPublish = moderator.getByTestId('staff-feedback').filter({ hasText: subject });
    await toPublish.getByRole('button', { name: `Xử lý: ${subject}` }).click();
    const question = toPublish.getByLabel('Câu hỏi công khai');
    const proposed = await question.inputValue();
    expect(proposed).not.toContain('345');
    expect(proposed).not.toContain(EMAIL);
    expect(proposed).not.toContain(ID_NUMBER);
    await expectAccessible(moderator);
    await expectNoHorizontalScroll(moderator);
    // Put a phone number back: the server refuses to publish.
    await question.fill(`${proposed} Gọi ${PHONE}.`);
    await toPublish.getByRole('button', { name: 'Công khai' }).click();
    await toPublish.getByRole('alert').waitFor();
    await question.fill(proposed);
    await toPublish.getByRole('button', { name: 'Công khai' }).click();
    await moderator.getByLabel('Trạng thái').selectOption('published');
    await moderator.getByTestId('staff-feedback').filter({ hasText: subject }).waitFor();
  });

  it('the public Q&A finds it without diacritics, grouped by field and procedure, with no personal data', async () => {
    const anon = await (await browser.newContext({ viewport: { width: 360, height: 740 } })).newPage();
    await anon.goto(`${baseUrl}/hoi-dap`);
    await anon.getByRole('heading', { level: 1, name: 'Hỏi đáp công khai' }).waitFor();
    await anon.getByLabel('Tìm trong hỏi đáp').fill('trich luc khai sinh ban sao');
    await anon.getByRole('button', { name: 'Tìm', exact: true }).click();
    const item = anon.getByTestId('qa-item').filter({ hasText: subject });
    await item.waitFor();
    await anon.getByRole('heading', { level: 2, name: 'Hộ tịch' }).waitFor();
    await anon.getByRole('heading', { level: 3, name: 'Thủ tục 1.001193' }).waitFor();
    const shown = (await anon.locator('main').innerText()).replace(/\s+/g, ' ');
    expect(shown).toContain('UBND xã');
    expect(shown).not.toMatch(/0912|345 ?678/);
    expect(shown).not.toContain('example.vn');
    expect(shown).not.toContain(ID_NUMBER);
    await expectAccessible(anon);
    await expectNoHorizontalScroll(anon);

    // The logged-in citizen likes it there, and sees it as a similar question before asking again.
    await page.goto(`${baseUrl}/hoi-dap?q=${encodeURIComponent('trich luc')}`);
    const mine = page.getByTestId('qa-item').filter({ hasText: subject });
    await mine.getByRole('button', { name: /Hữu ích \(0\)/ }).click();
    await mine.getByRole('button', { name: /Hữu ích \(1\)/ }).waitFor();
    await page.goto(`${baseUrl}/phan-anh`);
    await page.getByLabel('Tiêu đề').fill('trich luc khai sinh');
    await page.getByTestId('similar-questions').getByRole('link', { name: subject }).waitFor();
    await expectAccessible(page);

    // The life-event suggestions page ("Gợi ý cho bạn"), and the Q&A page in English.
    await page.goto(`${baseUrl}/goi-y`);
    await page.getByRole('heading', { level: 1, name: 'Gợi ý cho bạn' }).waitFor();
    await page
      .getByText(/Hiện chưa có gợi ý nào|Nộp hồ sơ:/)
      .first()
      .waitFor();
    await expectAccessible(page);
    await page.goto(`${baseUrl}/hoi-dap`);
    await (await headerNav(page)).getByRole('button', { name: 'English' }).click();
    await page.getByRole('heading', { level: 1, name: 'Public questions and answers' }).waitFor();
    await (await headerNav(page)).getByRole('button', { name: 'Tiếng Việt' }).click();
  });
});
