/**
 * The frame of the payment stand-ins' pages (the bank's VNPay-protocol gateway, the national payment platform):
 * server-rendered in Vietnamese under a "MÔI TRƯỜNG THỬ NGHIỆM" banner so nobody mistakes them for the real service.
 * No scripts; keyboard and screen-reader friendly; large touch targets. Each stand-in brings its own colours.
 */
import { escapeHtml } from './eid/pages.ts';

export interface PaymentPageLook {
  /** Appended to every page title, e.g. "Ngân hàng thử nghiệm". */
  site: string;
  /** The test banner's text after "MÔI TRƯỜNG THỬ NGHIỆM – ". */
  notReal: string;
  /** The brand bar's text. */
  brand: string;
  colours: { text: string; page: string; brand: string; muted: string; border: string; amount: string; secondary: string; focus: string; link: string };
  /** Width of the page's column (rem). */
  widthRem: number;
}

function style(l: PaymentPageLook): string {
  const c = l.colours;
  return `
*{box-sizing:border-box}
body{margin:0;font-family:"Segoe UI",Roboto,Arial,"Noto Sans",sans-serif;line-height:1.5;color:${c.text};background:${c.page}}
.test-banner{background:#ffd21f;color:#1b1b1b;text-align:center;font-weight:700;padding:.5rem 1rem}
.brand{background:${c.brand};color:#fff;padding:1rem}
.brand p{max-width:${l.widthRem}rem;margin:0 auto;font-weight:800;font-size:1.15rem}
main{max-width:${l.widthRem}rem;margin:0 auto;padding:1.25rem 1rem 2rem}
.card{background:#fff;border-radius:.75rem;box-shadow:0 1px 3px rgba(0,0,0,.2);padding:1.25rem}
h1{font-size:1.35rem;margin:0 0 .75rem}
h2{font-size:1.05rem;margin:1rem 0 .5rem}
dl{display:grid;grid-template-columns:auto 1fr;gap:.4rem 1rem;margin:0 0 1rem}
dt{font-weight:700;color:${c.muted}}
dd{margin:0;word-break:break-word}
table{border-collapse:collapse;width:100%;margin-bottom:1rem}
th,td{border-bottom:1px solid #c9c2b8;padding:.35rem;text-align:left}
td.num{text-align:right}
.amount{font-size:1.5rem;font-weight:800;color:${c.amount}}
fieldset{border:0;padding:0;margin:0}
legend{font-weight:700;margin-bottom:.25rem}
label{display:block;font-weight:700;margin-top:.75rem}
select{display:block;width:100%;font-size:1.05rem;padding:.55rem;border:2px solid ${c.border};border-radius:.4rem;background:#fff;color:${c.text}}
.actions{display:flex;flex-direction:column;gap:.75rem;margin-top:1.25rem}
button{font:inherit;font-size:1.1rem;font-weight:700;min-height:3rem;padding:.6rem 1rem;border-radius:.5rem;cursor:pointer;width:100%}
.primary{background:${c.brand};color:#fff;border:2px solid ${c.brand}}
.secondary{background:#fff;color:${c.secondary};border:2px solid ${c.secondary}}
button:focus,select:focus,a:focus{outline:3px solid ${c.focus};outline-offset:2px}
.note{margin-top:1rem;font-size:.9rem;border-left:4px solid #ffd21f;padding:.25rem .75rem;background:#fffbea}
a{color:${c.link}}
`;
}

/** A whole page: `body` (already escaped HTML) in the stand-in's card. */
export function paymentPage(look: PaymentPageLook, title: string, body: string): string {
  return `<!DOCTYPE html>
<html lang="vi">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="robots" content="noindex">
<title>${escapeHtml(title)} – ${escapeHtml(look.site)}</title>
<style>${style(look)}</style>
</head>
<body>
<div class="test-banner" role="note">MÔI TRƯỜNG THỬ NGHIỆM – ${escapeHtml(look.notReal)}</div>
<header class="brand"><p>${escapeHtml(look.brand)}</p></header>
<main id="main">
<div class="card">
${body}
</div>
</main>
</body>
</html>`;
}
