/**
 * A bare sync worker process for the crash and concurrency tests (national-sync.process.test.ts): it opens the
 * test's PostgreSQL schema and delivers messages to the portal stand-in until it is killed. Environment:
 * SYNC_DB_URL, SYNC_DB_SCHEMA, DVCQG_URL, SYNC_LEASE_SECONDS.
 */
import { openDatabase } from '../../db/database.ts';
import { DvcqgHttpAdapter } from '../../adapters/dvcqg.ts';
import { loadNationalSyncConfig } from './config.ts';
import { databaseSessionStore } from './sessions.ts';
import { NationalSyncWorker } from './worker.ts';

const db = await openDatabase({ url: process.env.SYNC_DB_URL, schema: process.env.SYNC_DB_SCHEMA, poolSize: 4 });
const config = loadNationalSyncConfig('http://localhost:3000', process.env);
const adapter = new DvcqgHttpAdapter({ ...config.portal, timeoutMs: 20_000 }, databaseSessionStore(db));
const worker = new NationalSyncWorker(db, adapter, { maxAttempts: 100, leaseSeconds: Number(process.env.SYNC_LEASE_SECONDS ?? 3), backoff: () => 0.2 });
process.stdout.write('ready\n');
for (;;) {
  const r = await worker.runOnce();
  if (r.acked) process.stdout.write(`acked ${r.acked}\n`);
  await new Promise((resolve) => setTimeout(resolve, 50));
}
