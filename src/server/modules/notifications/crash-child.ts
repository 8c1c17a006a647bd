/**
 * A server process for the crash test of the notification outbox (crash.test.ts beside it),
 * run with tsx. Modes (argv[2]):
 *   queue-then-kill  queues an event's notifications in a committed transaction, then SIGKILLs itself before any send;
 *   send-then-kill   queues an event, then dispatches and SIGKILLs itself right after the first provider accepted a
 *                    message, before that answer is recorded;
 *   drain            a restarted process: delivers everything due and exits.
 * Environment: CRASH_DB_URL, CRASH_DB_SCHEMA, PUBLIC_URL (the parent's listening app with the stand-ins), CRASH_EVENT (JSON).
 */
import { createContext } from '../../bootstrap.ts';
import { loadConfig } from '../../config.ts';
import { openDatabase } from '../../db/database.ts';
import { createNotificationDispatcher, notifyConfig, queueNotifications } from './index.ts';

const mode = process.argv[2];
const db = await openDatabase({ url: process.env.CRASH_DB_URL, schema: process.env.CRASH_DB_SCHEMA, poolSize: 4 });
const config = loadConfig({ ...process.env, NODE_ENV: 'test', SEED_DEMO: '0', DATA_DIR: process.env.DATA_DIR ?? '/tmp/motcua-crash-child' });
const ctx = await createContext(config, db);
if (mode === 'queue-then-kill' || mode === 'send-then-kill') {
  const event = JSON.parse(process.env.CRASH_EVENT ?? '{}');
  await db.transaction((tx) => queueNotifications(tx, event, notifyConfig(config.publicUrl).lookupUrl));
  if (mode === 'queue-then-kill') process.kill(process.pid, 'SIGKILL');
  const dispatcher = createNotificationDispatcher(ctx, { leaseSeconds: 1, concurrency: 1, afterSend: () => process.kill(process.pid, 'SIGKILL') }, fetch);
  await dispatcher.drain();
} else {
  const dispatcher = createNotificationDispatcher(ctx, {}, fetch);
  await dispatcher.drain();
  await new Promise((r) => setTimeout(r, 500)); // the stand-ins' receipts
  await ctx.close();
  process.exit(0);
}
