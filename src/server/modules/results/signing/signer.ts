/**
 * Signing behind a small interface with interchangeable transports (as Documenso's packages/signing does): a
 * PKCS#12 file per unit is implemented; a hardware token (PKCS#11) or a remote signing service implements the
 * same two methods.
 */
import { webcrypto } from 'node:crypto';
import { readPkcs12 } from './certificates.ts';

export interface Signer {
  /** The signing certificate first, then its chain, DER-encoded. */
  certificates(): Promise<Uint8Array[]>;
  /** RSASSA-PKCS1-v1_5 with SHA-256 over the given bytes (the DER of the CMS signed attributes). */
  signSha256(data: Uint8Array): Promise<Uint8Array>;
}

export class Pkcs12Signer implements Signer {
  private key: Promise<webcrypto.CryptoKey>;
  private chain: Buffer[];

  constructor(p12: Uint8Array, password: string) {
    const { privateKeyPkcs8, certificates } = readPkcs12(p12, password);
    this.chain = certificates;
    this.key = webcrypto.subtle.importKey('pkcs8', privateKeyPkcs8, { name: 'RSASSA-PKCS1-v1_5', hash: 'SHA-256' }, false, ['sign']);
  }

  async certificates(): Promise<Uint8Array[]> {
    return this.chain;
  }

  async signSha256(data: Uint8Array): Promise<Uint8Array> {
    return new Uint8Array(await webcrypto.subtle.sign('RSASSA-PKCS1-v1_5', await this.key, data));
  }
}
