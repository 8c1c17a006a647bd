/**
 * The citizen pages, each with its heading and primary action: shared by the first-screen browser test
 * (e2e/first-screen.e2e.ts) and the screenshot script (scripts/screenshots.ts, docs/screenshots/).
 *
 * `prepareCitizen` logs in as the demo mother and makes what the pages show: a birth-registration draft, a submitted
 * marital-status certificate with a payment attempt (the fee), so that every page has real content.
 */
import type { Locator, Page } from 'playwright-core';
import { DEMO_MOTHER_ID } from '../src/server/standins/population/demo-residents.ts';
import { loginWithEid } from './journey.ts';

export interface CitizenIds {
  draftId: string;
  /** The review step of the draft (its last step, ?buoc=N). */
  reviewStep: number;
  dossierId: string;
  dossierCode: string;
  paymentId: string;
}

export interface CitizenPage {
  /** File name of the screenshot (docs/screenshots/<key>.png). */
  key: string;
  title: string;
  path: (ids: CitizenIds) => string;
  /** Signed in as the demo mother (else anonymous). */
  signedIn: boolean;
  /** The page's primary action (a control the citizen uses first on this page). */
  primary: (page: Page) => Locator;
  /** What the primary action is, in words (for the index and failure messages). */
  primaryName: string;
}

export const CITIZEN_PAGES: CitizenPage[] = [
  {
    key: '01-trang-chu',
    title: 'Trang chủ',
    path: () => '/',
    signedIn: false,
    primary: (p) => p.getByLabel('Bạn cần làm thủ tục gì?'),
    primaryName: 'ô tìm thủ tục',
  },
  {
    key: '02-tim-thu-tuc',
    title: 'Tìm thủ tục',
    path: () => `/thu-tuc?q=${encodeURIComponent('khai sinh')}`,
    signedIn: false,
    primary: (p) => p.getByRole('list', { name: 'Kết quả tìm kiếm' }).getByRole('link').first(),
    primaryName: 'kết quả đầu tiên',
  },
  {
    key: '03-huong-dan-thu-tuc',
    title: 'Hướng dẫn thủ tục (Đăng ký khai sinh)',
    path: () => '/thu-tuc/1.001193',
    signedIn: false,
    primary: (p) => p.getByRole('link', { name: 'Nộp hồ sơ trực tuyến' }).first(),
    primaryName: '"Nộp hồ sơ trực tuyến"',
  },
  {
    key: '04-chon-truong-hop',
    title: 'Bắt đầu nộp hồ sơ: chọn trường hợp (Đăng ký thường trú, hai trường hợp)',
    path: () => '/nop-ho-so/1.004194',
    signedIn: true,
    primary: (p) => p.getByRole('radio').first(),
    primaryName: 'trường hợp đầu tiên',
  },
  {
    key: '05-ho-so-nhap',
    title: 'Biểu mẫu điện tử (bước 1, điền sẵn)',
    path: (ids) => `/ho-so-nhap/${ids.draftId}`,
    signedIn: true,
    primary: (p) => p.locator('#f-hoTenTre'),
    primaryName: 'trường đầu tiên của biểu mẫu',
  },
  {
    key: '06-kiem-tra-thong-tin',
    title: 'Kiểm tra thông tin trước khi nộp',
    path: (ids) => `/ho-so-nhap/${ids.draftId}?buoc=${ids.reviewStep}`,
    signedIn: true,
    primary: (p) => p.getByRole('button', { name: 'Nộp hồ sơ' }),
    primaryName: '"Nộp hồ sơ"',
  },
  {
    key: '07-ho-so-cua-toi',
    title: 'Hồ sơ của tôi',
    path: () => '/ho-so-cua-toi',
    signedIn: true,
    primary: (p) => p.locator('main a[href^="/ho-so-cua-toi/"], main a[href^="/ho-so-nhap/"]').first(),
    primaryName: 'hồ sơ đầu tiên',
  },
  {
    key: '08-trang-ho-so',
    title: 'Trang một hồ sơ đã nộp',
    path: (ids) => `/ho-so-cua-toi/${ids.dossierId}`,
    signedIn: true,
    primary: (p) => p.getByTestId('citizen-status'),
    primaryName: 'trạng thái hồ sơ',
  },
  {
    key: '09-thanh-toan',
    title: 'Kết quả thanh toán',
    path: (ids) => `/thanh-toan/${ids.paymentId}`,
    signedIn: true,
    primary: (p) => p.getByTestId('payment-result'),
    primaryName: 'kết quả thanh toán',
  },
  {
    key: '10-kho-du-lieu',
    title: 'Kho dữ liệu của tôi',
    path: () => '/kho-du-lieu',
    signedIn: true,
    // The first document's action; an empty store has none, and then what it says is the page's point.
    primary: (p) =>
      p
        .locator('main')
        .locator('input, button, a.button')
        .or(p.getByText('Kho dữ liệu của bạn chưa có giấy tờ nào', { exact: false }))
        .first(),
    primaryName: 'thao tác đầu tiên của kho (hoặc lời báo kho trống)',
  },
  {
    key: '11-tra-cuu',
    title: 'Tra cứu hồ sơ',
    path: () => '/tra-cuu',
    signedIn: false,
    primary: (p) => p.locator('main').getByRole('textbox').first(),
    primaryName: 'ô nhập mã hồ sơ',
  },
  {
    key: '12-phan-anh',
    title: 'Gửi phản ánh, kiến nghị',
    path: () => '/phan-anh',
    signedIn: true,
    primary: (p) => p.locator('main').locator('input, textarea, select').first(),
    primaryName: 'trường đầu tiên',
  },
  {
    key: '13-hoi-dap',
    title: 'Hỏi đáp công khai',
    path: () => '/hoi-dap',
    signedIn: false,
    primary: (p) => p.getByLabel('Tìm trong hỏi đáp'),
    primaryName: 'ô tìm trong hỏi đáp',
  },
  {
    key: '14-tro-ly',
    title: 'Trợ lý hỏi đáp thủ tục',
    path: () => '/tro-ly',
    signedIn: false,
    primary: (p) => p.locator('main').getByLabel('Câu hỏi của bạn'),
    primaryName: 'ô câu hỏi',
  },
];

