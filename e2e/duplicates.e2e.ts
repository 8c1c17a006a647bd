/**
 * Issue 18 (1): the same mother registers the same child's birth twice. Before the second submission she is warned,
 * with a link to her first dossier; she submits anyway, and the receiving officer's queue flags the second dossier
 * "Có thể trùng" with a link to the first.
 */
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { DEMO_MOTHER_ID } from '../src/server/standins/population/demo-residents.ts';
import { smallPdf, staffLogin } from './backoffice.ts';
import { launchBrowser } from './browser.ts';
import { expectAccessible, loginWithEid } from './journey.ts';

/** The mother fills in the birth registration of her newborn (prefilled) up to the check-your-answers page. */
async function birthRegistrationToReview(page: Page, baseUrl: string): Promise<void> {
  await page.goto(`${baseUrl}/nop-ho-so/1.001193`); // the date of birth decides the case: straight to the form
  await page.getByRole('heading', { level: 1, name: 'Thông tin trẻ được đăng ký khai sinh' }).waitFor();
  await page.locator('#f-noiSinhTre').fill('Trạm Y tế xã Phú Riềng');
  for (const next of ['Thông tin người mẹ', 'Thông tin người cha', 'Người đi đăng ký và liên hệ']) {
    await page.getByRole('button', { name: 'Tiếp tục' }).click();
    await page.getByRole('heading', { level: 1, name: next }).waitFor();
  }
  await page.locator('#f-quanHeVoiTre').selectOption('me');
  await page.getByRole('button', { name: 'Tiếp tục' }).click();
  await page.getByRole('heading', { level: 1, name: 'Giấy tờ kèm theo' }).waitFor();
  await page.locator('#f-doc-GCS').setInputFiles({ name: 'giay-chung-sinh.pdf', mimeType: 'application/pdf', buffer: smallPdf('giay chung sinh') });
  await page.getByText('✓ Đã có').first().waitFor();
  await page.getByRole('button', { name: 'Tiếp tục' }).click();
  await page.getByRole('heading', { level: 1, name: 'Liên hệ và nhận kết quả' }).waitFor();
  await page.getByRole('button', { name: 'Tiếp tục' }).click();
  await page.getByRole('heading', { level: 1, name: 'Kiểm tra thông tin' }).waitFor();
}

async function submitFromReview(page: Page): Promise<{ id: string; code: string }> {
  await page.getByRole('button', { name: 'Nộp hồ sơ', exact: true }).click();
  await page.getByRole('heading', { level: 1, name: 'Đã nộp hồ sơ thành công' }).waitFor();
  const code = (await page.getByTestId('dossier-code').textContent())!.trim();
  return { id: new URL(page.url()).pathname.split('/').pop()!, code };
}

describe('duplicate birth registration', () => {
  let browser: Browser;
  const baseUrl = inject('baseUrl');
  beforeAll(async () => {
    browser = await launchBrowser();
  });
  afterAll(async () => browser?.close());

  it('the mother is warned with a link before submitting again; forced through, the officer sees the flag', async () => {
    const context = await browser.newContext({ viewport: { width: 360, height: 740 } });
    const page = await context.newPage();
    await loginWithEid(page, baseUrl, DEMO_MOTHER_ID);

    // First registration (other browser tests on this server may have registered the child before: whatever
    // they left is not this test's concern).
    await birthRegistrationToReview(page, baseUrl);
    const first = await submitFromReview(page);

    // Second registration of the same child: the warning names and links the first dossier.
    await birthRegistrationToReview(page, baseUrl);
    const warning = page.getByTestId('duplicate-warning');
    await warning.getByRole('heading', { name: 'Có thể bạn đã nộp hồ sơ này' }).waitFor();
    // The warning shows the most recent dossier and folds the others (dossiers of earlier files on this server may
    // carry a business-clock date after this one): open the fold, then the first dossier's link is there.
    await warning.locator('summary').click();
    const link = warning.getByRole('link', { name: new RegExp(first.code.replace(/\./g, '\\.')) });
    expect(await link.getAttribute('href')).toBe(`/ho-so-cua-toi/${first.id}`);
    await expectAccessible(page);
    const second = await submitFromReview(page);
    expect(second.code).not.toBe(first.code);
    await context.close();

    // The receiving officer of the commune: the second dossier is flagged, with a link to the first.
    const desk = await browser.newContext({ viewport: { width: 1280, height: 900 } });
    const officer = await desk.newPage();
    await officer.goto(`${baseUrl}/can-bo/tiep-nhan`);
    await staffLogin(officer, 'tiepnhan.phurieng');
    await officer.getByRole('heading', { level: 1, name: 'Tiếp nhận hồ sơ' }).waitFor();
    const row = officer.getByRole('row').filter({ has: officer.getByRole('link', { name: second.code, exact: true }) });
    const flag = row.getByTestId('duplicate-flag');
    await flag.getByText('Có thể trùng').waitFor();
    expect(await flag.getByRole('link', { name: `với hồ sơ ${first.code}` }).getAttribute('href')).toBe(`/can-bo/ho-so/${first.id}`);
    await flag.getByText('Người nộp đã được cảnh báo và vẫn nộp').waitFor();
    // The first dossier's own row is not flagged by the later one.
    const firstRow = officer.getByRole('row').filter({ has: officer.getByRole('link', { name: first.code, exact: true }) });
    expect(
      await firstRow
        .getByTestId('duplicate-flag')
        .getByRole('link', { name: `với hồ sơ ${second.code}` })
        .count(),
    ).toBe(0);
    await expectAccessible(officer);
    await desk.close();
  });
});
