/**
 * Self-digitisation from the personal document store (issue 16 item 2), on a phone (360×740): the demo mother opens
 * /kho-du-lieu, presses "Chụp ảnh giấy tờ", photographs her son's birth certificate (an image rendered by the
 * recognition specimens' renderer, given to the camera input); the background recognition reads it and she checks the
 * values one by one. The store lists it as "Bản chụp tự số hoá — chưa đối chiếu bản gốc". She then uses it in a
 * residence registration from the store picker on the child's page, which fills the values she confirmed; the counter sees it as a photo copy and confirms it against the
 * original, after which her store lists the same document as digitised. Then she photographs a residence
 * confirmation, closes the panel while it is read, and finishes the check later from its card ("Xác nhận thông
 * tin"), and deletes it from its card ("Xoá", asked first, with the keyboard). axe-core: 0 serious/critical on
 * the new screens.
 */
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { composeIdNumber } from '../src/core/identity/id-number.ts';
import { renderBirthCertificate, renderSpecimen } from '../src/server/modules/recognition/specimens.ts';
import { DEMO_MOTHER_ID } from '../src/server/standins/population/demo-residents.ts';
import { expectNoHorizontalScroll, staffLogin } from './backoffice.ts';
import { launchBrowser } from './browser.ts';
import { expectAccessible, loginWithEid } from './journey.ts';

const PHOTO_TITLE = 'Giấy khai sinh (bản chụp tự số hoá — chưa đối chiếu bản gốc)';

