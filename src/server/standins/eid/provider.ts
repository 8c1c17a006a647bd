/**
 * The national e-ID (VNeID) stand-in: a real OpenID Connect provider (oidc-provider 9). Authorization
 * code flow with PKCE (S256, required), discovery, JWKS, ID tokens signed RS256 (ES256 on request) that
 * carry the e-ID claims, RP-initiated logout. State lives in the database, keys too, so several server
 * processes serve the same provider.
 */
import crypto from 'node:crypto';
import Provider, { type KoaContextWithOIDC } from 'oidc-provider';
import type { Database } from '../../db/database.ts';
import { accountBySub, residentClaims } from './accounts.ts';
import { databaseAdapterFactory } from './adapter.ts';
import { loadOrCreateSigningKeys } from './keys.ts';
import { logoutPage, logoutSuccessPage, providerErrorPage } from './pages.ts';

/** Where the stand-in is mounted on MotCua's own server. */
export const EID_MOUNT_PATH = '/eid';

/** e-ID claims released under `openid` (the DVCQG broker asks only for `scope=openid`). */
export const EID_OPENID_CLAIMS = [
  'sub',
  'TechID',
  'LoaiTaiKhoan',
  'HoVaTen',
  'SoDinhDanh',
  'NgayThangNamSinh',
  'GioiTinh',
  'loginIdp',
  'SoDienThoai',
  'Email',
  'name',
];
const GRANTED_SCOPE = 'openid profile email phone';

export interface EidClient {
  clientId: string;
  clientSecret: string;
  clientName: string;
  redirectUri: string;
  postLogoutRedirectUri: string;
}

export interface EidProviderOptions {
  issuer: string;
  db: Database;
  /** The first-party client (MotCua itself); consent is implicit for it. */
  client: EidClient;
  /** Secret from which the provider's cookie-signing keys are derived (the same in every process). */
  cookieSecret: string;
}

export async function createEidProvider(opts: EidProviderOptions): Promise<Provider> {
  const { db, client } = opts;
  const jwks = await loadOrCreateSigningKeys(db);
  const cookieKey = crypto.createHmac('sha256', opts.cookieSecret).update('motcua:eid-standin:cookies').digest('base64url');

  const provider = new Provider(opts.issuer, {
    adapter: databaseAdapterFactory(db),
    jwks,
    clients: [
      {
        client_id: client.clientId,
        client_secret: client.clientSecret,
        client_name: client.clientName,
        redirect_uris: [client.redirectUri],
        post_logout_redirect_uris: [client.postLogoutRedirectUri],
        grant_types: ['authorization_code'],
        response_types: ['code'],
        token_endpoint_auth_method: 'client_secret_basic',
        id_token_signed_response_alg: 'RS256',
      },
    ],
    responseTypes: ['code'],
    scopes: ['openid', 'profile', 'email', 'phone'],
    claims: {
      acr: null,
      auth_time: null,
      sid: null,
      openid: EID_OPENID_CLAIMS,
      profile: ['name', 'family_name', 'middle_name', 'given_name', 'birthdate', 'gender', 'preferred_username'],
      email: ['email'],
      phone: ['phone_number'],
    },
    // Put the identity claims in the ID token itself, not only behind the userinfo endpoint.
    conformIdTokenClaims: false,
    acrValues: ['LoA1', 'LoA2'],
    pkce: { required: () => true },
    cookies: {
      keys: [cookieKey],
      names: { session: 'eid_session', interaction: 'eid_interaction', resume: 'eid_interaction_resume' },
      long: { httpOnly: true, sameSite: 'lax' },
      short: { httpOnly: true, sameSite: 'lax' },
    },
    ttl: {
      AccessToken: 10 * 60,
      AuthorizationCode: 60,
      IdToken: 60 * 60,
      Interaction: 10 * 60,
      Session: 8 * 60 * 60,
      Grant: 8 * 60 * 60,
    },
    features: {
      devInteractions: { enabled: false },
      dPoP: { enabled: false },
      pushedAuthorizationRequests: { enabled: false },
      resourceIndicators: { enabled: false },
      userinfo: { enabled: true },
      revocation: { enabled: true },
      rpInitiatedLogout: {
        enabled: true,
        logoutSource: async (ctx: KoaContextWithOIDC, form: string) => {
          ctx.type = 'html';
          ctx.body = logoutPage(form, ctx.oidc.client?.clientName);
        },
        postLogoutSuccessSource: async (ctx: KoaContextWithOIDC) => {
          ctx.type = 'html';
          ctx.body = logoutSuccessPage(ctx.oidc.client?.clientName);
        },
      },
    },
    interactions: {
      url: async (_ctx: KoaContextWithOIDC, interaction: { uid: string }) => `${EID_MOUNT_PATH}/interaction/${interaction.uid}`,
    },
    findAccount: async (_ctx: KoaContextWithOIDC, sub: string) => {
      const resident = await accountBySub(db, sub);
      if (!resident) return undefined;
      return { accountId: sub, claims: () => residentClaims(resident) };
    },
    // Consent is implicit for the first-party client: its grant covers every scope the provider offers.
    loadExistingGrant: async (ctx: KoaContextWithOIDC) => {
      const oidc = ctx.oidc;
      const grantId = oidc.result?.consent?.grantId || oidc.session.grantIdFor(oidc.client.clientId);
      if (grantId) {
        const existing = await oidc.provider.Grant.find(grantId);
        if (existing) return existing;
      }
      if (oidc.client.clientId !== client.clientId || !oidc.session.accountId) return undefined;
      const grant = new oidc.provider.Grant({ clientId: oidc.client.clientId, accountId: oidc.session.accountId });
      grant.addOIDCScope(GRANTED_SCOPE);
      await grant.save();
      return grant;
    },
    renderError: async (ctx: KoaContextWithOIDC, out: { error?: string; error_description?: string }) => {
      ctx.type = 'html';
      ctx.body = providerErrorPage(out);
    },
  });
  // MotCua runs behind a reverse proxy in production (Fastify trustProxy): honour X-Forwarded-Proto.
  provider.proxy = true;
  return provider;
}
