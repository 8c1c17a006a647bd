/**
 * Issue 18, item 2 and 7: the phone-first layout at 360 × 740 — one-row header with the commune's identity and a
 * Menu disclosure, 44 px touch targets, our own upload control, dd/mm/yyyy dates, prefilled data noted once per
 * group and locked where the catalogue says so, the collapsible review, the dossier page led by its status, help
 * (hotline, how-to, print), the slips of point 13 — and the desktop header keeping its links.
 */
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { DEMO_MOTHER_ID } from '../src/server/standins/population/demo-residents.ts';
import { smallPdf } from './backoffice.ts';
import { launchBrowser } from './browser.ts';
import { expectAccessible, headerNav, loginWithEid } from './journey.ts';

/** Shown controls shorter than 44 px: buttons, links in lists and menus, summaries, radio/checkbox labels, inputs. */
async function smallTargets(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const selector = [
      'button',
      'li > a',
      'summary',
      'label:has(> input[type=radio])',
      'label:has(> input[type=checkbox])',
      'select',
      'input:not([type=hidden]):not([type=radio]):not([type=checkbox]):not([type=file]):not([type=date])',
    ].join(', ');
    const out: string[] = [];
    for (const el of document.querySelectorAll<HTMLElement>(selector)) {
      const r = el.getBoundingClientRect();
      if (r.width === 0 || r.height === 0 || el.closest('.visually-hidden, .skip-link')) continue;
      if (r.height < 43.5)
        out.push(`${el.tagName.toLowerCase()} "${(el.textContent ?? el.getAttribute('value') ?? '').trim().slice(0, 40)}" ${r.height.toFixed(1)} px`);
    }
    return out;
  });
}

const radioSizes = (page: Page) =>
  page.evaluate(() => [...new Set([...document.querySelectorAll<HTMLElement>('main input[type=radio]')].map((r) => `${r.offsetWidth}×${r.offsetHeight}`))]);

