/**
 * Notifications along the README "Try it" journey: Trần Thị Mai submits a birth registration in the browser, the
 * back office receives it and issues the result; the Zalo stand-in received a message at receipt and at the
 * result, each with the dossier code, and the SMTP stand-in the e-mails. Then her phone is set to "not a Zalo user":
 * a second dossier's receipt reaches her as an SMS without diacritics, within 160 characters. Her dossier page lists
 * every message with its delivery state; on her account page she confirms a phone number with the code the SMS
 * stand-in received and turns e-mails off; the counter's page of failed notifications shows the Zalo message that
 * could not be delivered, and sends it again. axe-core on each new page.
 */
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { measureSms } from '../src/core/notifications/sms-text.ts';
import { DEMO_MOTHER_ID } from '../src/server/standins/population/demo-residents.ts';
import {
  acceptAndIssue,
  performAction,
  setClock,
  submitBirthRegistration,
  switchOfficial,
  vnInstant,
  workingCalendar,
  workingTuesdayAhead,
} from './backoffice.ts';
import { launchBrowser } from './browser.ts';
import { expectAccessible, loginWithEid } from './journey.ts';

const ZALO_PHONE = '84987654321'; // Trần Thị Mai's phone in the population stand-in (0987 654 321)

interface Zns {
  templateId: string;
  templateData: { code?: string };
}
interface Sms {
  content: string;
  isUnicode: boolean;
}

