/**
 * The citizen journey in English, and the fee-exemption claim, in a real browser (phone-sized, axe-core on each page).
 *
 * 1. A marital-status certificate (1.004873, whose catalogue entry has English labels) in English: English step
 *    titles and field labels, the form engine's validation message in English, and a refusal by the server (a
 *    prefilled answer changed: PREFILL_TAMPERED) said in English; then submitted once the answer is restored, and
 *    the dossier pages and the dossier's notifications name the procedure in English.
 * 1b. Procedure content in English (issue 18 item 7): the marital-status certificate's and the birth registration's
 *    guide in English from the catalogue; a procedure without English says so, its Vietnamese marked lang="vi".
 * 2. The same procedure with a fee exemption (poor household): without the proving document the browser says so, and
 *    so does the server when the claim is submitted anyway; with the document the quote falls to 0 đ, and the
 *    submitted dossier shows the exemption and nothing to pay.
 */
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { DEMO_BRIDE_ID, DEMO_GROOM_ID } from '../src/server/standins/population/demo-residents.ts';
import { launchBrowser } from './browser.ts';
import { expectAccessible, headerNav, loginWithEid } from './journey.ts';

const pdf = Buffer.from('%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n');

const h1 = (page: Page, name: string) => page.getByRole('heading', { level: 1, name }).waitFor();

/** Waits until the draft's changes are saved (debounced PUT), so that a new address reads them back. */
async function saved(page: Page, text: string) {
  await page.waitForTimeout(700);
  await page.getByText(text, { exact: true }).waitFor();
}

