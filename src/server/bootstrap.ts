/**
 * Opens the database, applies migrations, seeds the demo dataset when asked, and assembles the
 * AppContext. Used by the server, the CLI and the integration tests alike.
 */
import path from 'node:path';
import type { AppConfig } from './config.ts';
import type { AppContext } from './context.ts';
import { openDatabase, type Database } from './db/database.ts';
import { migrate } from './db/migrate.ts';
import { LocalDiskFileStore } from './files/store.ts';
import { createMailService, notificationSubscriber, notifyConfig } from './modules/notifications/index.ts';
import { refundWhenDossierEnds } from './modules/payments/index.ts';
import { createSignerProvider } from './modules/results/index.ts';
import { seedDemo } from './seed/demo.ts';
import { StandinPopulationAdapter } from './standins/population/adapter.ts';

export async function openConfiguredDatabase(config: AppConfig): Promise<Database> {
  return openDatabase(
    config.databaseUrl ? { url: config.databaseUrl, poolSize: Number(process.env.DB_POOL_SIZE ?? 20) } : { dataDir: path.join(config.dataDir, 'pglite') },
  );
}

export async function createContext(config: AppConfig, db?: Database): Promise<AppContext> {
  const database = db ?? (await openConfiguredDatabase(config));
  await migrate(database);
  if (config.seedDemo) await seedDemo(database);
  const mail = await createMailService(config, database);
  return {
    config,
    db: database,
    population: new StandinPopulationAdapter(database),
    files: new LocalDiskFileStore(path.join(config.dataDir, 'files')),
    mail,
    signers: createSignerProvider(config, database),
    dossierSubscribers: [
      refundWhenDossierEnds,
      notificationSubscriber(notifyConfig(config.publicUrl).lookupUrl), // the citizen's notifications, queued with the event
    ],
    async close() {
      await mail.close();
      await database.close();
    },
  };
}
