/**
 * e-ID accounts of the stand-in: synthetic residents of the population stand-in (standin_residents)
 * authenticate with their 12-digit personal identification number (số định danh cá nhân) and the demo
 * password. Their claims follow the national e-ID / DVCQG attribute names (domain-and-law.md §5.3).
 */
import crypto from 'node:crypto';
import type { Database, Queryable } from '../../db/database.ts';
import { isoDate } from '../population/adapter.ts';

/** The one password of every synthetic resident in the stand-in (documented in docs/identity.md). */
export const DEMO_PASSWORD = '123456';

/** Failed attempts per id number before the number is locked, and for how long. */
export const MAX_FAILURES = 5;
export const LOCK_MINUTES = 15;

/** Level of assurance asserted by the stand-in: the synthetic residents hold level-2 e-ID accounts. */
export const STANDIN_ACR = 'LoA2';

export interface EidResident {
  idNumber: string;
  sub: string;
  techId: string;
  fullName: string;
  familyName: string;
  middleName: string;
  givenName: string;
  birthDate: string;
  sex: 'Nam' | 'Nữ';
  phone: string | null;
  email: string | null;
}

interface ResidentRow {
  id_number: string;
  sub: string | null;
  tech_id: string | null;
  full_name: string;
  family_name: string;
  middle_name: string;
  given_name: string;
  birth_date: string | Date;
  sex: 'Nam' | 'Nữ';
  phone: string | null;
  email: string | null;
}

const toResident = (r: ResidentRow & { sub: string; tech_id: string }): EidResident => ({
  idNumber: r.id_number,
  sub: r.sub,
  techId: r.tech_id,
  fullName: r.full_name.normalize('NFC'),
  familyName: r.family_name.normalize('NFC'),
  middleName: r.middle_name.normalize('NFC'),
  givenName: r.given_name.normalize('NFC'),
  birthDate: isoDate(r.birth_date),
  sex: r.sex,
  phone: r.phone,
  email: r.email,
});

const RESIDENT_COLUMNS = `r.id_number, a.sub::text AS sub, a.tech_id::text AS tech_id, r.full_name, r.family_name,
  r.middle_name, r.given_name, r.birth_date, r.sex, r.phone, r.email`;

/** The account of a living resident by id number, creating its stable `sub`/TechID on first use. */
export async function accountByIdNumber(db: Queryable, idNumber: string): Promise<EidResident | null> {
  const find = () =>
    db.query<ResidentRow>(
      `SELECT ${RESIDENT_COLUMNS} FROM standin_residents r LEFT JOIN standin_eid_accounts a ON a.id_number = r.id_number
       WHERE r.id_number = $1 AND r.deceased_on IS NULL`,
      [idNumber],
    );
  let row = (await find()).rows[0];
  if (!row) return null;
  if (!row.sub || !row.tech_id) {
    await db.query('INSERT INTO standin_eid_accounts (id_number, sub, tech_id) VALUES ($1, $2, $3) ON CONFLICT (id_number) DO NOTHING', [
      idNumber,
      crypto.randomUUID(),
      crypto.randomUUID(),
    ]);
    row = (await find()).rows[0];
    if (!row?.sub || !row.tech_id) return null;
  }
  return toResident(row as ResidentRow & { sub: string; tech_id: string });
}

/** The account behind a subject identifier (what oidc-provider's findAccount receives). */
export async function accountBySub(db: Queryable, sub: string): Promise<EidResident | null> {
  if (!/^[0-9a-f-]{36}$/i.test(sub)) return null;
  const { rows } = await db.query<ResidentRow & { sub: string; tech_id: string }>(
    `SELECT ${RESIDENT_COLUMNS} FROM standin_eid_accounts a JOIN standin_residents r ON r.id_number = a.id_number
     WHERE a.sub = $1::uuid AND r.deceased_on IS NULL`,
    [sub],
  );
  return rows[0] ? toResident(rows[0]) : null;
}

