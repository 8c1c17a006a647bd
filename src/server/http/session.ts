/**
 * Server-side sessions and CSRF protection.
 *
 * - The session id lives only in an HttpOnly, SameSite=Lax cookie (Secure in production); the database
 *   stores its SHA-256, so a leaked table does not leak sessions. A new id is issued at every login.
 * - CSRF: signed double-submit cookie. `motcua_csrf` holds `random.hmac(random, sessionId)`; the browser
 *   echoes it in the `X-CSRF-Token` header on every state-changing request. A cross-site page can neither
 *   read the cookie nor set the header, and a token minted for another session does not verify.
 */
import crypto from 'node:crypto';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { systemNow } from '../clock.ts';
import type { AppConfig } from '../config.ts';
import type { Database } from '../db/database.ts';
import { AppError } from './errors.ts';
import { isCsrfExempt, readsSessionItself } from './route.ts';

export const SESSION_COOKIE = 'motcua_sid';
export const CSRF_COOKIE = 'motcua_csrf';
export const CSRF_HEADER = 'x-csrf-token';
const SESSION_TTL_MS = 8 * 60 * 60 * 1000; // one working day

export type SessionKind = 'citizen' | 'official';

export interface Session {
  /** The raw id is never stored; this is its hash. */
  idHash: string;
  kind: SessionKind;
  /** Who is logged in: for a citizen the e-ID claims summary, for an official the account. */
  subject: Record<string, unknown>;
  createdAt: Date;
  expiresAt: Date;
}

/** A session as stored. */
export interface SessionRow {
  id_hash: string;
  kind: SessionKind;
  subject: Record<string, unknown>;
  created_at: Date | string;
  expires_at: Date | string;
}

/** The statement reading a live session by its hash, given as the parameter `param` (e.g. `$1`). */
export const liveSessionSql = (param: string) =>
  `SELECT id_hash, kind, subject, created_at, expires_at FROM sessions WHERE id_hash = ${param} AND expires_at > now()`;

const sessionOf = (row: SessionRow): Session => ({
  idHash: row.id_hash,
  kind: row.kind,
  subject: row.subject,
  createdAt: new Date(row.created_at),
  expiresAt: new Date(row.expires_at),
});

/**
 * The session of a request whose route reads it in its own first statement (RouteSpec.sessionInFirstRead): the hook
 * sent no statement for it. The handler reads `liveSessionSql` with `idHash` in its first statement and passes the row
 * (or none) to `settle`, which decides as the hook would have: the session, then the CSRF token against it (403), so
 * before anything else of the request is used. Until it is settled the request has no session (`requireActor` says 401).
 */
export interface SessionToRead {
  idHash: string;
  settle(row: SessionRow | undefined): void;
}

declare module 'fastify' {
  interface FastifyRequest {
    session: Session | null;
    /** Raw session id from the cookie, when a valid session was found. */
    sessionId: string | null;
    /** Set instead of `session` for a route that reads the session itself (see SessionToRead). */
    sessionToRead: SessionToRead | null;
  }
}

const sha256 = (s: string) => crypto.createHash('sha256').update(s).digest('hex');

/** A CSRF token bound to a session id (or to no session): `nonce.HMAC(secret, nonce|sessionId)`. */
export function mintCsrfToken(secret: string, sessionId: string | null): string {
  const nonce = crypto.randomBytes(18).toString('base64url');
  return `${nonce}.${crypto
    .createHmac('sha256', secret)
    .update(`${nonce}|${sessionId ?? ''}`)
    .digest('base64url')}`;
}

