/**
 * The stand-in provider's own pages (login, errors, sign-out), server-rendered in Vietnamese. They are
 * deliberately styled unlike MotCua, as "VNeID (môi trường thử nghiệm)", so nobody mistakes the test
 * provider for the portal or for the real VNeID. No scripts: they work without JavaScript and under a
 * strict Content-Security-Policy.
 */

export function escapeHtml(value: unknown): string {
  return String(value ?? '')
    .replaceAll('&', '&amp;')
    .replaceAll('<', '&lt;')
    .replaceAll('>', '&gt;')
    .replaceAll('"', '&quot;')
    .replaceAll("'", '&#39;');
}

const STYLE = `
*{box-sizing:border-box}
html{font-size:100%}
body{margin:0;font-family:"Segoe UI",Roboto,"Helvetica Neue",Arial,"Noto Sans",sans-serif;line-height:1.5;color:#1b1b1b;background:#f4efe9}
.test-banner{background:#ffd21f;color:#1b1b1b;text-align:center;font-weight:700;padding:.5rem 1rem;font-size:.95rem}
.brand{background:#b3121b;color:#fff;padding:1rem}
.brand-inner{max-width:28rem;margin:0 auto;display:flex;align-items:center;gap:.75rem}
.logo{display:inline-flex;align-items:center;justify-content:center;width:2.75rem;height:2.75rem;border-radius:50%;background:#fff;color:#b3121b;font-weight:800;font-size:.8rem;letter-spacing:.02em}
.brand-name{font-size:1.25rem;font-weight:800;letter-spacing:.04em;margin:0}
.brand-sub{font-size:.85rem;margin:0;opacity:.95}
main{max-width:28rem;margin:0 auto;padding:1.25rem 1rem 2rem}
.card{background:#fff;border-radius:.75rem;box-shadow:0 1px 3px rgba(0,0,0,.15);padding:1.25rem}
h1{font-size:1.35rem;line-height:1.3;margin:0 0 .5rem}
p{margin:.5rem 0}
.client{color:#3d3d3d}
label{display:block;font-weight:700;margin-top:1rem}
.hint{display:block;color:#4a4a4a;font-size:.9rem;margin:.15rem 0 .35rem}
input[type=text],input[type=password]{display:block;width:100%;font-size:1.125rem;padding:.65rem .75rem;border:2px solid #6b6b6b;border-radius:.4rem;background:#fff;color:#1b1b1b}
input:focus,button:focus,a:focus{outline:3px solid #ffbf47;outline-offset:2px}
input[aria-invalid=true]{border-color:#b3121b}
.field-error{display:block;color:#b3121b;font-weight:700;margin:.25rem 0}
.error-summary{border:3px solid #b3121b;border-radius:.5rem;padding:.75rem 1rem;margin:0 0 1rem;background:#fff5f5}
.error-summary h2{font-size:1.05rem;margin:0 0 .25rem;color:#b3121b}
.error-summary a{color:#b3121b;font-weight:700}
.actions{display:flex;flex-direction:column;gap:.75rem;margin-top:1.5rem}
button{font:inherit;font-size:1.1rem;font-weight:700;min-height:3rem;padding:.6rem 1rem;border-radius:.5rem;cursor:pointer;width:100%}
.primary{background:#b3121b;color:#fff;border:2px solid #b3121b}
.primary:hover{background:#8e0e15}
.secondary{background:#fff;color:#b3121b;border:2px solid #b3121b}
.note{margin-top:1.25rem;font-size:.9rem;color:#3d3d3d;border-left:4px solid #ffd21f;padding:.25rem .75rem;background:#fffbea}
a{color:#8e0e15}
footer{text-align:center;font-size:.85rem;color:#4a4a4a;padding:0 1rem 2rem}
`;

function layout(title: string, body: string): string {
  return `<!DOCTYPE html>
<html lang="vi">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="robots" content="noindex">
<title>${escapeHtml(title)} – VNeID (môi trường thử nghiệm)</title>
<style>${STYLE}</style>
</head>
<body>
<header>
  <div class="test-banner">Môi trường thử nghiệm – không phải VNeID thật</div>
  <div class="brand">
    <div class="brand-inner">
      <span class="logo" aria-hidden="true">eID</span>
      <div>
        <p class="brand-name">VNeID</p>
        <p class="brand-sub">Định danh điện tử (môi trường thử nghiệm)</p>
      </div>
    </div>
  </div>
</header>
<main id="main">
<div class="card">
${body}
</div>
</main>
<footer>Hệ thống mô phỏng tài khoản định danh điện tử quốc gia, chỉ dùng để phát triển và kiểm thử.</footer>
</body>
</html>`;
}

export interface LoginPageInput {
  uid: string;
  clientName: string;
  idNumber?: string;
  /** A message about the whole attempt (wrong credentials, locked number). */
  formError?: string;
  /** A message about the id number field (format). */
  idNumberError?: string;
  passwordError?: string;
}

