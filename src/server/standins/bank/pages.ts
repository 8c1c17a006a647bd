/**
 * The bank stand-in's pages, server-rendered in Vietnamese, styled as "Ngân hàng thử nghiệm – VNPay sandbox" so
 * nobody mistakes it for a real bank. No scripts; keyboard and screen-reader friendly; large touch targets.
 */
import { escapeHtml } from '../eid/pages.ts';

const STYLE = `
*{box-sizing:border-box}
body{margin:0;font-family:"Segoe UI",Roboto,Arial,"Noto Sans",sans-serif;line-height:1.5;color:#14213d;background:#eef3fb}
.test-banner{background:#ffd21f;color:#1b1b1b;text-align:center;font-weight:700;padding:.5rem 1rem}
.brand{background:#004a9f;color:#fff;padding:1rem}
.brand p{max-width:30rem;margin:0 auto;font-weight:800;font-size:1.2rem}
main{max-width:30rem;margin:0 auto;padding:1.25rem 1rem 2rem}
.card{background:#fff;border-radius:.75rem;box-shadow:0 1px 3px rgba(0,0,0,.2);padding:1.25rem}
h1{font-size:1.35rem;margin:0 0 .75rem}
dl{display:grid;grid-template-columns:auto 1fr;gap:.4rem 1rem;margin:0 0 1rem}
dt{font-weight:700;color:#33415c}
dd{margin:0;word-break:break-word}
.amount{font-size:1.5rem;font-weight:800;color:#004a9f}
fieldset{border:0;padding:0;margin:0}
legend{font-weight:700;margin-bottom:.25rem}
label{display:block;font-weight:700;margin-top:.75rem}
select{display:block;width:100%;font-size:1.05rem;padding:.55rem;border:2px solid #5c677d;border-radius:.4rem;background:#fff;color:#14213d}
.actions{display:flex;flex-direction:column;gap:.75rem;margin-top:1.25rem}
button{font:inherit;font-size:1.1rem;font-weight:700;min-height:3rem;padding:.6rem 1rem;border-radius:.5rem;cursor:pointer;width:100%}
.primary{background:#004a9f;color:#fff;border:2px solid #004a9f}
.secondary{background:#fff;color:#8a1c1c;border:2px solid #8a1c1c}
button:focus,select:focus,a:focus{outline:3px solid #ffbf47;outline-offset:2px}
.note{margin-top:1rem;font-size:.9rem;border-left:4px solid #ffd21f;padding:.25rem .75rem;background:#fffbea}
a{color:#003a7d}
`;

function layout(title: string, body: string): string {
  return `<!DOCTYPE html>
<html lang="vi">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="robots" content="noindex">
<title>${escapeHtml(title)} – Ngân hàng thử nghiệm</title>
<style>${STYLE}</style>
</head>
<body>
<div class="test-banner" role="note">MÔI TRƯỜNG THỬ NGHIỆM – không phải ngân hàng thật, không có tiền thật</div>
<header class="brand"><p>Cổng thanh toán thử nghiệm (giao thức VNPay)</p></header>
<main id="main">
<div class="card">
${body}
</div>
</main>
</body>
</html>`;
}

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
