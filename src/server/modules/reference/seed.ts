/**
 * Reference data seed steps, all idempotent:
 * - seedAdminUnits: the 34 provinces and 3,321 communes of 2025 (data/admin-units-2025.json), upserted in batches;
 * - seedOrgUnits: the demo deployment's agencies and the installation row (data/demo/org-units.json);
 * - seedCalendar: the working-day calendar generated from data/holidays.json for CALENDAR_YEARS.
 */
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { z } from 'zod';
import { AGENCY_CODE } from '../../../contract/reference.ts';
import { buildCalendar, parseHolidayData, type HolidayData } from '../../../core/calendar/holidays.ts';
import type { Database, Queryable } from '../../db/database.ts';

export const DATA_DIR = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../../../data');

/** Years written to calendar_days. Add a year here when its government decision is added to data/holidays.json. */
export const CALENDAR_YEARS = [2025, 2026, 2027];

const Code = (digits: number) => z.string().regex(new RegExp(`^\\d{${digits}}$`));
const AdminUnitsFile = z.object({
  source: z.string(),
  effectiveFrom: z.string(),
  provinces: z.array(
    z.object({
      code: Code(2),
      name: z.string().min(1),
      type: z.string().min(1),
      communes: z.array(z.object({ code: Code(5), name: z.string().min(1), type: z.string().min(1) })),
    }),
  ),
});
export type AdminUnitsFile = z.infer<typeof AdminUnitsFile>;

/** Mã định danh cơ quan, TT 10/2016/TT-BTTTT: V1V2V3.Z1Z2.Y1Y2.MX1X2, e.g. 000.00.01.H22. */
export { AGENCY_CODE };

const OrgUnitsFile = z.object({
  installation: z.object({
    provinceCode: Code(2),
    name: z.string().min(1),
    defaultUnit: z.string().min(1),
    settings: z.record(z.string(), z.unknown()).optional(),
  }),
  units: z.array(
    z.object({
      id: z.string().min(1),
      name: z.string().min(1),
      shortName: z.string().optional(),
      kind: z.string().min(1),
      adminUnitCode: z.string().regex(/^\d{2}(\d{3})?$/),
      parentId: z.string().optional(),
      agencyCode: z.string().regex(AGENCY_CODE),
      address: z.string().min(1),
      phone: z.string().optional(),
      email: z.string().optional(),
    }),
  ),
});
export type OrgUnitsFile = z.infer<typeof OrgUnitsFile>;

const readJson = (file: string): unknown => JSON.parse(fs.readFileSync(path.join(DATA_DIR, file), 'utf8'));

let adminUnitsCache: AdminUnitsFile | undefined;
export function readAdminUnits(): AdminUnitsFile {
  return (adminUnitsCache ??= AdminUnitsFile.parse(readJson('admin-units-2025.json')));
}

export function readOrgUnits(): OrgUnitsFile {
  const file = OrgUnitsFile.parse(readJson('demo/org-units.json'));
  const ids = new Set<string>();
  for (const u of file.units) {
    if (u.parentId && !ids.has(u.parentId)) throw new Error(`org-units.json: ${u.id} comes before its parent ${u.parentId}`);
    if (ids.has(u.id)) throw new Error(`org-units.json: duplicate id ${u.id}`);
    ids.add(u.id);
  }
  if (!ids.has(file.installation.defaultUnit)) throw new Error(`org-units.json: unknown default unit ${file.installation.defaultUnit}`);
  return file;
}

let holidayCache: { mtimeMs: number; data: HolidayData } | undefined;
/** data/holidays.json, parsed and checked; re-read when the file changes. */
export function readHolidayData(): HolidayData {
  const { mtimeMs } = fs.statSync(path.join(DATA_DIR, 'holidays.json'));
  if (holidayCache?.mtimeMs !== mtimeMs) holidayCache = { mtimeMs, data: parseHolidayData(readJson('holidays.json')) };
  return holidayCache.data;
}

/** Inserts rows in batches of `size` with one multi-row statement each. */
export async function insertBatched(q: Queryable, table: string, columns: string[], rows: unknown[][], suffix = '', size = 1000): Promise<void> {
  for (let i = 0; i < rows.length; i += size) {
    const chunk = rows.slice(i, i + size);
    const params: unknown[] = [];
    const tuples = chunk.map(
      (r) =>
        `(${r
          .map((v) => {
            params.push(v);
            return `$${params.length}`;
          })
          .join(', ')})`,
    );
    await q.query(`INSERT INTO ${table} (${columns.join(', ')}) VALUES ${tuples.join(', ')} ${suffix}`, params);
  }
}

