/**
 * Citizen login through the national e-ID (OpenID Connect authorization code flow with PKCE):
 *   GET  /auth/login?returnTo=/path   → redirect to the provider (state, nonce, S256 code challenge)
 *   GET  /auth/callback               → checks state, exchanges the code, verifies the ID token, starts a session
 *   POST /auth/logout                 → ends the session (CSRF-protected), returns where to go next
 *   GET  /api/session                 → who is logged in
 */
import crypto from 'node:crypto';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import * as client from 'openid-client';
import { HTML, redirect } from '../../../contract/http.ts';
import { LoginCallbackQuery, LoginQuery, LogoutResult, SessionInfo } from '../../../contract/session.ts';
import { systemNow } from '../../clock.ts';
import type { AppContext } from '../../context.ts';
import { defineRoute, describeRoute } from '../../http/route.ts';
import { pagePolicyWithStyle } from '../../http/security-headers.ts';
import { ASSIST_COOKIE, claimAssistedSession } from '../community/index.ts';
import type { ModuleRegistration } from '../index.ts';
import { identityFromClaims, maskIdNumber, needsUserinfo } from './claims.ts';
import { upsertCitizen } from './citizens.ts';
import { LOGIN_ERROR_STYLE, loginErrorPage } from './pages.ts';
import { postLogoutRedirectUriOf, redirectUriOf, RelyingParty, type RelyingPartyOptions } from './relying-party.ts';
import { safeReturnTo } from './return-to.ts';
import { saveTransaction, takeTransaction, TRANSACTION_TTL_MS } from './transactions.ts';

/** HttpOnly cookie binding login transactions to the browser that started them. */
export const LOGIN_BINDING_COOKIE = 'motcua_oidc';

/** Scope asked of the provider. The DVCQG broker releases the e-ID attributes under `openid`. */
const SCOPE = 'openid';

/** JWT bookkeeping that is not about the citizen (not kept in citizens.claims). */
const PROTOCOL_CLAIMS = new Set(['iss', 'aud', 'exp', 'iat', 'nbf', 'nonce', 'at_hash', 'c_hash', 's_hash', 'auth_time', 'azp', 'sid', 'jti']);

const MESSAGES = {
  OIDC_STATE_MISMATCH: 'Phiên đăng nhập không hợp lệ, đã được sử dụng hoặc đã hết hạn (quá 10 phút). Vui lòng đăng nhập lại.',
  OIDC_LOGIN_CANCELLED: 'Bạn đã huỷ đăng nhập bằng tài khoản định danh điện tử.',
  OIDC_PROVIDER_ERROR: 'Hệ thống định danh điện tử từ chối yêu cầu đăng nhập. Vui lòng thử lại.',
  OIDC_PROVIDER_UNAVAILABLE: 'Không kết nối được hệ thống định danh điện tử. Vui lòng thử lại sau ít phút.',
  OIDC_TOKEN_INVALID: 'Không xác thực được thông tin đăng nhập nhận từ hệ thống định danh điện tử. Vui lòng đăng nhập lại.',
  OIDC_CLAIMS_MISSING: 'Hệ thống định danh điện tử không cung cấp đủ thông tin (số định danh cá nhân, họ và tên) để đăng nhập.',
} as const;
type LoginErrorCode = keyof typeof MESSAGES;

function prefersJson(req: FastifyRequest): boolean {
  const accept = req.headers.accept ?? '';
  return accept.includes('application/json') && !accept.includes('text/html');
}

