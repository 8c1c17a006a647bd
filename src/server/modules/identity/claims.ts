/**
 * From e-ID claims (ID token, completed by userinfo) to the citizen MotCua knows. Works with the national
 * e-ID / DVCQG attribute names (HoVaTen, SoDinhDanh, NgayThangNamSinh yyyyMMdd, …) and falls back to
 * standard OpenID Connect claims (name, preferred_username, birthdate) for other providers.
 */

export interface CitizenIdentity {
  sub: string;
  idNumber: string;
  fullName: string;
  /** yyyy-mm-dd, or null when the provider did not release it. */
  birthDate: string | null;
}

const str = (v: unknown): string | undefined => (typeof v === 'string' && v.trim() !== '' ? v.trim() : undefined);

/** yyyyMMdd (e-ID) or yyyy-mm-dd (OIDC `birthdate`) to yyyy-mm-dd, if it is a real calendar date. */
export function parseBirthDate(value: unknown): string | null {
  const s = str(value);
  if (!s) return null;
  const m = /^(\d{4})-?(\d{2})-?(\d{2})$/.exec(s);
  if (!m) return null;
  const [, y, mo, d] = m;
  const date = new Date(Date.UTC(Number(y), Number(mo) - 1, Number(d)));
  if (date.getUTCFullYear() !== Number(y) || date.getUTCMonth() !== Number(mo) - 1 || date.getUTCDate() !== Number(d)) return null;
  return `${y}-${mo}-${d}`;
}

/** The identity, or the list of what is missing. */
export function identityFromClaims(claims: Record<string, unknown>): { ok: true; identity: CitizenIdentity } | { ok: false; missing: string[] } {
  const sub = str(claims.sub);
  const idCandidate = str(claims.SoDinhDanh) ?? str(claims.preferred_username);
  const idNumber = idCandidate && /^\d{12}$/.test(idCandidate) ? idCandidate : undefined;
  const fullName = (str(claims.HoVaTen) ?? str(claims.name))?.normalize('NFC').replace(/\s+/g, ' ');
  const missing = [!sub && 'sub', !idNumber && 'SoDinhDanh', !fullName && 'HoVaTen'].filter((x): x is string => Boolean(x));
  if (!sub || !idNumber || !fullName) return { ok: false, missing };
  return {
    ok: true,
    identity: { sub, idNumber, fullName, birthDate: parseBirthDate(claims.NgayThangNamSinh) ?? parseBirthDate(claims.birthdate) },
  };
}

/** Whether the ID token alone identifies the citizen, or userinfo must be asked too. */
export function needsUserinfo(claims: Record<string, unknown>): boolean {
  return !identityFromClaims(claims).ok;
}

/** "********1234": enough for the citizen to recognise their number on screen, useless to anyone else. */
export function maskIdNumber(idNumber: string): string {
  return idNumber.length <= 4 ? idNumber : `${'*'.repeat(idNumber.length - 4)}${idNumber.slice(-4)}`;
}
