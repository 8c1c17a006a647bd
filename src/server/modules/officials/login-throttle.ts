/**
 * Counting staff login attempts so that concurrency cannot beat the limits (issue 17: 24 simultaneous logins
 * read the failure counter, all saw "not locked" and the account never locked).
 *
 * An attempt first *reserves* its place with one atomic statement (the row lock of an UPDATE or an upsert), before
 * the password is even checked; only the reservations up to the limit may check a password, the others are refused
 * at once. A failed attempt keeps its reservation (and the last one allowed locks the account); a successful one
 * gives it back. So at most MAX_FAILED_ATTEMPTS passwords are ever checked per account and lock period, however
 * many requests arrive together and on however many servers (the counters live in PostgreSQL).
 *
 * - Known accounts count on `officials` (failed_attempts, locked_until: what administrators see and unlock).
 * - Unknown usernames count on `auth_throttle` under 'user:<username>' with the same rule, so the answers for an
 *   unknown and a known username are the same at every step (no username enumeration through the lockout).
 * - Each client (its address, see TRUSTED_PROXIES) counts its failed logins under 'client:<ip>' in a window.
 */
import type { Queryable } from '../../db/database.ts';

export const MAX_FAILED_ATTEMPTS = 5;
export const LOCKOUT_MINUTES = 15;
/** Failed staff logins allowed to one client address per window, across all usernames. */
export const CLIENT_MAX_FAILURES = 30;
export const CLIENT_WINDOW_MINUTES = 15;

export type Reservation = { allowed: true; attempt: number } | { allowed: false; lockedUntil: Date | null };

const lockedUntilOf = (v: Date | string | null) => (v ? new Date(v) : null);

/** Reserves one attempt on a known account. */
export async function reserveAccountAttempt(db: Queryable, officialId: string, now: Date): Promise<Reservation> {
  const { rows } = await db.query<{ failed_attempts: number; locked_until: Date | string | null }>(
    `UPDATE officials SET
       failed_attempts = CASE WHEN locked_until IS NOT NULL AND locked_until <= $2 THEN 1 ELSE failed_attempts + 1 END,
       locked_until = CASE WHEN locked_until IS NOT NULL AND locked_until <= $2 THEN NULL ELSE locked_until END
     WHERE id = $1 RETURNING failed_attempts, locked_until`,
    [officialId, now],
  );
  return verdict(rows[0].failed_attempts, lockedUntilOf(rows[0].locked_until), MAX_FAILED_ATTEMPTS);
}

/** After a wrong password on the reservation that reached the limit: lock the account. */
export async function lockAccount(db: Queryable, officialId: string, now: Date): Promise<Date> {
  const until = new Date(now.getTime() + LOCKOUT_MINUTES * 60_000);
  await db.query('UPDATE officials SET failed_attempts = 0, locked_until = $2 WHERE id = $1', [officialId, until]);
  return until;
}

/** Gives back a reservation that was not a failure (e.g. the TOTP code was not asked yet). */
export async function releaseAccountAttempt(db: Queryable, officialId: string): Promise<void> {
  await db.query('UPDATE officials SET failed_attempts = GREATEST(failed_attempts - 1, 0) WHERE id = $1', [officialId]);
}

/**
 * Reserves one attempt under a key of auth_throttle. With `windowMinutes` the count starts again after that long;
 * without, it starts again only when a lock expires (the rule of accounts).
 */
export async function reserveKeyAttempt(db: Queryable, key: string, max: number, now: Date, windowMinutes: number | null): Promise<Reservation> {
  const { rows } = await db.query<{ failures: number; locked_until: Date | string | null }>(
    `INSERT INTO auth_throttle AS t (key, failures, window_start) VALUES ($1, 1, $2)
     ON CONFLICT (key) DO UPDATE SET
       failures = CASE WHEN (t.locked_until IS NOT NULL AND t.locked_until <= $2)
                         OR ($3::integer IS NOT NULL AND t.window_start <= $2 - make_interval(mins => $3::integer)) THEN 1 ELSE t.failures + 1 END,
       window_start = CASE WHEN (t.locked_until IS NOT NULL AND t.locked_until <= $2)
                         OR ($3::integer IS NOT NULL AND t.window_start <= $2 - make_interval(mins => $3::integer)) THEN $2 ELSE t.window_start END,
       locked_until = CASE WHEN t.locked_until IS NOT NULL AND t.locked_until <= $2 THEN NULL ELSE t.locked_until END
     RETURNING failures, locked_until`,
    [key, now, windowMinutes],
  );
  return verdict(rows[0].failures, lockedUntilOf(rows[0].locked_until), max);
}

export async function lockKey(db: Queryable, key: string, now: Date): Promise<Date> {
  const until = new Date(now.getTime() + LOCKOUT_MINUTES * 60_000);
  await db.query('UPDATE auth_throttle SET failures = 0, locked_until = $2 WHERE key = $1', [key, until]);
  return until;
}

export async function releaseKeyAttempt(db: Queryable, key: string): Promise<void> {
  await db.query('UPDATE auth_throttle SET failures = GREATEST(failures - 1, 0) WHERE key = $1', [key]);
}

/** The seconds until a client's window of failed logins ends (for the 429 answer). */
export async function clientRetrySeconds(db: Queryable, key: string, now: Date): Promise<number> {
  const { rows } = await db.query<{ window_start: Date | string }>('SELECT window_start FROM auth_throttle WHERE key = $1', [key]);
  const start = rows[0] ? new Date(rows[0].window_start).getTime() : now.getTime();
  return Math.max(1, Math.ceil((start + CLIENT_WINDOW_MINUTES * 60_000 - now.getTime()) / 1000));
}

function verdict(count: number, lockedUntil: Date | null, max: number): Reservation {
  if (lockedUntil || count > max) return { allowed: false, lockedUntil };
  return { allowed: true, attempt: count };
}
