/**
 * The PayGov stand-in's pages, server-rendered in Vietnamese and marked "MÔI TRƯỜNG THỬ NGHIỆM" so nobody mistakes
 * them for the national platform. No scripts; keyboard and screen-reader friendly; large touch targets.
 */
import { escapeHtml } from '../eid/pages.ts';

const STYLE = `
*{box-sizing:border-box}
body{margin:0;font-family:"Segoe UI",Roboto,Arial,"Noto Sans",sans-serif;line-height:1.5;color:#1d1d1d;background:#f4f1ec}
.test-banner{background:#ffd21f;color:#1b1b1b;text-align:center;font-weight:700;padding:.5rem 1rem}
.brand{background:#a1131b;color:#fff;padding:1rem}
.brand p{max-width:32rem;margin:0 auto;font-weight:800;font-size:1.15rem}
main{max-width:32rem;margin:0 auto;padding:1.25rem 1rem 2rem}
.card{background:#fff;border-radius:.75rem;box-shadow:0 1px 3px rgba(0,0,0,.2);padding:1.25rem}
h1{font-size:1.35rem;margin:0 0 .75rem}
h2{font-size:1.05rem;margin:1rem 0 .5rem}
dl{display:grid;grid-template-columns:auto 1fr;gap:.4rem 1rem;margin:0 0 1rem}
dt{font-weight:700;color:#3d3d3d}
dd{margin:0;word-break:break-word}
table{border-collapse:collapse;width:100%;margin-bottom:1rem}
th,td{border-bottom:1px solid #c9c2b8;padding:.35rem;text-align:left}
td.num{text-align:right}
.amount{font-size:1.5rem;font-weight:800;color:#8a0f16}
label{display:block;font-weight:700;margin-top:.75rem}
select{display:block;width:100%;font-size:1.05rem;padding:.55rem;border:2px solid #5c5c5c;border-radius:.4rem;background:#fff;color:#1d1d1d}
.actions{display:flex;flex-direction:column;gap:.75rem;margin-top:1.25rem}
button{font:inherit;font-size:1.1rem;font-weight:700;min-height:3rem;padding:.6rem 1rem;border-radius:.5rem;cursor:pointer;width:100%}
.primary{background:#a1131b;color:#fff;border:2px solid #a1131b}
.secondary{background:#fff;color:#1d1d1d;border:2px solid #5c5c5c}
button:focus,select:focus,a:focus{outline:3px solid #1a5fb4;outline-offset:2px}
.note{margin-top:1rem;font-size:.9rem;border-left:4px solid #ffd21f;padding:.25rem .75rem;background:#fffbea}
a{color:#0b4a8b}
`;

function layout(title: string, body: string): string {
  return `<!DOCTYPE html>
<html lang="vi">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="robots" content="noindex">
<title>${escapeHtml(title)} – Nền tảng thanh toán (thử nghiệm)</title>
<style>${STYLE}</style>
</head>
<body>
<div class="test-banner" role="note">MÔI TRƯỜNG THỬ NGHIỆM – không phải Nền tảng thanh toán quốc gia thật, không có tiền thật</div>
<header class="brand"><p>Nền tảng thanh toán trực tuyến – Cổng Dịch vụ công quốc gia (thử nghiệm)</p></header>
<main id="main">
<div class="card">
${body}
</div>
</main>
</body>
</html>`;
}

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
