/**
 * Signing keys of the e-ID stand-in: generated at the first start and kept in the database
 * (standin_eid_keys), so they survive restarts and every server process signs with the same keys and
 * publishes the same JWKS. One RSA key (RS256, the default for ID tokens) and one P-256 key (ES256).
 */
import crypto from 'node:crypto';
import type { Queryable } from '../../db/database.ts';

export interface PrivateJwk extends crypto.JsonWebKey {
  kid: string;
  alg: string;
  use: 'sig';
}

export interface SigningKeySet {
  keys: PrivateJwk[];
}

/** A fresh key set: RS256 first (the provider's default ID token algorithm), then ES256. */
export function generateSigningKeys(): SigningKeySet {
  const rsa = crypto.generateKeyPairSync('rsa', { modulusLength: 2048 }).privateKey.export({ format: 'jwk' });
  const ec = crypto.generateKeyPairSync('ec', { namedCurve: 'P-256' }).privateKey.export({ format: 'jwk' });
  return {
    keys: [
      { ...rsa, kid: thumbprint(rsa), alg: 'RS256', use: 'sig' },
      { ...ec, kid: thumbprint(ec), alg: 'ES256', use: 'sig' },
    ],
  };
}

/** RFC 7638 JWK thumbprint (SHA-256, base64url) of the public part: a stable key id. */
function thumbprint(jwk: crypto.JsonWebKey): string {
  const members = jwk.kty === 'RSA' ? { e: jwk.e, kty: jwk.kty, n: jwk.n } : { crv: jwk.crv, kty: jwk.kty, x: jwk.x, y: jwk.y };
  return crypto.createHash('sha256').update(JSON.stringify(members)).digest('base64url');
}

/**
 * Returns the installation's signing keys, creating them if none exist yet. When several processes start
 * together, the first insert wins and everyone reads the stored row.
 */
export async function loadOrCreateSigningKeys(db: Queryable): Promise<SigningKeySet> {
  const existing = await db.query<{ jwks: SigningKeySet }>('SELECT jwks FROM standin_eid_keys WHERE id');
  if (existing.rows[0]) return existing.rows[0].jwks;
  await db.query('INSERT INTO standin_eid_keys (id, jwks) VALUES (true, $1) ON CONFLICT (id) DO NOTHING', [generateSigningKeys()]);
  const stored = await db.query<{ jwks: SigningKeySet }>('SELECT jwks FROM standin_eid_keys WHERE id');
  return stored.rows[0].jwks;
}

/** The public half of a key set, as published at the JWKS endpoint. */
export function publicJwks(set: SigningKeySet): { keys: Record<string, unknown>[] } {
  return {
    keys: set.keys.map((k) => {
      const { d: _d, p: _p, q: _q, dp: _dp, dq: _dq, qi: _qi, ...pub } = k;
      return pub;
    }),
  };
}
