/**
 * Where each unit's signing credentials come from, behind one interface (the Signer itself is in
 * src/server/modules/results/signing: a PKCS#12 transport today, a hardware token or a remote signing service tomorrow):
 *
 * - production: a folder of PKCS#12 files, `<unit id>.p12` (SIGNING_P12_DIR, SIGNING_P12_PASSWORD), issued by the
 *   government's certification authority for specialised public-service use;
 * - development and tests: a local certificate authority and one certificate per unit, created on first use with
 *   the unit's Vietnamese name (CN=Ủy ban nhân dân xã Phú Riềng) and kept in the database, so every server process
 *   signs with the same key. The first process to create one wins; the others read it.
 */
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import type { AppConfig } from '../../../config.ts';
import type { Database } from '../../../db/database.ts';
import { AppError } from '../../../http/errors.ts';
import { createRootCa, issueSigningCertificate, toPkcs12, type IssuedCertificate } from './certificates.ts';
import { Pkcs12Signer, type Signer } from './signer.ts';

export interface UnitSigner {
  signer: Signer;
  /** The certificate's common name, shown by verifiers. */
  commonName: string;
}

export interface SignerProvider {
  forUnit(unit: { id: string; name: string; province?: string; locality?: string }): Promise<UnitSigner>;
  /** DER certificates of the roots a verification trusts. */
  trustedRoots(): Promise<Uint8Array[]>;
}

const pemToDer = (pem: string): Uint8Array[] =>
  [...pem.matchAll(/-----BEGIN CERTIFICATE-----([\s\S]*?)-----END CERTIFICATE-----/g)].map((m) => Buffer.from(m[1].replace(/\s+/g, ''), 'base64'));

/** Production: a PKCS#12 file per unit. */
export class Pkcs12DirectorySignerProvider implements SignerProvider {
  private readonly cache = new Map<string, UnitSigner>();
  constructor(
    private readonly dir: string,
    private readonly password: string,
    private readonly rootsFile: string,
  ) {}

  async forUnit(unit: { id: string; name: string }): Promise<UnitSigner> {
    const hit = this.cache.get(unit.id);
    if (hit) return hit;
    const file = path.join(this.dir, `${unit.id}.p12`);
    if (!fs.existsSync(file))
      throw new AppError('SIGNING_CERTIFICATE_MISSING', `Chưa cấu hình chứng thư số của đơn vị ${unit.name}. Vui lòng báo quản trị hệ thống.`, 409, undefined, {
        unit: unit.name,
      });
    const signer = new Pkcs12Signer(fs.readFileSync(file), this.password);
    const s = { signer, commonName: unit.name };
    this.cache.set(unit.id, s);
    return s;
  }

  async trustedRoots(): Promise<Uint8Array[]> {
    return this.rootsFile ? pemToDer(fs.readFileSync(this.rootsFile, 'utf8')) : [];
  }
}

/** Development and tests: the local CA, kept in signing_credentials. */
export class DevelopmentCaSignerProvider implements SignerProvider {
  private readonly cache = new Map<string, Promise<UnitSigner>>();
  private ca: Promise<{ cert: IssuedCertificate }> | null = null;
  constructor(
    private readonly db: Database,
    private readonly secret: string,
  ) {}

  /** Each unit's PKCS#12 password, derived from the server secret (never stored). */
  private password(unitId: string): string {
    return crypto.createHmac('sha256', this.secret).update(`p12:${unitId}`).digest('base64url');
  }

  private loadCa(): Promise<{ cert: IssuedCertificate }> {
    this.ca ??= (async () => {
      const read = async () =>
        (
          await this.db.query<{ certificate_pem: string; private_key_pem: string; common_name: string }>(
            "SELECT certificate_pem, private_key_pem, common_name FROM signing_credentials WHERE subject_id = 'ca'",
          )
        ).rows[0];
      let row = await read();
      if (!row) {
        const ca = createRootCa({ commonName: 'MotCua CA thử nghiệm (không dùng để giao dịch thật)', organization: 'MotCua – môi trường phát triển' });
        await this.db.query(
          "INSERT INTO signing_credentials (subject_id, certificate_pem, private_key_pem, common_name, not_after) VALUES ('ca', $1, $2, $3, now() + interval '10 years') ON CONFLICT (subject_id) DO NOTHING",
          [ca.certificatePem, ca.privateKeyPem, ca.subject.commonName],
        );
        row = (await read())!;
      }
      return {
        cert: {
          certificatePem: row.certificate_pem,
          privateKeyPem: row.private_key_pem,
          subject: { commonName: row.common_name, organization: 'MotCua – môi trường phát triển' },
        },
      };
    })();
    this.ca.catch(() => (this.ca = null));
    return this.ca;
  }

  forUnit(unit: { id: string; name: string; province?: string; locality?: string }): Promise<UnitSigner> {
    let s = this.cache.get(unit.id);
    if (!s) {
      s = this.loadUnit(unit);
      this.cache.set(unit.id, s);
      s.catch(() => this.cache.delete(unit.id));
    }
    return s;
  }

  private async loadUnit(unit: { id: string; name: string; province?: string; locality?: string }): Promise<UnitSigner> {
    const read = async () =>
      (await this.db.query<{ p12: Buffer; common_name: string }>('SELECT p12, common_name FROM signing_credentials WHERE subject_id = $1', [unit.id])).rows[0];
    let row = await read();
    if (!row) {
      const { cert: ca } = await this.loadCa();
      const issued = issueSigningCertificate(ca, {
        commonName: unit.name,
        organization: unit.name,
        ...(unit.locality ? { locality: unit.locality } : {}),
        ...(unit.province ? { province: unit.province } : {}),
      });
      const p12 = toPkcs12(issued, [ca.certificatePem], this.password(unit.id), unit.name);
      await this.db.query(
        "INSERT INTO signing_credentials (subject_id, certificate_pem, p12, common_name, not_after) VALUES ($1, $2, $3, $4, now() + interval '3 years') ON CONFLICT (subject_id) DO NOTHING",
        [unit.id, issued.certificatePem, p12, unit.name],
      );
      row = (await read())!;
    }
    return { signer: new Pkcs12Signer(new Uint8Array(row.p12), this.password(unit.id)), commonName: row.common_name };
  }

  async trustedRoots(): Promise<Uint8Array[]> {
    return pemToDer((await this.loadCa()).cert.certificatePem);
  }
}

/** Production without configured certificates: every signature is refused with a clear message. */
class UnconfiguredSignerProvider implements SignerProvider {
  async forUnit(): Promise<UnitSigner> {
    throw new AppError('SIGNING_NOT_CONFIGURED', 'Hệ thống chưa được cấu hình chứng thư số để ký kết quả. Vui lòng báo quản trị hệ thống.', 409);
  }
  async trustedRoots(): Promise<Uint8Array[]> {
    return [];
  }
}

export function createSignerProvider(config: AppConfig, db: Database): SignerProvider {
  if (config.signing.p12Dir) return new Pkcs12DirectorySignerProvider(config.signing.p12Dir, config.signing.p12Password, config.signing.trustedRootsFile);
  if (config.env !== 'production') return new DevelopmentCaSignerProvider(db, config.cookieSecret);
  return new UnconfiguredSignerProvider();
}
