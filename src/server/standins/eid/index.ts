/**
 * Mounts the VNeID stand-in on MotCua's Fastify server under /eid: oidc-provider answers every
 * /eid/* request on the raw Node request/response (Fastify steps aside with reply.hijack()), except the
 * interaction pages /eid/interaction/:uid…, which are the stand-in's own login pages rendered here.
 *
 * Mounted only when MotCua is configured to use it (OIDC_ISSUER empty, or equal to PUBLIC_URL/eid).
 */
import type { IncomingMessage } from 'node:http';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type Provider from 'oidc-provider';
import type { AppConfig } from '../../config.ts';
import type { AppContext } from '../../context.ts';
import { authenticate, STANDIN_ACR } from './accounts.ts';
import { errorPage, loginPage } from './pages.ts';
import { createEidProvider, EID_MOUNT_PATH } from './provider.ts';

export const CLIENT_NAME = 'Cổng dịch vụ công MotCua';

/** The issuer identifier of the built-in stand-in for this installation. */
export function standinIssuer(config: AppConfig): string {
  return `${config.publicUrl}${EID_MOUNT_PATH}`;
}

/** Whether MotCua authenticates citizens against the built-in stand-in (rather than a real provider). */
export function usesStandin(config: AppConfig): boolean {
  const issuer = config.oidc.issuer.replace(/\/$/, '');
  return issuer === '' || issuer === standinIssuer(config);
}

const timeFormat = new Intl.DateTimeFormat('vi-VN', {
  timeZone: 'Asia/Ho_Chi_Minh',
  hour: '2-digit',
  minute: '2-digit',
  day: '2-digit',
  month: '2-digit',
  year: 'numeric',
});

const pageHeaders = {
  'cache-control': 'no-store',
  'x-frame-options': 'DENY',
  'content-security-policy': "default-src 'none'; style-src 'unsafe-inline'; img-src 'self' data:; form-action 'self'; frame-ancestors 'none'; base-uri 'none'",
  'referrer-policy': 'no-referrer',
};

function sendPage(reply: FastifyReply, status: number, html: string) {
  return reply.status(status).headers(pageHeaders).type('text/html; charset=utf-8').send(html);
}

const expiredPage = () =>
  errorPage(
    'Phiên đăng nhập đã hết hạn',
    'Phiên đăng nhập này đã hết hạn hoặc không còn hợp lệ (quá 10 phút, hoặc đã được dùng). Hãy quay lại trang dịch vụ công và bấm "Đăng nhập" lại.',
    {
      href: '/',
      text: 'Về trang dịch vụ công',
    },
  );

