/**
 * The back office in the browser: a walk-in dossier received at the counter and taken through every step to its
 * return, and an online dossier accepted from the queue, paused for a supplement the citizen sends online, with the
 * due time moved by exactly the working time it waited. The server's business clock is set (frozen) to chosen
 * working hours of a working day ahead, so due times are known in advance.
 */
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { addWorkingMinutes } from '../src/core/deadlines/deadlines.ts';
import { DEMO_ELDER_ID, DEMO_MOTHER_ID } from '../src/server/standins/population/demo-residents.ts';
import {
  actionPanel,
  expectNoHorizontalScroll,
  nextWorkingDay,
  performAction,
  setClock,
  smallPdf,
  staffLogin,
  submitBirthRegistration,
  switchOfficial,
  usernameOf,
  vnInstant,
  vnShown,
  workingCalendar,
  workingTuesdayAhead,
} from './backoffice.ts';
import { launchBrowser } from './browser.ts';
import { expectAccessible, loginWithEid } from './journey.ts';

describe('back office', () => {
  let browser: Browser;
  const baseUrl = inject('baseUrl');
  const calendar = workingCalendar();
  // A working Tuesday at least 8 days ahead for the counter test, the next working day for the supplement test.
  const dayA = workingTuesdayAhead(8, calendar);
  const dayB = nextWorkingDay(dayA, calendar);

  beforeAll(async () => {
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
    // Back to the real time for the other browser tests.
    await setClock(baseUrl, new Date().toISOString(), false);
  });

  it('a counter officer receives a walk-in citizen (identity check, scans, receipt PDF), the dossier flows specialist → leader → clerk → counter, and is returned', async () => {
    await setClock(baseUrl, vnInstant(dayA, '08:00'));
    const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
    const page = await context.newPage();

    await page.goto(`${baseUrl}/can-bo`);
    await expectAccessible(page);
    await staffLogin(page, 'tiepnhan.phurieng');
    // The workspace (or, with open tasks, the inbox it leads to).
    await page.getByRole('heading', { level: 1, name: /^(Trang làm việc|Hồ sơ cần xử lý)$/ }).waitFor();
    await page
      .getByRole('link', { name: /Tiếp nhận hồ sơ/ })
      .first()
      .waitFor();
    await expectAccessible(page);

    // Reception: the queue page, then a counter intake.
    await page.locator('header').getByRole('link', { name: 'Tiếp nhận hồ sơ' }).click();
    await page.getByRole('heading', { level: 1, name: 'Tiếp nhận hồ sơ' }).waitFor();
    await page
      .getByRole('status')
      .filter({ hasText: /chờ tiếp nhận/ })
      .waitFor();
    await expectAccessible(page);
    await page.getByRole('link', { name: 'Tiếp nhận hồ sơ tại quầy' }).click();

    // (a) identity: a wrong number first, then the resident's.
    await page.getByRole('heading', { level: 1, name: 'Kiểm tra danh tính người nộp' }).waitFor();
    await page.getByLabel('Số định danh cá nhân của người nộp').fill('12345');
    await page.getByRole('button', { name: 'Tra cứu', exact: true }).click();
    await page
      .locator('.error-summary')
      .getByRole('link', { name: /12 chữ số/ })
      .waitFor();
    await expectAccessible(page);
    await page.getByLabel('Số định danh cá nhân của người nộp').fill(DEMO_ELDER_ID);
    await page.getByRole('button', { name: 'Tra cứu', exact: true }).click();
    await page.getByRole('heading', { name: 'Thông tin trong Cơ sở dữ liệu quốc gia về dân cư' }).waitFor();
    expect(await page.locator('.person-card').textContent()).toContain('Hoàng Văn Tư');
    expect(await page.locator('.person-card').textContent()).toContain('01/06/1945');
    expect(await page.locator('.person-card').textContent()).toContain('Thôn Phú Lợi');
    await expectAccessible(page);
    await page.getByRole('button', { name: 'Đúng người – tiếp tục' }).click();

    // (b) channel, procedure (searched without diacritics), case.
    await page.getByRole('heading', { level: 1, name: 'Kênh tiếp nhận và thủ tục' }).waitFor();
    await page.getByLabel('Trực tiếp tại quầy').check();
    await page.getByLabel('Tìm thủ tục').fill('chung thuc ban sao tu ban chinh');
    await page.locator('#f-procedure option[value="2.000907"]').waitFor({ state: 'attached' });
    await page.getByLabel('Thủ tục hành chính').selectOption('2.000907');
    await page.getByLabel('Chứng thực bản sao giấy từ bản chính').check();
    await expectAccessible(page);
    await page.getByRole('button', { name: 'Tiếp tục' }).click();

    // (c) the e-form, prefilled from the population database.
    await page.getByRole('heading', { level: 1, name: 'Thông tin trên tờ khai' }).waitFor();
    expect(await page.locator('#f-hoTenNguoiNop').inputValue()).toBe('Hoàng Văn Tư');
    expect(await page.locator('#f-soDinhDanhNguoiNop').inputValue()).toBe(DEMO_ELDER_ID);
    expect(await page.getByText('Thông tin lấy từ Cơ sở dữ liệu quốc gia về dân cư').count()).toBeGreaterThan(0);
    await page.getByRole('button', { name: 'Tiếp tục' }).click();
    await page
      .locator('.error-summary')
      .getByRole('link', { name: /Tên giấy tờ, văn bản/ })
      .waitFor();
    await expectAccessible(page);
    // A locked answer from the population database changed by mistake: the browser cannot tell, the server refuses it.
    await page.getByLabel('Họ và tên người yêu cầu').fill('Hoàng Văn Tứ');
    await page.getByLabel('Tên giấy tờ, văn bản').fill('Giấy chứng nhận quyền sử dụng đất');
    await page.getByLabel('Số trang của một bản').fill('2');
    await page.getByLabel('Số bản cần chứng thực').fill('1');
    await page.getByRole('button', { name: 'Tiếp tục' }).click();

    // (d) scans: required ones are checked before continuing.
    await page.getByRole('heading', { level: 1, name: 'Quét thành phần hồ sơ' }).waitFor();
    await page.getByRole('button', { name: 'Tiếp tục' }).click();
    await page
      .locator('.error-summary')
      .getByRole('link', { name: /Chưa quét: Bản chính/ })
      .waitFor();
    await page.locator('#f-doc-BC').setInputFiles({ name: 'ban-chinh.pdf', mimeType: 'application/pdf', buffer: smallPdf('ban chinh') });
    await page.locator('#f-doc-BS').setInputFiles({ name: 'ban-sao.pdf', mimeType: 'application/pdf', buffer: smallPdf('ban sao') });
    await expect.poll(() => page.getByText('✓ Đã quét 1 tệp').count()).toBe(2);
    await expectAccessible(page);
    await page.getByRole('button', { name: 'Tiếp tục' }).click();

    // (e) contact and delivery.
    await page.getByRole('heading', { level: 1, name: 'Liên hệ và nhận kết quả' }).waitFor();
    expect(await page.getByLabel('Số điện thoại liên hệ').inputValue()).toBe('0977888999');
    await page.getByLabel('Nhận bản giấy tại Bộ phận một cửa').check();
    await expectAccessible(page);
    await page.getByRole('button', { name: 'Tiếp tục' }).click();

    // (f) check and receive.
    await page.getByRole('heading', { level: 1, name: 'Kiểm tra và tiếp nhận' }).waitFor();
    expect(await page.getByText('Giấy chứng nhận quyền sử dụng đất').count()).toBe(1);
    expect(await page.getByText('ban-chinh.pdf').count()).toBe(1);
    await expectAccessible(page);
    await page.getByRole('button', { name: 'Tiếp nhận hồ sơ' }).click();

    // The server's 422 brings the officer back to the e-form, the error summary linking to the field.
    await page.getByRole('heading', { level: 1, name: 'Thông tin trên tờ khai' }).waitFor();
    const tampered = page.locator('.error-summary').getByRole('link', { name: /không được sửa/ });
    await tampered.waitFor();
    expect(await tampered.getAttribute('href')).toBe('#f-hoTenNguoiNop');
    await expectAccessible(page);
    await tampered.click();
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('f-hoTenNguoiNop');
    await page.getByLabel('Họ và tên người yêu cầu').fill('Hoàng Văn Tư');
    await page.getByRole('button', { name: 'Tiếp tục' }).click();
    await page.getByRole('heading', { level: 1, name: 'Quét thành phần hồ sơ' }).waitFor();
    expect(await page.getByText('✓ Đã quét 1 tệp').count()).toBe(2);
    await page.getByRole('button', { name: 'Tiếp tục' }).click();
    await page.getByRole('heading', { level: 1, name: 'Liên hệ và nhận kết quả' }).waitFor();
    await page.getByRole('button', { name: 'Tiếp tục' }).click();
    await page.getByRole('heading', { level: 1, name: 'Kiểm tra và tiếp nhận' }).waitFor();
    await page.getByRole('button', { name: 'Tiếp nhận hồ sơ' }).click();

    await page.getByRole('heading', { level: 1, name: 'Đã tiếp nhận hồ sơ' }).waitFor();
    const code = (await page.getByTestId('dossier-code').textContent())!.trim();
    expect(code).toMatch(/^000\.01\.52\.H19-\d{6}-\d{4}$/);
    expect(code.slice(14, 20)).toBe(dayA.slice(2).replace(/-/g, ''));
    // Same-day procedure received at 08:00: due at the end of the working day.
    expect(await page.getByTestId('appointment').textContent()).toBe(vnShown(vnInstant(dayA, '17:30')));
    await expectAccessible(page);

    // The receipt, Mẫu 01: a real PDF.
    const receipt = page.getByRole('link', { name: /In giấy tiếp nhận \(Mẫu 01\)/ });
    const href = (await receipt.getAttribute('href'))!;
    expect(await receipt.getAttribute('target')).toBe('_blank');
    const pdf = await context.request.get(new URL(href, baseUrl).toString());
    expect(pdf.status()).toBe(200);
    expect(pdf.headers()['content-type']).toContain('application/pdf');
    expect((await pdf.body()).subarray(0, 4).toString('latin1')).toBe('%PDF');

    // The dossier: handed to the specialist of the Văn phòng.
    await page.getByRole('link', { name: 'Xem hồ sơ' }).click();
    await page.getByRole('heading', { level: 1, name: `Hồ sơ ${code}` }).waitFor();
    const dossierUrl = page.url();
    const dossierId = dossierUrl.split('/').pop()!;
    expect(await page.getByTestId('dossier-status').textContent()).toContain('Được tiếp nhận');
    expect(await page.getByRole('link', { name: /Mẫu 01 – Giấy tiếp nhận/ }).count()).toBe(1);
    expect(await page.getByRole('link', { name: /Xem ban-chinh\.pdf/ }).count()).toBe(1);
    expect(await page.getByText('Bản quét tại quầy').count()).toBe(2);
    await expectAccessible(page);
    const specialist = usernameOf((await page.getByTestId('assignee-tham-dinh').textContent())!);
    expect(specialist).toBe('chuyenvien.vanphong');
    // The counter officer cannot act for the specialist.
    await actionPanel(page).getByRole('heading', { name: 'Xử lý hồ sơ' }).waitFor();
    expect(await actionPanel(page).getByRole('button', { name: 'Chuyển bước tiếp theo' }).count()).toBe(0);

    // Specialist: forwards to the leader.
    await switchOfficial(page, specialist);
    await page.getByRole('heading', { level: 1, name: `Hồ sơ ${code}` }).waitFor();
    const forwarded = await performAction(page, 'Chuyển bước tiếp theo', async (form) => {
      await form.getByLabel(/Ghi chú/).fill('Đã đối chiếu bản sao với bản chính, đủ điều kiện chứng thực.');
    });
    expect(forwarded).toContain('Lãnh đạo phê duyệt, ký số');
    expect(forwarded).toContain('Võ Minh Tâm');

    // Leader: finds it in the inbox (checked on a phone too), approves.
    await page.locator('header').getByRole('button', { name: 'Đăng xuất' }).click();
    await page.goto(`${baseUrl}/can-bo/ho-so-can-xu-ly`);
    await staffLogin(page, 'lanhdao.phurieng');
    await page.getByRole('heading', { level: 1, name: 'Hồ sơ cần xử lý' }).waitFor();
    const row = page.getByRole('row').filter({ hasText: code });
    await row.waitFor();
    expect(await row.textContent()).toContain('Lãnh đạo phê duyệt, ký số');
    expect(await row.locator('.urgency').textContent()).toMatch(/Trong hạn|Sắp đến hạn/);
    expect(await page.getByRole('link', { name: /^Tất cả \(\d+\)$/ }).getAttribute('aria-current')).toBe('page');
    await expectAccessible(page);
    await page.setViewportSize({ width: 360, height: 740 });
    await expectNoHorizontalScroll(page);
    await expectAccessible(page);
    await page.setViewportSize({ width: 1280, height: 900 });
    await page.getByLabel('Tìm theo mã hồ sơ, tên người nộp hoặc tên thủ tục').fill('hoang van tu');
    await page.getByRole('button', { name: 'Tìm', exact: true }).click();
    await page
      .getByRole('status')
      .filter({ hasText: /Có \d+ hồ sơ/ })
      .waitFor();
    await row.getByRole('link', { name: code }).click();
    await page.getByRole('heading', { level: 1, name: `Hồ sơ ${code}` }).waitFor();
    await performAction(page, 'Phê duyệt và ký số');

    // Clerk: issues the result.
    await switchOfficial(page, 'vanthu.phurieng');
    await page.getByRole('heading', { level: 1, name: `Hồ sơ ${code}` }).waitFor();
    const issued = await performAction(page, 'Phát hành kết quả', async (form) => {
      await form.getByLabel(/Số, ký hiệu văn bản kết quả/).fill('125/SCT-BS');
    });
    expect(issued).toContain('Đã xử lý xong');

    // Counter: returns it in person.
    await switchOfficial(page, 'tiepnhan.phurieng');
    await page.getByRole('heading', { level: 1, name: `Hồ sơ ${code}` }).waitFor();
    const returned = await performAction(page, 'Trả kết quả', async (form) => {
      await form.getByLabel('Trực tiếp tại quầy').check();
      await form.getByLabel('Họ và tên người nhận').fill('Hoàng Văn Tư');
      await form.getByLabel('Số định danh của người nhận').fill(DEMO_ELDER_ID);
    });
    expect(returned).toContain('Đã trả kết quả');
    expect(await page.getByTestId('dossier-status').textContent()).toContain('Đã trả kết quả');
    expect(await actionPanel(page).getByRole('button').count()).toBe(0);

    // Every step done, each with its result.
    const steps = page.locator('ol.workflow > li');
    expect(await steps.count()).toBe(5);
    for (let i = 0; i < 5; i++) {
      const result = (await steps.nth(i).locator('.step-result').textContent())!.trim();
      expect(result).toMatch(/Trước hạn|Đúng hạn/);
    }
    for (const name of ['Trần Minh Đức', 'Võ Minh Tâm', 'Hồ Thị Ngọc Lan'])
      expect(await page.locator('ol.workflow').getByText(name).count()).toBeGreaterThan(0);
    expect(await page.locator('ol.staff-log').textContent()).toContain('Trả kết quả');
    await expectAccessible(page);

    // The search finds it by identity number; the register page offers the downloads.
    await page.locator('header').getByRole('link', { name: 'Tra cứu hồ sơ' }).click();
    await page.getByRole('heading', { level: 1, name: 'Tra cứu hồ sơ' }).waitFor();
    await page.getByLabel('Mã hồ sơ, số định danh hoặc tên người nộp').fill(DEMO_ELDER_ID);
    await page.getByRole('button', { name: 'Tìm', exact: true }).click();
    await page
      .getByRole('status')
      .filter({ hasText: /số định danh đã nhập/ })
      .waitFor();
    const found = page.getByRole('row').filter({ hasText: code });
    expect(await found.textContent()).toContain('Đã trả kết quả');
    expect(await found.getByRole('link', { name: code }).getAttribute('href')).toBe(`/can-bo/ho-so/${dossierId}`);
    await expectAccessible(page);

    await page.locator('header').getByRole('link', { name: 'Sổ theo dõi hồ sơ' }).click();
    await page.getByRole('heading', { level: 1, name: 'Sổ theo dõi hồ sơ' }).waitFor();
    await expect.poll(() => page.getByLabel('Đơn vị').inputValue()).toBe('dni.phurieng.ttpvhcc');
    expect(await page.getByRole('link', { name: /Tải sổ dạng PDF/ }).getAttribute('href')).toMatch(
      /^\/api\/staff\/register\.pdf\?unitId=dni\.phurieng\.ttpvhcc&from=\d{4}-\d{2}-01&to=\d{4}-\d{2}-\d{2}$/,
    );
    expect(await page.getByRole('link', { name: /Tải sổ dạng Excel/ }).getAttribute('href')).toMatch(/^\/api\/staff\/register\.xlsx\?/);
    // The dates as people write them (components/DateInput.tsx): shown as dd/mm/yyyy, typed as digits (the slashes
    // come by themselves), handed to the API as ISO yyyy-mm-dd.
    const pdfHref = async () => (await page.getByRole('link', { name: /Tải sổ dạng PDF/ }).getAttribute('href')) ?? '';
    const [, fromIso, toIso] = /from=(\d{4}-\d{2}-\d{2})&to=(\d{4}-\d{2}-\d{2})/.exec(await pdfHref())!;
    const dmy = (iso: string) => `${iso.slice(8, 10)}/${iso.slice(5, 7)}/${iso.slice(0, 4)}`;
    const registerTo = page.getByLabel('Đến ngày', { exact: true });
    expect(await registerTo.getAttribute('type')).toBe('text');
    expect(await page.getByLabel('Từ ngày', { exact: true }).inputValue()).toBe(dmy(fromIso));
    expect(await registerTo.inputValue()).toBe(dmy(toIso));
    await registerTo.fill('');
    await registerTo.pressSequentially(dmy(fromIso).replace(/\//g, ''));
    expect(await registerTo.inputValue()).toBe(dmy(fromIso));
    await expect.poll(pdfHref).toContain(`from=${fromIso}&to=${fromIso}`);
    await expectAccessible(page);
    await context.close();
  }, 240_000);

  it('accepts an online dossier from the queue, requests a supplement, the citizen supplies it online, the clock resumes, and the due date moves by exactly the paused time', async () => {
    await setClock(baseUrl, vnInstant(dayB, '08:00'));

    // The citizen submits a birth registration online, on a phone.
    const citizenContext = await browser.newContext({ viewport: { width: 360, height: 740 } });
    const citizen = await citizenContext.newPage();
    await loginWithEid(citizen, baseUrl, DEMO_MOTHER_ID);
    const { id, code } = await submitBirthRegistration(citizen, baseUrl);

    // The counter officer accepts it from the queue.
    const staffContext: BrowserContext = await browser.newContext({ viewport: { width: 1280, height: 900 } });
    const page: Page = await staffContext.newPage();
    await page.goto(`${baseUrl}/can-bo/tiep-nhan`);
    await staffLogin(page, 'tiepnhan.phurieng');
    await page.getByRole('heading', { level: 1, name: 'Tiếp nhận hồ sơ' }).waitFor();
    const queued = page.getByRole('row').filter({ hasText: code });
    await queued.waitFor();
    expect(await queued.textContent()).toContain('Trần Thị Mai');
    await expectAccessible(page);
    await queued.getByRole('link', { name: code }).click();
    await page.getByRole('heading', { level: 1, name: `Hồ sơ ${code}` }).waitFor();
    expect(await page.getByTestId('dossier-status').textContent()).toContain('Mới đăng ký');
    await expectAccessible(page);
    await performAction(page, 'Tiếp nhận hồ sơ');
    expect(await page.getByTestId('dossier-status').textContent()).toContain('Được tiếp nhận');
    const api = async () =>
      (await (await staffContext.request.get(`${baseUrl}/api/staff/dossiers/${id}`)).json()) as {
        dueAt: string;
        originalDueAt: string;
        status: { code: number };
      };
    const accepted = await api();
    expect(accepted.dueAt).toBe(new Date(vnInstant(dayB, '17:30')).toISOString());
    const dueBefore = (await page.getByTestId('due-at').textContent())!;
    expect(dueBefore).toBe(vnShown(accepted.dueAt));

    // 08:30: the assigned specialist asks for a supplement.
    await setClock(baseUrl, vnInstant(dayB, '08:30'));
    const specialist = usernameOf((await page.getByTestId('assignee-tham-dinh').textContent())!);
    expect(['chuyenvien.vhxh', 'chuyenvien2.vhxh']).toContain(specialist);
    await switchOfficial(page, specialist);
    await page.getByRole('heading', { level: 1, name: `Hồ sơ ${code}` }).waitFor();
    const reason = 'Giấy chứng sinh bị mờ, không đọc được họ tên người mẹ';
    await performAction(page, 'Yêu cầu bổ sung hồ sơ', async (form) => {
      await form.getByLabel('Lý do yêu cầu bổ sung').fill(reason);
      await form.getByLabel('Tên giấy tờ thứ 1').fill('Giấy chứng sinh');
      await form.getByLabel('Lý do bổ sung giấy tờ thứ 1').fill('Bản chụp bị mờ, cần bản chụp rõ nét');
    });
    expect(await page.getByTestId('dossier-status').textContent()).toContain('Yêu cầu bổ sung giấy tờ');
    expect(await page.getByTestId('dossier-status').textContent()).toContain('Tạm dừng tính thời hạn');
    expect(await page.getByRole('link', { name: /Mẫu 02 – Phiếu yêu cầu bổ sung/ }).count()).toBe(1);

    // 10:45 (135 working minutes later): the citizen sees the request and sends the document.
    await setClock(baseUrl, vnInstant(dayB, '10:45'));
    await citizen.goto(`${baseUrl}/ho-so-cua-toi/${id}`);
    await citizen.getByRole('heading', { name: 'Cơ quan yêu cầu bổ sung hồ sơ' }).waitFor();
    expect(await citizen.getByTestId('supplement-reason').textContent()).toBe(reason);
    expect(await citizen.locator('.supplement-request').textContent()).toContain('Bản chụp bị mờ, cần bản chụp rõ nét');
    await expect.poll(() => citizen.getByLabel('Thuộc thành phần hồ sơ').inputValue()).toBe('GCS');
    await expectAccessible(citizen);
    // The portal's upload control ("Chụp ảnh" / "Chọn tệp" for the document asked for); the file chooser is its input.
    await citizen
      .getByTestId('upload-f-sup-file-0')
      .getByRole('button', { name: /Chọn tệp/ })
      .waitFor();
    await citizen
      .locator('#f-sup-file-0')
      .setInputFiles({ name: 'giay-chung-sinh-ro.pdf', mimeType: 'application/pdf', buffer: smallPdf('giay chung sinh ro') });
    await citizen.getByText('✓ Đã tải lên: giay-chung-sinh-ro.pdf').waitFor();
    await citizen.getByRole('button', { name: 'Gửi giấy tờ bổ sung' }).click();
    await citizen.getByRole('status').filter({ hasText: 'Đã gửi giấy tờ bổ sung' }).waitFor();
    expect(await citizen.getByTestId('citizen-status').textContent()).toBe('Đang xử lý');
    expect(await citizen.locator('.supplement-request').count()).toBe(0);

    // The due time moved by exactly the 135 working minutes the dossier waited.
    const expected = addWorkingMinutes(new Date(accepted.dueAt), 135, calendar);
    const after = await api();
    expect(after.status.code).toBe(4);
    expect(after.dueAt).toBe(expected.toISOString());
    expect(after.originalDueAt).toBe(accepted.dueAt);
    expect(await citizen.getByTestId('citizen-due').textContent()).toBe(vnShown(expected));
    expect(await citizen.getByRole('status').filter({ hasText: 'Đã gửi giấy tờ bổ sung' }).textContent()).toContain(vnShown(expected));
    await expectAccessible(citizen);
    await expectNoHorizontalScroll(citizen);

    // The official's page says the same.
    await page.reload();
    await page.getByRole('heading', { level: 1, name: `Hồ sơ ${code}` }).waitFor();
    expect(await page.getByTestId('dossier-status').textContent()).toContain('Đang xử lý');
    expect(await page.getByTestId('due-at').textContent()).toBe(vnShown(expected));
    expect(await page.getByTestId('original-due-at').textContent()).toBe(dueBefore);
    expect(await page.locator('.pauses').textContent()).toContain(reason);
    expect(await page.getByText('Bổ sung', { exact: true }).count()).toBe(1);
    await expectAccessible(page);
    await page.setViewportSize({ width: 360, height: 740 });
    await expectNoHorizontalScroll(page);
    await expectAccessible(page);
    await staffContext.close();
    await citizenContext.close();
  }, 240_000);
});
