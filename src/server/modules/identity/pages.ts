/** The one server-rendered page of the login flow: a failed callback, explained in Vietnamese. */

const esc = (v: string) => v.replaceAll('&', '&amp;').replaceAll('<', '&lt;').replaceAll('>', '&gt;').replaceAll('"', '&quot;').replaceAll("'", '&#39;');

/** The page's only inline content; its hash is named in the page's Content-Security-Policy. */
export const LOGIN_ERROR_STYLE = `body{margin:0;font-family:system-ui,"Segoe UI",Roboto,Arial,sans-serif;line-height:1.5;color:#1b1b1b;background:#f5f7fa}
header{background:#0b4f8a;color:#fff;padding:1rem}
header a{color:#fff;font-weight:700;text-decoration:none;font-size:1.15rem}
main{max-width:36rem;margin:0 auto;padding:1.5rem 1rem}
h1{font-size:1.5rem;margin:0 0 .75rem}
.box{background:#fff;border-left:6px solid #b3261e;padding:1rem 1.25rem;border-radius:.25rem}
.code{color:#444;font-size:.9rem}
.actions{display:flex;flex-wrap:wrap;gap:1rem;margin-top:1.25rem}
.button{display:inline-block;background:#0b4f8a;color:#fff;padding:.7rem 1.2rem;border-radius:.4rem;font-weight:700;text-decoration:none}
a:focus{outline:3px solid #ffbf47;outline-offset:2px}
`;

export function loginErrorPage(input: { code: string; message: string; retryHref: string }): string {
  return `<!DOCTYPE html>
<html lang="vi">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Lỗi: Không đăng nhập được – Dịch vụ công MotCua</title>
<style>
${LOGIN_ERROR_STYLE}</style>
</head>
<body>
<header><a href="/">Dịch vụ công MotCua</a></header>
<main id="main">
<h1>Không đăng nhập được</h1>
<div class="box" role="alert">
<p>${esc(input.message)}</p>
<p class="code">Mã lỗi: <code>${esc(input.code)}</code></p>
</div>
<div class="actions">
<a class="button" href="${esc(input.retryHref)}">Đăng nhập lại</a>
<a href="/">Về trang chủ</a>
</div>
</main>
</body>
</html>`;
}