export function identityModule(options: RelyingPartyOptions = {}): ModuleRegistration {
  return async function identityRoutes(app: FastifyInstance, ctx: AppContext): Promise<void> {
    const { config, db } = ctx;
    const rp = new RelyingParty(config, options);
    const secure = config.env === 'production';

    const fail = (req: FastifyRequest, reply: FastifyReply, status: number, code: LoginErrorCode, returnTo = '/') => {
      const message = MESSAGES[code];
      reply.status(status).header('cache-control', 'no-store');
      if (prefersJson(req)) return reply.send({ error: { code, message } });
      return reply
        .type('text/html; charset=utf-8')
        .header('content-security-policy', pagePolicyWithStyle(LOGIN_ERROR_STYLE))
        .send(loginErrorPage({ code, message, retryHref: `/auth/login?returnTo=${encodeURIComponent(returnTo)}` }));
    };

    describeRoute({
      method: 'GET',
      url: '/auth/login',
      summary: 'Đăng nhập bằng tài khoản định danh điện tử: chuyển đến hệ thống định danh (OpenID Connect, PKCE)',
      tags: ['identity'],
      query: LoginQuery,
      response: redirect(
        303,
        'the e-ID provider’s authorization endpoint (state, nonce, S256 code challenge); an HTML error page (or JSON error) when the provider cannot be reached',
      ),
    });
    app.get<{ Querystring: { returnTo?: string } }>('/auth/login', async (req, reply) => {
      const returnTo = safeReturnTo(req.query.returnTo);
      let oidc: client.Configuration;
      try {
        oidc = await rp.configuration();
      } catch (err) {
        req.log.error({ err }, 'OpenID provider discovery failed');
        return fail(req, reply, 503, 'OIDC_PROVIDER_UNAVAILABLE', returnTo);
      }
      const codeVerifier = client.randomPKCECodeVerifier();
      const codeChallenge = await client.calculatePKCECodeChallenge(codeVerifier);
      const state = client.randomState();
      const nonce = client.randomNonce();
      // One binding value per browser, reused by parallel logins (two tabs) until it expires.
      const existing = req.cookies[LOGIN_BINDING_COOKIE];
      const binding = existing && /^[A-Za-z0-9_-]{43}$/.test(existing) ? existing : crypto.randomBytes(32).toString('base64url');
      await saveTransaction(db, { state, codeVerifier, nonce, returnTo }, binding);
      reply.setCookie(LOGIN_BINDING_COOKIE, binding, {
        path: '/auth',
        httpOnly: true,
        sameSite: 'lax', // the callback is a top-level navigation coming from the provider's site
        secure,
        maxAge: TRANSACTION_TTL_MS / 1000,
      });
      const url = client.buildAuthorizationUrl(oidc, {
        redirect_uri: redirectUriOf(config),
        scope: SCOPE,
        state,
        nonce,
        code_challenge: codeChallenge,
        code_challenge_method: 'S256',
        // As the DVCQG broker does: the minimum level of assurance (a voluntary claim; the ID token says which was met).
        acr_values: 'LoA1',
        ui_locales: 'vi',
      });
      return reply.header('cache-control', 'no-store').redirect(url.href, 303);
    });

    describeRoute({
      method: 'GET',
      url: '/auth/callback',
      summary: 'Trở về từ hệ thống định danh: kiểm tra state, đổi mã lấy token, kiểm tra ID token, mở phiên',
      tags: ['identity'],
      query: LoginCallbackQuery,
      response: redirect(303, `the page the login started from (returnTo); an HTML error page (${HTML}, or a JSON error) when the login fails`),
    });
    app.get<{ Querystring: Record<string, string | undefined> }>('/auth/callback', async (req, reply) => {
      const state = typeof req.query.state === 'string' ? req.query.state : '';
      const tx = await takeTransaction(db, state, req.cookies[LOGIN_BINDING_COOKIE]);
      if (!tx) return fail(req, reply, 400, 'OIDC_STATE_MISMATCH');

      let oidc: client.Configuration;
      try {
        oidc = await rp.configuration();
      } catch (err) {
        req.log.error({ err }, 'OpenID provider discovery failed');
        return fail(req, reply, 503, 'OIDC_PROVIDER_UNAVAILABLE', tx.returnTo);
      }

      let tokens: Awaited<ReturnType<typeof client.authorizationCodeGrant>>;
      try {
        tokens = await client.authorizationCodeGrant(oidc, new URL(`${config.publicUrl}${req.url}`), {
          pkceCodeVerifier: tx.codeVerifier,
          expectedState: tx.state,
          expectedNonce: tx.nonce,
          idTokenExpected: true,
        });
      } catch (err) {
        if (err instanceof client.AuthorizationResponseError) {
          return fail(
            req,
            reply,
            err.error === 'access_denied' ? 400 : 502,
            err.error === 'access_denied' ? 'OIDC_LOGIN_CANCELLED' : 'OIDC_PROVIDER_ERROR',
            tx.returnTo,
          );
        }
        req.log.warn({ err: { name: (err as Error).name, message: (err as Error).message, code: (err as { code?: string }).code } }, 'OpenID callback refused');
        return fail(req, reply, 401, 'OIDC_TOKEN_INVALID', tx.returnTo);
      }

      const idClaims = tokens.claims() as Record<string, unknown> | undefined;
      if (!idClaims) return fail(req, reply, 401, 'OIDC_TOKEN_INVALID', tx.returnTo);
      let claims: Record<string, unknown> = { ...idClaims };
      if (needsUserinfo(idClaims) && tokens.access_token) {
        try {
          // fetchUserInfo checks that userinfo is about the same subject as the ID token.
          const userinfo = await client.fetchUserInfo(oidc, tokens.access_token, String(idClaims.sub));
          claims = { ...userinfo, ...idClaims };
        } catch (err) {
          req.log.warn({ err: { message: (err as Error).message } }, 'OpenID userinfo failed');
          return fail(req, reply, 502, 'OIDC_PROVIDER_ERROR', tx.returnTo);
        }
      }
      const identity = identityFromClaims(claims);
      if (!identity.ok) return fail(req, reply, 502, 'OIDC_CLAIMS_MISSING', tx.returnTo);

      const kept = Object.fromEntries(Object.entries(claims).filter(([k]) => !PROTOCOL_CLAIMS.has(k)));
      const citizen = await upsertCitizen(db, rp.issuer, identity.identity, kept);
      // An assisted session started on this device by a community helper (docs/community.md): the resident's own
      // session records who helped; the helper's session on this device ends (startSession replaces it).
      const assistedBy = await claimAssistedSession(db, req.cookies[ASSIST_COOKIE], { citizenId: citizen.id, idNumber: identity.identity.idNumber });
      if (req.cookies[ASSIST_COOKIE]) reply.clearCookie(ASSIST_COOKIE, { path: '/auth' });
      await reply.startSession('citizen', {
        ...(assistedBy ? { assistedBy } : {}),
        citizenId: citizen.id,
        idNumber: identity.identity.idNumber,
        fullName: identity.identity.fullName,
        birthDate: identity.identity.birthDate,
        loginAt: systemNow().toISOString(),
        acr: typeof idClaims.acr === 'string' ? idClaims.acr : null,
      });
      return reply.header('cache-control', 'no-store').redirect(tx.returnTo, 303);
    });

    defineRoute(
      app,
      {
        method: 'POST',
        url: '/auth/logout',
        summary: 'Đăng xuất (kết thúc phiên; trả về địa chỉ đăng xuất tại hệ thống định danh)',
        tags: ['identity'],
        response: LogoutResult,
      },
      async ({ req, reply }) => {
        const wasCitizen = req.session?.kind === 'citizen';
        await reply.endSession();
        let redirectTo = '/';
        if (wasCitizen) {
          // RP-initiated logout: also end the e-ID session, so the next person at a shared computer is
          // asked for a password again.
          try {
            const oidc = await rp.configuration();
            if (oidc.serverMetadata().end_session_endpoint) {
              redirectTo = client.buildEndSessionUrl(oidc, { post_logout_redirect_uri: postLogoutRedirectUriOf(config) }).href;
            }
          } catch (err) {
            req.log.warn({ err: { message: (err as Error).message } }, 'OpenID provider unavailable at logout');
          }
        }
        return { loggedOut: true as const, redirectTo };
      },
    );

    defineRoute(
      app,
      {
        method: 'GET',
        url: '/api/session',
        summary: 'Phiên đăng nhập hiện tại',
        tags: ['identity'],
        response: SessionInfo,
      },
      async ({ req, reply }) => {
        reply.header('cache-control', 'no-store');
        const s = req.session;
        if (!s) return { authenticated: false, kind: null, user: null, loginAt: null, expiresAt: null };
        const subject = s.subject as Record<string, unknown>;
        const text = (v: unknown) => (typeof v === 'string' ? v : undefined);
        const idNumber = text(subject.idNumber);
        return {
          authenticated: true,
          kind: s.kind,
          user: {
            fullName: text(subject.fullName) ?? text(subject.displayName) ?? text(subject.username) ?? '',
            ...(idNumber ? { idNumber: maskIdNumber(idNumber) } : {}),
            ...(s.kind === 'citizen' ? { citizenId: text(subject.citizenId), birthDate: text(subject.birthDate) ?? null } : {}),
          },
          loginAt: text(subject.loginAt) ?? s.createdAt.toISOString(),
          expiresAt: s.expiresAt.toISOString(),
        };
      },
    );
  };
}

/** Module registration (for src/server/modules/index.ts). */
const identityRoutes: ModuleRegistration = identityModule();
export default identityRoutes;