/**
 * Claims released about a resident, named like the national e-ID / DVCQG attributes, plus the standard
 * OpenID Connect ones. Unknown optional values are left out rather than sent empty.
 */
export function residentClaims(r: EidResident): Record<string, unknown> {
  const claims: Record<string, unknown> = {
    sub: r.sub,
    TechID: r.techId,
    LoaiTaiKhoan: '1',
    HoVaTen: r.fullName,
    SoDinhDanh: r.idNumber,
    NgayThangNamSinh: r.birthDate.replaceAll('-', ''),
    GioiTinh: r.sex,
    loginIdp: 'BCA',
    name: r.fullName,
    family_name: r.familyName,
    middle_name: r.middleName || undefined,
    given_name: r.givenName,
    birthdate: r.birthDate,
    gender: r.sex === 'Nam' ? 'male' : 'female',
    preferred_username: r.idNumber,
  };
  if (r.phone) {
    claims.SoDienThoai = r.phone;
    claims.phone_number = r.phone;
  }
  if (r.email) {
    claims.Email = r.email;
    claims.email = r.email;
  }
  for (const k of Object.keys(claims)) if (claims[k] === undefined) delete claims[k];
  return claims;
}

const sha256 = (s: string) => crypto.createHash('sha256').update(s, 'utf8').digest();

/** Compares a submitted password with the demo password in constant time (over fixed-length digests). */
export function passwordMatches(submitted: string): boolean {
  return crypto.timingSafeEqual(sha256(submitted), sha256(DEMO_PASSWORD));
}

export type AuthenticationResult =
  | { ok: true; resident: EidResident }
  | { ok: false; reason: 'invalid_credentials'; remaining: number }
  | { ok: false; reason: 'locked'; lockedUntil: Date };

/**
 * Checks an id number and password. Five failures within 15 minutes lock the id number for 15 minutes,
 * whether or not it belongs to a resident; while locked, even the right password is refused. The password
 * is compared whether or not the resident exists, so timing does not reveal which numbers are registered.
 */
export async function authenticate(db: Database, idNumber: string, password: string): Promise<AuthenticationResult> {
  const lock = await db.query<{ locked_until: Date | string }>(
    'SELECT locked_until FROM standin_eid_login_failures WHERE id_number = $1 AND locked_until > now()',
    [idNumber],
  );
  if (lock.rows[0]) return { ok: false, reason: 'locked', lockedUntil: new Date(lock.rows[0].locked_until) };

  const passwordOk = passwordMatches(password);
  const resident = await accountByIdNumber(db, idNumber);
  if (passwordOk && resident) {
    await db.query('DELETE FROM standin_eid_login_failures WHERE id_number = $1', [idNumber]);
    return { ok: true, resident };
  }

  return db.transaction(async (tx) => {
    const { rows } = await tx.query<{ failures: number }>(
      `INSERT INTO standin_eid_login_failures AS f (id_number, failures, window_start) VALUES ($1, 1, now())
       ON CONFLICT (id_number) DO UPDATE SET
         failures = CASE WHEN f.window_start < now() - make_interval(mins => $2) THEN 1 ELSE f.failures + 1 END,
         window_start = CASE WHEN f.window_start < now() - make_interval(mins => $2) THEN now() ELSE f.window_start END,
         locked_until = NULL
       RETURNING failures`,
      [idNumber, LOCK_MINUTES],
    );
    const failures = rows[0].failures;
    if (failures >= MAX_FAILURES) {
      const locked = await tx.query<{ locked_until: Date | string }>(
        `UPDATE standin_eid_login_failures SET locked_until = now() + make_interval(mins => $2), failures = 0, window_start = now()
         WHERE id_number = $1 RETURNING locked_until`,
        [idNumber, LOCK_MINUTES],
      );
      return { ok: false as const, reason: 'locked' as const, lockedUntil: new Date(locked.rows[0].locked_until) };
    }
    return { ok: false as const, reason: 'invalid_credentials' as const, remaining: MAX_FAILURES - failures };
  });
}
