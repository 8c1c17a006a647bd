/**
 * Two-step TOTP enrolment by an administrator: `startTotpEnrolment` keeps a new secret aside for 15 minutes and
 * returns its otpauth:// URI (the only time the secret leaves the server); `confirmTotpEnrolment` turns it on once a
 * code generated from it verifies. `disableTotp` turns it off. An official may enrol their own account but not
 * disable their own second factor.
 */
import { systemNow } from '../../clock.ts';
import type { Database } from '../../db/database.ts';
import { AppError } from '../../http/errors.ts';
import { generateTotpSecret, otpauthUrl, verifyTotp } from '../officials/index.ts';
import { changeAccount } from './account-security.ts';
import type { OfficialView } from './officials.ts';
import type { AdminAccess } from './permissions.ts';

const ENROLMENT_MINUTES = 15;

const alreadyEnabled = () => new AppError('TOTP_ALREADY_ENABLED', 'Tài khoản đã bật xác thực hai lớp; hãy tắt trước khi đăng ký lại.', 409);

export async function startTotpEnrolment(db: Database, access: AdminAccess, id: string): Promise<{ otpauthUrl: string; expiresAt: string }> {
  const secret = generateTotpSecret();
  const expiresAt = new Date(Date.now() + ENROLMENT_MINUTES * 60_000);
  const official = await changeAccount(db, access, id, {
    action: 'totp_enrolment_started',
    selfAllowed: true,
    note: { totpEnrolmentExpiresAt: expiresAt.toISOString() },
    apply: async (tx, before) => {
      if (before.totpEnabled) throw alreadyEnabled();
      await tx.query(
        `INSERT INTO official_totp_enrolments (official_id, secret, expires_at) VALUES ($1, $2, $3)
         ON CONFLICT (official_id) DO UPDATE SET secret = EXCLUDED.secret, created_at = now(), expires_at = EXCLUDED.expires_at`,
        [id, secret, expiresAt],
      );
    },
  });
  return { otpauthUrl: otpauthUrl(secret, official.username), expiresAt: expiresAt.toISOString() };
}

export function confirmTotpEnrolment(db: Database, access: AdminAccess, id: string, code: string, now = systemNow()): Promise<OfficialView> {
  return changeAccount(db, access, id, {
    action: 'totp_enabled',
    selfAllowed: true,
    apply: async (tx, before) => {
      if (before.totpEnabled) throw alreadyEnabled();
      const pending = (await tx.query<{ secret: string }>('SELECT secret FROM official_totp_enrolments WHERE official_id = $1 AND expires_at > $2', [id, now]))
        .rows[0];
      if (!pending) throw new AppError('TOTP_ENROLMENT_NOT_FOUND', 'Không có yêu cầu đăng ký xác thực hai lớp còn hiệu lực; hãy bắt đầu lại.', 409);
      if (!verifyTotp(pending.secret, code, now.getTime())) throw new AppError('TOTP_INVALID', 'Mã xác thực không đúng hoặc đã hết hạn.', 400);
      await tx.query('UPDATE officials SET totp_secret = $2 WHERE id = $1', [id, pending.secret]);
      await tx.query('DELETE FROM official_totp_enrolments WHERE official_id = $1', [id]);
    },
  });
}

export function disableTotp(db: Database, access: AdminAccess, id: string, reason: string): Promise<OfficialView> {
  return changeAccount(db, access, id, {
    action: 'totp_disabled',
    reason,
    apply: async (tx, before) => {
      if (!before.totpEnabled) throw new AppError('TOTP_NOT_ENABLED', 'Tài khoản chưa bật xác thực hai lớp.', 409);
      await tx.query('UPDATE officials SET totp_secret = NULL WHERE id = $1', [id]);
      await tx.query('DELETE FROM official_totp_enrolments WHERE official_id = $1', [id]);
    },
  });
}
