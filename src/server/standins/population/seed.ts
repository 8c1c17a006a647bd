/** Loads the synthetic population into the stand-in's tables (batched, idempotent). */
import { toLocal } from '../../../core/time/local.ts';
import { systemNow } from '../../clock.ts';
import type { Database } from '../../db/database.ts';
import { insertBatched, readAdminUnits } from '../../modules/reference/index.ts';
import { generatePopulation } from './generate.ts';

export const DEFAULT_POPULATION_SEED = 20250701;
export const DEFAULT_POPULATION_SIZE = 12_000;
const PROVINCE = '75'; // Tỉnh Đồng Nai

export async function seedPopulation(
  db: Database,
  opts: { seed?: number; size?: number; referenceDate?: string } = {},
): Promise<{ residents: number; households: number; skipped: boolean }> {
  const existing = (await db.query<{ n: number }>('SELECT count(*)::int AS n FROM standin_residents')).rows[0].n;
  if (existing > 0) return { residents: existing, households: 0, skipped: true };
  const province = readAdminUnits().provinces.find((p) => p.code === PROVINCE)!;
  const { residents, households } = generatePopulation({
    seed: opts.seed ?? DEFAULT_POPULATION_SEED,
    size: opts.size ?? DEFAULT_POPULATION_SIZE,
    province: { code: province.code, name: province.name },
    communes: province.communes,
    // Today in Vietnam, as every date of the system: the newborn is 10 days old by the day the portal counts in
    // (between 00:00 and 07:00 in Vietnam the UTC date is still yesterday's).
    referenceDate: opts.referenceDate ?? toLocal(systemNow()).day,
  });
  await db.transaction(async (tx) => {
    await insertBatched(
      tx,
      'standin_households',
      ['id', 'household_book_no', 'head_id', 'address'],
      households.map((h) => [h.id, h.household_book_no, h.head_id, h.address]),
      '',
      500,
    );
    const cols = [
      'id_number',
      'family_name',
      'middle_name',
      'given_name',
      'full_name',
      'birth_date',
      'sex',
      'ethnicity',
      'religion',
      'nationality',
      'marital_status',
      'blood_type',
      'birth_place',
      'home_town',
      'permanent_address',
      'current_address',
      'father_id',
      'mother_id',
      'spouse_id',
      'household_id',
      'relation_to_head',
      'phone',
      'email',
    ] as const;
    await insertBatched(
      tx,
      'standin_residents',
      [...cols],
      residents.map((r) => cols.map((c) => r[c])),
      '',
      500,
    );
  });
  return { residents: residents.length, households: households.length, skipped: false };
}
