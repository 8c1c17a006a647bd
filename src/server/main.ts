/**
 * Entry point: `npm start` (after building the web app) runs this.
 *
 * Start, in order: configuration → context (database opened and migrated, demo data) → the HTTP app (not yet
 * listening) → the background jobs registered on the scheduler (when WORKERS is not 0) → signal handlers → the demo
 * history on a fresh demo install → the scheduler started → listening.
 *
 * Shutdown on SIGTERM or SIGINT: the listener closes at once (new connections refused; requests arriving on open
 * connections answered 503; idle keep-alive connections closed after a grace of up to 1 s); the requests in flight
 * finish (at most half of SHUTDOWN_TIMEOUT_MS) while the background jobs stop (no new runs; runs in progress get
 * SHUTDOWN_JOBS_MS to finish, leases of unfinished ones left to expire); then Fastify's close and the context (mail,
 * database), and exit 0. A second signal, or a shutdown longer than SHUTDOWN_TIMEOUT_MS (configurable, default
 * 30 s), forces the exit with code 1. From the signal on, /api/ready answers 503.
 */
import net from 'node:net';
import { buildApp } from './app.ts';
import { createContext, seedDemoHistoryOnce } from './bootstrap.ts';
import { loadConfig } from './config.ts';
import { backgroundJobs } from './background-jobs.ts';
import { Scheduler } from './jobs/scheduler.ts';

const config = loadConfig();
// The whole shutdown is bounded by SHUTDOWN_TIMEOUT_MS; the background jobs get at most a third of it to finish a
// run (an unfinished run leaves its leases to expire, and another server takes the work over).
const SHUTDOWN_TIMEOUT_MS = config.shutdownTimeoutMs;
const SHUTDOWN_JOBS_MS = Math.min(10_000, Math.floor(SHUTDOWN_TIMEOUT_MS / 3));
const ctx = await createContext(config);
const app = await buildApp(ctx, { logger: true });

const scheduler = new Scheduler({ log: app.log });
if (config.workers) for (const job of backgroundJobs(ctx, app.log)) scheduler.add(job);
else app.log.info('WORKERS=0: background jobs do not run in this process');
ctx.lifecycle.attachScheduler(() => scheduler.status());

let shuttingDown = false;
// Once shutting down, every response closes its connection: a keep-alive connection left idle would otherwise keep
// the closing server waiting until its keep-alive timeout.
app.addHook('onSend', async (_req, reply, payload) => {
  if (shuttingDown) reply.header('connection', 'close');
  return payload;
});
/** Requests in flight get at most half of SHUTDOWN_TIMEOUT_MS; connections still open then are cut. */
const SHUTDOWN_REQUESTS_MS = Math.floor(SHUTDOWN_TIMEOUT_MS / 2);
async function shutdown(signal: NodeJS.Signals): Promise<void> {
  if (shuttingDown) {
    app.log.warn({ signal }, 'second signal during shutdown: exiting now');
    process.exit(1);
  }
  shuttingDown = true;
  ctx.lifecycle.beginShutdown();
  // 1. The listener first, in the signal's own tick: no new connection is accepted from here on. A request arriving
  // on a connection already open is answered 503 (app.ts), the requests in flight finish, and each connection closes
  // after its answer (Connection: close above). Keep-alive connections still idle after a short grace are closed then,
  // not at once: a client may be sending on one right now, and a 503 tells it more than a reset. (net.Server's close,
  // not http.Server's, which would close the idle ones at once.) `closed` resolves when the last connection has gone.
  const closed = new Promise<void>((resolve) => net.Server.prototype.close.call(app.server, () => resolve()));
  const idleGrace = setTimeout(() => app.server.closeIdleConnections(), Math.min(1000, Math.floor(SHUTDOWN_REQUESTS_MS / 3)));
  app.log.info({ signal, timeoutMs: SHUTDOWN_TIMEOUT_MS }, 'shutting down');
  const force = setTimeout(() => {
    app.log.error({ timeoutMs: SHUTDOWN_TIMEOUT_MS }, 'shutdown took too long: exiting now');
    process.exit(1);
  }, SHUTDOWN_TIMEOUT_MS);
  force.unref();
  try {
    // 2. Meanwhile the background jobs stop (a run in progress gets SHUTDOWN_JOBS_MS; one that does not finish leaves
    // its leases to expire, and another server takes the work over). Neither waits for the other.
    let requestsTimer: NodeJS.Timeout | undefined;
    const requests = Promise.race([
      closed.then(() => true),
      new Promise<false>((resolve) => {
        requestsTimer = setTimeout(() => resolve(false), SHUTDOWN_REQUESTS_MS);
      }),
    ]);
    const [finished] = await Promise.all([requests, scheduler.stop(SHUTDOWN_JOBS_MS)]);
    clearTimeout(requestsTimer);
    clearTimeout(idleGrace);
    if (!finished) {
      app.log.warn({ waitedMs: SHUTDOWN_REQUESTS_MS }, 'requests still in flight when the shutdown wait ran out: connections closed');
      app.server.closeAllConnections();
    }
    // 3. Fastify's own close (its onClose hooks; the listener is already closed), then mail and database.
    await app.close();
    await ctx.close();
  } catch (err) {
    app.log.error({ err }, 'shutdown failed');
    process.exit(1);
  }
  process.exit(0);
}
process.on('SIGINT', (signal) => void shutdown(signal));
process.on('SIGTERM', (signal) => void shutdown(signal));

if (ctx.mail.capture) app.log.info(`Máy chủ SMTP thử nghiệm (thu thư) đang nghe ở cổng ${ctx.mail.capture.port}`);

// On a fresh demo install, a synthetic history of the demo province is written first (once; MOTCUA_DEMO_HISTORY=0
// to skip; off under NODE_ENV=test unless MOTCUA_DEMO_HISTORY=1) so every dashboard is alive; then the 766
// counters follow the action log in the background.
const demoHistory = process.env.MOTCUA_DEMO_HISTORY ?? (process.env.NODE_ENV === 'test' ? '0' : '1');
if (config.seedDemo && demoHistory !== '0' && !shuttingDown) {
  try {
    // Under the migration lock: of several servers starting together, one writes the history, the others skip it.
    const history = await seedDemoHistoryOnce(ctx.db, { log: (m) => app.log.info(m) });
    if (!history.skipped) app.log.info(`Đã tạo lịch sử hồ sơ mẫu: ${history.dossiers} hồ sơ (${history.ms} ms)`);
  } catch (err) {
    app.log.warn({ err }, 'demo history failed');
  }
}

if (!shuttingDown) {
  scheduler.start();
  await app.listen({ port: config.port, host: config.host });
  app.log.info(`MotCua đang chạy tại ${config.publicUrl} (cơ sở dữ liệu: ${ctx.db.kind})`);
}
