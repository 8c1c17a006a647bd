/**
 * Electronic results in the browser, from signature to reuse:
 *
 * (a) a birth registration submitted online is accepted, forwarded, approved (the leader's approval signs the
 *     extract with the issuing unit's certificate) and issued; the extract lands in the mother's "Kho dữ liệu", is
 *     downloaded (pdfsig: "Signature is Valid"), shared with a link, and its QR code leads to /verify/<id>, which says
 *     it is valid;
 * (b) a second dossier (permanent residence for the child) takes the extract from the store instead of an upload, and
 *     the official sees the component as taken from the store and reused; a counter officer does the same for the
 *     citizen at the counter;
 * (c) /verify checks uploaded files: the extract is valid; the same file with one byte changed inside the signed
 *     range is reported as altered after signing.
 *
 * The business clock is frozen on a working day ahead (as in backoffice.e2e.ts), so signing and issue times are known.
 */
import { spawnSync } from 'node:child_process';
import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { decodeQrPayload } from '../src/core/documents/qr-payload.ts';
import { toLocal } from '../src/core/time/local.ts';
import { DEMO_MOTHER_ID, DEMO_RESIDENTS, demoIdNumber } from '../src/server/standins/population/demo-residents.ts';
import { decodeQrFromPdf } from '../src/server/testing/pdf.ts';
import {
  acceptAndIssue,
  expectNoHorizontalScroll,
  setClock,
  submitBirthRegistration,
  switchOfficial,
  vnInstant,
  vnShown,
  workingCalendar,
  workingTuesdayAhead,
} from './backoffice.ts';
import { launchBrowser } from './browser.ts';
import { expectAccessible, headerNav, loginWithEid } from './journey.ts';

const sha256 = (b: Buffer) => crypto.createHash('sha256').update(b).digest('hex');

interface StaffDocumentView {
  id: string;
  requirementCode: string;
  name: string;
  source: string;
  reused: boolean;
  fromStore: boolean;
}

