/**
 * Service-quality dashboards (Decision 766) in the browser:
 *
 * (a) a birth registration submitted online is accepted, forwarded, approved and issued on a day of its own (the
 *     business clock is frozen on a working day no other browser test uses); the mother then rates it online
 *     ("Rất hài lòng" with a comment) on her dossier page, and the rating is still there after a reload;
 * (b) the province supervisor opens the dashboard for Xã Phú Riềng and that day, drills from a figure to the dossiers
 *     behind it (the list's count equals the figure, and our dossier is in it), downloads the Excel workbook and reads
 *     it back with an independent reader (read-excel-file, not exceljs): every indicator's numerator, denominator,
 *     ratio and points equal the page's; the page passes axe-core and fits a phone;
 * (c) the public monthly page and the counter screen render without login, without personal data, and pass axe-core;
 * (d) the counter officer opens the tablet rating from the dossier page: an empty choice is refused in words, and a
 *     second rating of the same dossier is refused with the server's message;
 * (e) the plan targets seeded from the plans (the commune's, and one official's) show as progress bars with their
 *     target in words, and the demo campaign (Phú Riềng, 25/7–25/8/2025) is reported week by week.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { readSheet } from 'read-excel-file/node';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { DEMO_COMMUNES, DEMO_MOTHER_ID } from '../src/server/standins/population/demo-residents.ts';
import {
  acceptAndIssue,
  expectNoHorizontalScroll,
  setClock,
  staffLogin,
  staffLogout,
  submitBirthRegistration,
  vnInstant,
  workingCalendar,
  workingTuesdayAhead,
} from './backoffice.ts';
import { launchBrowser } from './browser.ts';
import { expectAccessible, loginWithEid } from './journey.ts';

type Cell = string | number | boolean | Date | null;

/** What the page shows for one indicator (raw values from data-value; null = no data). */
interface Figure {
  code: string;
  numerator: number | null;
  denominator: number | null;
  ratio: number | null;
  points: number | null;
}

const num = (v: string | null | undefined): number | null => (v === null || v === undefined || v === '' ? null : Number(v));

async function pageFigures(page: Page): Promise<Figure[]> {
  const rows = await page
    .getByTestId('index-table')
    .locator('tr[data-indicator]')
    .evaluateAll((trs) =>
      trs.map((tr) => {
        const cell = (col: string) => {
          const td = tr.querySelector(`td[data-col="${col}"]`);
          if (!td) return null;
          return td.getAttribute('data-value') ?? td.querySelector('[data-value]')?.getAttribute('data-value') ?? null;
        };
        return {
          code: tr.getAttribute('data-indicator')!,
          numerator: cell('numerator'),
          denominator: cell('denominator'),
          ratio: cell('ratio'),
          points: cell('points'),
        };
      }),
    );
  return rows.map((r) => ({ code: r.code, numerator: num(r.numerator), denominator: num(r.denominator), ratio: num(r.ratio), points: num(r.points) }));
}

/** A spreadsheet cell as a number (null for empty or words such as "Chưa có dữ liệu"). */
function cellNumber(c: Cell | undefined): number | null {
  if (c === null || c === undefined || c === '') return null;
  if (typeof c === 'number') return c;
  const n = Number(String(c).replace('%', '').trim().replace(',', '.'));
  return Number.isFinite(n) ? n : null;
}

