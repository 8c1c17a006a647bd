/** Entry point: `npm start` (after building the web app) runs this. */
import { buildApp } from './app.ts';
import { createContext } from './bootstrap.ts';
import { loadConfig } from './config.ts';

const config = loadConfig();
const ctx = await createContext(config);
const app = await buildApp(ctx, { logger: true });

const shutdown = async (signal: string) => {
  app.log.info({ signal }, 'shutting down');
  await app.close();
  await ctx.db.close();
  process.exit(0);
};
process.on('SIGINT', () => void shutdown('SIGINT'));
process.on('SIGTERM', () => void shutdown('SIGTERM'));

await app.listen({ port: config.port, host: config.host });
app.log.info(`MotCua đang chạy tại ${config.publicUrl} (cơ sở dữ liệu: ${ctx.db.kind})`);
