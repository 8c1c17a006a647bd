/**
 * Builds the Fastify application: sessions and CSRF, the error convention, every domain module,
 * and the single-page web app (served from dist/web when built).
 */
import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';
import { fileURLToPath } from 'node:url';
import Fastify, { type FastifyInstance, type FastifyReply } from 'fastify';
import cookie from '@fastify/cookie';
import compress from '@fastify/compress';
import formbody from '@fastify/formbody';
import fastifyStatic from '@fastify/static';
import rateLimit from '@fastify/rate-limit';
import type { AppContext } from './context.ts';
import { AppError, appError, errorBody } from './http/errors.ts';
import { isDataException, isMalformedMultipart, registerInputGuards } from './http/input-guards.ts';
import { databaseRateLimitStore } from './http/rate-limit-store.ts';
import { installContract } from './http/route.ts';
import { registerSecurityHeaders } from './http/security-headers.ts';
import { registerSessions } from './http/session.ts';
import { modules } from './modules/index.ts';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
/** The built web app; WEB_DIST overrides it (browser tests build into their own folder). */
export const WEB_DIST = process.env.WEB_DIST ? path.resolve(process.env.WEB_DIST) : path.join(ROOT, 'dist/web');

export async function buildApp(ctx: AppContext, opts: { logger?: boolean } = {}): Promise<FastifyInstance> {
  const app = Fastify({
    logger: opts.logger ? { level: process.env.LOG_LEVEL ?? 'info' } : false,
    // Only the configured reverse proxies may set X-Forwarded-For (TRUSTED_PROXIES); none by default, so a
    // client cannot choose the address its rate limits are counted under.
    trustProxy: ctx.config.trustedProxies.length > 0 ? [...ctx.config.trustedProxies] : false,
    bodyLimit: 2 * 1024 * 1024,
    // The router's own refusals (a path parameter over 100 characters, a malformed URL) in the usual error shape,
    // in Vietnamese, instead of Fastify's English body.
    frameworkErrors: (err, _req, reply) => {
      const status = err.code === 'FST_ERR_MAX_PARAM_LENGTH' ? 414 : 400;
      void (reply as unknown as FastifyReply).status(status).send(errorBody(appError('BAD_REQUEST')));
    },
  });

  // Once the process is shutting down (SIGTERM, main.ts), a request that comes on a connection opened before the signal
  // is answered 503 NOT_READY with Connection: close and does nothing: only requests already in flight finish. The
  // first hook: it runs in the tick in which the request's headers are read, so a request read before the signal runs.
  // Readiness says why (shutting down) and liveness stays up: the process is alive and finishing its requests.
  app.addHook('onRequest', async (req, reply) => {
    if (!ctx.lifecycle.shuttingDown || req.url === '/api/ready' || req.url === '/api/health') return;
    reply.header('connection', 'close').header('retry-after', '5');
    throw appError('NOT_READY');
  });
  installContract(app, { check: ctx.config.contractChecks });
  registerInputGuards(app);
  await registerSecurityHeaders(app, ctx.config);
  await app.register(cookie, { secret: ctx.config.cookieSecret });
  await app.register(formbody);
  await app.register(rateLimit, {
    global: false,
    // Counted in the database, so that every server agrees on a client's requests.
    store: databaseRateLimitStore(ctx.db),
    errorResponseBuilder: (_req, ctx) => {
      const seconds = Math.ceil(ctx.ttl / 1000);
      return new AppError('RATE_LIMITED', `Bạn đã thử quá nhiều lần. Vui lòng thử lại sau ${seconds} giây.`, 429, undefined, { seconds }) as unknown as {
        statusCode: number;
      };
    },
  });
  registerSessions(app, ctx.db, ctx.config);
  // Every text answer (API JSON, index.html) compressed when the browser accepts it; static files are sent from
  // their precompressed copies instead (scripts/precompress.ts), so the encoder never runs on them.
  await app.register(compress, {
    global: true,
    threshold: 1024,
    encodings: ['br', 'gzip'],
    brotliOptions: { params: { [zlib.constants.BROTLI_PARAM_QUALITY]: 4 } },
  });

  app.setErrorHandler((err, req, reply) => {
    if (err instanceof AppError) {
      return reply.status(err.status).send(errorBody(err));
    }
    const e = err as { statusCode?: number; code?: string; validation?: unknown; message?: string };
    if (e.code === 'FST_ERR_CTP_INVALID_JSON_BODY' || (e.statusCode === 400 && /JSON/i.test(e.message ?? ''))) {
      return reply.status(400).send({ error: { code: 'MALFORMED_JSON', message: 'Dữ liệu gửi lên không phải JSON hợp lệ.' } });
    }
    if (isMalformedMultipart(e, req.headers['content-type'])) {
      return reply.status(400).send({
        error: {
          code: 'MALFORMED_MULTIPART',
          message: 'Tệp gửi lên không đúng định dạng multipart/form-data (thiếu ranh giới hoặc bị cắt ngang). Vui lòng gửi lại.',
        },
      });
    }
    if (isDataException(err as { code?: unknown })) {
      req.log.warn({ err }, 'input refused by the database');
      return reply
        .status(400)
        .send({ error: { code: 'VALIDATION_FAILED', message: 'Dữ liệu gửi lên không hợp lệ. Vui lòng kiểm tra lại các trường được đánh dấu.' } });
    }
    if (e.code === 'FST_ERR_CTP_BODY_TOO_LARGE') {
      return reply.status(413).send({ error: { code: 'PAYLOAD_TOO_LARGE', message: 'Dữ liệu gửi lên vượt quá dung lượng cho phép.' } });
    }
    if (e.code === 'FST_ERR_CTP_INVALID_MEDIA_TYPE') {
      return reply.status(415).send({ error: { code: 'UNSUPPORTED_MEDIA_TYPE', message: 'Định dạng dữ liệu gửi lên không được hỗ trợ.' } });
    }
    if (e.statusCode && e.statusCode >= 400 && e.statusCode < 500) {
      return reply.status(e.statusCode).send({ error: { code: 'BAD_REQUEST', message: 'Yêu cầu không hợp lệ.' } });
    }
    req.log.error(err);
    // Tests build the app without a logger; MOTCUA_DEBUG_ERRORS=1 prints unexpected errors there.
    if (process.env.MOTCUA_DEBUG_ERRORS) console.error(err);
    return reply.status(500).send({ error: { code: 'INTERNAL', message: 'Hệ thống gặp sự cố. Vui lòng thử lại sau.' } });
  });

  for (const register of modules) await register(app, ctx);

  // The web app: static assets plus index.html for every non-API path (client-side routing).
  if (fs.existsSync(path.join(WEB_DIST, 'index.html'))) {
    await app.register(fastifyStatic, {
      root: WEB_DIST,
      wildcard: false,
      index: false,
      preCompressed: true,
      // Vite names every file under /assets/ by its content hash: cached for a year; anything else is revalidated.
      cacheControl: false,
      setHeaders: (res, file) => {
        const hashed = path.relative(WEB_DIST, file).startsWith(`assets${path.sep}`);
        res.setHeader('Cache-Control', hashed ? 'public, max-age=31536000, immutable' : 'no-cache');
      },
    });
    const indexHtml = fs.readFileSync(path.join(WEB_DIST, 'index.html'), 'utf8');
    app.setNotFoundHandler((req, reply) => {
      if (req.method === 'GET' && !req.url.startsWith('/api/') && !req.url.startsWith('/eid/')) {
        return reply.type('text/html; charset=utf-8').header('Cache-Control', 'no-cache').send(indexHtml);
      }
      return reply.status(404).send({ error: { code: 'NOT_FOUND', message: 'Không tìm thấy địa chỉ yêu cầu.' } });
    });
  } else {
    app.setNotFoundHandler((_req, reply) => reply.status(404).send({ error: { code: 'NOT_FOUND', message: 'Không tìm thấy địa chỉ yêu cầu.' } }));
  }
  return app;
}
