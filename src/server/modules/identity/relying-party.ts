/**
 * MotCua as an OpenID Connect relying party (openid-client 6). The provider is discovered lazily at first
 * use, not at start: the built-in stand-in is served by this very process and is not listening yet while
 * the server starts, and a provider that is briefly unreachable must not stop MotCua from starting.
 */
import * as client from 'openid-client';
import type { AppConfig } from '../../config.ts';

export interface RelyingPartyOptions {
  /** Replaces fetch for every request to the provider (tests use it to alter responses). */
  customFetch?: client.CustomFetch;
}

export function issuerOf(config: AppConfig): string {
  return (config.oidc.issuer || `${config.publicUrl}/eid`).replace(/\/$/, '');
}

export const redirectUriOf = (config: AppConfig) => `${config.publicUrl}/auth/callback`;
export const postLogoutRedirectUriOf = (config: AppConfig) => `${config.publicUrl}/`;

/**
 * client_secret_basic when the provider supports it (the default of RFC 8414 when it says nothing),
 * client_secret_post otherwise.
 */
function secretAuth(secret: string): client.ClientAuth {
  const basic = client.ClientSecretBasic(secret);
  const post = client.ClientSecretPost(secret);
  return (as, c, body, headers) => {
    const supported = as.token_endpoint_auth_methods_supported;
    return (!supported || supported.includes('client_secret_basic') ? basic : post)(as, c, body, headers);
  };
}

export class RelyingParty {
  private pending: Promise<client.Configuration> | null = null;

  constructor(
    private readonly config: AppConfig,
    private readonly options: RelyingPartyOptions = {},
  ) {}

  get issuer(): string {
    return issuerOf(this.config);
  }

  /** The discovered configuration; a failed discovery is retried on the next call. */
  configuration(): Promise<client.Configuration> {
    this.pending ??= this.discover().catch((err) => {
      this.pending = null;
      throw err;
    });
    return this.pending;
  }

  private async discover(): Promise<client.Configuration> {
    const issuer = new URL(this.issuer);
    const execute: ((c: client.Configuration) => void)[] = [
      // openid-client does not check the signature of ID tokens received from the token endpoint by
      // default (TLS authenticates the server); MotCua checks it against the provider's JWKS anyway.
      client.enableNonRepudiationChecks,
    ];
    // Plain HTTP only for a provider on this machine or outside production (development, tests).
    const local = issuer.hostname === 'localhost' || issuer.hostname === '127.0.0.1' || issuer.hostname === '[::1]';
    if (issuer.protocol === 'http:' && (this.config.env !== 'production' || local)) execute.unshift(client.allowInsecureRequests);
    return client.discovery(
      issuer,
      this.config.oidc.clientId,
      { client_secret: this.config.oidc.clientSecret, id_token_signed_response_alg: 'RS256' },
      secretAuth(this.config.oidc.clientSecret),
      { execute, ...(this.options.customFetch ? { [client.customFetch]: this.options.customFetch } : {}), timeout: 15 },
    );
  }
}
