/**
 * Public links to a dossier's component files and results for the national portal, which downloads them later
 * without a session (DuongDanTaiTepTin, DuongDanTepTinKetQua): signed with the installation's secret (HMAC-SHA-256
 * over the kind and the id), long-lived, and revocable — a link stops working when the document is removed from the
 * dossier or the result is cancelled or replaced (checked at download, routes.ts).
 */
import crypto from 'node:crypto';

export type LinkKind = 'document' | 'result';

export function linkSignature(secret: string, kind: LinkKind, id: string): string {
  return crypto.createHmac('sha256', secret).update(`dvcqg-file|${kind}|${id}`).digest('base64url').slice(0, 32);
}

export function publicFileUrl(publicUrl: string, secret: string, kind: LinkKind, id: string): string {
  return `${publicUrl}/api/public/national-sync/files/${kind}/${id}?sig=${linkSignature(secret, kind, id)}`;
}

export function validLink(secret: string, kind: LinkKind, id: string, sig: string): boolean {
  const want = Buffer.from(linkSignature(secret, kind, id));
  const got = Buffer.from(sig);
  return want.length === got.length && crypto.timingSafeEqual(want, got);
}
