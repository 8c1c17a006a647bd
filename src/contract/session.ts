/** Who is logged in: citizens through the national e-ID (OpenID Connect), officials with a password (and TOTP). */
import { z } from 'zod';
import { OFFICIAL_ROLES } from '../core/workflow/roles.ts';
import { Instant } from './http.ts';

export const OfficialRoleCode = z.enum(OFFICIAL_ROLES, { message: `Vai trò phải là một trong: ${OFFICIAL_ROLES.join(', ')}.` });

/** GET /api/session */
export const SessionInfo = z.strictObject({
  authenticated: z.boolean(),
  kind: z.enum(['citizen', 'official']).nullable(),
  user: z
    .strictObject({
      fullName: z.string(),
      /** Masked except the last four digits. */
      idNumber: z.string().optional(),
      citizenId: z.string().optional(),
      birthDate: z.string().nullable().optional(),
    })
    .nullable(),
  loginAt: Instant.nullable(),
  expiresAt: Instant.nullable(),
});
export type SessionInfo = z.infer<typeof SessionInfo>;

export const LoginQuery = z.object({ returnTo: z.string().max(2000).optional() });
/** What the e-ID provider sends back to the callback (OpenID Connect authorization response). */
export const LoginCallbackQuery = z.looseObject({
  code: z.string().optional(),
  state: z.string().optional(),
  iss: z.string().optional(),
  error: z.string().optional(),
  error_description: z.string().optional(),
});
export const LogoutResult = z.strictObject({ loggedOut: z.literal(true), redirectTo: z.string() });

export const StaffLoginBody = z.object({
  username: z.string().min(1, 'Vui lòng nhập tên đăng nhập').max(64),
  password: z.string().min(1, 'Vui lòng nhập mật khẩu').max(256),
  totp: z
    .string()
    .regex(/^\d{6}$/, 'Mã xác thực gồm 6 chữ số')
    .optional(),
});

export const Membership = z.strictObject({ unitId: z.string(), role: OfficialRoleCode });
export type Membership = z.infer<typeof Membership>;

/** The logged-in official (POST /api/staff/login, GET /api/staff/me). */
export const StaffProfile = z.strictObject({
  user: z.strictObject({
    id: z.string(),
    username: z.string(),
    fullName: z.string(),
    roles: z.array(z.strictObject({ code: OfficialRoleCode, name: z.string() })),
    memberships: z.array(Membership),
  }),
});
export type StaffProfile = z.infer<typeof StaffProfile>;