describe('phone-first layout', () => {
  let browser: Browser;
  const baseUrl = inject('baseUrl');
  beforeAll(async () => {
    browser = await launchBrowser();
  });
  afterAll(async () => browser?.close());

  it('phone header: one row with the commune and a Menu disclosure; help with the hotline; separated footer links', async () => {
    const page = await browser.newPage({ viewport: { width: 360, height: 740 } });
    await page.goto(baseUrl);
    const header = page.locator('header');
    const identity = header.getByTestId('portal-identity');
    await identity.getByText('Xã Phú Riềng').waitFor();
    expect(await identity.textContent()).toContain('Tỉnh Đồng Nai');
    expect(await header.textContent()).not.toContain('Dịch vụ công MotCua');
    const box = (await header.boundingBox())!;
    expect(box.height).toBeLessThanOrEqual(80);

    const menu = header.getByRole('button', { name: 'Menu' });
    expect(await menu.getAttribute('aria-expanded')).toBe('false');
    expect(await header.getByRole('link', { name: 'Đăng nhập' }).isVisible()).toBe(false);
    await menu.focus();
    await page.keyboard.press('Enter');
    expect(await menu.getAttribute('aria-expanded')).toBe('true');
    const controlled = await menu.getAttribute('aria-controls');
    expect(await page.locator(`[id="${controlled}"]`).getByRole('link', { name: 'Đăng nhập' }).isVisible()).toBe(true);
    await expectAccessible(page);
    expect(await smallTargets(page)).toEqual([]);
    // Escape closes the menu and gives the focus back to its button.
    await page.keyboard.press('Tab');
    await page.keyboard.press('Escape');
    expect(await menu.getAttribute('aria-expanded')).toBe('false');
    expect(await page.evaluate(() => document.activeElement?.classList.contains('menu-button'))).toBe(true);

    // Help at the point of need: the unit's contact and hotline on every citizen page.
    const help = page.getByTestId('help-contact');
    expect(await help.textContent()).toContain('0271 3000 252');
    expect(await help.getByRole('link', { name: '0271 3000 252' }).getAttribute('href')).toBe('tel:02713000252');
    // Footer links are separate lines on a phone, never run together.
    const boxes = await page.locator('footer nav a').evaluateAll((as) => as.map((a) => a.getBoundingClientRect().top));
    expect(boxes.length).toBe(5);
    for (let i = 1; i < boxes.length; i++) expect(boxes[i]! - boxes[i - 1]!).toBeGreaterThanOrEqual(44);
    await page.close();
  });

  it('every citizen page: touch targets of at least 44 px on a phone', async () => {
    const context = await browser.newContext({ viewport: { width: 360, height: 740 } });
    const page = await context.newPage();
    await loginWithEid(page, baseUrl, DEMO_MOTHER_ID);
    const small: string[] = [];
    for (const path of [
      '/',
      '/thu-tuc',
      '/tra-cuu',
      '/tro-ly',
      '/ho-so-cua-toi',
      '/kho-du-lieu',
      '/tai-khoan',
      '/phan-anh',
      '/hoi-dap',
      '/goi-y',
      '/chi-so-phuc-vu',
      '/verify',
    ]) {
      await page.goto(`${baseUrl}${path}`);
      await page.getByRole('heading', { level: 1 }).first().waitFor();
      await page.waitForLoadState('networkidle');
      small.push(...(await smallTargets(page)).map((x) => `${path}: ${x}`));
    }
    expect(small).toEqual([]);
    await context.close();
  });

  it('desktop header keeps its links visible, without a menu button', async () => {
    const page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
    await page.goto(baseUrl);
    await page.locator('header').getByTestId('portal-identity').getByText('Xã Phú Riềng').waitFor();
    expect(await page.locator('header').getByTestId('portal-identity').textContent()).toContain('Dịch vụ công trực tuyến');
    expect(await page.locator('header').getByRole('link', { name: 'Đăng nhập' }).isVisible()).toBe(true);
    expect(await page.locator('header').getByRole('button', { name: 'Menu' }).isVisible()).toBe(false);
    await page.close();
  });

  it('search and procedure guide: free when on time, no double parentheses', async () => {
    const page = await browser.newPage({ viewport: { width: 360, height: 740 } });
    await page.goto(`${baseUrl}/thu-tuc?q=khai%20sinh`);
    const birth = page
      .getByRole('list', { name: 'Kết quả tìm kiếm' })
      .getByRole('listitem')
      .filter({ has: page.getByRole('link', { name: 'Đăng ký khai sinh', exact: true }) });
    await birth.getByText('Miễn phí nếu đúng hạn').waitFor();
    expect(await birth.textContent()).not.toContain('Có thu phí');
    expect(await smallTargets(page)).toEqual([]);
    await page.goto(`${baseUrl}/thu-tuc/1.001193`);
    await page.getByText('Văn bản ủy quyền (nếu làm thay, nếu có)').first().waitFor();
    expect(await page.locator('main').textContent()).not.toContain(') (');
    expect(await smallTargets(page)).toEqual([]);
    await page.close();
  });

  it('birth registration on a phone: prefill once and locked, dates, upload control, review, receipt, dossier page', async () => {
    const context = await browser.newContext({ viewport: { width: 360, height: 740 } });
    const page = await context.newPage();
    await loginWithEid(page, baseUrl, DEMO_MOTHER_ID);
    // The case page on request (?chon=1; otherwise the birth date decides the case and the form opens at once).
    await page.goto(`${baseUrl}/nop-ho-so/1.001193?chon=1`);
    await page.getByRole('heading', { level: 1, name: 'Chọn trường hợp của bạn' }).waitFor();
    expect(await radioSizes(page)).toEqual(['22×22']);
    expect(await smallTargets(page)).toEqual([]);
    await page.getByLabel(/đúng hạn/).check();
    await page.getByRole('button', { name: 'Bắt đầu' }).click();

    // The child: its birth date as dd/mm/yyyy; an impossible date is said at once, and refused on continuing.
    await page.getByRole('heading', { level: 1, name: 'Thông tin trẻ được đăng ký khai sinh' }).waitFor();
    expect(await page.getByTestId('how-to').isVisible()).toBe(true);
    const birthDate = page.locator('#f-ngaySinhTre');
    const shown = await birthDate.inputValue();
    expect(shown).toMatch(/^\d{2}\/\d{2}\/\d{4}$/);
    expect(await birthDate.getAttribute('type')).toBe('text');
    await birthDate.fill('');
    await birthDate.pressSequentially('31022026');
    expect(await birthDate.inputValue()).toBe('31/02/2026');
    await page.getByText('Không có ngày 31/2/2026: tháng 2 năm 2026 chỉ có 28 ngày.').waitFor();
    await page.locator('#f-noiSinhTre').fill('Trạm Y tế xã Phú Riềng');
    await page.getByRole('button', { name: 'Tiếp tục' }).click();
    await page
      .locator('.error-summary')
      .getByRole('link', { name: /Ngày, tháng, năm sinh.*không phải ngày hợp lệ/ })
      .waitFor();
    await birthDate.fill(shown);
    expect(await smallTargets(page)).toEqual([]);
    await expectAccessible(page);
    await page.getByRole('button', { name: 'Tiếp tục' }).click();

    // The mother: national data noted once for the group, locked values read-only with how to correct them.
    await page.getByRole('heading', { level: 1, name: 'Thông tin người mẹ' }).waitFor();
    expect(await page.getByText('Thông tin lấy từ Cơ sở dữ liệu quốc gia về dân cư').count()).toBe(1);
    await page
      .getByTestId('prefill-notice')
      .getByText(/không sửa được ở đây/)
      .waitFor();
    expect(await page.locator('#f-hoTenMe').getAttribute('readonly')).not.toBeNull();
    expect(await page.locator('#f-ngaySinhMe').getAttribute('readonly')).not.toBeNull();
    expect(await page.locator('#f-ngaySinhMe').inputValue()).toMatch(/^\d{2}\/\d{2}\/\d{4}$/);
    expect(await page.locator('#f-hoTenMe').getAttribute('aria-describedby')).toContain('prefill-');
    await expectAccessible(page);
    for (const next of ['Thông tin người cha', 'Người đi đăng ký và liên hệ']) {
      await page.getByRole('button', { name: 'Tiếp tục' }).click();
      await page.getByRole('heading', { level: 1, name: next }).waitFor();
    }
    await page.locator('#f-quanHeVoiTre').selectOption('me');
    await page.getByRole('button', { name: 'Tiếp tục' }).click();

    // Documents: our own control, camera and file; a wrong file is refused in Vietnamese; name and size shown.
    await page.getByRole('heading', { level: 1, name: 'Giấy tờ kèm theo' }).waitFor();
    const upload = page.getByTestId('upload-f-doc-GCS');
    await upload.getByRole('button', { name: /Chụp ảnh/ }).waitFor();
    await upload.getByRole('button', { name: /Chọn tệp/ }).waitFor();
    expect(await page.locator('#f-doc-GCS-camera').getAttribute('capture')).toBe('environment');
    expect(await page.locator('#f-doc-GCS-camera').getAttribute('accept')).toBe('image/*');
    await page.locator('#f-doc-GCS-camera').setInputFiles({ name: 'ghi-chu.txt', mimeType: 'text/plain', buffer: Buffer.from('x') });
    await upload.getByRole('alert').getByText('Tệp “ghi-chu.txt” không phải PDF, JPEG hoặc PNG.', { exact: false }).waitFor();
    await page.locator('#f-doc-GCS').setInputFiles({ name: 'giay-chung-sinh.pdf', mimeType: 'application/pdf', buffer: smallPdf('giay chung sinh') });
    await page.getByText('✓ Đã có').first().waitFor();
    await page.getByText(/giay-chung-sinh\.pdf \(\d+ KB\)/).waitFor();
    // An optional document not given is neutral, not a red "Chưa có".
    expect(await page.locator('.doc-missing').count()).toBe(0);
    expect(await page.locator('main').textContent()).not.toContain(') (');
    expect(await smallTargets(page)).toEqual([]);
    await expectAccessible(page);

    // English: the control speaks English, and so does the procedure's content (birth registration has English in
    // the catalogue: no Vietnamese-only notice).
    await (await headerNav(page)).getByRole('button', { name: 'English' }).click();
    await upload.getByRole('button', { name: /Take a photo/ }).waitFor();
    await upload.getByRole('button', { name: /Choose a file/ }).waitFor();
    await page.getByText('Birth notification (Giấy chứng sinh) or a document in its place', { exact: false }).first().waitFor();
    expect(await page.getByTestId('vi-only-notice').count()).toBe(0);
    await (await headerNav(page)).getByRole('button', { name: 'Tiếng Việt' }).click();
    await upload.getByRole('button', { name: /Chụp ảnh/ }).waitFor();

    await page.getByRole('button', { name: 'Tiếp tục' }).click();
    await page.getByRole('heading', { level: 1, name: 'Liên hệ và nhận kết quả' }).waitFor();
    expect(await radioSizes(page)).toEqual(['22×22']);
    expect(await smallTargets(page)).toEqual([]);
    await page.getByRole('button', { name: 'Tiếp tục' }).click();

    // Review: one folded group per page, opened on demand.
    await page.getByRole('heading', { level: 1, name: 'Kiểm tra thông tin' }).waitFor();
    const groups = page.locator('details.review-group');
    expect(await groups.count()).toBeGreaterThanOrEqual(5);
    expect(await page.locator('details.review-group:not([open])').count()).toBeGreaterThanOrEqual(4);
    const mother = page.getByTestId('review-me');
    await mother.locator('summary').click();
    await mother.getByText('Trần Thị Mai').waitFor();
    expect(await smallTargets(page)).toEqual([]);
    await expectAccessible(page);
    await page.getByRole('button', { name: 'Nộp hồ sơ', exact: true }).click();

    // The receipt can be printed.
    await page.getByRole('heading', { level: 1, name: 'Đã nộp hồ sơ thành công' }).waitFor();
    await page.getByRole('button', { name: 'In giấy tiếp nhận' }).waitFor();
    await page.getByRole('link', { name: 'Xem tiến trình hồ sơ' }).click();

    // The dossier page leads with the status and the next step; what was submitted; the withdrawal folded.
    await page.getByTestId('citizen-status-panel').waitFor();
    const next = page.getByTestId('citizen-next-step');
    expect(await next.textContent()).toContain('Bước tiếp theo');
    expect((await next.boundingBox())!.y + 20).toBeLessThan(740);
    const submitted = page.getByTestId('citizen-submitted');
    await submitted.getByText('Giấy chứng sinh').first().waitFor();
    await submitted.getByText('giay-chung-sinh.pdf', { exact: false }).waitFor();
    await submitted.locator('summary', { hasText: 'Thông tin người mẹ' }).click();
    await submitted.getByText('Trần Thị Mai').first().waitFor();
    const withdraw = page.locator('details.withdraw');
    expect(await withdraw.getAttribute('open')).toBeNull();
    expect(await page.locator('#f-reason').isVisible()).toBe(false);
    await withdraw.locator('summary').click();
    expect(await page.locator('#f-reason').isVisible()).toBe(true);
    expect(await smallTargets(page)).toEqual([]);
    await expectAccessible(page);
    await context.close();
  });
});
