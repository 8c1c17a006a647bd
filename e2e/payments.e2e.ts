/**
 * Online payment in a real browser: a marital-status certificate (5.000 đ, halved online) paid through the bank
 * stand-in, the return page that waits for the bank's signed confirmation, the receipt with the reduction; and a
 * declined payment followed by a successful retry; a payment through the national payment platform's stand-in
 * (PayGov), recorded on the portal channel. Phone-sized viewport, axe-core on every page.
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { DEMO_GROOM_ID } from '../src/server/standins/population/demo-residents.ts';
import { launchBrowser } from './browser.ts';
import { staffLogin } from './backoffice.ts';
import { expectAccessible, loginWithEid } from './journey.ts';

/**
 * Submits a marital-status certificate through the API from the logged-in page (the form journey has its own
 * tests); `beforeSubmit` may look at the draft (e.g. its review step) first.
 */
async function submitMaritalStatus(page: Page, beforeSubmit?: (draftId: string) => Promise<void>): Promise<{ id: string; code: string; draftId: string }> {
  const draftId = await page.evaluate(async () => {
    const csrf = () => decodeURIComponent(document.cookie.match(/(?:^|;\s*)motcua_csrf=([^;]+)/)?.[1] ?? '');
    const call = async (method: string, url: string, body: unknown) => {
      const res = await fetch(url, { method, headers: { 'content-type': 'application/json', 'x-csrf-token': csrf() }, body: JSON.stringify(body) });
      if (!res.ok) throw new Error(`${url}: ${res.status} ${await res.text()}`);
      return res.json();
    };
    const draft = await call('POST', '/api/drafts', { procedureCode: '1.004873', caseCode: 'mac-dinh' });
    const saved = await call('PUT', `/api/drafts/${draft.id}`, {
      revision: draft.revision,
      values: { ...draft.values, mucDichSuDung: 'Đăng ký kết hôn' },
      documents: [],
    });
    return saved.id as string;
  });
  await beforeSubmit?.(draftId);
  return page.evaluate(async (id) => {
    const csrf = decodeURIComponent(document.cookie.match(/(?:^|;\s*)motcua_csrf=([^;]+)/)?.[1] ?? '');
    const res = await fetch('/api/dossiers', {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-csrf-token': csrf },
      body: JSON.stringify({ draftId: id, idempotencyKey: crypto.randomUUID() }),
    });
    if (!res.ok) throw new Error(`submit: ${res.status} ${await res.text()}`);
    const d = await res.json();
    return { id: d.id as string, code: d.code as string, draftId: id };
  }, draftId);
}

function pdfText(bytes: Buffer): string {
  const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'e2e-receipt-')), 'r.pdf');
  fs.writeFileSync(file, bytes);
  return execFileSync('pdftotext', ['-layout', file, '-'], { encoding: 'utf8' });
}

