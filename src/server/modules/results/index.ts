/**
 * The results module's public entry: what the rest of the server may use (other files of this folder, including
 * render/ and signing/, are internal; see docs/adr/0006-module-boundaries.md).
 */
export { default as resultRoutes } from './routes.ts';
export { hasUnpublishedResult, prepareSigning, publishDossierResult, signDossierResult, storeComponents, withdrawUnpublished } from './issue.ts';
export { createSignerProvider, type SignerProvider } from './signing/signers.ts';
export { renderSpecimen } from './specimen.ts';
export { markAndSignConverted, prepareConvertedSigning } from './digitise.ts';
export { listStore, putInStore, storeMismatch } from './store.ts';
export { createRootCa, issueSigningCertificate } from './signing/certificates.ts';
export { addSignature, signPdf } from './signing/pades.ts';
export { CscClient, RemoteSigner, remoteSigningConfig } from './signing/remote.ts';
export { addPersonalSignature, sendPersonalOtp } from './declaration.ts';
export { seedPersonalCredentialsDemo } from './personal.ts';
