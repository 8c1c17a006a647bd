/**
 * Citizens known to MotCua, created at their first e-ID login and refreshed at every later one. A new record takes
 * the id derived from the identity number, which dossiers submitted on the resident's behalf already carry.
 */
import type { Queryable } from '../../db/database.ts';
import { residentCitizenId } from '../community/index.ts';
import type { CitizenIdentity } from './claims.ts';

export interface CitizenRecord {
  id: string;
  firstLoginAt: Date;
}

export async function upsertCitizen(db: Queryable, issuer: string, identity: CitizenIdentity, claims: Record<string, unknown>): Promise<CitizenRecord> {
  const { rows } = await db.query<{ id: string; first_login_at: Date }>(
    `INSERT INTO citizens (id, id_number, full_name, birth_date, issuer, sub, claims)
     VALUES ($7, $1, $2, $3, $4, $5, $6)
     ON CONFLICT (id_number) DO UPDATE SET full_name = EXCLUDED.full_name, birth_date = EXCLUDED.birth_date,
       issuer = EXCLUDED.issuer, sub = EXCLUDED.sub, claims = EXCLUDED.claims, last_login_at = now()
     RETURNING id::text AS id, first_login_at`,
    [identity.idNumber, identity.fullName, identity.birthDate, issuer, identity.sub, claims, residentCitizenId(identity.idNumber)],
  );
  return { id: rows[0].id, firstLoginAt: new Date(rows[0].first_login_at) };
}
