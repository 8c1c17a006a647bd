/**
 * Results and the personal document store: the citizen's store (list, share with a time-limited link), the public
 * verification of a result by its id (the QR target) and of an uploaded file, and the counter officer's view of a
 * present citizen's store.
 */
import { z } from 'zod';
import { Day, Instant, Uuid } from './http.ts';

/** `photo_copy`: the citizen's own photo of a paper from the store page — not certified, not yet digitised. */
export const StoreKind = z.enum(['result', 'certified_copy', 'digitised', 'photo_copy']);
export type StoreKind = z.infer<typeof StoreKind>;
export const ResultStatus = z.enum(['valid', 'replaced', 'cancelled']);
export type ResultStatus = z.infer<typeof ResultStatus>;

/** A document of a person's store (GET /api/my/store, POST /api/staff/intake/store). */
export const StoreItem = z.strictObject({
  id: Uuid,
  kind: StoreKind,
  title: z.string(),
  documentType: z.string().nullable(),
  resultCode: z.string().nullable(),
  /** SHA-256 of the file (its content address, checked against the register of results). */
  sha256: z.string(),
  mime: z.string(),
  size: z.number(),
  issuedAt: Instant,
  /** yyyy-mm-dd, the last day it may be used; null without a time limit. */
  validTo: Day.nullable(),
  resultId: Uuid.nullable(),
  /** Of a result: valid, replaced or cancelled. */
  resultStatus: ResultStatus.nullable(),
  sourceDossierCode: z.string().nullable(),
  /** Of a self-digitised photo: its recognition status and whether the citizen confirmed the fields. */
  photoCopy: z.strictObject({ id: Uuid, status: z.enum(['pending', 'done', 'failed']), confirmed: z.boolean() }).nullable(),
});
export type StoreItem = z.infer<typeof StoreItem>;
export const StoreList = z.strictObject({ items: z.array(StoreItem) });

/** What a document requirement needs from a stored document (the catalogue's document requirement). */
export interface StoreRequirement {
  code: string;
  name: string;
  documentType?: string;
  satisfiedByResultCodes?: string[];
}

export const ShareBody = z.object({ hours: z.number().int().min(1, 'Thời hạn ít nhất 1 giờ').max(720, 'Thời hạn nhiều nhất 30 ngày') });
export const ShareLink = z.strictObject({ url: z.string(), expiresAt: Instant });
export type ShareLink = z.infer<typeof ShareLink>;
export const ShareParams = z.object({ token: z.string().max(100) });

export const StoreOfPersonBody = z.object({
  idNumber: z.string().regex(/^\d{12}$/, 'Số định danh cá nhân gồm 12 chữ số'),
  checkToken: z.string().min(10).max(200),
});

export const PublicResultState = z.enum(['valid', 'expired', 'cancelled', 'replaced', 'not_issued']);
export type PublicResultState = z.infer<typeof PublicResultState>;

/** GET /api/public/results/:id — what anyone may learn about a result (masked owner). */
export const PublicResult = z.strictObject({
  id: Uuid,
  state: PublicResultState,
  title: z.string(),
  number: z.string(),
  resultCode: z.string(),
  kind: z.string(),
  issuingUnit: z.string(),
  signer: z.strictObject({ name: z.string(), title: z.string().nullable(), certificate: z.string() }),
  signedAt: Instant,
  issuedAt: Instant.nullable(),
  /** The requester: the person the result was issued to, in whose store it is (masked). */
  owner: z.strictObject({ name: z.string(), idNumber: z.string() }),
  /** Whom the document is about, as the document calls them (masked): the child of a birth extract, the couple… */
  subject: z.strictObject({ label: z.string(), name: z.string(), idNumber: z.string().nullable() }),
  validFrom: Day,
  validTo: Day.nullable(),
  scope: z.string().nullable(),
  sha256: z.string(),
  dossierCode: z.string().nullable(),
  procedureName: z.string().nullable(),
  statusReason: z.string().nullable(),
  statusAt: Instant.nullable(),
  replacedBy: Uuid.nullable(),
});
export type PublicResult = z.infer<typeof PublicResult>;

export const SignatureCheck = z.strictObject({
  valid: z.boolean(),
  signerName: z.string().optional(),
  signingTime: Instant.optional(),
  chainTrusted: z.boolean(),
  /** The signed byte ranges reach the end of the file (nothing added after signing). */
  coversWholeFile: z.boolean(),
});
export type SignatureCheck = z.infer<typeof SignatureCheck>;

export const VerifyVerdict = z.enum([...PublicResultState.options, 'signature_invalid', 'not_registered']);
export type VerifyVerdict = z.infer<typeof VerifyVerdict>;

/** POST /api/public/verify — an uploaded file checked. */
export const VerifyFileResponse = z.strictObject({
  sha256: z.string(),
  signatures: z.array(SignatureCheck),
  signatureValid: z.boolean(),
  registered: PublicResult.nullable(),
  verdict: VerifyVerdict,
});
export type VerifyFileResponse = z.infer<typeof VerifyFileResponse>;

// --- The applicant's remote signature on a dossier's declaration (issue 16 item 7) ---------------------------------
/** The remote-signing credential found for the signed-in citizen; an OTP was sent to their phone. */
export const DeclarationOtpSent = z.strictObject({
  credentialId: z.string(),
  signerName: z.string(),
  issuer: z.string(),
  validTo: Instant,
});
export type DeclarationOtpSent = z.infer<typeof DeclarationOtpSent>;
export const DeclarationSignBody = z.strictObject({
  otp: z.string().regex(/^\d{6}$/, 'Mã OTP gồm 6 chữ số.'),
});
export const DeclarationSigned = z.strictObject({
  signerName: z.string(),
  signedAt: Instant,
  sha256: z.string(),
});
export type DeclarationSigned = z.infer<typeof DeclarationSigned>;
/** Whether the dossier's declaration is signed by the applicant (the journey's signing step). */
export const DeclarationStatus = z.strictObject({
  signable: z.boolean(),
  signed: z.strictObject({ signerName: z.string(), signedAt: Instant }).nullable(),
});
export type DeclarationStatus = z.infer<typeof DeclarationStatus>;
/** Whether the signed-in official has a personal certificate configured at the remote-signing service. */
export const PersonalSigning = z.strictObject({ configured: z.boolean() });
export type PersonalSigning = z.infer<typeof PersonalSigning>;
export const PersonalSignatureAdded = DeclarationSigned;
export type PersonalSignatureAdded = z.infer<typeof PersonalSignatureAdded>;