export function registerSessions(app: FastifyInstance, db: Database, config: AppConfig): void {
  const secure = config.env === 'production';
  const hmac = (value: string) => crypto.createHmac('sha256', config.cookieSecret).update(value).digest('base64url');
  const mintCsrf = (sessionId: string | null) => mintCsrfToken(config.cookieSecret, sessionId);
  const csrfValid = (token: string | undefined, sessionId: string | null) => {
    if (!token) return false;
    const [nonce, mac] = token.split('.');
    if (!nonce || !mac) return false;
    const expected = hmac(`${nonce}|${sessionId ?? ''}`);
    return mac.length === expected.length && crypto.timingSafeEqual(Buffer.from(mac), Buffer.from(expected));
  };
  const setCsrfCookie = (reply: FastifyReply, sessionId: string | null) => {
    reply.setCookie(CSRF_COOKIE, mintCsrf(sessionId), { path: '/', httpOnly: false, sameSite: 'strict', secure });
  };

  const csrfInvalid = () => new AppError('CSRF_INVALID', 'Yêu cầu không hợp lệ hoặc phiên làm việc đã thay đổi. Vui lòng tải lại trang và thử lại.', 403);

  app.decorateRequest('session', null);
  app.decorateRequest('sessionId', null);
  app.decorateRequest('sessionToRead', null);

  app.addHook('onRequest', async (req, reply) => {
    const raw = req.cookies[SESSION_COOKIE];
    const method = req.method.toUpperCase();
    const safe = method === 'GET' || method === 'HEAD' || method === 'OPTIONS';
    const csrfChecked = !safe && !req.url.startsWith('/eid/') && !isCsrfExempt(method, req.routeOptions.url);
    const header = req.headers[CSRF_HEADER];
    const token = Array.isArray(header) ? header[0] : header;
    if (csrfChecked && token !== req.cookies[CSRF_COOKIE]) throw csrfInvalid();
    if (raw && !safe && readsSessionItself(method, req.routeOptions.url)) {
      req.sessionToRead = {
        idHash: sha256(raw),
        settle(row) {
          req.sessionToRead = null;
          if (row) {
            req.session = sessionOf(row);
            req.sessionId = raw;
          }
          if (csrfChecked && !csrfValid(token, req.sessionId)) throw csrfInvalid();
        },
      };
      return;
    }
    if (raw) {
      const row = (await db.query<SessionRow>(liveSessionSql('$1'), [sha256(raw)])).rows[0];
      if (row) {
        req.session = sessionOf(row);
        req.sessionId = raw;
      }
    }
    if (csrfChecked && !csrfValid(token, req.sessionId)) throw csrfInvalid();
    if (safe && !csrfValid(req.cookies[CSRF_COOKIE], req.sessionId)) setCsrfCookie(reply, req.sessionId);
  });

  app.decorateReply('startSession', async function (this: FastifyReply, kind: SessionKind, subject: Record<string, unknown>) {
    const req = this.request;
    if (req.session) await db.query('DELETE FROM sessions WHERE id_hash = $1', [req.session.idHash]);
    const id = crypto.randomBytes(32).toString('base64url');
    const expiresAt = new Date(Date.now() + SESSION_TTL_MS);
    await db.query('INSERT INTO sessions (id_hash, kind, subject, expires_at) VALUES ($1, $2, $3, $4)', [sha256(id), kind, subject, expiresAt]);
    this.setCookie(SESSION_COOKIE, id, { path: '/', httpOnly: true, sameSite: 'lax', secure, expires: expiresAt });
    setCsrfCookie(this, id);
    req.session = { idHash: sha256(id), kind, subject, createdAt: systemNow(), expiresAt };
    req.sessionId = id;
  });

  app.decorateReply('endSession', async function (this: FastifyReply) {
    const req = this.request;
    if (req.session) await db.query('DELETE FROM sessions WHERE id_hash = $1', [req.session.idHash]);
    req.session = null;
    req.sessionId = null;
    this.clearCookie(SESSION_COOKIE, { path: '/' });
    setCsrfCookie(this, null);
  });
}

declare module 'fastify' {
  interface FastifyReply {
    /** Starts a fresh session (a new id, the old one destroyed) and sets its cookies. */
    startSession(kind: SessionKind, subject: Record<string, unknown>): Promise<void>;
    endSession(): Promise<void>;
  }
}

export function requireSession(req: FastifyRequest, kind?: SessionKind): Session {
  if (!req.session || (kind && req.session.kind !== kind)) {
    throw new AppError('UNAUTHENTICATED', 'Bạn cần đăng nhập để thực hiện thao tác này.', 401);
  }
  return req.session;
}
