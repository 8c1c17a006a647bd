/**
 * Reference data: the 34 provinces and 3,321 communes of 2025 and the demo deployment's agencies.
 * Idempotent: units and agencies are upserted, so an updated data file updates names and codes.
 */
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { buildCalendar, type HolidayData } from '../../../core/calendar/holidays.ts';
import type { Database, Queryable } from '../../db/database.ts';

const DATA = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../../../data');

interface AdminUnitsFile {
  provinces: { code: string; name: string; type: string; communes: { code: string; name: string; type: string }[] }[];
}
interface OrgUnitsFile {
  installation: { provinceCode: string; name: string; defaultUnit: string };
  units: { id: string; name: string; shortName?: string; kind: string; adminUnitCode: string; parentId?: string; agencyCode?: string; address?: string; phone?: string; email?: string }[];
}

export function readAdminUnits(): AdminUnitsFile {
  return JSON.parse(fs.readFileSync(path.join(DATA, 'admin-units-2025.json'), 'utf8')) as AdminUnitsFile;
}

/** Inserts rows in batches of `size` with one multi-row statement each. */
export async function insertBatched(q: Queryable, table: string, columns: string[], rows: unknown[][], suffix = '', size = 1000): Promise<void> {
  for (let i = 0; i < rows.length; i += size) {
    const chunk = rows.slice(i, i + size);
    const params: unknown[] = [];
    const tuples = chunk.map((r) => `(${r.map((v) => { params.push(v); return `$${params.length}`; }).join(', ')})`);
    await q.query(`INSERT INTO ${table} (${columns.join(', ')}) VALUES ${tuples.join(', ')} ${suffix}`, params);
  }
}

export async function seedAdminUnits(db: Database): Promise<void> {
  const { rows } = await db.query<{ n: number }>('SELECT count(*)::int AS n FROM admin_units');
  const file = readAdminUnits();
  const total = file.provinces.length + file.provinces.reduce((n, p) => n + p.communes.length, 0);
  if (rows[0].n >= total) return;
  await db.transaction(async (tx) => {
    const upsert = 'ON CONFLICT (code) DO UPDATE SET name = EXCLUDED.name, type = EXCLUDED.type';
    await insertBatched(tx, 'admin_units', ['code', 'name', 'type', 'level', 'parent_code'], file.provinces.map((p) => [p.code, p.name, p.type, 'province', null]), upsert);
    await insertBatched(
      tx,
      'admin_units',
      ['code', 'name', 'type', 'level', 'parent_code'],
      file.provinces.flatMap((p) => p.communes.map((c) => [c.code, c.name, c.type, 'commune', p.code])),
      upsert,
    );
  });
}

export async function seedOrgUnits(db: Database): Promise<void> {
  const file = JSON.parse(fs.readFileSync(path.join(DATA, 'demo/org-units.json'), 'utf8')) as OrgUnitsFile;
  await db.transaction(async (tx) => {
    for (const u of file.units) {
      await tx.query(
        `INSERT INTO org_units (id, name, short_name, kind, admin_unit_code, parent_id, agency_code, address, phone, email)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)
         ON CONFLICT (id) DO UPDATE SET name = EXCLUDED.name, short_name = EXCLUDED.short_name, kind = EXCLUDED.kind,
           agency_code = EXCLUDED.agency_code, address = EXCLUDED.address, phone = EXCLUDED.phone, email = EXCLUDED.email`,
        [u.id, u.name, u.shortName ?? null, u.kind, u.adminUnitCode, u.parentId ?? null, u.agencyCode ?? null, u.address ?? null, u.phone ?? null, u.email ?? null],
      );
    }
    await tx.query(
      `INSERT INTO installation (id, province_code, name, default_unit) VALUES (true, $1, $2, $3)
       ON CONFLICT (id) DO UPDATE SET province_code = EXCLUDED.province_code, name = EXCLUDED.name, default_unit = EXCLUDED.default_unit`,
      [file.installation.provinceCode, file.installation.name, file.installation.defaultUnit],
    );
  });
}

export async function seedReferenceData(db: Database): Promise<void> {
  await seedAdminUnits(db);
  await seedOrgUnits(db);
  await seedCalendar(db);
}

export const CALENDAR_YEARS = [2025, 2026, 2027];

export function readHolidayData(): HolidayData {
  return JSON.parse(fs.readFileSync(path.join(DATA, 'holidays.json'), 'utf8')) as HolidayData;
}

/** Writes the generated calendar; days an administrator entered by hand (source ≠ 'rule') are kept. */
export async function seedCalendar(db: Database): Promise<void> {
  const days = buildCalendar(readHolidayData(), CALENDAR_YEARS);
  await db.transaction(async (tx) => {
    await tx.query("DELETE FROM calendar_days WHERE source = 'rule'");
    await insertBatched(tx, 'calendar_days', ['day', 'kind', 'name', 'source'], days.map((d) => [d.day, d.kind, d.name, 'rule']), 'ON CONFLICT (day) DO NOTHING');
  });
}