export async function registerEidStandin(app: FastifyInstance, ctx: AppContext): Promise<Provider | null> {
  const { config, db } = ctx;
  if (!usesStandin(config)) return null;
  if (config.env === 'production') {
    app.log.warn('VNeID stand-in (môi trường thử nghiệm) is active: citizens log in with synthetic accounts. Set OIDC_ISSUER for the real e-ID.');
  }

  const provider = await createEidProvider({
    issuer: standinIssuer(config),
    db,
    cookieSecret: config.cookieSecret,
    client: {
      clientId: config.oidc.clientId,
      clientSecret: config.oidc.clientSecret,
      clientName: CLIENT_NAME,
      redirectUri: `${config.publicUrl}/auth/callback`,
      postLogoutRedirectUri: `${config.publicUrl}/`,
    },
  });

  provider.on('server_error', (_ctx: unknown, err: unknown) => app.log.error({ err }, 'VNeID stand-in: server error'));

  const clientName = async (clientId: unknown): Promise<string> => {
    const client = typeof clientId === 'string' ? await provider.Client.find(clientId).catch(() => undefined) : undefined;
    return (client?.clientName as string | undefined) ?? CLIENT_NAME;
  };

  /** The pending interaction for this browser, only if it is the one named in the URL. */
  const currentInteraction = async (req: FastifyRequest, reply: FastifyReply, uid: string) => {
    try {
      // Reads the signed interaction cookie; writes nothing to the response.
      const details = await provider.interactionDetails(req.raw, reply.raw);
      return details.uid === uid ? details : null;
    } catch {
      return null;
    }
  };

  /** Ends the interaction and sends the browser back to the authorization endpoint (raw response). */
  const finish = async (req: FastifyRequest, reply: FastifyReply, result: Record<string, unknown>) => {
    reply.hijack();
    try {
      await provider.interactionFinished(req.raw, reply.raw, result, { mergeWithLastSubmission: false });
    } catch (err) {
      // The interaction expired or was finished meanwhile (another tab).
      req.log.warn({ err: { message: (err as Error).message } }, 'VNeID stand-in: interaction could not be finished');
      if (!reply.raw.headersSent) {
        for (const [k, v] of Object.entries(pageHeaders)) reply.raw.setHeader(k, v);
        reply.raw.writeHead(400, { 'content-type': 'text/html; charset=utf-8' });
      }
      reply.raw.end(expiredPage());
    }
    return reply;
  };

  // --- interaction pages -------------------------------------------------------------------------
  app.get<{ Params: { uid: string } }>(`${EID_MOUNT_PATH}/interaction/:uid`, async (req, reply) => {
    const details = await currentInteraction(req, reply, req.params.uid);
    if (!details) return sendPage(reply, 400, expiredPage());
    if (details.prompt.name !== 'login') {
      // Consent is implicit for the first-party client; anything else is not offered by the stand-in.
      return finish(req, reply, { error: 'access_denied', error_description: 'Ứng dụng không được phép truy cập.' });
    }
    const hint = typeof details.params.login_hint === 'string' ? details.params.login_hint.replace(/\s+/g, '') : '';
    return sendPage(
      reply,
      200,
      loginPage({ uid: details.uid, clientName: await clientName(details.params.client_id), idNumber: /^\d{1,12}$/.test(hint) ? hint : '' }),
    );
  });

  app.post<{ Params: { uid: string }; Body: { idNumber?: unknown; password?: unknown } }>(`${EID_MOUNT_PATH}/interaction/:uid/login`, async (req, reply) => {
    const details = await currentInteraction(req, reply, req.params.uid);
    if (details?.prompt.name !== 'login') return sendPage(reply, 400, expiredPage());
    const body = (req.body ?? {}) as { idNumber?: unknown; password?: unknown };
    const idNumber = typeof body.idNumber === 'string' ? body.idNumber.replace(/\s+/g, '') : '';
    const password = typeof body.password === 'string' ? body.password : '';
    const name = await clientName(details.params.client_id);
    const again = (status: number, errors: { idNumberError?: string; passwordError?: string; formError?: string }) =>
      sendPage(reply, status, loginPage({ uid: details.uid, clientName: name, idNumber: idNumber.slice(0, 12), ...errors }));

    const idNumberError = !idNumber ? 'Nhập số định danh cá nhân.' : !/^\d{12}$/.test(idNumber) ? 'Số định danh cá nhân gồm đúng 12 chữ số.' : undefined;
    const passwordError = !password ? 'Nhập mật khẩu.' : undefined;
    if (idNumberError || passwordError) return again(400, { idNumberError, passwordError });

    const result = await authenticate(db, idNumber, password);
    if (!result.ok && result.reason === 'locked') {
      return again(429, {
        formError: `Số định danh này đã nhập sai mật khẩu quá nhiều lần nên bị tạm khoá đến ${timeFormat.format(result.lockedUntil)} (giờ Việt Nam). Vui lòng thử lại sau.`,
      });
    }
    if (!result.ok) {
      return again(401, {
        formError: `Số định danh cá nhân hoặc mật khẩu không đúng. Còn ${result.remaining} lần thử trước khi bị tạm khoá.`,
      });
    }
    return finish(req, reply, { login: { accountId: result.resident.sub, acr: STANDIN_ACR, amr: ['pwd'], remember: false } });
  });

  app.post<{ Params: { uid: string } }>(`${EID_MOUNT_PATH}/interaction/:uid/abort`, async (req, reply) => {
    const details = await currentInteraction(req, reply, req.params.uid);
    if (!details) return sendPage(reply, 400, expiredPage());
    return finish(req, reply, { error: 'access_denied', error_description: 'Người dùng đã huỷ đăng nhập.' });
  });

  // --- everything else under /eid: oidc-provider itself ------------------------------------------
  const handle = provider.callback();
  await app.register(async (scope) => {
    // oidc-provider reads request bodies itself: leave the stream untouched.
    scope.removeAllContentTypeParsers();
    scope.addContentTypeParser('*', (_req, _payload, done) => done(null, undefined));
    scope.all(`${EID_MOUNT_PATH}/*`, (req, reply) => {
      reply.hijack();
      const raw = req.raw as IncomingMessage & { originalUrl?: string; baseUrl?: string };
      const url = raw.url ?? '/';
      // As when mounted in a framework: oidc-provider sees the path below the mount point and finds the
      // mount point from originalUrl to build its own URLs.
      raw.originalUrl = url;
      raw.baseUrl = EID_MOUNT_PATH;
      raw.url = url.slice(EID_MOUNT_PATH.length) || '/';
      reply.raw.once('finish', () => {
        raw.url = url;
      });
      handle(raw, reply.raw);
    });
  });

  return provider;
}

/** Module registration (for src/server/modules/index.ts). */
export default async function eidStandin(app: FastifyInstance, ctx: AppContext): Promise<void> {
  await registerEidStandin(app, ctx);
}
