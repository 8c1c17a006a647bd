/**
 * Remote signing through the Cloud Signature Consortium API (CSC API v1: the shape Vietnamese remote-signing
 * providers follow or can be adapted to). The private key never leaves the service: MotCua computes the hash of what
 * is signed (the DER of the CMS signed attributes), the person authorises that hash with a one-time code sent to
 * their phone (`credentials/authorize` with `OTP` → signature activation data, SAD, bound to the hash), and the
 * service returns the signature of the hash (`signatures/signHash`). The same `Signer` interface as a PKCS#12 file
 * (signer.ts), so the PAdES code (pades.ts) is the same for a unit's certificate and a person's.
 *
 * Calls used: `credentials/list` (the person's credentials, by userID), `credentials/info` (certificate chain, key,
 * authorisation mode), `credentials/sendOTP`, `credentials/authorize`, `signatures/signHash`. The client
 * authenticates to the service with a bearer token (the relying party's access token).
 */
import { createHash } from 'node:crypto';
import { AppError } from '../../../http/errors.ts';
import type { Signer } from './signer.ts';

export const OID_SHA256 = '2.16.840.1.101.3.4.2.1';
export const OID_SHA256_WITH_RSA = '1.2.840.113549.1.1.11';

export interface CscCredentialInfo {
  key: { status: string; algo: string[]; len: number };
  cert: { status: string; certificates: string[]; issuerDN: string; subjectDN: string; serialNumber: string; validFrom: string; validTo: string };
  authMode: 'implicit' | 'explicit' | 'oauth2code';
  SCAL?: '1' | '2';
  multisign: number;
  OTP?: { presence: 'true' | 'false' | 'optional'; type: 'offline' | 'online'; format: 'A' | 'N'; label?: string; description?: string };
}

/** A CSC API error answer: `{ error, error_description }`. */
export class CscError extends Error {
  constructor(
    readonly status: number,
    readonly error: string,
    readonly description: string,
  ) {
    super(`CSC ${status} ${error}: ${description}`);
  }
}

export class CscClient {
  constructor(
    /** Base URL of the service's API, ending in /csc/v1. */
    private readonly baseUrl: string,
    private readonly token: string,
    private readonly fetchImpl: typeof fetch = fetch,
  ) {}

  private async call<T>(method: string, body: Record<string, unknown>): Promise<T> {
    let res: Response;
    try {
      res = await this.fetchImpl(`${this.baseUrl}/${method}`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${this.token}` },
        body: JSON.stringify(body),
        signal: AbortSignal.timeout(20_000),
      });
    } catch {
      throw new AppError('REMOTE_SIGNING_UNAVAILABLE', 'Dịch vụ ký số từ xa không phản hồi. Vui lòng thử lại sau.', 502);
    }
    const text = await res.text();
    const json = text ? (JSON.parse(text) as Record<string, unknown>) : {};
    if (!res.ok) throw new CscError(res.status, String(json.error ?? 'unknown'), String(json.error_description ?? ''));
    return json as T;
  }

  info(): Promise<{ specs: string; name: string; methods: string[] }> {
    return this.call('info', {});
  }
  async listCredentials(userID: string): Promise<string[]> {
    return (await this.call<{ credentialIDs: string[] }>('credentials/list', { userID })).credentialIDs;
  }
  credentialInfo(credentialID: string): Promise<CscCredentialInfo> {
    return this.call('credentials/info', { credentialID, certificates: 'chain', certInfo: true, authInfo: true });
  }
  async sendOtp(credentialID: string): Promise<void> {
    await this.call('credentials/sendOTP', { credentialID });
  }
  async authorize(credentialID: string, hashes: string[], otp: string): Promise<string> {
    return (await this.call<{ SAD: string }>('credentials/authorize', { credentialID, numSignatures: hashes.length, hash: hashes, OTP: otp })).SAD;
  }
  async signHash(credentialID: string, sad: string, hashes: string[]): Promise<string[]> {
    return (
      await this.call<{ signatures: string[] }>('signatures/signHash', {
        credentialID,
        SAD: sad,
        hash: hashes,
        hashAlgo: OID_SHA256,
        signAlgo: OID_SHA256_WITH_RSA,
      })
    ).signatures;
  }
}

/** What a CSC refusal means for the person signing, in Vietnamese. */
export function remoteSigningError(err: unknown): unknown {
  if (!(err instanceof CscError)) return err;
  if (err.error === 'invalid_otp' || err.error === 'expired_otp')
    return new AppError('REMOTE_SIGNING_OTP_INVALID', 'Mã OTP không đúng hoặc đã hết hạn. Vui lòng nhận mã mới và thử lại.', 400);
  if (err.error === 'invalid_request' && /credential/i.test(err.description))
    return new AppError('REMOTE_SIGNING_NO_CREDENTIAL', 'Bạn chưa có chứng thư số cá nhân ở dịch vụ ký số từ xa.', 409);
  return new AppError('REMOTE_SIGNING_UNAVAILABLE', 'Dịch vụ ký số từ xa không thực hiện được yêu cầu. Vui lòng thử lại sau.', 502);
}

/**
 * A `Signer` backed by a CSC credential, for one signature authorised by `otp` (explicit authorisation, SCAL 2:
 * the SAD covers exactly the hash signed).
 */
export class RemoteSigner implements Signer {
  private info: Promise<CscCredentialInfo> | null = null;
  constructor(
    private readonly client: CscClient,
    readonly credentialID: string,
    private readonly otp: string,
  ) {}

  private credential(): Promise<CscCredentialInfo> {
    this.info ??= this.client.credentialInfo(this.credentialID);
    return this.info;
  }

  async certificates(): Promise<Uint8Array[]> {
    return (await this.credential()).cert.certificates.map((b64) => new Uint8Array(Buffer.from(b64, 'base64')));
  }

  async signSha256(data: Uint8Array): Promise<Uint8Array> {
    const info = await this.credential();
    if (info.key.status !== 'enabled' || !info.key.algo.includes(OID_SHA256_WITH_RSA))
      throw new AppError('REMOTE_SIGNING_UNAVAILABLE', 'Chứng thư số từ xa không dùng được để ký (khóa bị khóa hoặc thuật toán không hỗ trợ).', 502);
    const hash = createHash('sha256').update(data).digest('base64');
    const sad = await this.client.authorize(this.credentialID, [hash], this.otp);
    const [signature] = await this.client.signHash(this.credentialID, sad, [hash]);
    return new Uint8Array(Buffer.from(signature, 'base64'));
  }
}

export interface RemoteSigningConfig {
  /** Base URL of the CSC API (…/csc/v1). */
  url: string;
  /** The relying party's bearer token at the service. */
  token: string;
  /** Whether the URL points at the built-in stand-in (src/server/standins/csc). */
  standin: boolean;
  /** Whether remote signing may be used (production needs a configured service). */
  enabled: boolean;
}

/** REMOTE_SIGNING_URL and REMOTE_SIGNING_TOKEN; empty URL = the stand-in (not in production). */
export function remoteSigningConfig(publicUrl: string, env: NodeJS.ProcessEnv = process.env): RemoteSigningConfig {
  const standinUrl = `${publicUrl}/standins/csc/csc/v1`;
  const url = (env.REMOTE_SIGNING_URL ?? '').replace(/\/$/, '') || standinUrl;
  const standin = url === standinUrl;
  return {
    url,
    token: env.REMOTE_SIGNING_TOKEN ?? 'motcua-dev-csc-token',
    standin,
    enabled: !standin || env.NODE_ENV !== 'production',
  };
}
