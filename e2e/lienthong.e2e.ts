/**
 * Liên thông in the browser: the mother of the README's demo submits the birth bundle (2.000986) once; the bundle page
 * shows three member dossiers; the residence stand-in rejects the first hand-off, the counter officer sends it again
 * from the back office's liên thông page (/can-bo/lien-thong) and it is accepted; the
 * health-insurance member waits for the birth extract, which the commune's officials issue (back-office API);
 * the bundle page and the public lookup (by the bundle's code and by a member's code) show every member's state.
 * Then the death bundle (1.006714) of a person not insured: its funeral-allowance member goes to an agency without
 * a connection (manual adapter), and the counter officer records that agency's answer with the form of
 * /can-bo/lien-thong; the member is then done, on the officer's page and on the citizen's.
 */
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { DEMO_ELDER_ID, DEMO_MOTHER_ID } from '../src/server/standins/population/demo-residents.ts';
import { smallPdf, STAFF_PASSWORD, staffLogin } from './backoffice.ts';
import { launchBrowser } from './browser.ts';
import { expectAccessible, loginWithEid } from './journey.ts';

/** A back-office API session over fetch (login, then the CSRF header on every change). */
async function staffApi(baseUrl: string, username: string) {
  const jar = new Map<string, string>();
  const keep = (res: Response) => {
    for (const c of res.headers.getSetCookie()) {
      const [pair] = c.split(';');
      const i = pair.indexOf('=');
      jar.set(pair.slice(0, i), pair.slice(i + 1));
    }
  };
  const cookie = () => [...jar].map(([k, v]) => `${k}=${v}`).join('; ');
  const post = async (url: string, body: unknown = {}) => {
    const res = await fetch(`${baseUrl}${url}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', cookie: cookie(), 'x-csrf-token': decodeURIComponent(jar.get('motcua_csrf') ?? '') },
      body: JSON.stringify(body),
    });
    keep(res);
    return res;
  };
  keep(await fetch(`${baseUrl}/api/health`));
  const login = await post('/api/staff/login', { username, password: STAFF_PASSWORD });
  expect(login.status).toBe(200);
  keep(await fetch(`${baseUrl}/api/health`, { headers: { cookie: cookie() } }));
  return { post };
}

/** Reloads the page until the member shows the state (the outbox worker delivers hand-offs every second). */
async function waitForMemberState(page: Page, key: string, state: string): Promise<void> {
  await expect
    .poll(
      async () => {
        await page.reload();
        const cell = page.getByTestId(`member-${key}-state`);
        await cell.waitFor();
        return (await cell.textContent())?.trim();
      },
      { timeout: 30_000, interval: 1000 },
    )
    .toBe(state);
}

describe('liên thông: the birth bundle', () => {
  let browser: Browser;
  const baseUrl = inject('baseUrl');
  beforeAll(async () => {
    browser = await launchBrowser();
  });
  afterAll(async () => browser?.close());

  it('one submission, three member dossiers, a rejected residence hand-off sent again, the card waiting for the extract, the lookup by either code', async () => {
    const reject = await fetch(`${baseUrl}/standins/cutru/control`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ rejectNext: 1, reason: 'Chưa xác định được chỗ ở hợp pháp của trẻ.' }),
    });
    expect(reject.status).toBe(200);

    const context = await browser.newContext({ viewport: { width: 360, height: 740 } });
    const page = await context.newPage();
    await loginWithEid(page, baseUrl, DEMO_MOTHER_ID);
    await page.goto(`${baseUrl}/nop-ho-so/2.000986`);
    // One online case: no case page.
    await page.getByRole('heading', { level: 1, name: 'Thông tin trẻ được đăng ký khai sinh' }).waitFor();
    await page.locator('#f-noiSinhTre').fill('Trạm Y tế xã Phú Riềng');
    await page.getByRole('button', { name: 'Tiếp tục' }).click();
    await page.getByRole('heading', { level: 1, name: 'Thông tin người mẹ' }).waitFor();
    expect(await page.locator('#f-hoTenMe').inputValue()).toBe('Trần Thị Mai');
    await page.getByRole('button', { name: 'Tiếp tục' }).click();
    await page.getByRole('heading', { level: 1, name: 'Thông tin người cha' }).waitFor();
    await page.getByRole('button', { name: 'Tiếp tục' }).click();
    await page.getByRole('heading', { level: 1, name: 'Người đi đăng ký và liên hệ' }).waitFor();
    await page.locator('#f-quanHeVoiTre').selectOption('me');
    await page.getByRole('button', { name: 'Tiếp tục' }).click();
    await page.getByRole('heading', { level: 1, name: 'Giấy tờ kèm theo' }).waitFor();
    await page.locator('#f-doc-GCS').setInputFiles({ name: 'giay-chung-sinh.pdf', mimeType: 'application/pdf', buffer: smallPdf('giay chung sinh') });
    await page.getByText('✓ Đã có').first().waitFor();
    await page.getByRole('button', { name: 'Tiếp tục' }).click();
    await page.getByRole('heading', { level: 1, name: 'Liên hệ và nhận kết quả' }).waitFor();
    await page.getByRole('button', { name: 'Tiếp tục' }).click();
    await page.getByRole('heading', { level: 1, name: 'Kiểm tra thông tin' }).waitFor();
    await page.getByRole('button', { name: 'Nộp hồ sơ' }).click();
    await page.getByRole('heading', { level: 1, name: 'Đã nộp hồ sơ thành công' }).waitFor();

    // The confirmation links to the bundle: three member dossiers, each with its agency and its own status.
    await page.getByTestId('bundle-link').click();
    await page.getByRole('heading', { level: 1, name: 'Hồ sơ liên thông' }).waitFor();
    const bundleCode = (await page.getByTestId('bundle-code').textContent())!.trim();
    expect(bundleCode).toMatch(/^G22\.99\.08-\d{6}-\d{4}$/);
    expect(await page.locator('[data-testid^="member-"][data-state]').count()).toBe(3);
    expect(await page.getByTestId('member-khai-sinh-state').textContent()).toBe('Đang giải quyết tại xã');
    expect(await page.getByTestId('member-bhyt-state').textContent()).toBe('Chờ thủ tục trước có kết quả');
    await page.getByText('Chờ kết quả của: Đăng ký khai sinh').waitFor();
    await expectAccessible(page);

    // The residence stand-in refuses the first hand-off; the citizen sees the reason.
    await waitForMemberState(page, 'thuong-tru', 'Cơ quan từ chối tiếp nhận');
    await page.getByText('Lý do: Chưa xác định được chỗ ở hợp pháp của trẻ.').waitFor();
    const bundleId = new URL(page.url()).pathname.split('/').pop()!;
    const bundle = (await (await context.request.get(`${baseUrl}/api/lienthong/bundles/${bundleId}`)).json()) as {
      members: { key: string; dossierId: string; dossierCode: string }[];
    };

    // The counter officer finds the bundle on the back office's liên thông page (phone width) and sends it again;
    // Công an accepts it and returns its result.
    const officer = await staffApi(baseUrl, 'tiepnhan.phurieng');
    const staffContext = await browser.newContext({ viewport: { width: 360, height: 740 } });
    const staffPage = await staffContext.newPage();
    await staffPage.goto(`${baseUrl}/can-bo/lien-thong?code=${encodeURIComponent(bundleCode)}`);
    await staffLogin(staffPage, 'tiepnhan.phurieng');
    await staffPage.getByTestId('staff-bundle').waitFor();
    expect(await staffPage.getByTestId('staff-member-thuong-tru-state').textContent()).toBe('Cơ quan từ chối tiếp nhận');
    await staffPage.getByTestId('staff-member-thuong-tru').getByText('Lý do: Chưa xác định được chỗ ở hợp pháp của trẻ.').waitFor();
    expect(await staffPage.getByTestId('staff-member-bhyt-state').textContent()).toBe('Chờ thủ tục trước có kết quả');
    await expectAccessible(staffPage);
    await staffPage.getByRole('button', { name: 'Gửi lại Đăng ký thường trú' }).click();
    await staffPage.getByTestId('lienthong-notice').filter({ hasText: 'Đã gửi lại hồ sơ Đăng ký thường trú' }).waitFor();
    await expect
      .poll(
        async () => {
          await staffPage.reload();
          await staffPage.getByTestId('staff-bundle').waitFor();
          return staffPage.getByTestId('staff-member-thuong-tru-state').textContent();
        },
        { timeout: 30_000, interval: 1000 },
      )
      .toBe('Đã có kết quả');
    await staffContext.close();
    await waitForMemberState(page, 'thuong-tru', 'Đã có kết quả');
    expect(await page.getByTestId('member-thuong-tru-result').textContent()).toMatch(/^CT-\d{6}$/);
    expect(await page.getByTestId('member-thuong-tru-status').textContent()).toBe('Đã xử lý xong');
    // The card still waits for the birth extract.
    expect(await page.getByTestId('member-bhyt-state').textContent()).toBe('Chờ thủ tục trước có kết quả');

    // The commune registers the birth through the back office; the card is then handed over and issued.
    const birth = bundle.members.find((m) => m.key === 'khai-sinh')!;
    // (Through the back-office API: the back office's own pages have their browser tests.)
    expect((await officer.post(`/api/staff/dossiers/${birth.dossierId}/accept`)).status).toBe(200);
    const forwarded = [];
    for (const specialist of ['chuyenvien.vhxh', 'chuyenvien2.vhxh'])
      forwarded.push((await (await staffApi(baseUrl, specialist)).post(`/api/staff/dossiers/${birth.dossierId}/forward`)).status);
    expect(forwarded).toContain(200);
    expect((await (await staffApi(baseUrl, 'lanhdao.phurieng')).post(`/api/staff/dossiers/${birth.dossierId}/forward`)).status).toBe(200);
    expect((await (await staffApi(baseUrl, 'vanthu.phurieng')).post(`/api/staff/dossiers/${birth.dossierId}/issue-result`)).status).toBe(200);
    await waitForMemberState(page, 'khai-sinh', 'Đã có kết quả');
    await waitForMemberState(page, 'bhyt', 'Đã có kết quả');
    expect(await page.getByTestId('member-bhyt-result').textContent()).toMatch(/^TE1\d{12}$/);
    expect(await page.getByTestId('bundle-state').textContent()).toBe('Đã hoàn thành');
    await expectAccessible(page);

    // The public lookup, as anyone, by the bundle's code and by a member's code.
    const anon = await browser.newPage({ viewport: { width: 360, height: 740 } });
    for (const code of [bundleCode, bundle.members.find((m) => m.key === 'bhyt')!.dossierCode]) {
      await anon.goto(`${baseUrl}/tra-cuu-lien-thong?ma=${encodeURIComponent(code)}`);
      await anon.getByLabel(/4 số cuối/).fill(DEMO_MOTHER_ID.slice(-4));
      await anon.getByRole('button', { name: 'Tra cứu' }).click();
      await anon.getByTestId('bundle-code').waitFor();
      expect(await anon.getByTestId('bundle-code').textContent()).toBe(bundleCode);
      for (const key of ['khai-sinh', 'thuong-tru', 'bhyt']) expect(await anon.getByTestId(`member-${key}-state`).textContent()).toBe('Đã có kết quả');
      expect(await anon.content()).not.toContain('Trần Thị Mai');
      await expectAccessible(anon);
    }
    await anon.close();
    await context.close();
  });

  it('manual adapter: the officer records another agency’s answer on /can-bo/lien-thong and the member is done', async () => {
    const context = await browser.newContext({ viewport: { width: 360, height: 740 } });
    const page = await context.newPage();
    await loginWithEid(page, baseUrl, DEMO_MOTHER_ID);
    // The death bundle through the citizen's API (its form journey is the same engine as the birth bundle's above).
    const pdf = Array.from(smallPdf('to khai'));
    const death = await page.evaluate(
      async ({ pdf, deceased }) => {
        const csrf = () => decodeURIComponent(document.cookie.match(/(?:^|;\s*)motcua_csrf=([^;]+)/)?.[1] ?? '');
        const call = async (method: string, url: string, body: unknown) => {
          const res = await fetch(url, { method, headers: { 'content-type': 'application/json', 'x-csrf-token': csrf() }, body: JSON.stringify(body) });
          if (!res.ok) throw new Error(`${url}: ${res.status} ${await res.text()}`);
          return res.json();
        };
        const draft = await call('POST', '/api/drafts', { procedureCode: '1.006714', caseCode: 'mac-dinh' });
        const documents = [];
        for (const code of ['TK', 'GBT']) {
          const form = new FormData();
          form.append('file', new Blob([new Uint8Array(pdf)], { type: 'application/pdf' }), `${code}.pdf`);
          const res = await fetch('/api/uploads', { method: 'POST', headers: { 'x-csrf-token': csrf() }, body: form });
          if (!res.ok) throw new Error(`upload: ${res.status} ${await res.text()}`);
          documents.push({ requirementCode: code, uploadId: (await res.json()).id });
        }
        const today = new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Ho_Chi_Minh' }).format(new Date());
        const saved = await call('PUT', `/api/drafts/${draft.id}`, {
          revision: draft.revision,
          values: {
            ...draft.values,
            ngaySinhNguoiNop: draft.values.ngaySinhNguoiNop ?? '1995-05-12',
            hoTenNguoiChet: 'Lê Văn Tư',
            soDinhDanhNguoiChet: deceased,
            ngayChet: today,
            nguoiChetThamGiaBHXH: false,
          },
          documents,
        });
        const d = await call('POST', '/api/dossiers', { draftId: saved.id, idempotencyKey: crypto.randomUUID() });
        const mine = (await (await fetch('/api/lienthong/bundles')).json()) as { items: { id: string; parent: { code: string } }[] };
        return { code: d.code as string, bundleId: mine.items.find((b) => b.parent.code === d.code)?.id ?? '' };
      },
      { pdf, deceased: DEMO_ELDER_ID },
    );
    expect(death.bundleId, 'the death bundle was created').not.toBe('');
    await page.goto(`${baseUrl}/lien-thong/${death.bundleId}`);
    await page.getByRole('heading', { level: 1, name: 'Hồ sơ liên thông' }).waitFor();
    const bundleCode = (await page.getByTestId('bundle-code').textContent())!.trim();
    const bundleId = death.bundleId;
    expect(await page.getByTestId('member-mai-tang-btxh-state').textContent()).toBe('Chờ thủ tục trước có kết quả');
    const bundle = (await (await context.request.get(`${baseUrl}/api/lienthong/bundles/${bundleId}`)).json()) as {
      members: { key: string; dossierId: string }[];
    };

    // The commune registers the death (back-office API); the funeral-allowance member is then handed over by hand.
    const deathMember = bundle.members.find((m) => m.key === 'khai-tu')!;
    const officer = await staffApi(baseUrl, 'tiepnhan.phurieng');
    expect((await officer.post(`/api/staff/dossiers/${deathMember.dossierId}/accept`)).status).toBe(200);
    const forwarded = [];
    for (const specialist of ['chuyenvien.vhxh', 'chuyenvien2.vhxh'])
      forwarded.push((await (await staffApi(baseUrl, specialist)).post(`/api/staff/dossiers/${deathMember.dossierId}/forward`)).status);
    expect(forwarded).toContain(200);
    expect((await (await staffApi(baseUrl, 'lanhdao.phurieng')).post(`/api/staff/dossiers/${deathMember.dossierId}/forward`)).status).toBe(200);
    expect((await (await staffApi(baseUrl, 'vanthu.phurieng')).post(`/api/staff/dossiers/${deathMember.dossierId}/issue-result`)).status).toBe(200);
    await waitForMemberState(page, 'mai-tang-btxh', 'Đã chuyển, chờ cơ quan tiếp nhận');

    // The officer records the social-protection office's answer with the form (phone width), axe 0.
    const staffContext = await browser.newContext({ viewport: { width: 360, height: 740 } });
    const staffPage = await staffContext.newPage();
    await staffPage.goto(`${baseUrl}/can-bo/lien-thong?code=${encodeURIComponent(bundleCode)}`);
    await staffLogin(staffPage, 'tiepnhan.phurieng');
    await staffPage.getByTestId('staff-bundle').waitFor();
    const card = staffPage.getByTestId('staff-member-mai-tang-btxh');
    expect(await staffPage.getByTestId('staff-member-mai-tang-btxh-state').textContent()).toBe('Đã chuyển, chờ cơ quan tiếp nhận');
    await card.getByRole('heading', { name: /Ghi nhận trả lời của Ủy ban nhân dân xã \(bảo trợ xã hội\) cho lần 1/ }).waitFor();
    await expectAccessible(staffPage);
    // Saving without the reference is refused in the form.
    await card.getByRole('button', { name: 'Ghi nhận trả lời' }).click();
    await card.getByRole('alert').waitFor();
    await card.getByLabel('Đã tiếp nhận / có kết quả').check();
    await card.getByLabel('Mã tiếp nhận hoặc số văn bản trả lời').fill('BTXH-PR-2026-07');
    await card.getByLabel('Số kết quả (nếu đã có)').fill('QĐ-MT-07/2026');
    await card.getByLabel('Tên giấy tờ kết quả (nếu đã có)').fill('Quyết định hỗ trợ chi phí mai táng');
    await card.getByRole('button', { name: 'Ghi nhận trả lời' }).click();
    await staffPage.getByTestId('lienthong-notice').filter({ hasText: 'Đã ghi nhận trả lời của cơ quan.' }).waitFor();
    await expect
      .poll(
        async () => {
          await staffPage.reload();
          await staffPage.getByTestId('staff-bundle').waitFor();
          return staffPage.getByTestId('staff-member-mai-tang-btxh-state').textContent();
        },
        { timeout: 30_000, interval: 1000 },
      )
      .toBe('Đã có kết quả');
    await staffPage.getByTestId('staff-member-mai-tang-btxh').getByText('QĐ-MT-07/2026').first().waitFor();
    await expectAccessible(staffPage);
    await staffContext.close();

    // The citizen sees the member done with the agency's result number.
    await waitForMemberState(page, 'mai-tang-btxh', 'Đã có kết quả');
    expect(await page.getByTestId('member-mai-tang-btxh-result').textContent()).toBe('QĐ-MT-07/2026');
    await expectAccessible(page);
    await context.close();
  });
});
