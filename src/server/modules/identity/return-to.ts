/**
 * Where to send the citizen after login: only a path on this site. Anything that could lead elsewhere
 * (absolute URLs, protocol-relative `//host`, backslash tricks, control characters) falls back to "/".
 */
const BASE = 'https://motcua.invalid';

export function safeReturnTo(value: unknown): string {
  if (typeof value !== 'string' || value.length === 0 || value.length > 2000) return '/';
  if (!value.startsWith('/') || value.startsWith('//')) return '/';
  // Browsers treat "\" like "/" in URLs ("/\evil.example" is protocol-relative); refuse any, and controls.
  if (/[\\\u0000-\u001f\u007f]/.test(value)) return '/';
  let url: URL;
  try {
    url = new URL(value, BASE);
  } catch {
    return '/';
  }
  if (url.origin !== BASE) return '/';
  // After normalisation "/.//evil.example" has the path "//evil.example": protocol-relative again in a Location header.
  if (url.pathname.startsWith('//')) return '/';
  // Never loop back into the login machinery.
  if (url.pathname === '/auth' || url.pathname.startsWith('/auth/') || url.pathname.startsWith('/eid/')) return '/';
  return `${url.pathname}${url.search}${url.hash}`;
}
