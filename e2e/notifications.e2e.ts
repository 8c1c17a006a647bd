/**
 * Notifications along the README "Try it" journey: Trần Thị Mai submits a birth registration in the browser, the
 * back office receives it and issues the result; the Zalo stand-in received a message at receipt and at the
 * result, each with the dossier code, and the SMTP stand-in the e-mails. Then her phone is set to "not a Zalo user":
 * a second dossier's receipt reaches her as an SMS without diacritics, within 160 characters.
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
import { loginWithEid } from './journey.ts';

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
  });

  it('a citizen without Zalo gets the SMS instead: no diacritics, at most 160 characters', async () => {
    await put('/api/dev/zns/behaviours', { phone: ZALO_PHONE, behaviour: 'not_zalo_user' });
    await setClock(baseUrl, vnInstant(day, '13:30'));
    const second = await submitBirthRegistration(citizen, baseUrl);
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
  });
});
