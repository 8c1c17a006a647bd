/**
 * Dossier code (mã hồ sơ) in the national format of TT 01/2018 (domain-and-law.md §3.5):
 *   V1V2V3.Z1Z2.Y1Y2.MX1X2-YYMMDD-XXXX
 * where the prefix is the receiving unit's identifier (mã định danh cơ quan, TT 10/2016/TT-BTTTT),
 * YYMMDD the receipt date in Vietnam time and XXXX the running number of that unit on that day.
 */
import { localDay } from '../time/local.ts';

const AGENCY_CODE = /^\d{3}\.[0-9A-Z]{2}\.[0-9A-Z]{2}\.[A-Z][0-9A-Z]{2}$/;
const DOSSIER_CODE = /^(\d{3}\.[0-9A-Z]{2}\.[0-9A-Z]{2}\.[A-Z][0-9A-Z]{2})-(\d{6})-(\d{4,})$/;

export function isAgencyCode(code: string): boolean {
  return AGENCY_CODE.test(code);
}

/** YYMMDD of an instant, in Asia/Ho_Chi_Minh (UTC+7, no daylight saving). */
export function vnDateStamp(at: Date): string {
  return localDay(at).slice(2).replace(/-/g, '');
}

export function formatDossierCode(agencyCode: string, at: Date, sequence: number): string {
  if (!isAgencyCode(agencyCode)) throw new Error(`Invalid agency code: ${agencyCode}`);
  if (!Number.isInteger(sequence) || sequence < 1) throw new Error(`Invalid sequence: ${sequence}`);
  // Four digits as the format prescribes; a unit that receives more than 9,999 dossiers in a day keeps counting.
  return `${agencyCode}-${vnDateStamp(at)}-${String(sequence).padStart(4, '0')}`;
}

export function parseDossierCode(code: string): { agencyCode: string; dateStamp: string; sequence: number } | null {
  const m = DOSSIER_CODE.exec(code.trim().toUpperCase());
  if (!m) return null;
  return { agencyCode: m[1], dateStamp: m[2], sequence: Number(m[3]) };
}
