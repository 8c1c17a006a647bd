/**
 * National-portal sync configuration, read from the environment with development defaults that point at the portal
 * stand-in served by this same server (/standins/dvcqg). Production sets the province's LGSP/NDXP endpoint and the
 * account issued for it (docs/integrations.md, "Cổng DVCQG").
 */
import type { PortalConfig } from '../../adapters/dvcqg.ts';

export interface NationalSyncConfig {
  portal: PortalConfig;
  /** Whether the built-in portal stand-in is mounted (the URL points at it). */
  standin: boolean;
  /** Failed attempts after which a message is parked for an official (never dropped). */
  maxAttempts: number;
  /** Seconds a worker holds a dossier it claimed; a process killed mid-send leaves it to another after this. */
  leaseSeconds: number;
  /** Whether this installation syncs at all (DVCQG_SYNC=0 turns the worker off; messages are still recorded). */
  enabled: boolean;
}

export const STANDIN_PREFIX = '/standins/dvcqg';

export function loadNationalSyncConfig(publicUrl: string, env: NodeJS.ProcessEnv = process.env): NationalSyncConfig {
  const standinBase = `${publicUrl}${STANDIN_PREFIX}`;
  const url = (env.DVCQG_URL ?? standinBase).replace(/\/$/, '');
  const config: NationalSyncConfig = {
    portal: {
      url,
      authPath: env.DVCQG_AUTH_PATH ?? '/auth',
      servicePath: env.DVCQG_SERVICE_PATH ?? '/api',
      username: env.DVCQG_USERNAME ?? 'motcua-dongnai',
      password: env.DVCQG_PASSWORD ?? 'motcua-dvcqg-development-password',
      dstcode: env.DVCQG_DSTCODE ?? 'DVCQG',
      timeoutMs: Number(env.DVCQG_TIMEOUT_MS ?? 60_000),
    },
    standin: url === standinBase,
    maxAttempts: Number(env.DVCQG_MAX_ATTEMPTS ?? 5),
    leaseSeconds: Number(env.DVCQG_LEASE_SECONDS ?? 600),
    enabled: env.DVCQG_SYNC !== '0',
  };
  if (env.NODE_ENV === 'production' && config.standin && env.DVCQG_STANDIN !== '1' && config.enabled) {
    throw new Error(
      'DVCQG_URL, DVCQG_USERNAME, DVCQG_PASSWORD and DVCQG_DSTCODE must be set in production (or DVCQG_STANDIN=1 for a demonstration, or DVCQG_SYNC=0)',
    );
  }
  return config;
}

const cache = new Map<string, NationalSyncConfig>();
/** The configuration for this installation (read once per public URL). */
export function nationalSyncConfig(publicUrl: string): NationalSyncConfig {
  let c = cache.get(publicUrl);
  if (!c) cache.set(publicUrl, (c = loadNationalSyncConfig(publicUrl)));
  return c;
}
