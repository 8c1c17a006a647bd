/**
 * The TT 01/2023 QR payload of the one-stop forms: dossier code, procedure code, the applicant's identifier, the
 * form's title, the issuing system, the time of issue and the lookup address.
 */
import { vnIso, type QrPayload } from '../../core/documents/qr-payload.ts';
import type { DossierFormBase, IssueInfo } from './types.ts';

export const DEFAULT_SYSTEM_NAME = 'MotCua – Hệ thống thông tin giải quyết TTHC';

/** The public lookup page of a dossier (or of any code the lookup page knows): `${publicUrl}/tra-cuu?ma=<code>`. */
export function lookupUrl(publicUrl: string, code: string): string {
  return `${publicUrl.replace(/\/+$/, '')}/tra-cuu?ma=${encodeURIComponent(code)}`;
}

/** What a single-dossier form's QR needs. */
export type DossierQrSource = Pick<DossierFormBase, 'dossier' | 'applicant'> & { issue: Pick<IssueInfo, 'issuedAt' | 'publicUrl' | 'systemName'> };

/** Payload of a single-dossier form: the title (tenGiayTo) is the form's name in sentence case. */
export function dossierQrPayload(data: DossierQrSource, title: string, extra: Pick<QrPayload, 'ngayHenTra'> = {}): QrPayload {
  return {
    maHoSo: data.dossier.code,
    maTTHC: data.dossier.procedureCode,
    maDinhDanh: data.applicant.idNumber,
    tenGiayTo: title,
    heThong: systemName(data.issue),
    thoiDiem: vnIso(data.issue.issuedAt),
    ...extra,
    url: lookupUrl(data.issue.publicUrl, data.dossier.code),
  };
}

export function systemName(issue: Pick<IssueInfo, 'systemName'>): string {
  return issue.systemName ?? DEFAULT_SYSTEM_NAME;
}
