/** Entry point: `npm start` (after building the web app) runs this. */
import { buildApp } from './app.ts';
import { createContext } from './bootstrap.ts';
import { loadConfig } from './config.ts';
import { createOutboxWorker } from './modules/notifications/index.ts';
import { expireDrafts } from './modules/dossiers/index.ts';
import { CounterTicker } from './modules/metrics/index.ts';
import { seedDemoHistory } from './seed/demo-history.ts';
import { startPaymentJobs } from './modules/payments/index.ts';

const config = loadConfig();
const ctx = await createContext(config);
const app = await buildApp(ctx, { logger: true });
const worker = createOutboxWorker(ctx.db, ctx.mail.mailer, config.publicUrl, (err) => app.log.warn({ err }, 'outbox delivery failed'));
if (config.workers) worker.start();
// Payments: refund delivery, expiry sweep of abandoned intents, re-query of pending ones.
const stopPaymentJobs = config.workers ? startPaymentJobs(ctx, app.log) : async () => undefined;
// Expiry sweep for drafts untouched for DRAFT_TTL_DAYS (the web app warns in the last days).
const sweep = setInterval(() => {
  expireDrafts(ctx.db).then(
    (n) => n > 0 && app.log.info({ expired: n }, 'drafts expired'),
    (err: unknown) => app.log.warn({ err }, 'draft expiry sweep failed'),
  );
}, 60 * 60 * 1000);
sweep.unref();
if (ctx.mail.capture) app.log.info(`Máy chủ SMTP thử nghiệm (thu thư) đang nghe ở cổng ${ctx.mail.capture.port}`);

const shutdown = async (signal: string) => {
  app.log.info({ signal }, 'shutting down');
  clearInterval(sweep);
  await metricsTicker.stop();
  await worker.stop();
  await stopPaymentJobs();
  await app.close();
  await ctx.close();
  process.exit(0);
};
process.on('SIGINT', () => void shutdown('SIGINT'));
process.on('SIGTERM', () => void shutdown('SIGTERM'));

// On a fresh demo install, a synthetic history of the demo province is written first (once; MOTCUA_DEMO_HISTORY=0
// to skip; off under NODE_ENV=test unless MOTCUA_DEMO_HISTORY=1) so every dashboard is alive; then the 766
// counters follow the action log in the background.
const demoHistory = process.env.MOTCUA_DEMO_HISTORY ?? (process.env.NODE_ENV === 'test' ? '0' : '1');
if (config.seedDemo && demoHistory !== '0') {
  try {
    const history = await seedDemoHistory(ctx.db, { log: (m) => app.log.info(m) });
    if (!history.skipped) app.log.info(`Đã tạo lịch sử hồ sơ mẫu: ${history.dossiers} hồ sơ (${history.ms} ms)`);
  } catch (err) {
    app.log.warn({ err }, 'demo history failed');
  }
}
const metricsTicker = new CounterTicker(ctx.db);
if (config.workers) metricsTicker.start();

await app.listen({ port: config.port, host: config.host });
app.log.info(`MotCua đang chạy tại ${config.publicUrl} (cơ sở dữ liệu: ${ctx.db.kind})`);
