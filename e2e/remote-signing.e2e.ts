/**
 * Remote signing in the browser (issue 16 item 7), on a phone: a citizen's certification-of-signature request
 * (2.000884) needs the applicant's own signature; on the confirmation / dossier page the citizen asks for a one-time
 * code (the CSC stand-in sends it; in development the signed-in citizen reads it from /api/dev/remote-signing/otp,
 * as a real provider would text it), sees the certificate chosen, types the code, signs and sees "Đã ký"; the
 * dossier's declaration PDF carries the citizen's PAdES signature and pdfsig reports it valid. axe-core: 0 serious or
 * critical violations at each step. A wrong code gets a Vietnamese message and signs nothing.
 */
import { spawnSync } from 'node:child_process';
import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { DEMO_MOTHER_ID } from '../src/server/standins/population/demo-residents.ts';
import { contextApi } from './admin-helpers.ts';
import { expectNoHorizontalScroll, smallPdf } from './backoffice.ts';
import { launchBrowser } from './browser.ts';
import { expectAccessible, loginWithEid } from './journey.ts';

describe('remote signing: the citizen signs the declaration on a phone', () => {
  const baseUrl = inject('baseUrl');
  let browser: Browser;
  beforeAll(async () => {
    browser = await launchBrowser();
  });
  afterAll(async () => browser?.close());

  it('gets a one-time code, signs, sees "Đã ký"; pdfsig reports the citizen’s signature valid', async () => {
    const context = await browser.newContext({ viewport: { width: 360, height: 740 }, isMobile: true, hasTouch: true });
    const page = await context.newPage();
    await loginWithEid(page, baseUrl, DEMO_MOTHER_ID);

    // The request for certification of a signature, submitted online (the form is the catalogue's).
    const draft = (await contextApi(context, baseUrl, 'POST', '/api/drafts', { procedureCode: '2.000884', caseCode: 'mac-dinh' })) as {
      status: number;
      json: { id: string; revision: number; values: Record<string, unknown> };
    };
    expect(draft.status, JSON.stringify(draft.json)).toBe(201);
    const csrf = decodeURIComponent((await context.cookies(baseUrl)).find((c) => c.name === 'motcua_csrf')?.value ?? '');
    const upload = await context.request.post(`${baseUrl}/api/uploads`, {
      headers: { 'x-csrf-token': csrf },
      multipart: { file: { name: 'giay-uy-quyen.pdf', mimeType: 'application/pdf', buffer: smallPdf('giay uy quyen') } },
    });
    expect(upload.status(), await upload.text()).toBe(201);
    const saved = await contextApi(context, baseUrl, 'PUT', `/api/drafts/${draft.json.id}`, {
      revision: draft.json.revision,
      values: { ...draft.json.values, tenVanBan: 'Giấy ủy quyền nhận lương hưu', soBan: 2 },
      documents: [{ requirementCode: 'VB', uploadId: ((await upload.json()) as { id: string }).id }],
    });
    expect(saved.status, JSON.stringify(saved.json)).toBe(200);
    const submitted = await contextApi(context, baseUrl, 'POST', '/api/dossiers', { draftId: draft.json.id, idempotencyKey: crypto.randomUUID() });
    expect(submitted.status, JSON.stringify(submitted.json)).toBe(201);
    const dossier = submitted.json as { id: string; code: string };

    await page.goto(`${baseUrl}/ho-so/xac-nhan/${dossier.id}`);
    const box = page.getByTestId('declaration-signing');
    await box.getByRole('heading', { name: 'Ký số tờ khai' }).waitFor();
    await expectAccessible(page);
    await box.getByRole('button', { name: 'Ký số tờ khai: nhận mã OTP' }).click();
    const chosen = box.getByRole('radio', { name: /Trần Thị Mai — cấp bởi .*MotCua CSC CA/ });
    await chosen.waitFor();
    expect(await chosen.isChecked()).toBe(true);
    await expectNoHorizontalScroll(page);
    await expectAccessible(page);

    const otp = await page.evaluate(async () => ((await (await fetch('/api/dev/remote-signing/otp')).json()) as { otp: string | null }).otp);
    expect(otp).toMatch(/^\d{6}$/);
    // A wrong code: a Vietnamese message beside the field, nothing signed.
    const wrong = String((Number(otp) + 1) % 1_000_000).padStart(6, '0');
    await box.getByLabel('Mã OTP').fill(wrong);
    await box.getByRole('button', { name: 'Ký số', exact: true }).click();
    await box.getByRole('alert').filter({ hasText: 'Mã OTP không đúng' }).waitFor();
    await expectAccessible(page);
    // The service burns a code only after 5 wrong attempts: the right one still signs.
    await box.getByLabel('Mã OTP').fill(otp!);
    await box.getByRole('button', { name: 'Ký số', exact: true }).click();
    const done = box.getByTestId('declaration-signed');
    await done.waitFor();
    expect(await done.textContent()).toMatch(/Đã ký: tờ khai được Trần Thị Mai ký số lúc/);
    await expectAccessible(page);

    // The dossier page says the same; the signed PDF verifies.
    await page.goto(`${baseUrl}/ho-so-cua-toi/${dossier.id}`);
    await page.getByTestId('declaration-signed').waitFor();
    const link = page.getByRole('link', { name: 'Tải tờ khai đã ký (PDF)' });
    expect(await link.getAttribute('href')).toBe(`/api/my/dossiers/${dossier.id}/declaration.pdf`);
    const pdf = await context.request.get(`${baseUrl}/api/my/dossiers/${dossier.id}/declaration.pdf`);
    expect(pdf.status()).toBe(200);
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'motcua-e2e-declaration-'));
    const file = path.join(dir, 'to-khai.pdf');
    fs.writeFileSync(file, await pdf.body());
    const sig = spawnSync('pdfsig', [file], { encoding: 'utf8' });
    expect(sig.error, 'pdfsig (poppler-utils) must be installed').toBeUndefined();
    expect(sig.stdout).toContain('Signature is Valid');
    expect(sig.stdout).toContain('Trần Thị Mai');
    expect(sig.stdout.match(/Signature #\d/g)).toHaveLength(1);
    await context.close();
  });
});
