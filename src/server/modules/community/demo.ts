/**
 * The demo community team of Xã Phú Riềng: the commune's household register imported from the population stand-in,
 * and the areas of the two demo helpers (hotro.phubinh, hotro.phuthinh; README). Idempotent.
 */
import type { PopulationAdapter } from '../../adapters/population.ts';
import type { Database } from '../../db/database.ts';
import { importHouseholds } from './register.ts';

export const DEMO_COMMUNE = '25252';
export const DEMO_HELPER_AREAS: Record<string, string[]> = {
  'hotro.phubinh': ['25252:thon-phu-binh', '25252:thon-phu-loi', '25252:thon-1'],
  'hotro.phuthinh': ['25252:thon-phu-thinh', '25252:thon-2'],
};

export async function seedCommunityDemo(db: Database, population: PopulationAdapter): Promise<void> {
  const imported = (await db.query('SELECT 1 FROM community_households LIMIT 1')).rowCount ?? 0;
  if (imported === 0) await importHouseholds({ db, population }, DEMO_COMMUNE, 'seed');
  for (const [username, areas] of Object.entries(DEMO_HELPER_AREAS)) {
    await db.query(
      `INSERT INTO community_helper_areas (official_id, area_id)
       SELECT o.id, a.id FROM officials o JOIN community_areas a ON a.id = ANY($2::text[]) WHERE o.username = $1
       ON CONFLICT DO NOTHING`,
      [username, areas],
    );
  }
}
