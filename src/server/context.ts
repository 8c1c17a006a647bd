/** Everything a module needs at run time, built once at start and passed to every module. */
import type { PopulationAdapter } from './adapters/population.ts';
import type { AppConfig } from './config.ts';
import type { Database } from './db/database.ts';
import type { FileStore } from './files/store.ts';
import type { Lifecycle } from './lifecycle.ts';
import type { DossierSubscriber } from './modules/dossiers/index.ts';
import type { MailService } from './modules/notifications/index.ts';
import type { SignerProvider } from './modules/results/index.ts';

export interface AppContext {
  config: AppConfig;
  db: Database;
  population: PopulationAdapter;
  files: FileStore;
  mail: MailService;
  /** Each unit's signing credentials (results are signed with the issuing unit's certificate). */
  signers: SignerProvider;
  /** What runs inside the transaction of every dossier event (src/server/modules/dossiers/transition.ts). */
  dossierSubscribers: readonly DossierSubscriber[];
  /** Shutting down, background jobs: what the readiness endpoint reports (src/server/lifecycle.ts). */
  lifecycle: Lifecycle;
  /** Closes what the context opened (mail capture server, database). */
  close(): Promise<void>;
}
