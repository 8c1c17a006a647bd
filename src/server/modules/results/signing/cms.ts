/**
 * CMS SignedData (detached, SHA-256) for PAdES (ETSI.CAdES.detached), built with pkijs so the certificates'
 * names are carried byte for byte (Vietnamese UTF8String names included). Signed attributes: content type,
 * message digest, signing time and the ESS signing-certificate-v2 that PAdES baseline signatures require.
 */
import { createHash, webcrypto } from 'node:crypto';
import * as asn1js from 'asn1js';
import * as pkijs from 'pkijs';
import { systemNow } from '../../../clock.ts';
import type { Signer } from './signer.ts';

pkijs.setEngine(
  'node',
  new pkijs.CryptoEngine({ name: 'node', crypto: webcrypto as unknown as ConstructorParameters<typeof pkijs.CryptoEngine>[0]['crypto'] }),
);

const OID = {
  data: '1.2.840.113549.1.7.1',
  signedData: '1.2.840.113549.1.7.2',
  contentType: '1.2.840.113549.1.9.3',
  messageDigest: '1.2.840.113549.1.9.4',
  signingTime: '1.2.840.113549.1.9.5',
  signingCertificateV2: '1.2.840.113549.1.9.16.2.47',
  sha256: '2.16.840.1.101.3.4.2.1',
  rsaEncryption: '1.2.840.113549.1.1.1',
  sha256WithRsa: '1.2.840.113549.1.1.11',
};

const toArrayBuffer = (u: Uint8Array) => u.buffer.slice(u.byteOffset, u.byteOffset + u.byteLength) as ArrayBuffer;

export async function signDetachedCms(content: Uint8Array, signer: Signer, signingTime = systemNow()): Promise<Buffer> {
  const chainDer = await signer.certificates();
  const certs = chainDer.map((der) => pkijs.Certificate.fromBER(toArrayBuffer(der)));
  const leaf = certs[0];
  const digest = createHash('sha256').update(content).digest();
  const certHash = createHash('sha256').update(chainDer[0]).digest();

  // SigningCertificateV2 ::= SEQUENCE { certs SEQUENCE OF ESSCertIDv2 }, ESSCertIDv2 with the default SHA-256
  // (so no hashAlgorithm), the certificate hash and the issuer/serial.
  const essCertIdV2 = new asn1js.Sequence({
    value: [
      new asn1js.OctetString({ valueHex: toArrayBuffer(certHash) }),
      new asn1js.Sequence({
        value: [
          new asn1js.Sequence({ value: [new asn1js.Constructed({ idBlock: { tagClass: 3, tagNumber: 4 }, value: [leaf.issuer.toSchema()] })] }),
          leaf.serialNumber,
        ],
      }),
    ],
  });
  const signingCertificateV2 = new asn1js.Sequence({ value: [new asn1js.Sequence({ value: [essCertIdV2] })] });

  const signedAttrs = new pkijs.SignedAndUnsignedAttributes({
    type: 0,
    attributes: [
      new pkijs.Attribute({ type: OID.contentType, values: [new asn1js.ObjectIdentifier({ value: OID.data })] }),
      new pkijs.Attribute({ type: OID.signingTime, values: [new asn1js.UTCTime({ valueDate: signingTime })] }),
      new pkijs.Attribute({ type: OID.messageDigest, values: [new asn1js.OctetString({ valueHex: toArrayBuffer(digest) })] }),
      new pkijs.Attribute({ type: OID.signingCertificateV2, values: [signingCertificateV2] }),
    ],
  });

  const signerInfo = new pkijs.SignerInfo({
    version: 1,
    sid: new pkijs.IssuerAndSerialNumber({ issuer: leaf.issuer, serialNumber: leaf.serialNumber }),
    digestAlgorithm: new pkijs.AlgorithmIdentifier({ algorithmId: OID.sha256 }),
    signedAttrs,
    signatureAlgorithm: new pkijs.AlgorithmIdentifier({ algorithmId: OID.sha256WithRsa, algorithmParams: new asn1js.Null() }),
  });
  // The signature covers the DER of the signed attributes as a SET (tag 0x31), not as the [0] IMPLICIT field.
  const attrsDer = new Uint8Array(new asn1js.Set({ value: signedAttrs.attributes.map((a) => a.toSchema()) }).toBER(false));
  signerInfo.signature = new asn1js.OctetString({ valueHex: toArrayBuffer(await signer.signSha256(attrsDer)) });

  const signedData = new pkijs.SignedData({
    version: 1,
    encapContentInfo: new pkijs.EncapsulatedContentInfo({ eContentType: OID.data }),
    digestAlgorithms: [new pkijs.AlgorithmIdentifier({ algorithmId: OID.sha256 })],
    certificates: certs,
    signerInfos: [signerInfo],
  });
  const contentInfo = new pkijs.ContentInfo({ contentType: OID.signedData, content: signedData.toSchema(true) });
  return Buffer.from(contentInfo.toSchema().toBER(false));
}

/** Verifies a detached CMS signature over the content: digest, signature and (optionally) the chain to a root. */
export async function verifyDetachedCms(
  cms: Uint8Array,
  content: Uint8Array,
  trustedRoots: Uint8Array[] = [],
): Promise<{ valid: boolean; signerName?: string; signingTime?: Date; chainTrusted: boolean }> {
  try {
    const info = pkijs.ContentInfo.fromBER(toArrayBuffer(cms));
    const sd = new pkijs.SignedData({ schema: info.content });
    const result = await sd.verify({ signer: 0, data: toArrayBuffer(content), checkChain: false, extendedMode: true });
    const signerCert = result.signerCertificate;
    const cn = signerCert?.subject.typesAndValues.find((t) => t.type === '2.5.4.3')?.value.valueBlock.value as string | undefined;
    const st = sd.signerInfos[0].signedAttrs?.attributes.find((a) => a.type === OID.signingTime)?.values[0] as asn1js.UTCTime | undefined;
    let chainTrusted = false;
    if (trustedRoots.length && signerCert) {
      const engine = new pkijs.CertificateChainValidationEngine({
        trustedCerts: trustedRoots.map((r) => pkijs.Certificate.fromBER(toArrayBuffer(r))),
        certs: (sd.certificates ?? []).filter((c): c is pkijs.Certificate => c instanceof pkijs.Certificate),
      });
      chainTrusted = (await engine.verify()).result === true;
    }
    return { valid: result.signatureVerified === true, signerName: cn, signingTime: st?.toDate(), chainTrusted };
  } catch {
    return { valid: false, chainTrusted: false };
  }
}
