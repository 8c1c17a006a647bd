/**
 * Login transactions between /auth/login and /auth/callback, kept on the server (oidc_transactions):
 * PKCE verifier, nonce and where to return, keyed by the OAuth `state`, bound to the browser that started
 * them (SHA-256 of an HttpOnly cookie value), usable once, for 10 minutes.
 */
import crypto from 'node:crypto';
import type { Queryable } from '../../db/database.ts';

export const TRANSACTION_TTL_MS = 10 * 60 * 1000;

export interface LoginTransaction {
  state: string;
  codeVerifier: string;
  nonce: string;
  returnTo: string;
}

export const hashBinding = (binding: string) => crypto.createHash('sha256').update(binding).digest('hex');

export async function saveTransaction(db: Queryable, tx: LoginTransaction, binding: string): Promise<void> {
  await db.query("DELETE FROM oidc_transactions WHERE expires_at < now() - interval '1 day'");
  await db.query('INSERT INTO oidc_transactions (state, binding_hash, code_verifier, nonce, return_to, expires_at) VALUES ($1, $2, $3, $4, $5, $6)', [
    tx.state,
    hashBinding(binding),
    tx.codeVerifier,
    tx.nonce,
    tx.returnTo,
    new Date(Date.now() + TRANSACTION_TTL_MS),
  ]);
}

/**
 * Takes the transaction for this state and browser, atomically marking it used; null when it does not
 * exist, belongs to another browser, has expired or was already used.
 */
export async function takeTransaction(db: Queryable, state: string, binding: string | undefined): Promise<LoginTransaction | null> {
  if (!binding || !state) return null;
  const { rows } = await db.query<{ state: string; code_verifier: string; nonce: string; return_to: string }>(
    `UPDATE oidc_transactions SET consumed_at = now()
     WHERE state = $1 AND binding_hash = $2 AND consumed_at IS NULL AND expires_at > now()
     RETURNING state, code_verifier, nonce, return_to`,
    [state, hashBinding(binding)],
  );
  const r = rows[0];
  return r ? { state: r.state, codeVerifier: r.code_verifier, nonce: r.nonce, returnTo: r.return_to } : null;
}