describe('self-digitisation from the store: photograph a paper in the store, use it in a journey', () => {
  const baseUrl = inject('baseUrl');
  let browser: Browser;
  beforeAll(async () => {
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
  });

  it('photograph from the store, confirm field by field, use it in a journey; the counter confirms it', async () => {
    const year = Number(new Date().toISOString().slice(0, 4));
    const personalId = composeIdNumber('075', year, 'Nam', 22347);
    const png = await renderBirthCertificate({
      fullName: 'Nguyễn Minh Khôi',
      dateOfBirth: `${year}-01-20`,
      sex: 'Nam',
      placeOfBirth: 'Trạm Y tế xã Phú Riềng, tỉnh Đồng Nai',
      personalId,
      motherName: 'Trần Thị Mai',
      fatherName: 'Nguyễn Văn Hùng',
    });

    const citizenContext = await browser.newContext({ viewport: { width: 360, height: 740 }, isMobile: true, hasTouch: true });
    const page = await citizenContext.newPage();
    await loginWithEid(page, baseUrl, DEMO_MOTHER_ID);
    await page.goto(`${baseUrl}/kho-du-lieu`);
    await page.getByRole('heading', { level: 1, name: 'Kho dữ liệu của tôi' }).waitFor();

    // The action in the page's action area opens the photo panel.
    const action = page.getByTestId('store-photo-action');
    await action.click();
    expect(await action.getAttribute('aria-expanded')).toBe('true');
    await page.getByRole('heading', { level: 2, name: 'Tự số hoá giấy tờ' }).waitFor();
    await page.getByLabel('Giấy khai sinh', { exact: true }).check();
    const camera = page.locator('#f-photo-store-birth-certificate');
    expect(await camera.getAttribute('capture')).toBe('environment');
    await expectAccessible(page);
    await expectNoHorizontalScroll(page);
    await camera.setInputFiles({ name: 'giay-khai-sinh.png', mimeType: 'image/png', buffer: png });
    await page.getByTestId('recognising').waitFor();
    // Kept in the store at once, before recognition finishes, as an unchecked photo copy.
    const entry = page.getByTestId('store-item').filter({ hasText: PHOTO_TITLE });
    await entry.waitFor();
    expect(await entry.getByTestId('store-state').textContent()).toContain('Bản chụp tự số hoá — chưa đối chiếu bản gốc');
    expect(await entry.getByTestId('store-photo-unconfirmed').textContent()).toContain('Chưa xác nhận');

    const card = page.locator('#store-photo section.recognised-field');
    await card.waitFor({ timeout: 120_000 });
    await expectAccessible(page);
    await expectNoHorizontalScroll(page);
    const title = card.getByRole('heading', { level: 3 });
    const total = Number(/\/(\d+)\)/.exec((await title.textContent()) ?? '')?.[1]);
    expect(total).toBeGreaterThanOrEqual(5);
    const seen: Record<string, string> = {};
    for (let i = 1; i <= total; i++) {
      await card.getByRole('heading', { level: 3, name: `Kiểm tra thông tin đọc được (${i}/${total})` }).waitFor();
      const input = card.getByRole('textbox');
      const label = ((await card.locator('label').textContent()) ?? '').trim();
      seen[label] = await input.inputValue();
      if (label === 'Họ, chữ đệm, tên') {
        await input.fill('Nguyễn Minh Khôi');
        await card.getByText(/Đã sửa từ:/).waitFor();
      }
      await card.getByRole('button', { name: i === total ? 'Xác nhận thông tin' : 'Đúng, tiếp theo' }).click();
    }
    expect(seen['Số định danh cá nhân']).toBe(personalId);
    await page.getByTestId('store-photo-saved').waitFor();
    await entry.getByTestId('store-photo-unconfirmed').waitFor({ state: 'detached' });
    await expectAccessible(page);

    // Used in a residence registration like any store document.
    await page.goto(`${baseUrl}/nop-ho-so/1.004194`);
    await page.getByLabel(/cho trẻ em/).check();
    await page.getByRole('button', { name: 'Bắt đầu' }).click();
    await page.getByRole('heading', { level: 1, name: 'Thông tin người yêu cầu' }).waitFor();
    await page.getByRole('button', { name: 'Tiếp tục' }).click();
    await page.getByRole('heading', { level: 1, name: 'Thông tin trẻ em' }).waitFor();
    // On the child's page, the photo copy from the store attaches and fills the fields she confirmed.
    await page
      .getByRole('button', { name: /Lấy từ kho dữ liệu/ })
      .first()
      .click();
    const choice = page.locator('.store-choices li').filter({ hasText: PHOTO_TITLE }).first();
    await choice.waitFor();
    await expectAccessible(page);
    await choice.getByRole('button', { name: /Dùng giấy tờ này/ }).click();
    await page.getByTestId('store-filled-GKS').waitFor();
    expect(await page.getByTestId('store-filled-GKS').textContent()).toContain('Họ và tên trẻ');
    expect(await page.locator('#f-hoTenTre').inputValue()).toBe('Nguyễn Minh Khôi');
    expect(await page.locator('#f-soDinhDanhTre').inputValue()).toBe(personalId);
    await expectAccessible(page);
    await page.getByRole('button', { name: 'Tiếp tục' }).first().click();
    await page.getByRole('heading', { level: 1, name: 'Giấy tờ kèm theo' }).waitFor();
    expect(await page.locator('.document-row').filter({ hasText: 'Giấy khai sinh của trẻ' }).textContent()).toContain(PHOTO_TITLE);
    await page.getByRole('button', { name: 'Tiếp tục' }).last().click();
    await page.getByRole('heading', { level: 1, name: 'Liên hệ và nhận kết quả' }).waitFor();
    await page.getByRole('button', { name: 'Tiếp tục' }).click();
    await page.getByRole('heading', { level: 1, name: 'Kiểm tra thông tin' }).waitFor();
    await page.getByRole('button', { name: 'Nộp hồ sơ' }).click();
    await page.getByRole('heading', { level: 1, name: 'Đã nộp hồ sơ thành công' }).waitFor();
    const dossierId = new URL(page.url()).pathname.split('/').pop()!;

    // At the counter it is a photo copy to compare with the original.
    const staffContext = await browser.newContext({ viewport: { width: 360, height: 740 }, isMobile: true, hasTouch: true });
    const staff = await staffContext.newPage();
    await staff.goto(`${baseUrl}/can-bo/ho-so/${dossierId}`);
    await staffLogin(staff, 'tiepnhan.phurieng');
    const item = staff.getByTestId('photo-copy-GKS');
    await item.waitFor();
    expect(await item.getByTestId('needs-check').textContent()).toContain('Bản chụp do công dân tự số hoá — cần đối chiếu bản gốc');
    expect(await item.getByTestId('field-fullName').textContent()).toMatch(/^đã sửa: .+ → Nguyễn Minh Khôi \(gốc: OCR/);
    await item.getByRole('button', { name: 'Đã đối chiếu bản gốc' }).click();
    await item.getByTestId('original-confirmed').waitFor({ timeout: 60_000 });
    await staffContext.close();

    // The same store entry is now the digitised, reusable document.
    await page.goto(`${baseUrl}/kho-du-lieu`);
    const digitised = page.getByRole('region', { name: /Giấy tờ đã số hóa/ }).or(page.locator('section[aria-labelledby="store-digitised"]'));
    await digitised.first().getByText('Giấy khai sinh của trẻ').first().waitFor();
    expect(await page.getByTestId('store-item').filter({ hasText: PHOTO_TITLE }).count()).toBe(0);
    await expectAccessible(page);

    // Another paper, checked later from its card: the panel is closed while recognition runs.
    const residence = await renderSpecimen('residence-confirmation', 7);
    await page.getByTestId('store-photo-action').click();
    await page.getByLabel('Giấy xác nhận thông tin về cư trú', { exact: true }).check();
    await page.locator('#f-photo-store-residence-confirmation').setInputFiles({ name: 'ct07.png', mimeType: 'image/png', buffer: residence.png });
    await page.getByTestId('recognising').waitFor();
    const later = page.getByTestId('store-item').filter({ hasText: 'Giấy xác nhận thông tin về cư trú (bản chụp tự số hoá — chưa đối chiếu bản gốc)' });
    await later.waitFor();
    await page.getByRole('button', { name: 'Đóng Tự số hoá giấy tờ' }).click();
    await page.locator('#store-photo').waitFor({ state: 'hidden' });
    await later.getByRole('button', { name: /Xác nhận thông tin/ }).click();
    const check = later.locator('section.recognised-field');
    await check.waitFor({ timeout: 120_000 });
    await expectAccessible(page);
    const n = Number(/\/(\d+)\)/.exec((await check.getByRole('heading', { level: 3 }).textContent()) ?? '')?.[1]);
    expect(n).toBeGreaterThanOrEqual(3);
    let personal = '';
    for (let i = 1; i <= n; i++) {
      await check.getByRole('heading', { level: 3, name: `Kiểm tra thông tin đọc được (${i}/${n})` }).waitFor();
      if (((await check.locator('label').textContent()) ?? '').trim() === 'Số định danh cá nhân') personal = await check.getByRole('textbox').inputValue();
      await check.getByRole('button', { name: i === n ? 'Xác nhận thông tin' : 'Đúng, tiếp theo' }).click();
    }
    expect(personal).toBe(residence.truth.personalId);
    await later.getByTestId('store-photo-unconfirmed').waitFor({ state: 'detached' });
    expect(await later.getByTestId('store-state').textContent()).toContain('Bản chụp tự số hoá — chưa đối chiếu bản gốc');
    await expectAccessible(page);

    // Deleting a photo copy (keyboard): "Xoá" asks first, "Không xoá" keeps it; "Xoá bản chụp" removes it. The
    // digitised document (checked against the original) has no "Xoá".
    expect(await digitised.first().getByTestId('store-photo-delete').count()).toBe(0);
    const del = later.getByTestId('store-photo-delete');
    await del.focus();
    await page.keyboard.press('Enter');
    const panel = later.getByTestId('store-photo-delete-panel');
    await panel.waitFor();
    expect(await del.getAttribute('aria-expanded')).toBe('true');
    expect(await panel.textContent()).toContain('Xoá bản chụp này khỏi Kho dữ liệu?');
    await expectAccessible(page);
    await expectNoHorizontalScroll(page);
    await panel.getByRole('button', { name: /Không xoá/ }).click();
    await panel.waitFor({ state: 'detached' });
    expect(await later.count()).toBe(1);
    await del.click();
    await panel.getByRole('button', { name: /Xoá bản chụp/ }).focus();
    await page.keyboard.press('Enter');
    await page.getByTestId('store-deleted').filter({ hasText: 'Đã xoá bản chụp' }).waitFor();
    await later.waitFor({ state: 'detached' });
    await expectAccessible(page);
    await citizenContext.close();
  }, 400_000);
});
