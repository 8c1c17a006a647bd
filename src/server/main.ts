/** Entry point: `npm start` (after building the web app) runs this. */
import { buildApp } from './app.ts';
import { createContext } from './bootstrap.ts';
import { loadConfig } from './config.ts';
import { createOutboxWorker } from './modules/notifications/service.ts';
import { expireDrafts } from './modules/dossiers/drafts.ts';

const config = loadConfig();
const ctx = await createContext(config);
const app = await buildApp(ctx, { logger: true });
const worker = createOutboxWorker(ctx.db, ctx.mail.mailer, config.publicUrl, (err) => app.log.warn({ err }, 'outbox delivery failed'));
if (config.workers) worker.start();
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
  await worker.stop();
  await app.close();
  await ctx.close();
  process.exit(0);
};
process.on('SIGINT', () => void shutdown('SIGINT'));
process.on('SIGTERM', () => void shutdown('SIGTERM'));

await app.listen({ port: config.port, host: config.host });
app.log.info(`MotCua đang chạy tại ${config.publicUrl} (cơ sở dữ liệu: ${ctx.db.kind})`);
