/**
 * The PayGov stand-in's pages, server-rendered in Vietnamese and marked "MÔI TRƯỜNG THỬ NGHIỆM" so nobody mistakes
 * them for the national platform. No scripts; keyboard and screen-reader friendly; large touch targets.
 */
import { escapeHtml } from '../eid/pages.ts';
import { type PaymentPageLook, paymentPage } from '../payment-page.ts';

const LOOK: PaymentPageLook = {
  site: 'Nền tảng thanh toán (thử nghiệm)',
  notReal: 'không phải Nền tảng thanh toán quốc gia thật, không có tiền thật',
  brand: 'Nền tảng thanh toán trực tuyến – Cổng Dịch vụ công quốc gia (thử nghiệm)',
  colours: {
    text: '#1d1d1d',
    page: '#f4f1ec',
    brand: '#a1131b',
    muted: '#3d3d3d',
    border: '#5c5c5c',
    amount: '#8a0f16',
    secondary: '#1d1d1d',
    focus: '#1a5fb4',
    link: '#0b4a8b',
  },
  widthRem: 32,
};

const layout = (title: string, body: string): string => paymentPage(LOOK, title, body);

const money = (n: number) => `${n.toLocaleString('vi-VN')} đ`;

export function paygovPayPage(p: {
  reference: string;
  amount: number;
  description: string;
  unit: string;
  dossierCode: string;
  payer: string;
  lines: { TenPhiLePhi: string; SoTien: number }[];
}): string {
  const rows = p.lines.map((l) => `<tr><td>${escapeHtml(l.TenPhiLePhi)}</td><td class="num">${escapeHtml(money(l.SoTien))}</td></tr>`).join('');
  return layout(
    'Thanh toán phí, lệ phí',
    `
<h1>Thanh toán phí, lệ phí</h1>
<dl>
<dt>Cơ quan thu</dt><dd>${escapeHtml(p.unit)}</dd>
<dt>Mã hồ sơ</dt><dd>${escapeHtml(p.dossierCode)}</dd>
<dt>Người nộp</dt><dd>${escapeHtml(p.payer)}</dd>
<dt>Nội dung</dt><dd>${escapeHtml(p.description)}</dd>
<dt>Mã tham chiếu</dt><dd>${escapeHtml(p.reference)}</dd>
<dt>Số tiền</dt><dd class="amount" id="amount">${escapeHtml(money(p.amount))}</dd>
</dl>
${rows ? `<h2>Các khoản phí, lệ phí</h2><table><thead><tr><th scope="col">Khoản</th><th scope="col">Số tiền</th></tr></thead><tbody>${rows}</tbody></table>` : ''}
<form method="post" action="/standins/paygov/thanh-toan">
<input type="hidden" name="ref" value="${escapeHtml(p.reference)}">
<label for="scenario">Kịch bản thử nghiệm (bản tin xác nhận gửi đến cơ quan)</label>
<select id="scenario" name="scenario">
<option value="normal">Bình thường</option>
<option value="tampered">Bản tin bị sửa trên đường truyền (sai mã xác thực)</option>
<option value="duplicate">Gửi bản tin xác nhận hai lần</option>
</select>
<div class="actions">
<button class="primary" type="submit" name="decision" value="pay">Thanh toán ${escapeHtml(money(p.amount))}</button>
<button class="secondary" type="submit" name="decision" value="cancel">Hủy giao dịch</button>
</div>
</form>
<p class="note">Trang này mô phỏng Nền tảng thanh toán: "Thanh toán" ghi nhận giao dịch thành công và cấp biên lai, "Hủy giao dịch" ghi nhận giao dịch bị hủy. Nền tảng gửi bản tin xác nhận có mã xác thực đến hệ thống một cửa rồi đưa trình duyệt về trang kết quả.</p>`,
  );
}

export function paygovErrorPage(title: string, message: string): string {
  return layout(title, `<h1>${escapeHtml(title)}</h1><p>${escapeHtml(message)}</p><p><a href="/">Quay lại trang dịch vụ công</a></p>`);
}
