/**
 * The Zalo OA access token. Zalo's refresh token rotates: every refresh returns a new refresh token and the old one
 * stops working, so the new one is stored in the same transaction that holds the row lock. Two refreshers at once
 * (two server processes) queue on the lock; the second finds the fresh token and does not refresh again, so it
 * never presents a refresh token that was already used (which would lock the account out).
 */
import type { Database } from '../../db/database.ts';
import type { NotifyConfig } from './config.ts';

const MARGIN_MS = 60_000;

interface TokenRow {
  access_token: string;
  refresh_token: string;
  access_expires_at: Date;
}

const fresh = (r: TokenRow | undefined) => r && new Date(r.access_expires_at).getTime() - Date.now() > MARGIN_MS;

export async function zaloAccessToken(db: Database, cfg: NotifyConfig['zns'], http: typeof fetch): Promise<string> {
  const current = (await db.query<TokenRow>("SELECT * FROM provider_tokens WHERE provider = 'zalo' AND account = $1", [cfg.appId])).rows[0];
  if (current && fresh(current)) return current.access_token;
  return refreshZaloToken(db, cfg, http);
}

/** Refreshes under the row lock (unless another process just did) and stores the rotated refresh token. */
export async function refreshZaloToken(db: Database, cfg: NotifyConfig['zns'], http: typeof fetch, force = false): Promise<string> {
  return db.transaction(async (tx) => {
    await tx.query(
      `INSERT INTO provider_tokens (provider, account, access_token, refresh_token, access_expires_at)
       VALUES ('zalo', $1, '', $2, 'epoch') ON CONFLICT DO NOTHING`,
      [cfg.appId, cfg.initialRefreshToken],
    );
    const row = (await tx.query<TokenRow>("SELECT * FROM provider_tokens WHERE provider = 'zalo' AND account = $1 FOR UPDATE", [cfg.appId])).rows[0];
    if (!force && fresh(row)) return row.access_token;
    const res = await http(cfg.oauthUrl, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded', secret_key: cfg.appSecret },
      body: new URLSearchParams({ app_id: cfg.appId, grant_type: 'refresh_token', refresh_token: row.refresh_token }).toString(),
      signal: AbortSignal.timeout(15_000),
    });
    const body = (await res.json().catch(() => null)) as { access_token?: string; refresh_token?: string; expires_in?: string | number; error?: number } | null;
    if (!res.ok || !body?.access_token || !body.refresh_token) throw new Error(`zalo token refresh failed (HTTP ${res.status}, error ${body?.error ?? '?'})`);
    await tx.query(
      `UPDATE provider_tokens SET access_token = $2, refresh_token = $3, access_expires_at = now() + make_interval(secs => $4), rotated_at = now()
        WHERE provider = 'zalo' AND account = $1`,
      [cfg.appId, body.access_token, body.refresh_token, Number(body.expires_in ?? 3600)],
    );
    return body.access_token;
  });
}