describe('the citizen journey in English and the fee exemption', () => {
  let browser: Browser;
  const baseUrl = inject('baseUrl');
  beforeAll(async () => {
    browser = await launchBrowser();
  });
  afterAll(async () => browser?.close());

  it('goes through the journey in English: labels, a validation message and a server refusal in English', async () => {
    const context = await browser.newContext({ viewport: { width: 360, height: 740 } });
    const page = await context.newPage();
    await loginWithEid(page, baseUrl, DEMO_GROOM_ID);
    await (await headerNav(page)).getByRole('button', { name: 'English' }).click();
    await page.locator('header').getByRole('link', { name: 'My applications', includeHidden: true }).waitFor({ state: 'attached' });

    await page.goto(`${baseUrl}/thu-tuc/1.004873`);
    await page.getByRole('link', { name: 'Apply online' }).click();
    // One online case: no case page, straight to the form.

    // Page 1: the catalogue's English labels and title, the prefilled name.
    await h1(page, 'Applicant');
    expect(await page.getByText('Step 1 of 5').count()).toBe(1);
    const name = page.getByLabel('Full name of the applicant');
    const prefilledName = await name.inputValue();
    expect(prefilledName).toBe('Lê Quang Vinh');
    await page.getByLabel('Personal identification number').waitFor();
    expect(await page.getByText('Taken from the National Population Database').count()).toBeGreaterThan(0);
    await expectAccessible(page);
    // A prefilled answer that may not be changed is read-only; a tampered browser changes it anyway, and the server
    // will refuse it.
    expect(await name.getAttribute('readonly')).not.toBeNull();
    await name.evaluate((el) => el.removeAttribute('readonly'));
    await name.fill('Lê Quang Vĩnh Phúc');
    await page.getByRole('button', { name: 'Continue' }).click();

    // Page 2: continuing with the required purpose empty gives the form engine's message, in English.
    await h1(page, 'What the certificate is for');
    await page.getByRole('button', { name: 'Continue' }).click();
    const summary = page.locator('.error-summary');
    await summary.getByRole('heading', { name: 'Problems to fix: 1' }).waitFor();
    await summary.getByRole('link', { name: 'Purpose of the certificate is required.' }).waitFor();
    expect(await page.locator('#f-mucDichSuDung-error').textContent()).toBe('Error: Purpose of the certificate is required.');
    await expectAccessible(page);
    await page.getByLabel('Purpose of the certificate').fill('Marriage registration');
    await page.getByRole('button', { name: 'Continue' }).click();

    // Documents, with the fee exemption offered (not claimed) and the quote with the online reduction.
    await h1(page, 'Supporting documents');
    await page.getByRole('heading', { level: 2, name: 'Fee exemption' }).waitFor();
    expect(await page.getByLabel('No, I pay the fees').isChecked()).toBe(true);
    expect(await page.getByTestId('exemption-fee-quote').getByTestId('quote-total').textContent()).toBe('2.500 đ');
    await expectAccessible(page);
    await page.getByRole('button', { name: 'Continue' }).click();

    await h1(page, 'Contact and delivery of the result');
    await page.getByRole('button', { name: 'Continue' }).click();

    await h1(page, 'Check your answers');
    // Each group is folded: open the applicant's.
    await page.locator('summary', { hasText: 'Applicant' }).click();
    await page.locator('dt').getByText('Full name of the applicant', { exact: true }).waitFor();
    await page.getByText('Lê Quang Vĩnh Phúc', { exact: true }).waitFor();
    await expectAccessible(page);
    await page.getByRole('button', { name: 'Submit the application' }).click();

    // The server refuses the changed prefilled answer; the journey says so in English.
    await summary.getByRole('heading', { name: 'Problems to fix: 1' }).waitFor();
    const refusal = (await summary.getByRole('listitem').textContent()) ?? '';
    expect(refusal).toContain('Full name of the applicant: information filled in from the national databases must not be changed.');
    expect(refusal).not.toMatch(/không được sửa/);
    await expectAccessible(page);

    // Put the name back (the "Change" link goes to its page) and submit.
    await page.getByRole('button', { name: 'Change Full name of the applicant' }).click();
    await h1(page, 'Applicant');
    await page.getByLabel('Full name of the applicant').evaluate((el) => el.removeAttribute('readonly'));
    await page.getByLabel('Full name of the applicant').fill(prefilledName);
    await saved(page, 'Draft saved');
    await page.goto(`${page.url().split('?')[0]}?buoc=99`);
    await h1(page, 'Check your answers');
    await page.getByRole('button', { name: 'Submit the application' }).click();
    await h1(page, 'Your application has been submitted');
    expect((await page.getByTestId('dossier-code').textContent())?.trim()).toMatch(/^000\.01\.52\.H19-\d{6}-\d{4}$/);
    await page.getByRole('img', { name: /QR code to track application/ }).waitFor();
    // The dossier was submitted under the Vietnamese name; the English interface shows the catalogue's English one.
    await page.getByText('The application "Marital status certificate" was sent at', { exact: false }).waitFor();
    await expectAccessible(page);

    await page.getByRole('link', { name: 'See the progress of the application' }).click();
    await page.getByTestId('citizen-status').waitFor();
    expect(await page.getByTestId('citizen-status').textContent()).toBe('Newly submitted');
    await page.getByText('Marital status certificate', { exact: true }).waitFor();
    // Submitted in English, the dossier's notifications are in English, with the procedure's English name.
    await page.getByText('your application "Marital status certificate"', { exact: false }).first().waitFor();
    await expectAccessible(page);
    await page.goto(`${baseUrl}/ho-so-cua-toi`);
    await page.getByRole('link', { name: 'Marital status certificate' }).first().waitFor();
    await context.close();
  });

  it("shows a procedure's own content in English where the catalogue has it, and says where it does not", async () => {
    const context = await browser.newContext({ viewport: { width: 360, height: 740 } });
    const page = await context.newPage();
    await page.goto(`${baseUrl}/thu-tuc/1.004873`);
    await h1(page, 'Cấp Giấy xác nhận tình trạng hôn nhân');
    await (await headerNav(page)).getByRole('button', { name: 'English' }).click();

    // English content: name, guide, case, documents, fee, result, legal basis; no notice.
    await h1(page, 'Marital status certificate');
    const main = page.locator('main');
    await main.getByText('Confirms that you are single, divorced or widowed', { exact: false }).waitFor();
    await main.getByRole('listitem').filter({ hasText: 'Sign in and state what the certificate is for.' }).waitFor();
    await main.getByText('Divorce judgment or decision, or other proof (if divorced or widowed, if any)').waitFor();
    await main.getByText('Fee for a marital status certificate', { exact: false }).waitFor();
    await main.getByText('Law on Civil Status', { exact: true }).waitFor();
    expect(await page.getByTestId('vi-only-notice').count()).toBe(0);
    expect(await main.getByText('Xác nhận bạn đang độc thân', { exact: false }).count()).toBe(0);
    // The legal citation itself stays Vietnamese, marked so.
    expect(await main.locator('[lang="vi"]', { hasText: 'Luật Hộ tịch số 60/2014/QH13' }).count()).toBe(1);
    await expectAccessible(page);

    // Birth registration (the README walkthrough): its guide and cases in English too.
    await page.goto(`${baseUrl}/thu-tuc/1.001193`);
    await h1(page, 'Birth registration');
    await page.getByRole('heading', { level: 3, name: 'Birth registration on time (within 60 days of the birth)' }).waitFor();
    await main.getByText('Done the same day; if received after 3 pm', { exact: false }).waitFor();
    expect(await page.getByTestId('vi-only-notice').count()).toBe(0);
    await expectAccessible(page);

    // A procedure without English: the notice, and its Vietnamese marked lang="vi" for screen readers.
    await page.goto(`${baseUrl}/thu-tuc/1.000656`);
    await page.getByTestId('vi-only-notice').getByText("This procedure's content is available in Vietnamese only.").waitFor();
    expect(await page.getByRole('heading', { level: 1 }).getAttribute('lang')).toBe('vi');
    expect(await main.locator('.lead').getAttribute('lang')).toBe('vi');
    expect(await main.locator('ol.steps').getAttribute('lang')).toBe('vi');
    await expectAccessible(page);

    // The search list names procedures in English where it can, marking the others.
    await page.goto(`${baseUrl}/thu-tuc?q=${encodeURIComponent('hôn nhân')}`);
    await page.getByRole('link', { name: 'Marital status certificate' }).waitFor();
    await expectAccessible(page);
    await context.close();
  });

  it('claims a fee exemption: refused without the proving document, fee 0 with it, shown on the submitted dossier', async () => {
    const context = await browser.newContext({ viewport: { width: 360, height: 740 } });
    const page = await context.newPage();
    await loginWithEid(page, baseUrl, DEMO_BRIDE_ID);
    await page.goto(`${baseUrl}/nop-ho-so/1.004873`);
    await h1(page, 'Thông tin người yêu cầu');
    await page.getByRole('button', { name: 'Tiếp tục' }).click();
    await h1(page, 'Nội dung đề nghị xác nhận');
    await page.getByLabel('Mục đích sử dụng giấy xác nhận').fill('Đăng ký kết hôn');
    await page.getByRole('button', { name: 'Tiếp tục' }).click();

    await h1(page, 'Giấy tờ kèm theo');
    const quoteTotal = () => page.getByTestId('exemption-fee-quote').getByTestId('quote-total').textContent();
    expect(await quoteTotal()).toBe('2.500 đ');
    await page.getByLabel('Người thuộc hộ nghèo').check();
    await page.getByText('Mức miễn được áp dụng khi có giấy tờ chứng minh.').waitFor();
    expect(await quoteTotal()).toBe('2.500 đ');
    await expectAccessible(page);

    // Without the proving document: the browser refuses to go on…
    await page.getByRole('button', { name: 'Tiếp tục' }).click();
    const summary = page.locator('.error-summary');
    await summary.getByRole('link', { name: 'Vui lòng đính kèm giấy tờ chứng minh được miễn phí, lệ phí: Người thuộc hộ nghèo.' }).waitFor();
    await expectAccessible(page);
    // …and the server refuses the claim submitted anyway (the review step opened by its address).
    await saved(page, 'Đã lưu nháp');
    const draftPath = new URL(page.url()).pathname;
    await page.goto(`${baseUrl}${draftPath}?buoc=99`);
    await h1(page, 'Kiểm tra thông tin');
    await page.getByTestId('review-exemption').getByText('Được miễn phí, lệ phí: Người thuộc hộ nghèo').waitFor();
    await page.getByRole('button', { name: 'Nộp hồ sơ' }).click();
    await h1(page, 'Giấy tờ kèm theo');
    await summary.getByRole('link', { name: 'Thiếu giấy tờ chứng minh được miễn phí, lệ phí: Người thuộc hộ nghèo.' }).waitFor();
    await page.getByTestId('exemption-proof').getByText('Thiếu giấy tờ chứng minh được miễn phí, lệ phí: Người thuộc hộ nghèo.').waitFor();

    // With the document: the quote falls to 0 đ.
    await page
      .getByTestId('exemption-proof')
      .locator('input[type=file]:not([capture])')
      .setInputFiles({ name: 'so-ho-ngheo.pdf', mimeType: 'application/pdf', buffer: pdf });
    await page.getByTestId('exemption-proof').getByText('✓ Đã có').waitFor();
    await page.getByText('Bạn được miễn phí, lệ phí: số tiền phải nộp là 0 đ.').waitFor();
    expect(await quoteTotal()).toBe('0 đ');
    expect(await page.getByTestId('exemption-fee-quote').getByTestId('quote-reduction').textContent()).toBe('Được miễn');
    await expectAccessible(page);
    await page.getByRole('button', { name: 'Tiếp tục' }).click();
    await h1(page, 'Liên hệ và nhận kết quả');
    await page.getByRole('button', { name: 'Tiếp tục' }).click();

    await h1(page, 'Kiểm tra thông tin');
    await page.getByTestId('review-exemption').getByText('Giấy tờ chứng minh: so-ho-ngheo.pdf').waitFor();
    // The review's summary, before "Nộp hồ sơ", says the fee (the fee section below says it again with the quote).
    await page.getByTestId('review-summary').getByText('Miễn phí', { exact: true }).waitFor();
    await expectAccessible(page);
    await page.getByRole('button', { name: 'Nộp hồ sơ' }).click();

    await h1(page, 'Đã nộp hồ sơ thành công');
    await page.getByRole('link', { name: 'Xem tiến trình hồ sơ' }).click();
    const exemption = page.getByTestId('citizen-exemption');
    await exemption.getByText('Được miễn phí, lệ phí: Người thuộc hộ nghèo · Giấy tờ chứng minh: so-ho-ngheo.pdf').waitFor();
    const panel = page.getByTestId('payment-panel');
    await panel.getByTestId('payment-exempted').waitFor();
    expect(await panel.getByTestId('quote-total').textContent()).toBe('0 đ');
    expect(await panel.getByTestId('quote-reduction').textContent()).toBe('Được miễn');
    expect(await page.getByTestId('amount-due').count()).toBe(0);
    await expectAccessible(page);

    // The server's view: nothing owed.
    const dossierId = new URL(page.url()).pathname.split('/').pop();
    const payment = await page.evaluate(async (id) => (await fetch(`/api/dossiers/${id}/payment`)).json(), dossierId);
    expect(payment).toMatchObject({ feeTotal: 0, amountDue: 0 });
    await context.close();
  });
});
