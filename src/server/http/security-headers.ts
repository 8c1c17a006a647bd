/**
 * Security headers of every answer (helmet) and the caching rule of the API.
 *
 * - Content-Security-Policy: only this origin's scripts, styles, images, fonts and connections; no plugins, no
 *   <base>, forms only to this origin, and no framing at all (frame-ancestors 'none', with X-Frame-Options: DENY for
 *   older browsers). The single-page app needs nothing more; a server-rendered page with an inline <style> sends its
 *   own policy naming that style's hash (`pagePolicyWithStyle`).
 * - Referrer-Policy: no-referrer (dossier codes and share tokens live in URLs).
 * - Strict-Transport-Security in production only (a development server on http://localhost must stay reachable).
 * - `Cache-Control: no-store` on every API answer that does not set its own: API answers carry personal data
 *   (dossiers, profiles, uploads), which must stay out of shared and browser caches.
 */
import crypto from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import helmet from 'helmet';
import type { AppConfig } from '../config.ts';

export const CSP_DIRECTIVES = {
  defaultSrc: ["'self'"],
  scriptSrc: ["'self'"],
  styleSrc: ["'self'"],
  imgSrc: ["'self'", 'data:', 'blob:'],
  fontSrc: ["'self'"],
  connectSrc: ["'self'"],
  objectSrc: ["'none'"],
  baseUri: ["'none'"],
  formAction: ["'self'"],
  frameAncestors: ["'none'"],
  upgradeInsecureRequests: null,
} as const;

/** The policy of a server-rendered page whose only inline content is one <style> element. */
export function pagePolicyWithStyle(css: string): string {
  const hash = crypto.createHash('sha256').update(css, 'utf8').digest('base64');
  return `default-src 'none'; style-src 'sha256-${hash}'; img-src 'self' data:; form-action 'self'; frame-ancestors 'none'; base-uri 'none'`;
}

const API_PREFIXES = ['/api/', '/auth/'];

export async function registerSecurityHeaders(app: FastifyInstance, config: AppConfig): Promise<void> {
  // helmet's middleware, built once (@fastify/helmet, used before, built it again on every request: 3% of a
  // submission's CPU, issue 17), sets its headers on the response before the route runs.
  const setHeaders = helmet({
    contentSecurityPolicy: { useDefaults: false, directives: { ...CSP_DIRECTIVES } },
    frameguard: { action: 'deny' },
    referrerPolicy: { policy: 'no-referrer' },
    strictTransportSecurity: config.env === 'production' ? { maxAge: 31_536_000, includeSubDomains: true } : false,
  });
  app.addHook('onRequest', (req, reply, done) => setHeaders(req.raw, reply.raw, (err) => done(err instanceof Error ? err : undefined)));
  app.addHook('onSend', async (req, reply, payload) => {
    if (API_PREFIXES.some((p) => req.url.startsWith(p)) && !reply.hasHeader('cache-control')) reply.header('cache-control', 'no-store');
    return payload;
  });
}