/** Logs the page in as the demo mother and makes a draft, a submitted dossier with a fee and a payment attempt. */
export async function prepareCitizen(page: Page, baseUrl: string): Promise<CitizenIds> {
  await loginWithEid(page, baseUrl, DEMO_MOTHER_ID);
  // Run under tsx (the screenshot script), esbuild names the functions below with a helper the page lacks.
  await page.evaluate('window.__name = (f) => f');
  return page.evaluate(async () => {
    const csrf = () => decodeURIComponent(document.cookie.match(/(?:^|;\s*)motcua_csrf=([^;]+)/)?.[1] ?? '');
    const call = async (method: string, url: string, body?: unknown) => {
      const res = await fetch(url, {
        method,
        headers: { 'content-type': 'application/json', 'x-csrf-token': csrf() },
        body: body === undefined ? undefined : JSON.stringify(body),
      });
      if (!res.ok) throw new Error(`${url}: ${res.status} ${await res.text()}`);
      return res.json();
    };
    // The birth registration, prefilled, with the place of birth and the relation typed (the review shows it all).
    const draft = await call('POST', '/api/drafts', { procedureCode: '1.001193' });
    await call('PUT', `/api/drafts/${draft.id}`, {
      revision: draft.revision,
      values: { ...draft.values, noiSinhTre: 'Trạm Y tế xã Phú Riềng', quanHeVoiTre: 'me' },
    });
    const proc = await call('GET', '/api/procedures/1.001193');
    const form = proc.definition.cases.find((c: { code: string }) => c.code === draft.caseCode).form;
    // Steps: the form's pages, documents, contact, review.
    const reviewStep = form.pages.length + 2;
    // A marital-status certificate (it has a fee), submitted, and a payment attempt of its fee.
    const m = await call('POST', '/api/drafts', { procedureCode: '1.004873' });
    const saved = await call('PUT', `/api/drafts/${m.id}`, { revision: m.revision, values: { ...m.values, mucDichSuDung: 'Đăng ký kết hôn' }, documents: [] });
    const dossier = await call('POST', '/api/dossiers', { draftId: saved.id, idempotencyKey: crypto.randomUUID() });
    const payment = await call('POST', `/api/dossiers/${dossier.id}/payments`, { idempotencyKey: crypto.randomUUID() });
    return { draftId: draft.id, reviewStep, dossierId: dossier.id, dossierCode: dossier.code, paymentId: payment.id };
  });
}
