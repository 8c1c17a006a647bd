/**
 * Official accounts: argon2id password hashes, optional TOTP, lockout after repeated failures.
 */
import crypto from 'node:crypto';
import { hash, verify } from '@node-rs/argon2';
import { systemNow } from '../../clock.ts';
import type { Database, Queryable } from '../../db/database.ts';
import { AppError } from '../../http/errors.ts';
import {
  CLIENT_MAX_FAILURES,
  CLIENT_WINDOW_MINUTES,
  clientRetrySeconds,
  LOCKOUT_MINUTES,
  lockAccount,
  lockKey,
  MAX_FAILED_ATTEMPTS,
  releaseAccountAttempt,
  releaseKeyAttempt,
  reserveAccountAttempt,
  reserveKeyAttempt,
} from './login-throttle.ts';
import { matchTotpStep } from './totp.ts';

import type { OfficialRole } from '../../../core/workflow/roles.ts';

export { OFFICIAL_ROLES, type OfficialRole } from '../../../core/workflow/roles.ts';

export const roleName: Record<OfficialRole, string> = {
  reception: 'Cán bộ tiếp nhận (một cửa)',
  specialist: 'Chuyên viên thụ lý',
  leader: 'Lãnh đạo',
  clerk: 'Văn thư',
  unit_admin: 'Quản trị đơn vị',
  supervisor: 'Giám sát (chỉ xem)',
  system_admin: 'Quản trị hệ thống',
  catalogue_admin: 'Quản trị danh mục thủ tục',
  community_helper: 'Thành viên Tổ công nghệ số cộng đồng',
  feedback_moderator: 'Biên tập viên phản ánh, kiến nghị (công khai)',
};

export { LOCKOUT_MINUTES, MAX_FAILED_ATTEMPTS };

export interface Membership {
  unitId: string;
  role: OfficialRole;
}

export interface OfficialSubject {
  userId: string;
  username: string;
  fullName: string;
  /** Chức danh, printed on the documents the official signs. */
  title: string | null;
  roles: OfficialRole[];
  unitIds: string[];
  memberships: Membership[];
}

// A real hash of a random password, verified when the username does not exist so timing does not reveal it.
let dummyHash: Promise<string> | null = null;
const getDummyHash = () => (dummyHash ??= hash(crypto.randomBytes(16).toString('hex')));

export interface CreateOfficialInput {
  username: string;
  fullName: string;
  password: string;
  title?: string;
  email?: string;
  phone?: string;
  memberships: Membership[];
  totpSecret?: string;
}

export function checkPasswordStrength(password: string): void {
  if (password.length < 10 || !/[a-zA-Z]/.test(password) || !/\d/.test(password)) {
    throw new AppError('WEAK_PASSWORD', 'Mật khẩu phải có ít nhất 10 ký tự, gồm cả chữ và số.', 400);
  }
}

export async function createOfficial(db: Queryable, input: CreateOfficialInput): Promise<string> {
  checkPasswordStrength(input.password);
  const id = crypto.randomUUID();
  const passwordHash = await hash(input.password);
  await db.query('INSERT INTO officials (id, username, full_name, title, email, phone, password_hash, totp_secret) VALUES ($1, $2, $3, $4, $5, $6, $7, $8)', [
    id,
    input.username,
    input.fullName,
    input.title ?? null,
    input.email ?? null,
    input.phone ?? null,
    passwordHash,
    input.totpSecret ?? null,
  ]);
  for (const m of input.memberships) {
    await db.query('INSERT INTO official_memberships (official_id, unit_id, role) VALUES ($1, $2, $3)', [id, m.unitId, m.role]);
  }
  return id;
}

/** Sets a new password (checked for strength) and clears the failure count and any lock. */
export async function setOfficialPassword(db: Queryable, officialId: string, password: string): Promise<void> {
  checkPasswordStrength(password);
  const passwordHash = await hash(password);
  await db.query('UPDATE officials SET password_hash = $2, failed_attempts = 0, locked_until = NULL WHERE id = $1', [officialId, passwordHash]);
}

