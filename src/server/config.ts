import path from 'node:path';
import type { S3StoreConfig } from './files/s3-store.ts';

/** Runtime configuration, read once from the environment. */
export interface AppConfig {
  port: number;
  host: string;
  /** Public base URL of this installation (used for OIDC redirect URIs and QR links). */
  publicUrl: string;
  /** Where the embedded database and stored files live. */
  dataDir: string;
  /** When set, a PostgreSQL server is used instead of embedded PGlite. */
  databaseUrl: string | undefined;
  /** development | production | test */
  env: 'development' | 'production' | 'test';
  /** Seed the demo dataset (units, catalogue, population stand-in, demo accounts) on start. */
  seedDemo: boolean;
  oidc: {
    /** Issuer URL of the e-ID provider. Empty = the built-in VNeID stand-in mounted at /eid. */
    issuer: string;
    clientId: string;
    clientSecret: string;
  };
  /** Secret used to sign cookies; must be set in production. */
  cookieSecret: string;
  /** Largest accepted upload, in bytes (default 10 MB). */
  maxUploadBytes: number;
  /** Days after the last change before a draft expires; a warning is shown in the last days. */
  draftTtlDays: number;
  mail: {
    /** SMTP server URL. Empty = the local capture server (development and tests only). */
    smtpUrl: string;
    /** Port of the local capture server (0 = any free port). */
    capturePort: number;
    from: string;
  };
  /**
   * The SMTP receiver of PAKN by e-mail (docs/feedback.md): FEEDBACK_SMTP_PORT (empty or 'off' = not started; 2526 by
   * default in development, off in tests and production unless set) and FEEDBACK_SMTP_HOST (127.0.0.1: the
   * organisation's mail server relays the units' feedback addresses to it).
   */
  feedbackMail: { port: number | null; host: string };
  /** Object storage for files (S3_BUCKET set); null = the local disk under DATA_DIR/files. */
  s3: S3StoreConfig | null;
  /** Longest a SIGTERM shutdown may take before the process exits anyway (SHUTDOWN_TIMEOUT_MS, default 30 s). */
  shutdownTimeoutMs: number;
  /** Run background workers (outbox delivery, expiry sweeps) in this process. */
  workers: boolean;
  /** Check every answer against the API contract (src/contract) and record mismatches: on in tests (MOTCUA_CONTRACT_CHECKS=1). */
  contractChecks: boolean;
  /**
   * Addresses or CIDR ranges of the reverse proxies allowed to set X-Forwarded-For / -Proto (TRUSTED_PROXIES,
   * comma-separated, e.g. `10.0.0.5,10.0.1.0/24`). Empty (the default): no proxy is trusted and the client address
   * is the connection's, so a forged header cannot escape the rate limits.
   */
  trustedProxies: readonly string[];
  signing: {
    /** Folder of the units' PKCS#12 files, `<unit id>.p12`. Empty = the development certificate authority (not in production). */
    p12Dir: string;
    /** Password of those PKCS#12 files. */
    p12Password: string;
    /** PEM file of the roots the verification trusts (besides the development CA). */
    trustedRootsFile: string;
  };
  /** The citizens' assistant (docs/assistant.md). */
  assistant: {
    /** Hotline offered when the assistant is not sure. */
    hotline: string;
    /** Base URL of an OpenAI-compatible endpoint (…/v1) that phrases answers; empty = none, fully offline. */
    generatorUrl: string;
    generatorModel: string;
    generatorApiKey: string;
  };
}

export function loadConfig(env: NodeJS.ProcessEnv = process.env): AppConfig {
  const port = Number(env.PORT ?? 3000);
  const host = env.HOST ?? '0.0.0.0';
  const nodeEnv = (env.NODE_ENV === 'production' ? 'production' : env.NODE_ENV === 'test' ? 'test' : 'development') as AppConfig['env'];
  const publicUrl = (env.PUBLIC_URL ?? `http://localhost:${port}`).replace(/\/$/, '');
  const cookieSecret = env.COOKIE_SECRET ?? 'motcua-development-cookie-secret-change-me';
  if (nodeEnv === 'production' && !env.COOKIE_SECRET) {
    throw new Error('COOKIE_SECRET must be set in production');
  }
  if (nodeEnv === 'production' && !env.SMTP_URL) {
    throw new Error('SMTP_URL must be set in production');
  }
  return {
    port,
    host,
    publicUrl,
    dataDir: path.resolve(env.DATA_DIR ?? 'data/runtime'),
    databaseUrl: env.DATABASE_URL || undefined,
    env: nodeEnv,
    seedDemo: env.SEED_DEMO !== '0',
    oidc: {
      issuer: env.OIDC_ISSUER ?? '',
      clientId: env.OIDC_CLIENT_ID ?? 'motcua-portal',
      clientSecret: env.OIDC_CLIENT_SECRET ?? 'motcua-portal-development-secret',
    },
    cookieSecret,
    maxUploadBytes: Number(env.MAX_UPLOAD_BYTES ?? 10 * 1024 * 1024),
    draftTtlDays: Number(env.DRAFT_TTL_DAYS ?? 30),
    mail: {
      smtpUrl: env.SMTP_URL ?? '',
      capturePort: Number(env.SMTP_CAPTURE_PORT ?? (nodeEnv === 'test' ? 0 : 2525)),
      from: env.MAIL_FROM ?? 'Dịch vụ công MotCua <no-reply@motcua.local>',
    },
    feedbackMail: {
      port: feedbackSmtpPort(env.FEEDBACK_SMTP_PORT, nodeEnv),
      host: env.FEEDBACK_SMTP_HOST ?? '127.0.0.1',
    },
    s3: env.S3_BUCKET
      ? {
          bucket: env.S3_BUCKET,
          endpoint: env.S3_ENDPOINT ?? '',
          region: env.S3_REGION ?? 'us-east-1',
          accessKeyId: env.S3_ACCESS_KEY_ID ?? '',
          secretAccessKey: env.S3_SECRET_ACCESS_KEY ?? '',
          forcePathStyle: env.S3_FORCE_PATH_STYLE !== '0',
          prefix: env.S3_PREFIX ?? '',
        }
      : null,
    shutdownTimeoutMs: Number(env.SHUTDOWN_TIMEOUT_MS ?? 30_000),
    workers: env.WORKERS !== '0',
    contractChecks: env.MOTCUA_CONTRACT_CHECKS === '1',
    trustedProxies: (env.TRUSTED_PROXIES ?? '')
      .split(',')
      .map((s) => s.trim())
      .filter(Boolean),
    signing: {
      p12Dir: env.SIGNING_P12_DIR ?? '',
      p12Password: env.SIGNING_P12_PASSWORD ?? '',
      trustedRootsFile: env.SIGNING_TRUSTED_ROOTS ?? '',
    },
    assistant: {
      hotline: env.ASSISTANT_HOTLINE ?? '1022',
      generatorUrl: (env.ASSISTANT_GENERATOR_URL ?? '').replace(/\/$/, ''),
      generatorModel: env.ASSISTANT_GENERATOR_MODEL ?? '',
      generatorApiKey: env.ASSISTANT_GENERATOR_API_KEY ?? '',
    },
  };
}

function feedbackSmtpPort(value: string | undefined, nodeEnv: AppConfig['env']): number | null {
  if (value === undefined) return nodeEnv === 'development' ? 2526 : null;
  if (value === '' || value === 'off') return null;
  const port = Number(value);
  if (!Number.isInteger(port) || port < 0 || port > 65_535) throw new Error(`FEEDBACK_SMTP_PORT must be a port number, not "${value}"`);
  return port;
}
