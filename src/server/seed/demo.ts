/**
 * The demo dataset: reference data (units, agencies, calendar), the procedure catalogue and the
 * population-database stand-in. Each step is idempotent: it checks what is already there.
 */
import type { Database } from '../db/database.ts';
import { seedCatalogue } from '../modules/catalogue/index.ts';
import { seedMetricsDemo } from '../modules/metrics/index.ts';
import { seedDemoOfficials } from '../modules/officials/index.ts';
import { seedReferenceData } from '../modules/reference/index.ts';
import { seedPopulation } from '../standins/population/seed.ts';
import { seedCommunityDemo } from '../modules/community/index.ts';
import { seedFeedbackMailboxes } from '../modules/feedback/index.ts';
import { seedPersonalCredentialsDemo } from '../modules/results/index.ts';
import { StandinPopulationAdapter } from '../standins/population/adapter.ts';

export type SeedStep = (db: Database) => Promise<void>;

/** Steps in order; each domain module adds its own. */
export const seedSteps: SeedStep[] = [seedReferenceData, seedCatalogue, seedDemoOfficials, async (db) => void (await seedPopulation(db)), seedMetricsDemo];
// The community digital team's household register and helper areas (docs/community.md), after the population.
seedSteps.push((db) => seedCommunityDemo(db, new StandinPopulationAdapter(db)));
// The demo communes' PAKN e-mail addresses (docs/feedback.md).
seedSteps.push(seedFeedbackMailboxes);
// The Phú Riềng leader's personal certificate at the remote-signing stand-in (docs/results.md), after the officials.
seedSteps.push(seedPersonalCredentialsDemo);

export async function seedDemo(db: Database): Promise<void> {
  for (const step of seedSteps) await step(db);
}
