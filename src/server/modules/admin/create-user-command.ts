/**
 * `npm run motcua -- create-user --username <u> --full-name <name> --unit <unitId> --role <role> [--role …] [--password <p>]`:
 * creates an official account from the command line (the first administrator of a new installation, for instance).
 * Without --password the password comes from MOTCUA_PASSWORD, else a strong one is generated and printed once.
 * The account is logged in admin_changes with the actor 'cli'.
 */
import { parseArgs } from 'node:util';
import { z } from 'zod';
import type { Database } from '../../db/database.ts';
import { AppError } from '../../http/errors.ts';
import { generatePassword } from '../officials/index.ts';
import { CLI_ACTOR } from './changes.ts';
import { createOfficialAccount, type OfficialView } from './officials.ts';
import { Memberships, Role, text, UnitId, Username } from '../../../contract/admin.ts';

const CreateUserArgs = z.object({
  username: Username,
  fullName: text('Họ và tên', 200),
  unitId: UnitId,
  roles: z.array(Role).min(1, 'Cần ít nhất một --role.'),
});

export interface CreateUserPlan {
  username: string;
  fullName: string;
  password: string;
  passwordGenerated: boolean;
  memberships: z.infer<typeof Memberships>;
}

export const CREATE_USER_USAGE =
  'Cách dùng: create-user --username <tên đăng nhập> --full-name <họ và tên> --unit <mã đơn vị> --role <vai trò> [--role …] [--password <mật khẩu>]';

/** Reads the arguments; returns the Vietnamese problems instead when they are wrong. */
export function planCreateUser(args: string[], env: NodeJS.ProcessEnv = process.env): CreateUserPlan | { problems: string[] } {
  let values: { username?: string; 'full-name'?: string; unit?: string; role?: string[]; password?: string };
  try {
    ({ values } = parseArgs({
      args,
      options: {
        username: { type: 'string' },
        'full-name': { type: 'string' },
        unit: { type: 'string' },
        role: { type: 'string', multiple: true },
        password: { type: 'string' },
      },
    }));
  } catch (err) {
    return { problems: [`Tham số không hợp lệ: ${err instanceof Error ? err.message : String(err)}`] };
  }
  const parsed = CreateUserArgs.safeParse({ username: values.username, fullName: values['full-name'], unitId: values.unit, roles: values.role ?? [] });
  if (!parsed.success) {
    const flag: Record<string, string> = { username: '--username', fullName: '--full-name', unitId: '--unit', roles: '--role' };
    return { problems: parsed.error.issues.map((i) => `${flag[String(i.path[0])] ?? i.path.join('.')}: ${i.message}`) };
  }
  const given = values.password ?? env.MOTCUA_PASSWORD;
  const memberships = Memberships.safeParse([...new Set(parsed.data.roles)].map((role) => ({ unitId: parsed.data.unitId, role })));
  if (!memberships.success) return { problems: memberships.error.issues.map((i) => i.message) };
  return {
    username: parsed.data.username,
    fullName: parsed.data.fullName,
    password: given ?? generatePassword(),
    passwordGenerated: given === undefined,
    memberships: memberships.data,
  };
}

export async function runCreateUser(db: Database, plan: CreateUserPlan): Promise<OfficialView> {
  return db.transaction((tx) =>
    createOfficialAccount(
      tx,
      CLI_ACTOR,
      { username: plan.username, fullName: plan.fullName, password: plan.password, memberships: plan.memberships },
      'Tạo tài khoản bằng dòng lệnh',
    ),
  );
}

/** The Vietnamese message of an expected failure (weak password, unknown unit, username taken), else null. */
export const userFacingError = (err: unknown): string | null => (err instanceof AppError ? err.messageVi : null);
