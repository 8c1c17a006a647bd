/**
 * Representation (ủy quyền): a resident's consent that a community helper submits a dossier on their behalf — the
 * fallback when the resident cannot use their own e-ID in an assisted session. Consent must be explicit, for a stated
 * purpose (the procedures in scope), provable (a one-time code sent to the resident's own phone, or a scan of a signed
 * authorisation) and withdrawable (NĐ 13/2023/NĐ-CP; Luật Bảo vệ dữ liệu cá nhân 2025). Pure rules.
 */
export const REPRESENTATION_BASES = ['otp', 'document'] as const;
export type RepresentationBasis = (typeof REPRESENTATION_BASES)[number];

/** Longest a representation may last. */
export const MAX_REPRESENTATION_DAYS = 90;
/** A one-time code is valid this long, for this many wrong attempts. */
export const OTP_TTL_MS = 10 * 60 * 1000;
export const OTP_MAX_ATTEMPTS = 5;
/** Any procedure ('*') or the listed procedure codes. */
export const ANY_PROCEDURE = '*';

export interface RepresentationState {
  status: 'pending' | 'active' | 'revoked';
  procedureCodes: readonly string[];
  /** ISO instants. */
  expiresAt: string;
}

export type UseRefusal = 'not_confirmed' | 'revoked' | 'expired' | 'out_of_scope';

/** Why a representation may not be used to submit a dossier of this procedure now; null when it may. */
export function refusalToUse(r: RepresentationState, procedureCode: string, now: string): UseRefusal | null {
  if (r.status === 'revoked') return 'revoked';
  if (r.status !== 'active') return 'not_confirmed';
  if (r.expiresAt <= now) return 'expired';
  if (!r.procedureCodes.includes(ANY_PROCEDURE) && !r.procedureCodes.includes(procedureCode)) return 'out_of_scope';
  return null;
}

export type OtpRefusal = 'not_pending' | 'expired' | 'too_many_attempts' | 'wrong_code';

/** The check of a one-time code: `matches` is whether the code's hash equals the stored one. */
export function otpCheck(
  r: { status: RepresentationState['status']; otpExpiresAt: string | null; otpAttempts: number },
  matches: boolean,
  now: string,
): OtpRefusal | null {
  if (r.status !== 'pending') return 'not_pending';
  if (!r.otpExpiresAt || r.otpExpiresAt <= now) return 'expired';
  if (r.otpAttempts >= OTP_MAX_ATTEMPTS) return 'too_many_attempts';
  return matches ? null : 'wrong_code';
}

/** A phone number shown to the helper: only the last three digits. */
export function maskPhone(phone: string): string {
  const digits = phone.replace(/\D/g, '');
  return digits.length < 4 ? '***' : `${'*'.repeat(digits.length - 3)}${digits.slice(-3)}`;
}
