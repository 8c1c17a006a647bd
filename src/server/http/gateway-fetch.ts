/**
 * How this server reaches a gateway's or a stand-in's URLs (payments, notifications, liên thông, remote signing). A
 * real gateway is called over the network with fetch. The stand-ins are served by this same server: when the server
 * is not listening on a socket (integration tests build the app without one), calls to its own public URL go through
 * Fastify's inject — the same routes, parsing and hooks, without the TCP socket.
 */
import type { FastifyInstance } from 'fastify';
import type { AppContext } from '../context.ts';

const apps = new WeakMap<AppContext, FastifyInstance>();

export function bindTransport(ctx: AppContext, app: FastifyInstance): void {
  apps.set(ctx, app);
}

export function gatewayFetch(ctx: AppContext): typeof fetch {
  return (async (input: string | URL | Request, init?: RequestInit) => {
    const url = typeof input === 'string' ? input : input instanceof URL ? input.href : input.url;
    const app = apps.get(ctx);
    if (app && url.startsWith(ctx.config.publicUrl) && !app.server.listening) {
      const res = await app.inject({
        method: (init?.method ?? 'GET') as 'GET' | 'POST',
        url: url.slice(ctx.config.publicUrl.length) || '/',
        headers: Object.fromEntries(new Headers(init?.headers).entries()),
        payload: typeof init?.body === 'string' ? init.body : undefined,
      });
      return new Response(new Uint8Array(res.rawPayload), {
        status: res.statusCode,
        headers: { 'content-type': String(res.headers['content-type'] ?? 'application/json') },
      });
    }
    return fetch(input, init);
  }) as typeof fetch;
}