/** Upserts provinces then communes (≈1,000 rows per statement); unchanged rows are not rewritten. */
export async function seedAdminUnits(db: Database): Promise<void> {
  const file = readAdminUnits();
  const cols = ['code', 'name', 'type', 'level', 'parent_code', 'effective_from'];
  const upsert = `ON CONFLICT (code) DO UPDATE SET name = EXCLUDED.name, type = EXCLUDED.type, level = EXCLUDED.level, parent_code = EXCLUDED.parent_code
    WHERE (admin_units.name, admin_units.type, admin_units.level, admin_units.parent_code) IS DISTINCT FROM (EXCLUDED.name, EXCLUDED.type, EXCLUDED.level, EXCLUDED.parent_code)`;
  await db.transaction(async (tx) => {
    await insertBatched(
      tx,
      'admin_units',
      cols,
      file.provinces.map((p) => [p.code, p.name, p.type, 'province', null, file.effectiveFrom]),
      upsert,
    );
    await insertBatched(
      tx,
      'admin_units',
      cols,
      file.provinces.flatMap((p) => p.communes.map((c) => [c.code, c.name, c.type, 'commune', p.code, file.effectiveFrom])),
      upsert,
    );
  });
}

/** Upserts the demo agencies (parents first) and creates the installation row if there is none. */
export async function seedOrgUnits(db: Database): Promise<void> {
  const file = readOrgUnits();
  await db.transaction(async (tx) => {
    const cols = ['id', 'name', 'short_name', 'kind', 'admin_unit_code', 'parent_id', 'agency_code', 'address', 'phone', 'email'];
    await insertBatched(
      tx,
      'org_units',
      cols,
      file.units.map((u) => [
        u.id,
        u.name,
        u.shortName ?? null,
        u.kind,
        u.adminUnitCode,
        u.parentId ?? null,
        u.agencyCode,
        u.address,
        u.phone ?? null,
        u.email ?? null,
      ]),
      `ON CONFLICT (id) DO UPDATE SET name = EXCLUDED.name, short_name = EXCLUDED.short_name, kind = EXCLUDED.kind, admin_unit_code = EXCLUDED.admin_unit_code,
         parent_id = EXCLUDED.parent_id, agency_code = EXCLUDED.agency_code, address = EXCLUDED.address, phone = EXCLUDED.phone, email = EXCLUDED.email`,
    );
    // An existing installation row is left alone: an administrator may have changed the default unit or settings.
    await tx.query(`INSERT INTO installation (id, province_code, name, default_unit, settings) VALUES (true, $1, $2, $3, $4) ON CONFLICT (id) DO NOTHING`, [
      file.installation.provinceCode,
      file.installation.name,
      file.installation.defaultUnit,
      file.installation.settings ?? {},
    ]);
  });
}

/**
 * Writes the generated calendar of CALENDAR_YEARS into calendar_days. Rows with source 'rule' are replaced when the
 * data changed; rows an administrator entered (source ≠ 'rule') are kept and win over generated ones.
 */
export async function seedCalendar(db: Database, years: number[] = CALENDAR_YEARS): Promise<void> {
  const days = buildCalendar(readHolidayData(), years);
  const from = `${Math.min(...years)}-01-01`;
  const to = `${Math.max(...years) + 1}-01-01`;
  const key = (d: { day: string; kind: string; name: string }) => `${d.day}|${d.kind}|${d.name}`;
  const wanted = days.map(key).sort().join('\n');
  await db.transaction(async (tx) => {
    const existing = await tx.query<{ day: string; kind: string; name: string }>(
      "SELECT to_char(day, 'YYYY-MM-DD') AS day, kind, name FROM calendar_days WHERE source = 'rule' AND day >= $1::date AND day < $2::date",
      [from, to],
    );
    if (existing.rows.map(key).sort().join('\n') === wanted) return;
    await tx.query("DELETE FROM calendar_days WHERE source = 'rule' AND day >= $1::date AND day < $2::date", [from, to]);
    await insertBatched(
      tx,
      'calendar_days',
      ['day', 'kind', 'name', 'source'],
      days.map((d) => [d.day, d.kind, d.name, 'rule']),
      'ON CONFLICT (day) DO NOTHING',
    );
  });
}

export async function seedReferenceData(db: Database): Promise<void> {
  await seedAdminUnits(db);
  await seedOrgUnits(db);
  await seedCalendar(db);
}
