/**
 * Issue 18 (5): the leader's approval is called what it is ("Phê duyệt và ký số"), shows the document to be signed
 * before signing (an unsigned preview, marked as a specimen), and the confirmation says that it signs. Issue 16 (7):
 * the leader's personal certificate is configured, so a one-time code adds their signature beside the unit's (pdfsig:
 * two valid signatures) and the announcement says so.
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { DEMO_MOTHER_ID } from '../src/server/standins/population/demo-residents.ts';
import { actionPanel, currentAssignee, performAction, staffLogin, submitBirthRegistration, switchOfficial } from './backoffice.ts';
import { launchBrowser } from './browser.ts';
import { expectAccessible, loginWithEid } from './journey.ts';

describe('the leader sees what they sign', () => {
  let browser: Browser;
  const baseUrl = inject('baseUrl');
  beforeAll(async () => {
    browser = await launchBrowser();
  });
  afterAll(async () => browser?.close());

  it('names the step, previews the result PDF and asks to confirm the signature', async () => {
    const citizen = await browser.newContext({ viewport: { width: 360, height: 740 } });
    const mother = await citizen.newPage();
    await loginWithEid(mother, baseUrl, DEMO_MOTHER_ID);
    const dossier = await submitBirthRegistration(mother, baseUrl);
    await citizen.close();

    const desk = await browser.newContext({ viewport: { width: 1280, height: 900 } });
    const page = await desk.newPage();
    const heading = page.getByRole('heading', { level: 1, name: `Hồ sơ ${dossier.code}` });
    await page.goto(`${baseUrl}/can-bo/ho-so/${dossier.id}`);
    await staffLogin(page, 'tiepnhan.phurieng');
    await heading.waitFor();
    await performAction(page, 'Tiếp nhận hồ sơ');
    await switchOfficial(page, await currentAssignee(page));
    await heading.waitFor();
    // Before the leader's step, forwarding is not signing.
    expect(await actionPanel(page).getByRole('button', { name: 'Phê duyệt và ký số' }).count()).toBe(0);
    await performAction(page, 'Chuyển bước tiếp theo');

    await switchOfficial(page, await currentAssignee(page));
    await heading.waitFor();
    const panel = actionPanel(page);
    await panel.getByRole('button', { name: 'Phê duyệt và ký số', exact: true }).click();
    const preview = panel.getByRole('link', { name: /Xem trước văn bản sẽ ký/ });
    const href = (await preview.getAttribute('href'))!;
    expect(href).toBe(`/api/staff/dossiers/${dossier.id}/result-preview.pdf`);
    const pdf = await page.evaluate(async (url) => {
      const res = await fetch(url);
      return { status: res.status, type: res.headers.get('content-type'), head: new TextDecoder().decode((await res.arrayBuffer()).slice(0, 5)) };
    }, href);
    expect(pdf).toEqual({ status: 200, type: 'application/pdf', head: '%PDF-' });
    await expectAccessible(page);
    await panel.getByRole('button', { name: 'Tiếp tục' }).click();
    await panel.getByText(/ký số bằng chứng thư số của cơ quan/).waitFor();
    await expectAccessible(page);
    // The leader's personal certificate is configured (demo): a one-time code from the remote-signing service, typed
    // before confirming, adds the leader's own signature beside the unit's.
    const personal = panel.getByTestId('personal-signature');
    await personal.getByRole('button', { name: 'Nhận mã OTP ký số cá nhân' }).click();
    await personal.getByText(/Đã gửi mã OTP cho chứng thư số của/).waitFor();
    const otp = await page.evaluate(async () => ((await (await fetch('/api/dev/remote-signing/staff-otp')).json()) as { otp: string | null }).otp);
    expect(otp).toMatch(/^\d{6}$/);
    await personal.getByLabel('Mã OTP ký số cá nhân (6 chữ số)').fill(otp!);
    await panel.getByText(/kèm chữ ký số cá nhân của bạn/).waitFor();
    await expectAccessible(page);
    await panel.getByRole('button', { name: 'Xác nhận', exact: true }).click();
    await expect
      .poll(async () => (await page.getByTestId('announcement').textContent()) ?? '', { timeout: 30_000 })
      .toContain('Đã thực hiện: Phê duyệt và ký số.');
    const said = (await page.getByTestId('announcement').textContent()) ?? '';
    expect(said).toMatch(/Kết quả mang chữ ký số của cơ quan và chữ ký số cá nhân của .+\./);
    await page.getByTestId('staff-result').waitFor();
    // The result carries two valid signatures: the unit's and the leader's.
    const bytes = await page.evaluate(
      async (url) => Array.from(new Uint8Array(await (await fetch(url)).arrayBuffer())),
      `/api/staff/dossiers/${dossier.id}/result.pdf`,
    );
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'motcua-e2e-leader-'));
    const file = path.join(dir, 'ket-qua.pdf');
    fs.writeFileSync(file, Buffer.from(bytes));
    const sig = spawnSync('pdfsig', [file], { encoding: 'utf8' });
    expect(sig.error, 'pdfsig (poppler-utils) must be installed').toBeUndefined();
    expect(sig.stdout.match(/Signature #\d/g)).toHaveLength(2);
    expect(sig.stdout.match(/Signature is Valid/g)).toHaveLength(2);
    expect(sig.stdout).toContain('Ủy ban nhân dân xã Phú Riềng');
    await desk.close();
  });
});
