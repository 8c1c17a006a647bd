/**
 * Opens the database, applies migrations, seeds the demo dataset when asked, and assembles the
 * AppContext. Used by the server, the CLI and the integration tests alike.
 */
import path from 'node:path';
import type { AppConfig } from './config.ts';
import type { AppContext } from './context.ts';
import { openDatabase, type Database } from './db/database.ts';
import { MIGRATION_LOCK_KEY, migrate } from './db/migrate.ts';
import { openFileStore } from './files/open-store.ts';
import { Lifecycle } from './lifecycle.ts';
import { nationalSyncSubscriber } from './modules/national-sync/index.ts';
import { createMailService, notificationSubscriber, notifyConfig } from './modules/notifications/index.ts';
import { refundWhenDossierEnds } from './modules/payments/index.ts';
import { lienthongSubscriber } from './modules/lienthong/index.ts';
import { type FeedbackMailbox, feedbackFollowUpSubscriber, startFeedbackMailbox } from './modules/feedback/index.ts';
import { communitySubscriber } from './modules/community/index.ts';
import { photoCopySubscriber } from './modules/self-digitisation/index.ts';
import { createSignerProvider } from './modules/results/index.ts';
import { seedDemo } from './seed/demo.ts';
import { seedDemoHistory } from './seed/demo-history.ts';
import { StandinPopulationAdapter } from './standins/population/adapter.ts';

export async function openConfiguredDatabase(config: AppConfig): Promise<Database> {
  return openDatabase(
    config.databaseUrl ? { url: config.databaseUrl, poolSize: Number(process.env.DB_POOL_SIZE ?? 20) } : { dataDir: path.join(config.dataDir, 'pglite') },
  );
}

/**
 * The demo history (src/server/seed/demo-history.ts) under the migration lock: of several servers starting together,
 * one writes it and the others find it written and skip.
 */
export function seedDemoHistoryOnce(db: Database, opts: Parameters<typeof seedDemoHistory>[1] = {}): ReturnType<typeof seedDemoHistory> {
  return db.withAdvisoryLock(MIGRATION_LOCK_KEY, () => seedDemoHistory(db, opts));
}

export async function createContext(config: AppConfig, db?: Database): Promise<AppContext> {
  const database = db ?? (await openConfiguredDatabase(config));
  // Several servers starting together on an empty database: migrations and the demo seed run one server at a time.
  await database.withAdvisoryLock(MIGRATION_LOCK_KEY, async () => {
    await migrate(database);
    if (config.seedDemo) await seedDemo(database);
  });
  const mail = await createMailService(config, database);
  // PAKN by e-mail: the SMTP receiver of the units' feedback addresses (docs/feedback.md), when configured.
  let feedbackMailbox: FeedbackMailbox | null = null;
  if (config.feedbackMail.port !== null)
    feedbackMailbox = await startFeedbackMailbox(database, { port: config.feedbackMail.port, host: config.feedbackMail.host }).catch(
      (err: NodeJS.ErrnoException) => {
        if (err.code !== 'EADDRINUSE' || config.env === 'production') throw err;
        console.warn(`Cổng ${config.feedbackMail.port} nhận thư phản ánh, kiến nghị đang bận: không mở hộp thư (FEEDBACK_SMTP_PORT).`);
        return null;
      },
    );
  const context: AppContext = {
    config,
    db: database,
    population: new StandinPopulationAdapter(database),
    files: openFileStore(config),
    mail,
    signers: createSignerProvider(config, database),
    dossierSubscribers: [
      refundWhenDossierEnds,
      lienthongSubscriber(() => context),
      nationalSyncSubscriber({ publicUrl: config.publicUrl, secret: config.cookieSecret }),
      notificationSubscriber(notifyConfig(config.publicUrl).lookupUrl), // the citizen's notifications, queued with the event
      feedbackFollowUpSubscriber(), // a "Không hài lòng" rating opens a follow-up for the unit's head
      communitySubscriber, // household coverage evidence and the helper of an assisted dossier
      photoCopySubscriber, // a citizen's photo copy is not digitised until checked against the original
    ],
    lifecycle: new Lifecycle(),
    async close() {
      await feedbackMailbox?.close();
      await mail.close();
      await database.close();
    },
  };
  return context;
}