/** Ends every session of an official (after a deactivation, a password reset or a change of roles). */
export async function endOfficialSessions(db: Queryable, officialId: string): Promise<number> {
  return (await db.query("DELETE FROM sessions WHERE kind = 'official' AND subject ->> 'userId' = $1", [officialId])).rowCount;
}

const PASSWORD_ALPHABET = 'ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz23456789';

/** A random password of 16 characters with letters and digits (≈ 93 bits), e.g. for an account created from the command line. */
export function generatePassword(length = 16): string {
  for (;;) {
    const bytes = crypto.randomBytes(length * 2);
    let out = '';
    // Rejection sampling keeps every character equally likely.
    for (const b of bytes) {
      if (b < 256 - (256 % PASSWORD_ALPHABET.length)) out += PASSWORD_ALPHABET[b % PASSWORD_ALPHABET.length];
      if (out.length === length) break;
    }
    if (out.length === length && /[a-zA-Z]/.test(out) && /\d/.test(out)) return out;
  }
}

export async function loadSubject(db: Queryable, officialId: string): Promise<OfficialSubject | null> {
  const o = (
    await db.query<{ id: string; username: string; full_name: string; title: string | null }>(
      'SELECT id, username, full_name, title FROM officials WHERE id = $1 AND active',
      [officialId],
    )
  ).rows[0];
  if (!o) return null;
  const memberships = (
    await db.query<{ unit_id: string; role: OfficialRole }>('SELECT unit_id, role FROM official_memberships WHERE official_id = $1 ORDER BY unit_id, role', [
      officialId,
    ])
  ).rows.map((r) => ({ unitId: r.unit_id, role: r.role }));
  return {
    userId: o.id,
    username: o.username,
    fullName: o.full_name,
    title: o.title,
    roles: [...new Set(memberships.map((m) => m.role))],
    // Units whose dossiers the official works with: a community helper's membership is not one (docs/community.md),
    // nor a feedback moderator's (docs/feedback.md).
    unitIds: [...new Set(memberships.filter((m) => m.role !== 'community_helper' && m.role !== 'feedback_moderator').map((m) => m.unitId))],
    memberships,
  };
}

const invalidCredentials = () => new AppError('INVALID_CREDENTIALS', 'Tên đăng nhập hoặc mật khẩu không đúng.', 401);

/** The answer for a locked username — the same whether or not an account has that name. */
function accountLocked(lockedUntil: Date | null, now: Date, justLocked: boolean): AppError {
  if (justLocked)
    return new AppError('ACCOUNT_LOCKED', `Bạn đã nhập sai ${MAX_FAILED_ATTEMPTS} lần. Tài khoản tạm khóa ${LOCKOUT_MINUTES} phút.`, 423, undefined, {
      minutes: LOCKOUT_MINUTES,
    });
  const minutes = lockedUntil ? Math.max(1, Math.ceil((lockedUntil.getTime() - now.getTime()) / 60_000)) : LOCKOUT_MINUTES;
  return new AppError(
    'ACCOUNT_LOCKED',
    `Tài khoản tạm khóa do nhập sai nhiều lần. Vui lòng thử lại sau ${minutes} phút hoặc liên hệ quản trị.`,
    423,
    undefined,
    { minutes },
  );
}

/**
 * Checks username, password and (when enrolled) the TOTP code. Every step that could be raced is one atomic
 * statement (see login-throttle.ts): the client's failures, the username's attempts, the single use of a TOTP code.
 * Unknown usernames are answered exactly like known ones, including the lockout; a deactivated account is told so
 * only after the right password.
 */
