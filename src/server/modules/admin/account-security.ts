/**
 * Account state changes by an administrator: deactivate, reactivate, reset the password to a temporary one,
 * unlock after repeated failures. Each runs in one transaction with its change-log entry; deactivation and
 * password resets end the official's open sessions.
 */
import type { Database, Queryable } from '../../db/database.ts';
import { AppError } from '../../http/errors.ts';
import { endOfficialSessions, setOfficialPassword } from '../officials/index.ts';
import { actorOf, recordChange } from './changes.ts';
import { findOfficial, officialSnapshot, requireOfficial, unitsOf, type OfficialView } from './officials.ts';
import { assertCanManageOfficial, type AdminAccess } from './permissions.ts';

export interface AccountChange {
  action: string;
  reason?: string;
  selfAllowed?: boolean;
  endSessions?: boolean;
  /** Extra facts for the log's "after" (never a secret). */
  note?: Record<string, unknown>;
  apply: (tx: Queryable, before: OfficialView) => Promise<void>;
}

/** Locks the account, checks the administrator may manage it, applies the change, logs before/after. */
export async function changeAccount(db: Database, access: AdminAccess, id: string, change: AccountChange): Promise<OfficialView> {
  return db.transaction(async (tx) => {
    const before = await requireOfficial(tx, id, { lock: true });
    assertCanManageOfficial(access, before, { selfAllowed: change.selfAllowed });
    await change.apply(tx, before);
    if (change.endSessions) await endOfficialSessions(tx, id);
    const after = (await findOfficial(tx, id))!;
    await recordChange(tx, actorOf(access), {
      entityKind: 'official',
      entityId: id,
      action: change.action,
      unitIds: unitsOf(before.memberships),
      before: officialSnapshot(before),
      after: { ...officialSnapshot(after), ...change.note },
      reason: change.reason,
    });
    return after;
  });
}

export function deactivateOfficial(db: Database, access: AdminAccess, id: string, reason: string): Promise<OfficialView> {
  return changeAccount(db, access, id, {
    action: 'deactivate',
    reason,
    endSessions: true,
    apply: async (tx, before) => {
      if (!before.active) throw new AppError('ALREADY_INACTIVE', 'Tài khoản đã bị vô hiệu hóa trước đó.', 409);
      await tx.query('UPDATE officials SET active = false WHERE id = $1', [id]);
    },
  });
}

export function reactivateOfficial(db: Database, access: AdminAccess, id: string, reason?: string): Promise<OfficialView> {
  return changeAccount(db, access, id, {
    action: 'reactivate',
    reason,
    apply: async (tx, before) => {
      if (before.active) throw new AppError('ALREADY_ACTIVE', 'Tài khoản đang hoạt động.', 409);
      await tx.query('UPDATE officials SET active = true, failed_attempts = 0, locked_until = NULL WHERE id = $1', [id]);
    },
  });
}

/** Sets a temporary password chosen by the administrator (strength checked), unlocks, ends sessions. */
export function resetPassword(db: Database, access: AdminAccess, id: string, password: string, reason?: string): Promise<OfficialView> {
  return changeAccount(db, access, id, {
    action: 'reset_password',
    reason,
    endSessions: true,
    note: { passwordReset: true },
    apply: (tx) => setOfficialPassword(tx, id, password),
  });
}

export function unlockOfficial(db: Database, access: AdminAccess, id: string, reason?: string): Promise<OfficialView> {
  return changeAccount(db, access, id, {
    action: 'unlock',
    reason,
    apply: async (tx, before) => {
      if (!before.locked && before.failedAttempts === 0) throw new AppError('ACCOUNT_NOT_LOCKED', 'Tài khoản không bị khóa.', 409);
      await tx.query('UPDATE officials SET failed_attempts = 0, locked_until = NULL WHERE id = $1', [id]);
    },
  });
}
