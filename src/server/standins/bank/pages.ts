/**
 * The bank stand-in's pages, server-rendered in Vietnamese, styled as "Ngân hàng thử nghiệm – VNPay sandbox" so
 * nobody mistakes it for a real bank. No scripts; keyboard and screen-reader friendly; large touch targets.
 */
import { escapeHtml } from '../eid/pages.ts';
import { type PaymentPageLook, paymentPage } from '../payment-page.ts';

const LOOK: PaymentPageLook = {
  site: 'Ngân hàng thử nghiệm',
  notReal: 'không phải ngân hàng thật, không có tiền thật',
  brand: 'Cổng thanh toán thử nghiệm (giao thức VNPay)',
  colours: {
    text: '#14213d',
    page: '#eef3fb',
    brand: '#004a9f',
    muted: '#33415c',
    border: '#5c677d',
    amount: '#004a9f',
    secondary: '#8a1c1c',
    focus: '#ffbf47',
    link: '#003a7d',
  },
  widthRem: 30,
};

const layout = (title: string, body: string): string => paymentPage(LOOK, title, body);

export function payPage(p: { merchant: string; amount: number; orderInfo: string; reference: string; query: string; expiresAt: Date | null }): string {
  const money = `${p.amount.toLocaleString('vi-VN')} đ`;
  const until = p.expiresAt
    ? new Intl.DateTimeFormat('vi-VN', {
        timeZone: 'Asia/Ho_Chi_Minh',
        hour: '2-digit',
        minute: '2-digit',
        day: '2-digit',
        month: '2-digit',
        year: 'numeric',
      }).format(p.expiresAt)
    : '';
  return layout(
    'Xác nhận thanh toán',
    `
<h1>Xác nhận thanh toán</h1>
<dl>
<dt>Đơn vị nhận</dt><dd>${escapeHtml(p.merchant)}</dd>
<dt>Nội dung</dt><dd>${escapeHtml(p.orderInfo)}</dd>
<dt>Mã giao dịch</dt><dd>${escapeHtml(p.reference)}</dd>
<dt>Số tiền</dt><dd class="amount" id="amount">${escapeHtml(money)}</dd>
${until ? `<dt>Hạn thanh toán</dt><dd>${escapeHtml(until)}</dd>` : ''}
</dl>
<form method="post" action="/bank/vnpay/paymentv2/vpcpay.html">
<input type="hidden" name="q" value="${escapeHtml(p.query)}">
<label for="bank">Ngân hàng</label>
<select id="bank" name="bank"><option value="NCB">NCB – Ngân hàng Quốc Dân (thử nghiệm)</option><option value="VCB">Vietcombank (thử nghiệm)</option></select>
<div class="actions">
<button class="primary" type="submit" name="decision" value="approve">Đồng ý thanh toán ${escapeHtml(money)}</button>
<button class="secondary" type="submit" name="decision" value="decline">Từ chối thanh toán</button>
</div>
</form>
<p class="note">Trang này mô phỏng ngân hàng: "Đồng ý" ghi nhận giao dịch thành công, "Từ chối" ghi nhận giao dịch bị hủy. Cổng gửi thông báo kết quả (IPN) có chữ ký đến hệ thống dịch vụ công và đưa trình duyệt về trang kết quả.</p>`,
  );
}

export function bankErrorPage(title: string, message: string, back?: string): string {
  return layout(
    title,
    `<h1>${escapeHtml(title)}</h1><p>${escapeHtml(message)}</p>${back ? `<p><a href="${escapeHtml(back)}">Quay lại trang dịch vụ công</a></p>` : ''}`,
  );
}