export async function authenticate(
  db: Database,
  input: { username: string; password: string; totp?: string; ip?: string },
  now = systemNow(),
): Promise<OfficialSubject> {
  const username = input.username.trim().toLowerCase();
  const o = (
    await db.query<{ id: string; password_hash: string; totp_secret: string | null; active: boolean }>(
      'SELECT id, password_hash, totp_secret, active FROM officials WHERE username = $1',
      [username],
    )
  ).rows[0];
  const event = (outcome: string) =>
    db.query('INSERT INTO official_login_events (official_id, username, outcome, ip) VALUES ($1, $2, $3, $4)', [
      o?.id ?? null,
      username,
      outcome,
      input.ip ?? null,
    ]);

  // 1. The client's failed logins (every username together).
  const clientKey = `client:${input.ip ?? 'unknown'}`;
  const client = await reserveKeyAttempt(db, clientKey, CLIENT_MAX_FAILURES, now, CLIENT_WINDOW_MINUTES);
  if (!client.allowed) {
    await releaseKeyAttempt(db, clientKey);
    await event('client_limited');
    const seconds = await clientRetrySeconds(db, clientKey, now);
    throw new AppError('RATE_LIMITED', `Bạn đã thử quá nhiều lần. Vui lòng thử lại sau ${seconds} giây.`, 429, undefined, { seconds });
  }

  // 2. The username's attempts: reserved before the password is checked.
  const userKey = `user:${username}`;
  const reservation = o ? await reserveAccountAttempt(db, o.id, now) : await reserveKeyAttempt(db, userKey, MAX_FAILED_ATTEMPTS, now, null);
  const release = async () => {
    await releaseKeyAttempt(db, clientKey);
    if (o) await releaseAccountAttempt(db, o.id);
    else await releaseKeyAttempt(db, userKey);
  };
  if (!reservation.allowed) {
    await event('locked');
    throw accountLocked(reservation.lockedUntil, now, false);
  }

  // 3. The password (a dummy hash for an unknown username, so the time taken does not tell either).
  const hashToCheck = o ? o.password_hash : await getDummyHash();
  const passwordOk = (await verify(hashToCheck, input.password).catch(() => false)) && !!o;
  if (!passwordOk) {
    const lockNow = reservation.attempt >= MAX_FAILED_ATTEMPTS;
    if (lockNow) {
      if (o) await lockAccount(db, o.id, now);
      else await lockKey(db, userKey, now);
    }
    await event(!o ? 'unknown_user' : lockNow ? 'locked_now' : 'bad_password');
    if (lockNow) throw accountLocked(null, now, true);
    throw invalidCredentials();
  }
  const account = o as NonNullable<typeof o>;
  if (!account.active) {
    await event('inactive');
    throw new AppError('ACCOUNT_DISABLED', 'Tài khoản đã bị vô hiệu hóa. Vui lòng liên hệ quản trị.', 403);
  }

  // 4. The TOTP code, when enrolled: a wrong code keeps the reservation (it counts as a failure); each code once.
  if (account.totp_secret) {
    if (!input.totp) {
      await release();
      await event('totp_required');
      throw new AppError('TOTP_REQUIRED', 'Vui lòng nhập mã xác thực 6 số từ ứng dụng xác thực.', 401);
    }
    const step = matchTotpStep(account.totp_secret, input.totp, now.getTime());
    const fresh =
      step !== null &&
      (
        await db.query('UPDATE officials SET totp_last_step = $2 WHERE id = $1 AND (totp_last_step IS NULL OR totp_last_step < $2) RETURNING id', [
          account.id,
          step,
        ])
      ).rowCount === 1;
    if (!fresh) {
      if (reservation.attempt >= MAX_FAILED_ATTEMPTS) await lockAccount(db, account.id, now);
      await event(step === null ? 'bad_totp' : 'replayed_totp');
      throw new AppError('TOTP_INVALID', 'Mã xác thực không đúng hoặc đã hết hạn.', 401);
    }
  }
  await releaseKeyAttempt(db, clientKey);
  await db.query('UPDATE officials SET failed_attempts = 0, locked_until = NULL, last_login_at = $2 WHERE id = $1', [account.id, now]);
  await event('success');
  const subject = await loadSubject(db, account.id);
  if (!subject) throw invalidCredentials();
  return subject;
}
