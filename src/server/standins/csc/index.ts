/**
 * A remote-signing service stand-in speaking the Cloud Signature Consortium API v1 (the shape of Vietnamese remote
 * signing providers), served under /standins/csc/csc/v1 in development and tests (mounted only when
 * REMOTE_SIGNING_URL is empty, never in production), with its own test CA ("MotCua CSC CA thử nghiệm"), separate
 * from the units' development CA.
 *
 * Subscribers are the population stand-in's residents (and officials, as `official:<username>`, for a leader's personal
 * certificate): `credentials/list` with a resident's identity number as
 * userID enrols them on first use (an RSA-2048 key and a certificate CN=<full name>, kept in the database so every
 * server process signs with the same key). Authorisation is explicit with an online OTP (SCAL 2):
 * `credentials/sendOTP` makes a 6-digit code valid 5 minutes (a real provider texts it; here
 * `GET /api/dev/remote-signing/otp` shows a signed-in citizen their own); `credentials/authorize` with that OTP and
 * the hashes returns a SAD bound to those hashes (OTP single use, 5 wrong attempts burn it); `signatures/signHash`
 * with the SAD signs exactly those hashes (RSASSA-PKCS1-v1_5 over a SHA-256 DigestInfo; SAD single use).
 * Errors are CSC errors: `{ error, error_description }` with 400 or 401.
 */
import crypto from 'node:crypto';
import type { FastifyInstance, FastifyReply } from 'fastify';
import { z } from 'zod';
import type { AppContext } from '../../context.ts';
import { requireActor, requireCitizen } from '../../http/actor.ts';
import { AppError } from '../../http/errors.ts';
import { defineRoute } from '../../http/route.ts';
import { createRootCa, issueSigningCertificate, remoteSigningConfig } from '../../modules/results/index.ts';

const PREFIX = '/standins/csc/csc/v1';
const SHA256_DIGEST_INFO = Buffer.from('3031300d060960864801650304020105000420', 'hex');
const OID_SHA256 = '2.16.840.1.101.3.4.2.1';
const OID_SHA256_WITH_RSA = '1.2.840.113549.1.1.11';
const CA_ID = 'ca';

const pemBody = (pem: string) => pem.replace(/-----[^-]+-----|\s/g, '');
const Json = z.record(z.string(), z.unknown());