export function loginPage(input: LoginPageInput): string {
  const action = `/eid/interaction/${encodeURIComponent(input.uid)}`;
  const errors: { href: string; text: string }[] = [];
  if (input.idNumberError) errors.push({ href: '#idNumber', text: input.idNumberError });
  if (input.passwordError) errors.push({ href: '#password', text: input.passwordError });
  if (input.formError) errors.push({ href: '#idNumber', text: input.formError });
  const summary = errors.length
    ? `<div class="error-summary" role="alert" aria-labelledby="error-summary-title" tabindex="-1" id="error-summary">
  <h2 id="error-summary-title">Không đăng nhập được</h2>
  <ul>${errors.map((e) => `<li><a href="${e.href}">${escapeHtml(e.text)}</a></li>`).join('')}</ul>
</div>`
    : '';
  const idDescribedBy = ['idNumber-hint', input.idNumberError ? 'idNumber-error' : '', input.formError ? 'error-summary' : ''].filter(Boolean).join(' ');
  const body = `${summary}
<h1>Đăng nhập tài khoản định danh điện tử</h1>
<p class="client">Để sử dụng <strong>${escapeHtml(input.clientName)}</strong></p>
<form method="post" action="${action}/login" novalidate>
  <label for="idNumber">Số định danh cá nhân</label>
  <span class="hint" id="idNumber-hint">12 chữ số, in trên thẻ căn cước</span>
  ${input.idNumberError ? `<span class="field-error" id="idNumber-error">${escapeHtml(input.idNumberError)}</span>` : ''}
  <input type="text" id="idNumber" name="idNumber" inputmode="numeric" autocomplete="username" maxlength="12" spellcheck="false"
    value="${escapeHtml(input.idNumber ?? '')}" aria-describedby="${idDescribedBy}"${input.idNumberError || input.formError ? ' aria-invalid="true"' : ''} required>
  <label for="password">Mật khẩu</label>
  ${input.passwordError ? `<span class="field-error" id="password-error">${escapeHtml(input.passwordError)}</span>` : ''}
  <input type="password" id="password" name="password" autocomplete="current-password"${input.passwordError ? ' aria-invalid="true" aria-describedby="password-error"' : ''} required>
  <div class="actions">
    <button type="submit" class="primary">Đăng nhập</button>
    <button type="submit" class="secondary" formaction="${action}/abort">Huỷ, quay lại ${escapeHtml(input.clientName)}</button>
  </div>
</form>
<p class="note">Môi trường thử nghiệm: mọi công dân mẫu dùng mật khẩu <strong>123456</strong>.</p>`;
  return layout(errors.length ? `Lỗi: Đăng nhập` : 'Đăng nhập', body);
}

/** A dead end the user can act on: what happened and where to go. */
export function errorPage(title: string, message: string, link?: { href: string; text: string }): string {
  return layout(
    `Lỗi: ${title}`,
    `<h1>${escapeHtml(title)}</h1>
<p role="alert">${escapeHtml(message)}</p>
${link ? `<p><a href="${escapeHtml(link.href)}">${escapeHtml(link.text)}</a></p>` : ''}`,
  );
}

/** RP-initiated logout confirmation; `form` is oidc-provider's hidden form (id "op.logoutForm", xsrf token). */
export function logoutPage(form: string, clientName: string | undefined): string {
  return layout(
    'Đăng xuất',
    `<h1>Đăng xuất khỏi VNeID?</h1>
<p>${clientName ? `Bạn đã đăng xuất khỏi <strong>${escapeHtml(clientName)}</strong>. ` : ''}Bạn có muốn đăng xuất cả tài khoản định danh điện tử trên trình duyệt này không? Nên đăng xuất nếu bạn dùng máy tính chung.</p>
${form}
<div class="actions">
  <button type="submit" class="primary" form="op.logoutForm" name="logout" value="yes" autofocus>Đăng xuất VNeID</button>
  <button type="submit" class="secondary" form="op.logoutForm">Giữ đăng nhập VNeID</button>
</div>`,
  );
}

export function logoutSuccessPage(clientName: string | undefined): string {
  return layout(
    'Đã đăng xuất',
    `<h1>Đã đăng xuất</h1>
<p>Bạn đã đăng xuất khỏi tài khoản định danh điện tử${clientName ? ` và ${escapeHtml(clientName)}` : ''}.</p>`,
  );
}

const ERROR_MESSAGES: Record<string, string> = {
  invalid_request: 'Yêu cầu đăng nhập không hợp lệ.',
  invalid_client: 'Ứng dụng yêu cầu đăng nhập không được đăng ký với VNeID.',
  invalid_redirect_uri: 'Địa chỉ quay lại của ứng dụng không được đăng ký.',
  invalid_scope: 'Ứng dụng yêu cầu quyền truy cập không hợp lệ.',
  unauthorized_client: 'Ứng dụng không được phép dùng cách đăng nhập này.',
  access_denied: 'Yêu cầu đăng nhập đã bị từ chối.',
  server_error: 'Hệ thống định danh gặp sự cố. Vui lòng thử lại sau.',
  invalid_grant: 'Phiên đăng nhập không còn hiệu lực.',
  session_not_found: 'Phiên đăng nhập đã hết hạn hoặc không tồn tại.',
};

/** oidc-provider's renderError: errors that cannot be sent back to the client application. */
export function providerErrorPage(out: { error?: string; error_description?: string }): string {
  const code = out.error ?? 'server_error';
  const message = ERROR_MESSAGES[code] ?? 'Không thực hiện được yêu cầu đăng nhập.';
  return layout(
    'Có lỗi xảy ra',
    `<h1>Không thực hiện được yêu cầu</h1>
<p role="alert">${escapeHtml(message)}</p>
<p class="hint">Mã lỗi: <code>${escapeHtml(code)}</code>${out.error_description ? ` – ${escapeHtml(out.error_description)}` : ''}</p>
<p>Hãy quay lại trang dịch vụ công và bắt đầu đăng nhập lại.</p>`,
  );
}
