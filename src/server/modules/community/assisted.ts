/**
 * Assisted sessions (the default way a helper helps): the helper starts one on their device (an HttpOnly cookie bound
 * to that browser, 15 minutes, usable once); the resident then logs in with their OWN e-ID through the e-ID provider's
 * OpenID Connect flow — the helper never sees the password or any token — and the identity module's callback claims
 * the assisted session, so the resident's session (which replaces the helper's on that device) carries `assistedBy`.
 * Dossiers submitted in it are the resident's, with the helper recorded (subscriber.ts).
 */
import crypto from 'node:crypto';
import type { Queryable } from '../../db/database.ts';

export const ASSIST_COOKIE = 'motcua_assist';
export const ASSIST_TTL_MS = 15 * 60 * 1000;

export const hashToken = (token: string) => crypto.createHash('sha256').update(token).digest('hex');

/**
 * Claims the pending assisted session of this browser's cookie for the citizen who just logged in; null when there
 * is none (expired, already used, unknown). The session's subject gets the returned `assistedBy`.
 */
export async function claimAssistedSession(
  db: Queryable,
  token: string | undefined,
  citizen: { citizenId: string; idNumber: string },
): Promise<{ helperId: string; helperName: string; sessionId: string } | null> {
  if (!token || !/^[A-Za-z0-9_-]{43}$/.test(token)) return null;
  const r = (
    await db.query<{ id: string; official_id: string; helper_name: string }>(
      `UPDATE community_assisted_sessions SET status = 'claimed', citizen_id = $2, id_number = $3, claimed_at = now()
        WHERE token_hash = $1 AND status = 'pending' AND expires_at > now() RETURNING id, official_id, helper_name`,
      [hashToken(token), citizen.citizenId, citizen.idNumber],
    )
  ).rows[0];
  return r ? { helperId: r.official_id, helperName: r.helper_name, sessionId: r.id } : null;
}

/**
 * The citizen id of a resident by their identity number: the owner of dossiers submitted on their behalf before they
 * ever logged in, and the id their citizen record takes at their first e-ID login (identity/citizens.ts), so that
 * those dossiers are theirs from then on.
 */
export function residentCitizenId(idNumber: string): string {
  const h = crypto.createHash('sha256').update(`motcua:resident:${idNumber}`).digest('hex');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-4${h.slice(13, 16)}-8${h.slice(17, 20)}-${h.slice(20, 32)}`;
}
