/**
 * The plans' figure "người dân trưởng thành sử dụng chữ ký số cá nhân" (Kim Long: over 50% of adults): of the adults
 * (15 or older on the day counted) of a unit's population, those who have signed at least once with a personal
 * certificate by the end of that day. Pure: the server reads the population register (people with their birth
 * dates) and the remote-signing records (each signer's first signature) and calls it.
 */
import { isAdult } from './coverage.ts';

export interface Resident {
  idNumber: string;
  /** yyyy-mm-dd. */
  birthDate: string;
}

export interface SignatureFigure {
  /** Adults (15+) of the population on the day. */
  adults: number;
  /** Of them, those who signed with a personal certificate at least once by `asOf`. */
  signed: number;
  /** signed / adults in percent with two decimals; null when there are no adults. */
  percent: number | null;
}

/**
 * `firstSigned`: identity number → the instant (ISO) of the person's first signature with a personal certificate.
 * `day` (yyyy-mm-dd) decides who is an adult; `asOf` (ISO instant, the end of that day) which signatures count.
 * A person listed twice in the register counts once; signers outside the register do not count.
 */
export function adultsWithPersonalSignature(
  residents: readonly Resident[],
  firstSigned: ReadonlyMap<string, string>,
  day: string,
  asOf: string,
): SignatureFigure {
  const seen = new Set<string>();
  let adults = 0;
  let signed = 0;
  for (const r of residents) {
    if (seen.has(r.idNumber)) continue;
    seen.add(r.idNumber);
    if (!isAdult(r.birthDate, day)) continue;
    adults += 1;
    const at = firstSigned.get(r.idNumber);
    if (at !== undefined && new Date(at).getTime() <= new Date(asOf).getTime()) signed += 1;
  }
  return { adults, signed, percent: adults === 0 ? null : Math.round((signed / adults) * 10_000) / 100 };
}