describe('online payment of fees', () => {
  let browser: Browser;
  const baseUrl = inject('baseUrl');
  beforeAll(async () => {
    browser = await launchBrowser();
  });
  afterAll(async () => browser?.close());

  it('pays through the bank stand-in, waits for the confirmation and downloads the receipt with the online reduction', async () => {
    // bypassCSP: the axe audit injects a script, which the bank stand-in's strict CSP would block.
    const context = await browser.newContext({ viewport: { width: 360, height: 740 }, bypassCSP: true });
    const page = await context.newPage();
    await loginWithEid(page, baseUrl, DEMO_GROOM_ID);
    const d = await submitMaritalStatus(page, async (draftId) => {
      // The quote before submission, on the review step: rate, online reduction, amount to pay.
      await page.goto(`${baseUrl}/ho-so-nhap/${draftId}?buoc=99`);
      await page.getByRole('heading', { level: 1, name: 'Kiểm tra thông tin' }).waitFor();
      const quote = page.getByTestId('review-fee-quote');
      expect(await quote.getByTestId('quote-reduction').first().textContent()).toBe('− 2.500 đ');
      expect(await quote.getByTestId('quote-total').textContent()).toBe('2.500 đ');
      await expectAccessible(page);
    });

    await page.goto(`${baseUrl}/ho-so-cua-toi/${d.id}`);
    const panel = page.getByTestId('payment-panel');
    await panel.waitFor();
    // The quote frozen at submission: 5.000 đ, minus 2.500 đ for applying online.
    await expect.poll(() => panel.getByTestId('quote-reduction').first().textContent()).toBe('− 2.500 đ');
    expect(await panel.getByTestId('quote-total').textContent()).toBe('2.500 đ');
    await panel.getByText('Bạn được giảm 2.500 đ nhờ nộp hồ sơ trực tuyến.').waitFor();
    await expectAccessible(page);
    const wide = await page.evaluate(() =>
      [...document.querySelectorAll('body *')]
        .filter((e) => e.getBoundingClientRect().right > window.innerWidth + 1)
        .slice(0, 5)
        .map((e) => `${e.tagName}.${e.className}:${Math.round(e.getBoundingClientRect().right)}`),
    );
    expect(await page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth), wide.join(' ')).toBe(true);

    await panel.getByRole('button', { name: 'Thanh toán trực tuyến 2.500 đ' }).click();
    await page.waitForURL(/\/bank\/vnpay\/paymentv2\/vpcpay\.html/);
    await page.getByRole('heading', { level: 1, name: 'Xác nhận thanh toán' }).waitFor();
    expect(await page.locator('#amount').textContent()).toBe('2.500 đ');
    await expectAccessible(page);
    await page.getByRole('button', { name: /Đồng ý thanh toán/ }).click();

    await page.waitForURL(/\/thanh-toan\/[0-9a-f-]{36}$/);
    await page.getByRole('heading', { level: 2, name: 'Thanh toán thành công' }).waitFor();
    await page.getByText(`Đã nhận 2.500 đ cho hồ sơ ${d.code}.`).waitFor();
    await expectAccessible(page);
    const href = await page.getByTestId('receipt-link').getAttribute('href');
    const pdf = await page.request.get(`${baseUrl}${href}`);
    expect(pdf.status()).toBe(200);
    const text = pdfText(Buffer.from(await pdf.body()));
    expect(text).toContain('BIÊN LAI THU PHÍ, LỆ PHÍ');
    expect(text).toContain(d.code);
    expect(text).toMatch(/5\.000/);
    expect(text).toMatch(/- 2\.500/);
    expect(text.replace(/\s+/g, ' ')).toContain('Đã giảm 2.500 đồng do nộp hồ sơ và thanh toán trực tuyến.');

    // Back on the dossier: paid, the receipt listed, nothing more to pay.
    await page.getByRole('link', { name: `Xem hồ sơ ${d.code}` }).click();
    await page.getByTestId('payment-state').filter({ hasText: 'Đã thanh toán' }).waitFor();
    await page.getByRole('link', { name: /Tải biên lai .* \(PDF\)/ }).waitFor();
    expect(await page.getByRole('button', { name: /Thanh toán trực tuyến/ }).count()).toBe(0);
    await context.close();
  });

  it('a declined payment can be retried and then succeeds', async () => {
    const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
    const page = await context.newPage();
    await loginWithEid(page, baseUrl, DEMO_GROOM_ID);
    const d = await submitMaritalStatus(page);

    await page.goto(`${baseUrl}/ho-so-cua-toi/${d.id}`);
    await page.getByRole('button', { name: 'Thanh toán trực tuyến 2.500 đ' }).click();
    await page.waitForURL(/\/bank\/vnpay\//);
    await page.getByRole('button', { name: 'Từ chối thanh toán' }).click();

    await page.waitForURL(/\/thanh-toan\//);
    await page.getByRole('heading', { level: 2, name: 'Thanh toán không thành công' }).waitFor();
    await expectAccessible(page);
    await page.getByRole('button', { name: 'Thanh toán lại' }).click();

    await page.waitForURL(/\/bank\/vnpay\//);
    await page.getByRole('button', { name: /Đồng ý thanh toán/ }).click();
    await page.waitForURL(/\/thanh-toan\//);
    await page.getByRole('heading', { level: 2, name: 'Thanh toán thành công' }).waitFor();
    await page.getByTestId('receipt-link').waitFor();

    const state = await page.evaluate(async (id) => (await fetch(`/api/dossiers/${id}/payment`)).json(), d.id);
    expect(state.paymentState).toBe('paid');
    expect(state.intents.map((i: { state: string }) => i.state)).toEqual(['paid', 'failed']);
    expect(state.receipts).toHaveLength(1);
    await context.close();
  });

  it('pays through the national payment platform (PayGov stand-in) and sees the dossier paid on the portal channel', async () => {
    // bypassCSP: the axe audit injects a script, which the stand-in's strict CSP would block.
    const context = await browser.newContext({ viewport: { width: 360, height: 740 }, bypassCSP: true });
    const page = await context.newPage();
    await loginWithEid(page, baseUrl, DEMO_GROOM_ID);
    const d = await submitMaritalStatus(page);

    await page.goto(`${baseUrl}/ho-so-cua-toi/${d.id}`);
    const panel = page.getByTestId('payment-panel');
    await panel.getByRole('button', { name: 'Thanh toán trực tuyến 2.500 đ' }).waitFor();
    await expectAccessible(page);
    await panel.getByRole('button', { name: 'Thanh toán qua Nền tảng thanh toán quốc gia (PayGov)' }).click();

    await page.waitForURL(/\/standins\/paygov\/thanh-toan\?ref=/);
    await page.getByRole('heading', { level: 1, name: 'Thanh toán phí, lệ phí' }).waitFor();
    expect(await page.locator('#amount').textContent()).toBe('2.500 đ');
    await page.getByText(d.code, { exact: true }).waitFor();
    await expectAccessible(page);
    await page.getByRole('button', { name: 'Thanh toán 2.500 đ' }).click();

    await page.waitForURL(/\/thanh-toan\/[0-9a-f-]{36}$/);
    await page.getByRole('heading', { level: 2, name: 'Thanh toán thành công' }).waitFor();
    await page.getByText(`Đã nhận 2.500 đ cho hồ sơ ${d.code}.`).waitFor();
    await expectAccessible(page);

    const state = await page.evaluate(async (id) => (await fetch(`/api/dossiers/${id}/payment`)).json(), d.id);
    expect(state.paymentState).toBe('paid');
    expect(state.paidOnlineVia).toBe(1);
    expect(state.intents.map((i: { gateway: string; state: string }) => `${i.gateway}:${i.state}`)).toEqual(['paygov:paid']);
    expect(state.receipts.map((r: { method: string }) => r.method)).toEqual(['paygov']);

    await page.goto(`${baseUrl}/ho-so-cua-toi/${d.id}`);
    await page.getByTestId('payment-state').filter({ hasText: 'Đã thanh toán' }).waitFor();
    await panel.getByText('trực tuyến trên Cổng DVCQG').waitFor();
    expect(await page.getByRole('button', { name: /Thanh toán qua Nền tảng/ }).count()).toBe(0);
    await context.close();
  });

  it('finance: the counter reconciles the stand-in statement with one transaction removed and sees it missing', async () => {
    const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
    const page = await context.newPage();
    const statement = await (await page.request.get(`${baseUrl}/bank/vnpay/statement.csv`)).text();
    const lines = statement.trim().split('\n');
    const paid = lines.filter((l) => l.includes(',success,'));
    expect(paid.length).toBeGreaterThanOrEqual(2);
    const removed = paid[0].split(',')[0];
    const edited = lines.filter((l) => l !== paid[0]).join('\n');

    await page.goto(`${baseUrl}/can-bo`);
    await staffLogin(page, 'tiepnhan.phurieng');
    await page.locator('header').getByRole('link', { name: 'Đối soát thanh toán' }).click();
    await page.getByRole('heading', { level: 1, name: 'Đối soát thanh toán' }).waitFor();
    await expectAccessible(page);
    await page.getByLabel('Tệp sao kê (CSV)').setInputFiles({ name: 'sao-ke.csv', mimeType: 'text/csv', buffer: Buffer.from(edited) });
    await page.getByRole('button', { name: 'Đối soát', exact: true }).click();
    const report = page.getByTestId('reconcile-report');
    await report.waitFor();
    expect(await report.getByRole('heading', { level: 2 }).textContent()).toMatch(/thiếu 1, lệch 0/);
    await report.getByRole('table', { name: 'Giao dịch thiếu' }).getByText(removed).waitFor();
    await expectAccessible(page);
    // PayGov reconciles like the others, from the platform's bills: the payment made through it above matches.
    await page.getByRole('button', { name: 'Đối soát với PayGov' }).click();
    await report.getByRole('heading', { level: 2, name: /khớp [1-9]\d*, thiếu 0, lệch 0/ }).waitFor();
    await expectAccessible(page);
    await context.close();
  });
});
