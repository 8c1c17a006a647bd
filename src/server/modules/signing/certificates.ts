/**
 * Development certificate authority: a local root CA and one certificate per signing unit, with Vietnamese names
 * encoded as UTF8String (CN=Ủy ban nhân dân xã Phú Riềng), as real agency certificates are. Each unit's key and
 * certificate chain are stored as a PKCS#12 file. node-forge is used only to make these test certificates; the
 * signatures themselves are built with pkijs (cms.ts).
 */
import forge from 'node-forge';

export interface SubjectName {
  commonName: string;
  organization?: string;
  locality?: string;
  province?: string;
}

const UTF8 = forge.asn1.Type.UTF8;

function attributes(n: SubjectName): forge.pki.CertificateField[] {
  const a: forge.pki.CertificateField[] = [{ shortName: 'C', value: 'VN' }];
  if (n.province) a.push({ shortName: 'ST', value: n.province, valueTagClass: UTF8 as unknown as forge.asn1.Class });
  if (n.locality) a.push({ shortName: 'L', value: n.locality, valueTagClass: UTF8 as unknown as forge.asn1.Class });
  if (n.organization) a.push({ shortName: 'O', value: n.organization, valueTagClass: UTF8 as unknown as forge.asn1.Class });
  a.push({ shortName: 'CN', value: n.commonName, valueTagClass: UTF8 as unknown as forge.asn1.Class });
  return a;
}

export interface IssuedCertificate {
  certificatePem: string;
  privateKeyPem: string;
  subject: SubjectName;
}

function serial(): string {
  return `01${forge.util.bytesToHex(forge.random.getBytesSync(15))}`;
}

function makeCertificate(name: SubjectName, issuer: { name: SubjectName; key?: forge.pki.rsa.PrivateKey }, years: number, extensions: unknown[]): IssuedCertificate {
  const keys = forge.pki.rsa.generateKeyPair(2048);
  const cert = forge.pki.createCertificate();
  cert.publicKey = keys.publicKey;
  cert.serialNumber = serial();
  cert.validity.notBefore = new Date(Date.now() - 86_400_000);
  cert.validity.notAfter = new Date(Date.now() + years * 365 * 86_400_000);
  cert.setSubject(attributes(name));
  // The issuer is encoded from the issuer's name exactly as its own subject was, so the bytes match.
  cert.setIssuer(attributes(issuer.name));
  cert.setExtensions(extensions);
  cert.sign(issuer.key ?? keys.privateKey, forge.md.sha256.create());
  return { certificatePem: forge.pki.certificateToPem(cert), privateKeyPem: forge.pki.privateKeyToPem(keys.privateKey), subject: name };
}

export function createRootCa(name: SubjectName, years = 10): IssuedCertificate {
  return makeCertificate(name, { name }, years, [
    { name: 'basicConstraints', cA: true, critical: true },
    { name: 'keyUsage', keyCertSign: true, cRLSign: true, critical: true },
    { name: 'subjectKeyIdentifier' },
  ]);
}

export function issueSigningCertificate(ca: IssuedCertificate, name: SubjectName, years = 3): IssuedCertificate {
  return makeCertificate(name, { name: ca.subject, key: forge.pki.privateKeyFromPem(ca.privateKeyPem) as forge.pki.rsa.PrivateKey }, years, [
    { name: 'basicConstraints', cA: false, critical: true },
    { name: 'keyUsage', digitalSignature: true, nonRepudiation: true, critical: true },
    { name: 'extKeyUsage', emailProtection: true },
    { name: 'subjectKeyIdentifier' },
  ]);
}

/** A PKCS#12 file (key + chain), protected by a password. */
export function toPkcs12(leaf: IssuedCertificate, chainPems: string[], password: string, friendlyName: string): Buffer {
  const p12 = forge.pkcs12.toPkcs12Asn1(
    forge.pki.privateKeyFromPem(leaf.privateKeyPem),
    [forge.pki.certificateFromPem(leaf.certificatePem), ...chainPems.map((p) => forge.pki.certificateFromPem(p))],
    password,
    { algorithm: '3des', friendlyName },
  );
  return Buffer.from(forge.asn1.toDer(p12).getBytes(), 'binary');
}

/** Reads a PKCS#12 file: the private key as PKCS#8 DER and the certificates as DER, leaf first. */
export function readPkcs12(p12: Uint8Array, password: string): { privateKeyPkcs8: Buffer; certificates: Buffer[] } {
  const asn1 = forge.asn1.fromDer(forge.util.createBuffer(Buffer.from(p12).toString('binary')));
  const parsed = forge.pkcs12.pkcs12FromAsn1(asn1, password);
  const keyBag = parsed.getBags({ bagType: forge.pki.oids.pkcs8ShroudedKeyBag })[forge.pki.oids.pkcs8ShroudedKeyBag]?.[0];
  const certBags = parsed.getBags({ bagType: forge.pki.oids.certBag })[forge.pki.oids.certBag] ?? [];
  if (!keyBag?.key) throw new Error('PKCS#12 without a private key');
  const pkcs8 = forge.pki.wrapRsaPrivateKey(forge.pki.privateKeyToAsn1(keyBag.key));
  const certs = certBags.map((b) => Buffer.from(forge.asn1.toDer(forge.pki.certificateToAsn1(b.cert!)).getBytes(), 'binary'));
  // Leaf first: the certificate whose public key matches the private key.
  const keyModulus = (keyBag.key as forge.pki.rsa.PrivateKey).n.toString(16);
  certs.sort((a, b) => Number(modulusOf(b) === keyModulus) - Number(modulusOf(a) === keyModulus));
  return { privateKeyPkcs8: Buffer.from(forge.asn1.toDer(pkcs8).getBytes(), 'binary'), certificates: certs };
}

function modulusOf(der: Buffer): string {
  const cert = forge.pki.certificateFromAsn1(forge.asn1.fromDer(forge.util.createBuffer(der.toString('binary'))));
  return (cert.publicKey as forge.pki.rsa.PublicKey).n.toString(16);
}
