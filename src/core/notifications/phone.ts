/**
 * Phone numbers, parsed and normalised with libphonenumber-js (mobile prefixes in Vietnam change; no hand-written
 * patterns). A number is stored in E.164 (`+84912345678`); Zalo ZNS wants it without `+` (`84912345678`).
 */
import { parsePhoneNumberFromString } from 'libphonenumber-js/max';

export interface NormalisedPhone {
  /** E.164, the stored form and the SMS gateway's form. */
  e164: string;
  /** The Zalo ZNS form: country code and number, no plus sign. */
  zalo: string;
  /** Whether the number is a mobile number (only those receive Zalo and SMS). */
  mobile: boolean;
}

/**
 * Numbers already parsed, by input (parsing with the full metadata was ~0.15 ms, a visible part of a submission's
 * CPU, issue 17; the same citizen's number comes back with every event of their dossiers). Bounded: emptied when full.
 */
const parsedCache = new Map<string, NormalisedPhone | null>();
const CACHE_MAX = 2000;

/** Parses a number as written by a citizen (Vietnam by default); null when it is not a valid number. */
export function normalisePhone(input: string): NormalisedPhone | null {
  if (typeof input !== 'string' || input.length > 40) return null;
  const hit = parsedCache.get(input);
  if (hit !== undefined) return hit && { ...hit };
  const result = parsePhone(input);
  if (parsedCache.size >= CACHE_MAX) parsedCache.clear();
  parsedCache.set(input, result);
  return result && { ...result };
}

function parsePhone(input: string): NormalisedPhone | null {
  const parsed = parsePhoneNumberFromString(input.trim(), 'VN');
  if (!parsed?.isValid()) return null;
  const type = parsed.getType();
  return { e164: parsed.number, zalo: parsed.number.replace(/^\+/, ''), mobile: type === 'MOBILE' || type === 'FIXED_LINE_OR_MOBILE' };
}