export default async function cscStandin(app: FastifyInstance, ctx: AppContext): Promise<void> {
  const cfg = remoteSigningConfig(ctx.config.publicUrl);
  if (ctx.config.env === 'production' || !cfg.standin) return;

  const fail = (reply: FastifyReply, status: number, error: string, description: string) => {
    reply.code(status);
    return { error, error_description: description };
  };
  const body = (req: { body?: unknown }) => (req.body && typeof req.body === 'object' ? (req.body as Record<string, unknown>) : {});
  const authorised = (req: { headers: Record<string, unknown> }) => req.headers.authorization === `Bearer ${cfg.token}`;

  async function ca(): Promise<{ certificate_pem: string; private_key_pem: string; common_name: string }> {
    const read = async () =>
      (
        await ctx.db.query<{ certificate_pem: string; private_key_pem: string; common_name: string }>(
          'SELECT certificate_pem, private_key_pem, common_name FROM standin_csc_credentials WHERE credential_id = $1',
          [CA_ID],
        )
      ).rows[0];
    let row = await read();
    if (!row) {
      const issued = createRootCa({ commonName: 'MotCua CSC CA thử nghiệm (không dùng để giao dịch thật)', organization: 'Dịch vụ ký số từ xa thử nghiệm' });
      await ctx.db.query(
        `INSERT INTO standin_csc_credentials (credential_id, user_id, common_name, certificate_pem, private_key_pem) VALUES ($1, $1, $2, $3, $4)
         ON CONFLICT DO NOTHING`,
        [CA_ID, issued.subject.commonName, issued.certificatePem, issued.privateKeyPem],
      );
      row = (await read())!;
    }
    return row;
  }

  async function credentialsOf(userId: string): Promise<string[]> {
    const existing = await ctx.db.query<{ credential_id: string }>('SELECT credential_id FROM standin_csc_credentials WHERE user_id = $1', [userId]);
    if (existing.rows.length) return existing.rows.map((r) => r.credential_id);
    // Residents by identity number; officials (a leader's personal certificate) as `official:<username>`.
    const official = /^official:(.+)$/.exec(userId)?.[1];
    const resident = official
      ? (await ctx.db.query<{ full_name: string }>('SELECT full_name FROM officials WHERE username = $1', [official])).rows[0]
      : (await ctx.db.query<{ full_name: string }>('SELECT full_name FROM standin_residents WHERE id_number = $1', [userId])).rows[0];
    if (!resident) return [];
    const root = await ca();
    const issued = issueSigningCertificate(
      {
        certificatePem: root.certificate_pem,
        privateKeyPem: root.private_key_pem,
        subject: { commonName: root.common_name, organization: 'Dịch vụ ký số từ xa thử nghiệm' },
      },
      { commonName: resident.full_name },
      2,
    );
    await ctx.db.query(
      `INSERT INTO standin_csc_credentials (credential_id, user_id, common_name, certificate_pem, private_key_pem) VALUES ($1, $2, $3, $4, $5)
       ON CONFLICT (user_id) DO NOTHING`,
      [crypto.randomUUID(), userId, resident.full_name, issued.certificatePem, issued.privateKeyPem],
    );
    return (await ctx.db.query<{ credential_id: string }>('SELECT credential_id FROM standin_csc_credentials WHERE user_id = $1', [userId])).rows.map(
      (r) => r.credential_id,
    );
  }

  async function credential(id: unknown) {
    if (typeof id !== 'string' || id === CA_ID || id.length > 64) return undefined;
    return (
      await ctx.db.query<{ credential_id: string; user_id: string; common_name: string; certificate_pem: string; private_key_pem: string }>(
        'SELECT * FROM standin_csc_credentials WHERE credential_id = $1',
        [id],
      )
    ).rows[0];
  }

  const route = (method: string, summary: string, handler: (b: Record<string, unknown>, reply: FastifyReply) => Promise<unknown>) =>
    defineRoute(
      app,
      {
        method: 'POST',
        url: `${PREFIX}/${method}`,
        summary: `Remote-signing stand-in (CSC API): ${summary}`,
        tags: ['CSC stand-in'],
        csrfExempt: true,
        response: Json,
      },
      async ({ req, reply }) => {
        if (method !== 'info' && !authorised(req)) return fail(reply, 401, 'invalid_token', 'The access token is not valid');
        return handler(body(req), reply) as Promise<Record<string, unknown>>;
      },
    );

  route('info', 'info', async () => ({
    specs: '1.0.4.0',
    name: 'MotCua CSC stand-in',
    logo: '',
    region: 'VN',
    lang: 'vi-VN',
    description: 'Dịch vụ ký số từ xa thử nghiệm (không dùng để giao dịch thật)',
    authType: ['external'],
    methods: ['credentials/list', 'credentials/info', 'credentials/sendOTP', 'credentials/authorize', 'signatures/signHash'],
  }));

  route('credentials/list', 'credentials/list', async (b, reply) => {
    if (typeof b.userID !== 'string' || !/^(\d{12}|official:[a-z0-9._-]{3,64})$/.test(b.userID))
      return fail(reply, 400, 'invalid_request', 'Invalid parameter userID');
    return { credentialIDs: await credentialsOf(b.userID) };
  });

  route('credentials/info', 'credentials/info', async (b, reply) => {
    const c = await credential(b.credentialID);
    if (!c) return fail(reply, 400, 'invalid_request', 'Invalid parameter credentialID');
    const root = await ca();
    const x509 = new crypto.X509Certificate(c.certificate_pem);
    return {
      key: { status: 'enabled', algo: [OID_SHA256_WITH_RSA], len: 2048 },
      cert: {
        status: 'valid',
        certificates:
          b.certificates === 'none'
            ? []
            : b.certificates === 'single'
              ? [pemBody(c.certificate_pem)]
              : [pemBody(c.certificate_pem), pemBody(root.certificate_pem)],
        issuerDN: x509.issuer.replace(/\n/g, ', '),
        subjectDN: x509.subject.replace(/\n/g, ', '),
        serialNumber: x509.serialNumber,
        validFrom: new Date(x509.validFrom).toISOString(),
        validTo: new Date(x509.validTo).toISOString(),
      },
      authMode: 'explicit',
      SCAL: '2',
      multisign: 1,
      OTP: { presence: 'true', type: 'online', format: 'N', label: 'Mã OTP', description: 'Mã gồm 6 chữ số gửi tới điện thoại của bạn' },
    };
  });

  route('credentials/sendOTP', 'credentials/sendOTP', async (b, reply) => {
    const c = await credential(b.credentialID);
    if (!c) return fail(reply, 400, 'invalid_request', 'Invalid parameter credentialID');
    const otp = String(crypto.randomInt(0, 1_000_000)).padStart(6, '0');
    await ctx.db.query(
      `INSERT INTO standin_csc_otps (credential_id, otp, attempts, expires_at) VALUES ($1, $2, 0, now() + interval '5 minutes')
       ON CONFLICT (credential_id) DO UPDATE SET otp = EXCLUDED.otp, attempts = 0, expires_at = EXCLUDED.expires_at`,
      [c.credential_id, otp],
    );
    return {};
  });

  route('credentials/authorize', 'credentials/authorize', async (b, reply) => {
    const c = await credential(b.credentialID);
    if (!c) return fail(reply, 400, 'invalid_request', 'Invalid parameter credentialID');
    const hashes = Array.isArray(b.hash) ? b.hash : [];
    if (!hashes.length || hashes.length > 10 || !hashes.every((h) => typeof h === 'string' && Buffer.from(h, 'base64').length === 32))
      return fail(reply, 400, 'invalid_request', 'Invalid parameter hash');
    if (b.numSignatures !== hashes.length) return fail(reply, 400, 'invalid_request', 'Invalid parameter numSignatures');
    if (typeof b.OTP !== 'string') return fail(reply, 400, 'invalid_request', 'Missing parameter OTP');
    // One statement decides: a matching, unexpired, unburnt OTP is consumed; otherwise the attempt is counted.
    const used = await ctx.db.query('DELETE FROM standin_csc_otps WHERE credential_id = $1 AND otp = $2 AND expires_at > now() AND attempts < 5 RETURNING 1', [
      c.credential_id,
      b.OTP,
    ]);
    if (used.rowCount === 0) {
      await ctx.db.query('UPDATE standin_csc_otps SET attempts = attempts + 1 WHERE credential_id = $1', [c.credential_id]);
      return fail(reply, 400, 'invalid_otp', 'The OTP is invalid');
    }
    const sad = crypto.randomBytes(32).toString('base64url');
    await ctx.db.query("INSERT INTO standin_csc_sads (sad, credential_id, hashes, expires_at) VALUES ($1, $2, $3, now() + interval '5 minutes')", [
      sad,
      c.credential_id,
      hashes,
    ]);
    return { SAD: sad, expiresIn: 300 };
  });

  route('signatures/signHash', 'signatures/signHash', async (b, reply) => {
    const c = await credential(b.credentialID);
    if (!c) return fail(reply, 400, 'invalid_request', 'Invalid parameter credentialID');
    if (b.hashAlgo !== undefined && b.hashAlgo !== OID_SHA256) return fail(reply, 400, 'invalid_request', 'Invalid parameter hashAlgo');
    if (b.signAlgo !== OID_SHA256_WITH_RSA) return fail(reply, 400, 'invalid_request', 'Invalid parameter signAlgo');
    const hashes = Array.isArray(b.hash) ? b.hash : [];
    if (typeof b.SAD !== 'string') return fail(reply, 400, 'invalid_request', 'Missing parameter SAD');
    const sad = (
      await ctx.db.query<{ hashes: string[] }>('DELETE FROM standin_csc_sads WHERE sad = $1 AND credential_id = $2 AND expires_at > now() RETURNING hashes', [
        b.SAD,
        c.credential_id,
      ])
    ).rows[0];
    if (!sad) return fail(reply, 400, 'invalid_request', 'Invalid SAD');
    if (!hashes.length || !hashes.every((h) => typeof h === 'string' && sad.hashes.includes(h)))
      return fail(reply, 400, 'invalid_request', 'The hash is not covered by the SAD');
    const key = crypto.createPrivateKey(c.private_key_pem);
    return {
      signatures: (hashes as string[]).map((h) =>
        crypto
          .privateEncrypt({ key, padding: crypto.constants.RSA_PKCS1_PADDING }, Buffer.concat([SHA256_DIGEST_INFO, Buffer.from(h, 'base64')]))
          .toString('base64'),
      ),
    };
  });

  // The OTP a real provider would text: shown to the signed-in citizen for their own credential only.
  defineRoute(
    app,
    {
      method: 'GET',
      url: '/api/dev/remote-signing/otp',
      summary: 'Mã OTP ký số từ xa của tôi ở dịch vụ thử nghiệm (chỉ môi trường phát triển, cần đăng nhập)',
      tags: ['development'],
      response: z.object({ otp: z.string().nullable() }),
    },
    async ({ req }) => {
      const me = requireCitizen(req);
      const row = (
        await ctx.db.query<{ otp: string }>(
          `SELECT o.otp FROM standin_csc_otps o JOIN standin_csc_credentials c ON c.credential_id = o.credential_id
            WHERE c.user_id = $1 AND o.expires_at > now()`,
          [me.idNumber],
        )
      ).rows[0];
      return { otp: row?.otp ?? null };
    },
  );

  // The same for a signed-in official's personal certificate (a leader's signature beside the unit's).
  defineRoute(
    app,
    {
      method: 'GET',
      url: '/api/dev/remote-signing/staff-otp',
      summary: 'Mã OTP ký số cá nhân của tôi (cán bộ) ở dịch vụ thử nghiệm (chỉ môi trường phát triển, cần đăng nhập)',
      tags: ['development'],
      response: z.object({ otp: z.string().nullable() }),
    },
    async ({ req }) => {
      const me = requireActor(req);
      if (me.kind !== 'official') throw new AppError('FORBIDDEN', 'Chức năng dành cho cán bộ, công chức.', 403);
      const row = (
        await ctx.db.query<{ otp: string }>(
          `SELECT o.otp FROM standin_csc_otps o JOIN standin_csc_credentials c ON c.credential_id = o.credential_id
             JOIN official_personal_credentials p ON p.provider_user_id = c.user_id
            WHERE p.official_id = $1 AND o.expires_at > now()`,
          [me.id],
        )
      ).rows[0];
      return { otp: row?.otp ?? null };
    },
  );
}