describe('electronic results: signed, in the citizen’s store, verified, reused', () => {
  let browser: Browser;
  let citizenContext: BrowserContext;
  let citizen: Page;
  let staffContext: BrowserContext;
  let staff: Page;
  let dir: string;
  const baseUrl = inject('baseUrl');
  // Well after the days the other back-office tests use.
  const day = workingTuesdayAhead(22, workingCalendar());
  // The newborn of the demo household (the population is generated with today in Vietnam as its reference date).
  const childId = demoIdNumber(DEMO_RESIDENTS.find((r) => r.key === 'newborn')!, toLocal(new Date()).day);

  // What (a) finds out and (b), (c) use.
  let signedPdf: Buffer;
  let resultId: string;
  let resultNumber: string;
  let storeTitle: string;

  beforeAll(async () => {
    browser = await launchBrowser();
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'motcua-results-'));
    citizenContext = await browser.newContext({ viewport: { width: 360, height: 740 } });
    citizen = await citizenContext.newPage();
    staffContext = await browser.newContext({ viewport: { width: 1280, height: 900 } });
    staff = await staffContext.newPage();
  });
  afterAll(async () => {
    await browser?.close();
    if (dir) fs.rmSync(dir, { recursive: true, force: true });
    await setClock(baseUrl, new Date().toISOString(), false);
  });

  it('(a) a birth registration ends with a signed extract in the citizen’s store: downloaded, signature valid, shared, its QR code verifies it', async () => {
    await setClock(baseUrl, vnInstant(day, '08:00'));
    await loginWithEid(citizen, baseUrl, DEMO_MOTHER_ID);
    const birth = await submitBirthRegistration(citizen, baseUrl);

    // Accept → specialist forwards → leader approves (signs) → clerk issues (publishes).
    await acceptAndIssue(staff, baseUrl, birth, { clock: { day, times: ['08:15', '09:00', '10:00', '10:30'] } });
    const block = staff.getByTestId('staff-result');
    await block.waitFor();
    resultNumber = (await block.getByTestId('result-number').textContent())!.trim();
    expect(resultNumber).toMatch(new RegExp(`^\\d+/${day.slice(0, 4)}/HT-KS$`));
    expect(await block.textContent()).toContain('Võ Minh Tâm');
    expect(await block.getByTestId('result-status').textContent()).toContain('Còn hiệu lực');
    expect(await block.getByTestId('result-published').textContent()).toBe(vnShown(vnInstant(day, '10:30')));
    const detail = (await (await staffContext.request.get(`${baseUrl}/api/staff/dossiers/${birth.id}`)).json()) as {
      result: { id: string; signedAt: string; number: string };
    };
    resultId = detail.result.id;
    expect(detail.result.number).toBe(resultNumber);
    expect(detail.result.signedAt).toBe(new Date(vnInstant(day, '10:00')).toISOString());
    expect(await block.getByRole('link', { name: /Xem kết quả \(PDF đã ký số\)/ }).getAttribute('href')).toBe(`/api/staff/dossiers/${birth.id}/result.pdf`);
    expect(await block.getByRole('link', { name: /Trang xác minh công khai/ }).getAttribute('href')).toBe(`/verify/${resultId}`);
    await expectAccessible(staff);

    // The citizen's store, from the header menu, on a phone.
    await (await headerNav(citizen)).getByRole('link', { name: 'Kho dữ liệu của tôi' }).click();
    await citizen.getByRole('heading', { level: 1, name: 'Kho dữ liệu của tôi' }).waitFor();
    await citizen.getByRole('heading', { level: 2, name: /^Kết quả điện tử \(\d+\)$/ }).waitFor();
    const item = citizen.getByTestId('store-item').filter({ hasText: resultNumber });
    await item.waitFor();
    storeTitle = (await item.getByRole('heading', { level: 3 }).textContent())!.trim();
    expect(storeTitle).toMatch(/^Giấy khai sinh/);
    expect(storeTitle).toContain(resultNumber);
    expect(await item.getByTestId('store-state').textContent()).toContain('Còn hiệu lực');
    expect(await item.textContent()).toContain('Không thời hạn');
    expect(await item.textContent()).toContain(birth.code);
    // The birth certificate the mother uploaded joined the store too, as a digitised document.
    await citizen.getByRole('heading', { level: 2, name: /^Giấy tờ đã số hóa \(\d+\)$/ }).waitFor();
    await expectAccessible(citizen);
    await expectNoHorizontalScroll(citizen);
    // The first screen (issue 18; e2e/first-screen.e2e.ts sees an empty store): opened afresh on a 360×740 phone, the
    // first document's first action ends within the first 740 px, nothing scrolled.
    await citizen.goto(`${baseUrl}/kho-du-lieu`);
    const firstAction = citizen.getByTestId('store-item').first().locator('.store-actions').getByRole('link').first();
    await firstAction.waitFor();
    const firstBox = (await firstAction.boundingBox())!;
    expect(await citizen.evaluate(() => window.scrollY)).toBe(0);
    expect(firstBox.y + firstBox.height, `the first store action ends at ${firstBox.y + firstBox.height}px`).toBeLessThanOrEqual(740);

    // Downloaded: a PDF whose signature poppler finds valid.
    const href = (await item.getByRole('link', { name: /^Xem, tải về/ }).getAttribute('href'))!;
    const download = await citizenContext.request.get(new URL(href, baseUrl).toString());
    expect(download.status()).toBe(200);
    expect(download.headers()['content-type']).toContain('application/pdf');
    signedPdf = await download.body();
    const file = path.join(dir, 'giay-khai-sinh.pdf');
    fs.writeFileSync(file, signedPdf);
    const pdfsig = spawnSync('pdfsig', [file], { encoding: 'utf8' });
    expect(pdfsig.error, 'pdfsig (poppler-utils) must be installed').toBeUndefined();
    expect(pdfsig.stdout).toContain('Signature is Valid');

    // Shared for 7 days: the link opens the same file for anyone until it expires.
    await item.getByRole('button', { name: /^Chia sẻ/ }).click();
    await item.getByLabel('7 ngày').check();
    await expectAccessible(citizen);
    await item.getByRole('button', { name: 'Tạo liên kết chia sẻ' }).click();
    const linkInput = item.getByLabel('Liên kết chia sẻ');
    await linkInput.waitFor();
    const shareUrl = await linkInput.inputValue();
    expect(shareUrl.startsWith(`${baseUrl}/api/shared/`)).toBe(true);
    const expires = new Date(Date.parse(vnInstant(day, '10:30')) + 7 * 24 * 3_600_000);
    expect(await item.getByTestId('share-expiry').textContent()).toBe(`Liên kết hết hạn lúc ${vnShown(expires)}.`);
    expect(await item.getByRole('button', { name: 'Sao chép liên kết' }).count()).toBe(1);
    await expectAccessible(citizen);
    await expectNoHorizontalScroll(citizen);
    const shared = await fetch(shareUrl);
    expect(shared.status).toBe(200);
    expect(sha256(Buffer.from(await shared.arrayBuffer()))).toBe(sha256(signedPdf));

    // The dossier page shows the result with the signed PDF and its verification.
    await citizen.goto(`${baseUrl}/ho-so-cua-toi/${birth.id}`);
    const panel = citizen.getByTestId('citizen-result');
    await panel.waitFor();
    expect(await panel.getByTestId('result-number').textContent()).toBe(resultNumber);
    expect(await panel.textContent()).toContain('Không thời hạn');
    const pdfLink = panel.getByRole('link', { name: 'Tải kết quả (PDF có chữ ký số)' });
    expect(await pdfLink.getAttribute('href')).toBe(`/api/my/dossiers/${birth.id}/result.pdf`);
    const fromDossier = await citizenContext.request.get(`${baseUrl}/api/my/dossiers/${birth.id}/result.pdf`);
    expect(sha256(await fromDossier.body())).toBe(sha256(signedPdf));
    expect(await panel.getByRole('link', { name: /^Xác minh/ }).getAttribute('href')).toBe(`/verify/${resultId}`);
    await expectAccessible(citizen);

    // The QR code at the top left points to the public verification page, which says the result is valid.
    const payload = decodeQrPayload(decodeQrFromPdf(file)!);
    expect(payload.url).toBe(`${baseUrl}/verify/${resultId}`);
    expect(payload.maHoSo).toBe(birth.code);
    const anon = await browser.newPage({ viewport: { width: 360, height: 740 } });
    await anon.goto(`${baseUrl}${new URL(payload.url).pathname}`);
    await anon.getByRole('heading', { level: 1, name: 'Xác minh kết quả điện tử' }).waitFor();
    await anon.getByTestId('verify-state-name').waitFor();
    expect(await anon.getByTestId('verify-state-name').textContent()).toBe('Còn hiệu lực');
    expect(await anon.getByTestId('verify-number').textContent()).toBe(resultNumber);
    const facts = (await anon.locator('.verify-facts').textContent())!;
    expect(facts).toContain('Ủy ban nhân dân xã Phú Riềng');
    expect(facts).toContain('Võ Minh Tâm');
    expect(facts).toContain(birth.code);
    expect(facts).toContain(sha256(signedPdf));
    expect(facts).toContain('********2346');
    expect(await anon.content()).not.toContain('Trần Thị Mai');
    await expectAccessible(anon);
    await expectNoHorizontalScroll(anon);
    await anon.close();
  }, 300_000);

  it('(b) a residence registration takes the extract from the store instead of an upload, online and at the counter', async () => {
    await setClock(baseUrl, vnInstant(day, '14:00'));
    await citizen.goto(`${baseUrl}/nop-ho-so/1.004194`);
    await citizen.getByLabel('Đăng ký thường trú cho trẻ em (theo nơi thường trú của cha, mẹ)').check();
    await citizen.getByRole('button', { name: 'Bắt đầu' }).click();
    await citizen.getByRole('heading', { level: 1, name: 'Thông tin người yêu cầu' }).waitFor();
    await citizen.getByRole('button', { name: 'Tiếp tục' }).click();
    await citizen.getByRole('heading', { level: 1, name: 'Thông tin trẻ em' }).waitFor();
    await citizen.locator('#f-hoTenTre').fill('Nguyễn Minh Khang');
    await citizen.locator('#f-soDinhDanhTre').fill(childId);
    await citizen.getByRole('button', { name: 'Tiếp tục' }).click();

    await citizen.getByRole('heading', { level: 1, name: 'Giấy tờ kèm theo' }).waitFor();
    const gks = citizen.locator('.document-row').filter({ has: citizen.getByRole('heading', { level: 2, name: 'Giấy khai sinh của trẻ' }) });
    const toggle = gks.getByRole('button', { name: /^Lấy từ kho dữ liệu/ });
    await toggle.click();
    expect(await toggle.getAttribute('aria-expanded')).toBe('true');
    const choice = gks.locator('.store-choices li').filter({ hasText: resultNumber });
    await choice.waitFor();
    // Only what fits the requirement is offered: the uploaded birth certificate (giấy chứng sinh) is not.
    expect(await gks.locator('.store-choices').textContent()).not.toContain('Giấy chứng sinh');
    await expectAccessible(citizen);
    await choice.getByRole('button', { name: /^Dùng giấy tờ này/ }).click();
    await gks
      .locator('.attached-documents li')
      .filter({ hasText: `Lấy từ kho dữ liệu: ${storeTitle}` })
      .waitFor();
    expect(await gks.locator('.doc-ok').first().textContent()).toBe('✓ Đã có');
    await expectAccessible(citizen);
    await expectNoHorizontalScroll(citizen);
    await citizen.getByText('Đã lưu nháp').waitFor();
    await citizen.getByRole('button', { name: 'Tiếp tục' }).click();
    await citizen.getByRole('heading', { level: 1, name: 'Liên hệ và nhận kết quả' }).waitFor();
    await citizen.getByRole('button', { name: 'Tiếp tục' }).click();
    await citizen.getByRole('heading', { level: 1, name: 'Kiểm tra thông tin' }).waitFor();
    // The documents group is folded like the others (the review leads with its summary and "Nộp hồ sơ"): opened.
    const reviewDocuments = citizen.getByTestId('review-documents');
    expect(await reviewDocuments.getAttribute('open')).toBeNull();
    await reviewDocuments.locator('summary').click();
    await reviewDocuments.getByText(`Lấy từ kho dữ liệu: ${storeTitle}`).waitFor();
    await expectAccessible(citizen);
    await expectNoHorizontalScroll(citizen);
    await citizen.getByRole('button', { name: 'Nộp hồ sơ' }).click();
    await citizen.getByRole('heading', { level: 1, name: 'Đã nộp hồ sơ thành công' }).waitFor();
    const code = (await citizen.getByTestId('dossier-code').textContent())!.trim();
    const id = new URL(citizen.url()).pathname.split('/').pop()!;

    // The counter officer sees the component as taken from the citizen's store (reused), the very same signed file.
    await switchOfficial(staff, 'tiepnhan.phurieng');
    await staff.goto(`${baseUrl}/can-bo/ho-so/${id}`);
    await staff.getByRole('heading', { level: 1, name: `Hồ sơ ${code}` }).waitFor();
    expect(await staff.getByTestId('source-GKS').textContent()).toBe('Lấy từ kho dữ liệu của công dân');
    const row = staff.getByRole('row').filter({ has: staff.getByTestId('source-GKS') });
    expect(await row.textContent()).toContain('Tái sử dụng');
    await expectAccessible(staff);
    const view = (await (await staffContext.request.get(`${baseUrl}/api/staff/dossiers/${id}`)).json()) as { documents: StaffDocumentView[] };
    const component = view.documents.find((x) => x.requirementCode === 'GKS')!;
    expect(component).toMatchObject({ source: 'store', reused: true, fromStore: true, name: storeTitle });
    const bytes = await (await staffContext.request.get(`${baseUrl}/api/staff/dossiers/${id}/documents/${component.id}`)).body();
    expect(sha256(bytes)).toBe(sha256(signedPdf));

    // At the counter: the same citizen, the same procedure, the extract taken from her store instead of a scan.
    await staff.goto(`${baseUrl}/can-bo/tiep-nhan/tai-quay`);
    await staff.getByRole('heading', { level: 1, name: 'Kiểm tra danh tính người nộp' }).waitFor();
    await staff.getByLabel('Số định danh cá nhân của người nộp').fill(DEMO_MOTHER_ID);
    await staff.getByRole('button', { name: 'Tra cứu', exact: true }).click();
    await staff.getByRole('button', { name: 'Đúng người – tiếp tục' }).click();
    await staff.getByRole('heading', { level: 1, name: 'Kênh tiếp nhận và thủ tục' }).waitFor();
    await staff.getByLabel('Trực tiếp tại quầy').check();
    await staff.getByLabel('Tìm thủ tục').fill('dang ky thuong tru');
    await staff.locator('#f-procedure option[value="1.004194"]').waitFor({ state: 'attached' });
    await staff.getByLabel('Thủ tục hành chính').selectOption('1.004194');
    await staff.getByLabel('Đăng ký thường trú cho trẻ em (theo nơi thường trú của cha, mẹ)').check();
    await staff.getByRole('button', { name: 'Tiếp tục' }).click();
    await staff.getByRole('heading', { level: 1, name: 'Thông tin trên tờ khai' }).waitFor();
    await staff.locator('#f-hoTenTre').fill('Nguyễn Minh Khang');
    await staff.locator('#f-soDinhDanhTre').fill(childId);
    await staff.getByRole('button', { name: 'Tiếp tục' }).click();
    await staff.getByRole('heading', { level: 1, name: 'Quét thành phần hồ sơ' }).waitFor();
    const counterRow = staff.locator('.document-row').filter({ has: staff.getByRole('heading', { level: 2, name: /^Giấy khai sinh của trẻ/ }) });
    await counterRow.getByRole('button', { name: /^Lấy từ kho dữ liệu của công dân/ }).click();
    const counterChoice = counterRow.locator('.store-choices li').filter({ hasText: resultNumber });
    await counterChoice.waitFor();
    await expectAccessible(staff);
    await counterChoice.getByRole('button', { name: /^Dùng giấy tờ này/ }).click();
    await counterRow
      .locator('li')
      .filter({ hasText: `Lấy từ kho dữ liệu: ${storeTitle}` })
      .waitFor();
    await expectAccessible(staff);
    await staff.getByRole('button', { name: 'Tiếp tục' }).click();
    await staff.getByRole('heading', { level: 1, name: 'Liên hệ và nhận kết quả' }).waitFor();
    await staff.getByRole('button', { name: 'Tiếp tục' }).click();
    await staff.getByRole('heading', { level: 1, name: 'Kiểm tra và tiếp nhận' }).waitFor();
    await staff.getByText(`Lấy từ kho dữ liệu: ${storeTitle}`).waitFor();
    await staff.getByRole('button', { name: 'Tiếp nhận hồ sơ' }).click();
    await staff.getByRole('heading', { level: 1, name: 'Đã tiếp nhận hồ sơ' }).waitFor();
    await staff.getByRole('link', { name: 'Xem hồ sơ' }).click();
    await staff.getByTestId('source-GKS').waitFor();
    expect(await staff.getByTestId('source-GKS').textContent()).toBe('Lấy từ kho dữ liệu của công dân');
    await expectAccessible(staff);
  }, 300_000);

  it('(c) /verify: the downloaded extract is valid; the same file with one byte changed inside the signed range is reported altered', async () => {
    const page = await browser.newPage({ viewport: { width: 360, height: 740 } });
    await page.goto(baseUrl);
    await page.locator('footer').getByRole('link', { name: 'Xác minh kết quả điện tử' }).click();
    await page.getByRole('heading', { level: 1, name: 'Xác minh tệp kết quả điện tử' }).waitFor();
    await expectAccessible(page);

    // Nothing chosen: the field says so.
    await page.getByRole('button', { name: 'Xác minh', exact: true }).click();
    await page.getByText('Vui lòng chọn tệp PDF cần xác minh.').waitFor();

    await page.getByLabel('Tệp PDF cần xác minh').setInputFiles({ name: 'giay-khai-sinh.pdf', mimeType: 'application/pdf', buffer: signedPdf });
    await page.getByRole('button', { name: 'Xác minh', exact: true }).click();
    await page.getByRole('heading', { level: 2, name: 'Kết quả xác minh tệp giay-khai-sinh.pdf' }).waitFor();
    const verdict = page.getByTestId('verify-verdict');
    expect(await verdict.textContent()).toContain('Hợp lệ – chữ ký số hợp lệ, kết quả còn hiệu lực');
    expect(await verdict.textContent()).toContain(resultNumber);
    expect(await page.getByTestId('signature').first().textContent()).toContain('✓ Chữ ký hợp lệ');
    expect(await page.getByTestId('verify-number').textContent()).toBe(resultNumber);
    expect(await page.getByRole('link', { name: 'Xem trang xác minh của kết quả' }).getAttribute('href')).toBe(`/verify/${resultId}`);
    await expectAccessible(page);
    await expectNoHorizontalScroll(page);

    // One byte changed inside the first signed byte range (in a stream's data, away from the signature dictionary).
    const text = signedPdf.toString('latin1');
    const range = /\/ByteRange\s*\[\s*0\s+(\d+)\s+\d+\s+\d+\s*\]/.exec(text);
    expect(range).not.toBeNull();
    const at = text.indexOf('stream', 200) + 'stream'.length + 16;
    expect(at).toBeGreaterThan(200);
    expect(at).toBeLessThan(Number(range![1]));
    const tampered = Buffer.from(signedPdf);
    tampered[at] ^= 0x01;
    await page.getByLabel('Tệp PDF cần xác minh').setInputFiles({ name: 'giay-khai-sinh-da-sua.pdf', mimeType: 'application/pdf', buffer: tampered });
    await page.getByRole('button', { name: 'Xác minh', exact: true }).click();
    await page.getByRole('heading', { level: 2, name: 'Kết quả xác minh tệp giay-khai-sinh-da-sua.pdf' }).waitFor();
    expect(await verdict.textContent()).toContain('Chữ ký số không hợp lệ – tệp đã bị thay đổi sau khi ký');
    expect(await verdict.getAttribute('class')).toContain('verdict-bad');
    expect(await page.getByTestId('signature').first().textContent()).toContain('✗ Chữ ký không hợp lệ');
    await page.getByText('Không có kết quả nào trong sổ trùng với tệp này.').waitFor();
    await expectAccessible(page);
    await expectNoHorizontalScroll(page);

    // The API says the same.
    const form = new FormData();
    form.append('file', new Blob([tampered], { type: 'application/pdf' }), 'x.pdf');
    const api = (await (await fetch(`${baseUrl}/api/public/verify`, { method: 'POST', body: form })).json()) as { verdict: string; signatureValid: boolean };
    expect(api).toMatchObject({ verdict: 'signature_invalid', signatureValid: false });
    await page.close();
  }, 120_000);
});
