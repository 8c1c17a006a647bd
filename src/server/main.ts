/** Entry point: `npm start` (after building the web app) runs this. */
import { buildApp } from './app.ts';
import { createContext } from './bootstrap.ts';
import { loadConfig } from './config.ts';
import { createOutboxWorker } from './modules/notifications/service.ts';

const config = loadConfig();
const ctx = await createContext(config);
const app = await buildApp(ctx, { logger: true });
const worker = createOutboxWorker(ctx.db, ctx.mail.mailer, config.publicUrl, (err) => app.log.warn({ err }, 'outbox delivery failed'));
if (config.workers) worker.start();
if (ctx.mail.capture) app.log.info(`Máy chủ SMTP thử nghiệm (thu thư) đang nghe ở cổng ${ctx.mail.capture.port}`);

const shutdown = async (signal: string) => {
  app.log.info({ signal }, 'shutting down');
  await worker.stop();
  await app.close();
  await ctx.close();
  process.exit(0);
};
process.on('SIGINT', () => void shutdown('SIGINT'));
process.on('SIGTERM', () => void shutdown('SIGTERM'));

await app.listen({ port: config.port, host: config.host });
app.log.info(`MotCua đang chạy tại ${config.publicUrl} (cơ sở dữ liệu: ${ctx.db.kind})`);