describe('notifications of the Try-it journey', () => {
  let browser: Browser;
  let citizenContext: BrowserContext;
  let citizen: Page;
  let second: { id: string; code: string };
  let staffContext: BrowserContext;
  let staff: Page;
  const baseUrl = inject('baseUrl');
  const day = workingTuesdayAhead(36, workingCalendar());
  // The stand-ins' messages are for signed-in callers only (docs/security.md): read and configured from the citizen's page.
  const json = async <T>(url: string): Promise<T> => (await citizen.evaluate(async (u) => (await fetch(u)).json(), `${baseUrl}${url}`)) as T;
  /** A development-only write from the citizen's page, with the CSRF double-submit token of its cookie. */
  const put = async (url: string, body: unknown) => {
    const status = await citizen.evaluate(
      async ([u, b]) => {
        const token = decodeURIComponent(
          document.cookie
            .split('; ')
            .find((c) => c.startsWith('motcua_csrf='))
            ?.slice('motcua_csrf='.length) ?? '',
        );
        const res = await fetch(u, { method: 'PUT', headers: { 'content-type': 'application/json', 'x-csrf-token': token }, body: JSON.stringify(b) });
        return res.status;
      },
      [`${baseUrl}${url}`, body] as const,
    );
    expect(status).toBe(200);
  };

  beforeAll(async () => {
    browser = await launchBrowser();
    citizenContext = await browser.newContext({ viewport: { width: 360, height: 740 } });
    citizen = await citizenContext.newPage();
    staffContext = await browser.newContext({ viewport: { width: 1280, height: 900 } });
    staff = await staffContext.newPage();
  });
  afterAll(async () => {
    await put('/api/dev/zns/behaviours', { phone: ZALO_PHONE, behaviour: null }).catch(() => undefined);
    // The demo mother is shared with the other browser files (the journey expects her confirmation e-mail): give her
    // back e-mails and the phone of the population database.
    await put('/api/my/notification-preferences', { zns: true, email: true, lifeEvents: false }).catch(() => undefined);
    await citizen
      ?.evaluate(async (u) => {
        const token = decodeURIComponent(
          document.cookie
            .split('; ')
            .find((c) => c.startsWith('motcua_csrf='))
            ?.slice('motcua_csrf='.length) ?? '',
        );
        await fetch(u, { method: 'DELETE', headers: { 'x-csrf-token': token } });
      }, `${baseUrl}/api/my/contacts/phone`)
      .catch(() => undefined);
    await browser?.close();
    await setClock(baseUrl, new Date().toISOString(), false);
  });

  it('a Zalo message with the dossier code at receipt and at the result, and the e-mails', async () => {
    await setClock(baseUrl, vnInstant(day, '08:00'));
    await loginWithEid(citizen, baseUrl, DEMO_MOTHER_ID);
    const dossier = await submitBirthRegistration(citizen, baseUrl);
    await acceptAndIssue(staff, baseUrl, dossier, { clock: { day, times: ['08:15', '09:00', '10:00', '10:30'] } });
    await expect
      .poll(
        async () => {
          const zns = await json<Zns[]>(`/api/dev/zns?phone=${ZALO_PHONE}&limit=50`);
          return zns
            .filter((m) => m.templateData.code === dossier.code)
            .map((m) => m.templateId)
            .sort();
        },
        { timeout: 30_000, interval: 500 },
      )
      .toEqual(['dossier.received', 'dossier.result_issued']);
    await expect
      .poll(
        async () => {
          const mails = await json<{ subject: string }[]>('/api/dev/mailbox?to=tran.thi.mai@example.vn&limit=50');
          return mails.filter((m) => m.subject.includes(dossier.code)).length;
        },
        { timeout: 30_000, interval: 500 },
      )
      .toBeGreaterThanOrEqual(3); // submitted, received, result issued
  }, 300_000); // the whole journey (login, submission, receipt, processing, result) in one test, like results.e2e.ts

  it('a citizen without Zalo gets the SMS instead: no diacritics, at most 160 characters', async () => {
    await put('/api/dev/zns/behaviours', { phone: ZALO_PHONE, behaviour: 'not_zalo_user' });
    await setClock(baseUrl, vnInstant(day, '13:30'));
    second = await submitBirthRegistration(citizen, baseUrl);
    await switchOfficial(staff, 'tiepnhan.phurieng');
    await staff.goto(`${baseUrl}/can-bo/ho-so/${second.id}`);
    await staff.getByRole('heading', { level: 1, name: `Hồ sơ ${second.code}` }).waitFor();
    await performAction(staff, 'Tiếp nhận hồ sơ');
    let sms: Sms | undefined;
    await expect
      .poll(
        async () => {
          sms = (await json<Sms[]>('/api/dev/sms?phone=0987654321&limit=50')).find((m) => m.content.includes(second.code));
          return !!sms;
        },
        { timeout: 30_000, interval: 500 },
      )
      .toBe(true);
    expect(sms!.content).toMatch(/^MotCua: Ho so .* da duoc tiep nhan, hen tra \d{2}\/\d{2}\/\d{4}\./);
    expect(measureSms(sms!.content).encoding).toBe('gsm7');
    expect(sms!.content.length).toBeLessThanOrEqual(160);
    expect(sms!.isUnicode).toBe(false);
    const zns = await json<Zns[]>(`/api/dev/zns?phone=${ZALO_PHONE}&limit=50`);
    expect(zns.some((m) => m.templateData.code === second.code)).toBe(false);
  }, 240_000);

  it('the dossier page lists every message with its channel and delivery state', async () => {
    await citizen.goto(`${baseUrl}/ho-so-cua-toi/${second.id}`);
    const messages = citizen.getByTestId('dossier-messages');
    await citizen.getByRole('heading', { level: 2, name: 'Tin nhắn đã gửi cho bạn' }).waitFor();
    await expect
      .poll(
        async () =>
          (await messages
            .locator('li[data-channel="sms"]')
            .getAttribute('data-status')
            .catch(() => null)) ?? '',
        { timeout: 30_000 },
      )
      .toMatch(/accepted|delivered/);
    const zalo = messages.locator('li[data-channel="zns"]');
    expect(await zalo.getAttribute('data-status')).toBe('failed_permanent');
    expect(await zalo.locator('.message-state').innerText()).toContain('Gửi không thành công');
    expect(await messages.locator('li[data-channel="sms"]').innerText()).toContain('thay cho tin Zalo không gửi được');
    expect(await messages.locator('li[data-channel="email"]').count()).toBeGreaterThanOrEqual(1);
    expect(await messages.locator('li[data-channel="inapp"] .message-state').first().innerText()).toContain('Đã nhận');
    await expectAccessible(citizen);
  });

  it('the account page: a phone confirmed with the code sent by SMS, e-mails turned off, life-event suggestions turned on', async () => {
    await citizen.goto(`${baseUrl}/tai-khoan`);
    await citizen.getByRole('heading', { level: 1, name: 'Tài khoản và thông báo' }).waitFor();
    const phone = citizen.getByTestId('contact-phone');
    expect(await citizen.getByTestId('contact-phone-state').innerText()).toContain('Chưa xác nhận');
    // A landline is refused in Vietnamese.
    await phone.getByLabel('Số điện thoại di động').fill('024 3825 3536');
    await phone.getByRole('button', { name: 'Gửi mã xác nhận' }).click();
    await phone.getByRole('alert').filter({ hasText: 'số di động' }).waitFor();
    await phone.getByLabel('Số điện thoại di động').fill('0987 111 222');
    await phone.getByRole('button', { name: 'Gửi mã xác nhận' }).click();
    await phone.getByText('Đã gửi mã đến +84987111222').waitFor();
    let code = '';
    await expect
      .poll(
        async () => {
          const sms = await json<Sms[]>('/api/dev/sms?phone=0987111222&limit=5');
          code = sms[0]?.content.match(/\b(\d{6})\b/)?.[1] ?? '';
          return code;
        },
        { timeout: 30_000, interval: 500 },
      )
      .toMatch(/^\d{6}$/);
    await expectAccessible(citizen);
    await phone.getByLabel('Mã xác nhận (6 chữ số)').fill(code);
    await phone.getByRole('button', { name: 'Xác nhận', exact: true }).click();
    await citizen.getByTestId('contact-phone-state').filter({ hasText: 'Đã xác nhận: +84987111222' }).waitFor();

    await citizen.getByLabel('Nhận thư điện tử').uncheck();
    // Life-event suggestions are off unless chosen (an opt-in).
    const lifeEvents = citizen.getByLabel('Gửi cho tôi gợi ý thủ tục theo sự kiện cuộc đời', { exact: false });
    expect(await lifeEvents.isChecked()).toBe(false);
    await lifeEvents.check();
    await citizen.getByRole('button', { name: 'Lưu lựa chọn' }).click();
    await citizen.getByText('Đã lưu lựa chọn của bạn.').waitFor();
    expect(await json<{ zns: boolean; email: boolean }>('/api/my/notification-preferences')).toEqual({ zns: true, email: false, lifeEvents: true });
    await citizen.reload();
    await citizen.getByTestId('contact-phone-state').filter({ hasText: '+84987111222' }).waitFor();
    expect(await citizen.getByLabel('Nhận thư điện tử').isChecked()).toBe(false);
    expect(await lifeEvents.isChecked()).toBe(true);
    await expectAccessible(citizen);
  });

  it("the counter's page of failed notifications shows the undelivered Zalo message and sends it again", async () => {
    await staff.goto(`${baseUrl}/can-bo/thong-bao-loi`);
    await staff.getByRole('heading', { level: 1, name: 'Thông báo gửi lỗi' }).waitFor();
    const table = staff.getByTestId('failed-notifications');
    const row = table.locator('tr', { hasText: second.code }).filter({ hasText: 'Zalo' });
    await row.waitFor();
    expect(await row.innerText()).toMatch(/not_zalo_user|-118/);
    await expectAccessible(staff);
    await row.getByRole('button', { name: `Gửi lại thông báo Zalo của hồ sơ ${second.code}` }).click();
    await staff.getByText(`Đã đưa thông báo của hồ sơ ${second.code} vào hàng chờ gửi lại.`).waitFor();
  });
});
