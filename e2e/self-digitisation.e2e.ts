/**
 * Self-digitisation in the browser (issue 16 item 2), on a phone (360×740): the demo mother registers her newborn's
 * permanent residence; on the child's page she photographs his birth certificate (an image rendered by the
 * recognition specimens' renderer, given to the camera input), the background recognition reads it, she checks the
 * values one by one (changing the place of birth), and they fill the form; she submits. The counter officer sees
 * "Bản chụp do công dân tự số hoá — cần đối chiếu bản gốc" with the change, confirms against the original, and the
 * component then carries the NĐ 137/2024 conversion mark and the unit's signature, which pdfsig accepts. axe-core:
 * 0 serious/critical on the new screens.
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { composeIdNumber } from '../src/core/identity/id-number.ts';
import { renderBirthCertificate } from '../src/server/modules/recognition/specimens.ts';
import { PAPER_MARK_TITLE } from '../src/server/modules/results/render/paper-mark.ts';
import { DEMO_MOTHER_ID } from '../src/server/standins/population/demo-residents.ts';
import { expectNoHorizontalScroll, staffLogin } from './backoffice.ts';
import { launchBrowser } from './browser.ts';
import { expectAccessible, loginWithEid } from './journey.ts';

const CHANGED_PLACE = 'Bệnh viện Đa khoa tỉnh Đồng Nai';

describe('self-digitisation: the citizen photographs a paper, the official confirms it against the original', () => {
  const baseUrl = inject('baseUrl');
  let browser: Browser;
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'e2e-selfdigit-'));
  beforeAll(async () => {
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('photograph, confirm, submit; confirm against the original; the marked file’s signature is valid', async () => {
    const year = Number(new Date().toISOString().slice(0, 4));
    const personalId = composeIdNumber('075', year, 'Nam', 12347);
    const png = await renderBirthCertificate({
      fullName: 'Nguyễn Minh Khang',
      dateOfBirth: `${year}-01-15`,
      sex: 'Nam',
      placeOfBirth: 'Trạm Y tế xã Phú Riềng, tỉnh Đồng Nai',
      personalId,
      motherName: 'Trần Thị Mai',
      fatherName: 'Nguyễn Văn Hùng',
    });

    const citizenContext = await browser.newContext({ viewport: { width: 360, height: 740 }, isMobile: true, hasTouch: true });
    const page = await citizenContext.newPage();
    await loginWithEid(page, baseUrl, DEMO_MOTHER_ID);
    await page.goto(`${baseUrl}/nop-ho-so/1.004194`);
    await page.getByLabel(/cho trẻ em/).check();
    await page.getByRole('button', { name: 'Bắt đầu' }).click();
    await page.getByRole('heading', { level: 1, name: 'Thông tin người yêu cầu' }).waitFor();
    await page.getByRole('button', { name: 'Tiếp tục' }).click();
    await page.getByRole('heading', { level: 1, name: 'Thông tin trẻ em' }).waitFor();

    // The camera input of the birth certificate on the child's page.
    const camera = page.locator('#f-photo-GKS');
    expect(await camera.getAttribute('capture')).toBe('environment');
    await expectAccessible(page);
    await camera.setInputFiles({ name: 'giay-khai-sinh.png', mimeType: 'image/png', buffer: png });
    await page.getByTestId('recognising').waitFor();
    const card = page.locator('section.recognised-field');
    await card.waitFor({ timeout: 120_000 });
    await expectAccessible(page);
    await expectNoHorizontalScroll(page);

    // One field at a time; the place of birth is corrected.
    const title = card.getByRole('heading', { level: 3 });
    const total = Number(/\/(\d+)\)/.exec((await title.textContent()) ?? '')?.[1]);
    expect(total).toBeGreaterThanOrEqual(5);
    const seen: Record<string, string> = {};
    for (let i = 1; i <= total; i++) {
      await card.getByRole('heading', { level: 3, name: `Kiểm tra thông tin đọc được (${i}/${total})` }).waitFor();
      const input = card.getByRole('textbox');
      const label = ((await card.locator('label').textContent()) ?? '').trim();
      seen[label] = await input.inputValue();
      if (label === 'Nơi sinh') {
        await input.fill(CHANGED_PLACE);
        await card.getByText(/Đã sửa từ:/).waitFor();
      }
      await card.getByRole('button', { name: i === total ? 'Xác nhận thông tin' : 'Đúng, tiếp theo' }).click();
    }
    expect(seen['Họ, chữ đệm, tên']).toBe('NGUYỄN MINH KHANG');
    expect(seen['Số định danh cá nhân']).toBe(personalId);
    const confirmed = page.getByTestId('photo-confirmed');
    await confirmed.waitFor();
    expect(await confirmed.textContent()).toContain('Họ và tên trẻ');
    expect(await page.locator('#f-hoTenTre').inputValue()).toBe('NGUYỄN MINH KHANG');
    expect(await page.locator('#f-soDinhDanhTre').inputValue()).toBe(personalId);
    await expectAccessible(page);

    await page.getByRole('button', { name: 'Tiếp tục' }).first().click();
    await page.getByRole('heading', { level: 1, name: 'Giấy tờ kèm theo' }).waitFor();
    expect(await page.locator('.document-row').filter({ hasText: 'Giấy khai sinh của trẻ' }).textContent()).toContain('Bản chụp do bạn tự số hóa');
    await page.getByRole('button', { name: 'Tiếp tục' }).last().click();
    await page.getByRole('heading', { level: 1, name: 'Liên hệ và nhận kết quả' }).waitFor();
    await page.getByRole('button', { name: 'Tiếp tục' }).click();
    await page.getByRole('heading', { level: 1, name: 'Kiểm tra thông tin' }).waitFor();
    await page.getByRole('button', { name: 'Nộp hồ sơ' }).click();
    await page.getByRole('heading', { level: 1, name: 'Đã nộp hồ sơ thành công' }).waitFor();
    const dossierId = new URL(page.url()).pathname.split('/').pop()!;
    await citizenContext.close();

    // At the counter.
    const staffContext = await browser.newContext({ viewport: { width: 360, height: 740 }, isMobile: true, hasTouch: true });
    const staff = await staffContext.newPage();
    await staff.goto(`${baseUrl}/can-bo/ho-so/${dossierId}`);
    await staffLogin(staff, 'tiepnhan.phurieng');
    const item = staff.getByTestId('photo-copy-GKS');
    await item.waitFor();
    expect(await item.getByTestId('needs-check').textContent()).toContain('Bản chụp do công dân tự số hoá — cần đối chiếu bản gốc');
    expect(await item.getByTestId('field-placeOfBirth').textContent()).toMatch(new RegExp(`^đã sửa: .+ → ${CHANGED_PLACE} \\(gốc: OCR`));
    await expectAccessible(staff);
    await item.getByRole('button', { name: 'Đã đối chiếu bản gốc' }).click();
    const done = item.getByTestId('original-confirmed');
    await done.waitFor({ timeout: 60_000 });
    expect(await done.textContent()).toContain('Lê Thị Hoa');
    expect(await done.textContent()).toContain('đã đóng dấu chuyển đổi');
    await expectAccessible(staff);
    // The certification is in the dossier's history (its hash-chained log), with the component.
    await staff.reload();
    const entry = staff.locator('ol.staff-log li', { hasText: 'Đã đối chiếu bản gốc' });
    await entry.waitFor();
    expect(await entry.textContent()).toContain('Lê Thị Hoa');
    expect(await entry.textContent()).toMatch(/bản chụp \(SHA-256 [0-9a-f]{12}…\) đã đối chiếu bản gốc/);

    // The component is now the marked, signed PDF.
    const href = (await item.getByRole('link', { name: /^Xem / }).getAttribute('href'))!;
    const res = await staffContext.request.get(new URL(href, baseUrl).toString());
    expect(res.status()).toBe(200);
    expect(res.headers()['content-type']).toContain('application/pdf');
    const file = path.join(dir, 'giay-khai-sinh.pdf');
    fs.writeFileSync(file, await res.body());
    const sig = spawnSync('pdfsig', [file], { encoding: 'utf8' });
    expect(sig.error, 'pdfsig (poppler-utils) must be installed').toBeUndefined();
    expect(sig.stdout).toContain('Signature is Valid');
    const text = spawnSync('pdftotext', [file, '-'], { encoding: 'utf8' }).stdout;
    expect(text).toContain(PAPER_MARK_TITLE);
    expect(text).toContain('Người chuyển đổi: Lê Thị Hoa');
    await staffContext.close();
  }, 400_000);
});