describe('service-quality dashboards: live Decision 766 index, drill-down, Excel, public figures, ratings', () => {
  let browser: Browser;
  let citizenContext: BrowserContext;
  let citizen: Page;
  let staffContext: BrowserContext;
  let staff: Page;
  let dir: string;
  const baseUrl = inject('baseUrl');
  // A working day well after the ones the other browser tests use, so that the day's figures are this test's alone.
  const day = workingTuesdayAhead(36, workingCalendar());
  let dossier: { id: string; code: string };

  beforeAll(async () => {
    browser = await launchBrowser();
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'motcua-metrics-'));
    citizenContext = await browser.newContext({ viewport: { width: 360, height: 740 } });
    citizen = await citizenContext.newPage();
    staffContext = await browser.newContext({ viewport: { width: 1280, height: 900 }, acceptDownloads: true });
    staff = await staffContext.newPage();
  });
  afterAll(async () => {
    await browser?.close();
    if (dir) fs.rmSync(dir, { recursive: true, force: true });
    await setClock(baseUrl, new Date().toISOString(), false);
  });

  it('(a) a dossier is issued and the citizen rates it online; the rating stays', async () => {
    await setClock(baseUrl, vnInstant(day, '08:00'));
    await loginWithEid(citizen, baseUrl, DEMO_MOTHER_ID);
    dossier = await submitBirthRegistration(citizen, baseUrl);
    await acceptAndIssue(staff, baseUrl, dossier, { clock: { day, times: ['08:15', '09:00', '10:00', '10:30'] } });

    await setClock(baseUrl, vnInstant(day, '11:00'));
    await citizen.goto(`${baseUrl}/ho-so-cua-toi/${dossier.id}`);
    const form = citizen.getByTestId('rating-form');
    await form.waitFor();
    await form.getByLabel('Rất hài lòng').check();
    await form.getByLabel('Góp ý (không bắt buộc)').fill('Cán bộ hướng dẫn tận tình.');
    await expectAccessible(citizen);
    await expectNoHorizontalScroll(citizen);
    await form.getByRole('button', { name: 'Gửi đánh giá' }).click();
    const done = citizen.getByTestId('rating-done');
    await done.waitFor();
    expect(await done.textContent()).toContain('Đánh giá: Rất hài lòng.');
    await citizen.reload();
    await citizen.getByTestId('rating-done').waitFor();
    expect(await citizen.getByTestId('rating-done').textContent()).toContain('Cán bộ hướng dẫn tận tình.');
    expect(await citizen.getByTestId('rating-form').count()).toBe(0);
  });

  it('(b) the supervisor drills from a figure to its dossiers and exports Excel that reads back to the same numbers', async () => {
    await staffLogout(staff);
    await staff.goto(`${baseUrl}/can-bo/chi-so?unit=${DEMO_COMMUNES.phuRieng}&kind=custom&from=${day}&to=${day}`);
    await staffLogin(staff, 'giamsat.dongnai');
    await staff.getByRole('heading', { level: 1, name: 'Chỉ số chất lượng phục vụ (QĐ 766)' }).waitFor();
    await staff.getByTestId('index-table').waitFor();
    expect(await staff.getByLabel('Đơn vị', { exact: true }).inputValue()).toBe(DEMO_COMMUNES.phuRieng);

    const figures = await pageFigures(staff);
    const codes = figures.map((f) => f.code);
    for (const code of ['1.4', '2.1', '3.3', '3.6', '4.1', '4.2', '5.4']) expect(codes).toContain(code);
    // Our dossier was received and finished on time that day: 2.1 counts it.
    const onTime = figures.find((f) => f.code === '2.1')!;
    expect(onTime.numerator).toBeGreaterThanOrEqual(1);
    expect(onTime.denominator).toBeGreaterThanOrEqual(onTime.numerator!);
    const total = Number(await staff.getByTestId('total-points').getAttribute('data-value'));
    expect(total).toBeGreaterThan(0);
    expect(total).toBeLessThanOrEqual(100);

    await expectAccessible(staff);
    await staff.setViewportSize({ width: 360, height: 740 });
    await expectNoHorizontalScroll(staff);
    await expectAccessible(staff);
    await staff.setViewportSize({ width: 1280, height: 900 });

    // Drill down: the list behind 2.1's numerator has as many dossiers as the figure, ours among them.
    await staff.getByTestId('drill-2.1-numerator').click();
    await staff.getByRole('heading', { level: 1, name: 'Hồ sơ của chỉ số 2.1 – Tử số' }).waitFor();
    const drillTotal = staff.getByTestId('drill-total');
    await drillTotal.waitFor();
    expect(Number(await drillTotal.getAttribute('data-value'))).toBe(onTime.numerator);
    const listed = await staff.getByTestId('drill-table').locator('tbody tr').count();
    expect(listed).toBe(Math.min(50, onTime.numerator!));
    const link = staff.getByTestId('drill-table').getByRole('link', { name: dossier.code, exact: true });
    expect(await link.getAttribute('href')).toBe(`/can-bo/ho-so/${dossier.id}`);
    await expectAccessible(staff);
    await link.click();
    await staff.getByRole('heading', { level: 1, name: `Hồ sơ ${dossier.code}` }).waitFor();
    await staff.goBack();
    await staff.getByTestId('drill-total').waitFor();
    await staff.getByRole('link', { name: '‹ Quay lại bảng chỉ số' }).click();
    await staff.getByTestId('index-table').waitFor();

    // Excel: the workbook's "Chỉ số 766" sheet read back independently gives the page's numbers.
    const [download] = await Promise.all([staff.waitForEvent('download'), staff.getByTestId('export-xlsx').first().click()]);
    const file = path.join(dir, 'chi-so-766.xlsx');
    await download.saveAs(file);
    const sheet = (await readSheet(fs.readFileSync(file), 'Chỉ số 766')) as unknown as Cell[][];
    const headerAt = sheet.findIndex((row) => row.some((c) => typeof c === 'string' && /^Tử số/.test(c.trim())));
    expect(headerAt).toBeGreaterThanOrEqual(0);
    const header = sheet[headerAt].map((c) => String(c ?? '').trim());
    const col = (re: RegExp) => header.findIndex((h) => re.test(h));
    const cols = { code: Math.max(0, col(/^Mã/)), numerator: col(/^Tử số/), denominator: col(/^Mẫu số/), ratio: col(/^Tỷ lệ/), points: col(/^Điểm/) };
    for (const c of Object.values(cols)) expect(c).toBeGreaterThanOrEqual(0);
    const byCode = new Map(sheet.slice(headerAt + 1).map((row) => [String(row[cols.code] ?? '').trim(), row]));
    let compared = 0;
    for (const f of figures) {
      const row = byCode.get(f.code);
      expect(row, `indicator ${f.code} in the workbook`).toBeDefined();
      expect({
        code: f.code,
        numerator: cellNumber(row![cols.numerator]),
        denominator: cellNumber(row![cols.denominator]),
        points: cellNumber(row![cols.points]),
      }).toEqual({ code: f.code, numerator: f.numerator, denominator: f.denominator, points: f.points });
      const ratio = cellNumber(row![cols.ratio]);
      // A ratio may be stored as a percentage (72.5) or as a fraction formatted as % (0.725).
      if (f.ratio === null) expect(ratio).toBeNull();
      else expect([ratio, ratio === null ? null : Math.round(ratio * 10_000) / 100]).toContain(f.ratio);
      compared++;
    }
    expect(compared).toBe(figures.length);

    // The printable report is a PDF.
    const pdfHref = await staff.getByTestId('report-pdf').getAttribute('href');
    const pdf = await staffContext.request.get(`${baseUrl}${pdfHref}`);
    expect(pdf.status()).toBe(200);
    expect((await pdf.body()).subarray(0, 5).toString()).toBe('%PDF-');
  });

  it('(c) the public monthly page and the counter screen show figures without login or personal data', async () => {
    const anonymous = await browser.newContext({ viewport: { width: 1280, height: 900 } });
    const page = await anonymous.newPage();
    await page.goto(`${baseUrl}/chi-so-phuc-vu?month=${day.slice(0, 7)}`);
    await page.getByRole('heading', { level: 1, name: 'Chỉ số phục vụ người dân, doanh nghiệp' }).waitFor();
    const table = page.getByTestId('public-table');
    await table.waitFor();
    expect(await table.locator('tbody tr').count()).toBeGreaterThan(0);
    const text = (await page.locator('main').textContent()) ?? '';
    expect(text).not.toContain(dossier.code);
    expect(text).not.toContain('Trần Thị Mai');
    await expectAccessible(page);
    await page.setViewportSize({ width: 360, height: 740 });
    await expectNoHorizontalScroll(page);
    await expectAccessible(page);

    await page.setViewportSize({ width: 1280, height: 720 });
    await page.goto(`${baseUrl}/man-hinh-quay?unit=${DEMO_COMMUNES.phuRieng}`);
    await page.getByTestId('screen-received').waitFor();
    expect(Number((await page.getByTestId('screen-received').textContent())!.replace(/\D/g, ''))).toBeGreaterThanOrEqual(0);
    await expectAccessible(page);
    const slide = page.getByTestId('screen-slide');
    expect(await slide.getAttribute('data-slide')).toBe('0');
    await page.getByRole('button', { name: 'Tiếp ›' }).click();
    expect(await slide.getAttribute('data-slide')).toBe('1');
    await page.getByRole('button', { name: 'Tạm dừng' }).click();
    expect(await page.getByRole('button', { name: 'Tiếp tục trình chiếu' }).getAttribute('aria-pressed')).toBe('true');
    expect((await page.locator('main').textContent()) ?? '').not.toContain('Trần Thị Mai');
    await anonymous.close();
  });
  it('(d) on the counter tablet the same dossier cannot be rated twice; the page says so in words', async () => {
    await staff.goto(`${baseUrl}/can-bo/ho-so/${dossier.id}`);
    await staffLogout(staff);
    await staffLogin(staff, 'tiepnhan.phurieng');
    await staff.getByTestId('counter-rating-link').click();
    await staff.getByRole('heading', { level: 1, name: 'Đánh giá tại quầy' }).waitFor();
    const form = staff.getByTestId('rating-form');
    await form.waitFor();
    expect(await staff.locator('main').textContent()).toContain(dossier.code);
    await form.getByRole('button', { name: 'Gửi đánh giá' }).click();
    expect(await form.getByRole('alert').textContent()).toBe('Chọn một mức độ hài lòng.');
    await expectAccessible(staff);
    await form.getByRole('radio', { name: 'Hài lòng', exact: true }).check();
    await form.getByRole('button', { name: 'Gửi đánh giá' }).click();
    await expect.poll(async () => (await form.getByRole('alert').textContent()) ?? '').toMatch(/đã được đánh giá/);
    expect(await staff.getByTestId('rating-done').count()).toBe(0);
  });
  it("(e) the plan targets (the unit's and one official's) show as progress bars, and the demo campaign week by week", async () => {
    await staff.goto(`${baseUrl}/can-bo/chi-so/muc-tieu?unit=${DEMO_COMMUNES.phuRieng}&kind=custom&from=${day}&to=${day}`);
    await staffLogout(staff);
    await staffLogin(staff, 'giamsat.dongnai');
    await staff.getByRole('heading', { level: 1, name: 'Mục tiêu kế hoạch' }).waitFor();
    // Seeded from the plans (src/server/modules/metrics/seed.ts): ≥ 60 % paid online for the commune, ≥ 80 % online
    // dossiers for one hộ tịch official.
    const paid = staff.getByRole('progressbar', { name: 'Tỷ lệ hồ sơ thanh toán trực tuyến' });
    await paid.waitFor();
    expect(await paid.getAttribute('aria-valuetext')).toMatch(/mục tiêu ≥ 60 %/);
    const own = staff.getByRole('progressbar', { name: 'Nguyễn Thị Thu Trang: Tỷ lệ hồ sơ nộp trực tuyến' });
    await own.waitFor();
    expect(await own.getAttribute('aria-valuetext')).toMatch(/mục tiêu ≥ 80 %/);
    // Kim Long's aim: over 50 % of the commune's adults (15+) have signed with a personal certificate. The figure is
    // shown with its numerator and denominator, as the server measured them (modules/metrics/targets.ts).
    // The figures the page was given (the last request it made for them), to compare with what it shows.
    const answer = (await staff.evaluate(async () => {
      const urls = performance
        .getEntriesByType('resource')
        .map((e) => e.name)
        .filter((n) => n.includes('/api/metrics/targets'));
      return (await fetch(urls[urls.length - 1], { credentials: 'same-origin' })).json();
    })) as { metric: string; officialId: string | null; actual: number | null; numerator: number | null; denominator: number | null }[];
    const measured = answer.find((x) => x.metric === 'adults_personal_signature_rate' && !x.officialId);
    expect(measured, 'the seeded target of adults signing personally').toBeDefined();
    expect(measured!.denominator).toBeGreaterThan(0);
    expect(measured!.numerator).toBeGreaterThanOrEqual(0);
    expect(measured!.numerator!).toBeLessThanOrEqual(measured!.denominator!);
    const adults = staff.getByRole('progressbar', { name: 'Người trưởng thành (từ 15 tuổi) đã ký số bằng chứng thư số cá nhân' });
    await adults.waitFor();
    const valueText = (await adults.getAttribute('aria-valuetext')) ?? '';
    expect(valueText).toMatch(/mục tiêu ≥ 50 %/);
    const shown = Number(/^([\d.,]+) %/.exec(valueText)?.[1].replace(/\./g, '').replace(',', '.'));
    expect(shown).toBeCloseTo((measured!.numerator! / measured!.denominator!) * 100, 0);
    const meta = await staff.locator('li[data-metric="adults_personal_signature_rate"][data-official=""] .metrics-target-meta').textContent();
    const fmt = (n: number) => n.toLocaleString('vi-VN');
    expect(meta).toContain(`${fmt(measured!.numerator!)} / ${fmt(measured!.denominator!)}`);
    await expectAccessible(staff);

    await staff.getByRole('link', { name: 'Chiến dịch', exact: true }).click();
    await staff.getByRole('heading', { level: 1, name: 'Chiến dịch' }).waitFor();
    await staff.getByRole('link', { name: /Chiến dịch 30 ngày/ }).click();
    const weeks = staff.getByTestId('campaign-table').locator('tbody tr');
    await weeks.first().waitFor();
    expect(await weeks.count()).toBeGreaterThanOrEqual(4);
    expect(await weeks.first().locator('th').textContent()).toBe('Tuần 1 (25/07/2025 – 31/07/2025)');
    await expectAccessible(staff);
  });
});
