/**
 * Dates as people in Việt Nam write them (dd/mm/yyyy), kept as ISO yyyy-mm-dd for the form engine (issue 18,
 * point 5). Pure functions: the date field and its tests use them.
 */

/** "2026-02-03" → "03/02/2026"; anything else is returned as it is (a half-typed date stays visible). */
export function isoToDmy(value: string): string {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value);
  return m ? `${m[3]}/${m[2]}/${m[1]}` : value;
}

export type DmyParse =
  | { kind: 'empty' }
  | { kind: 'date'; iso: string }
  /** Not yet a whole date (typing) or not in the dd/mm/yyyy shape. */
  | { kind: 'incomplete' }
  /** A day that does not exist: 31/02, 00/05, month 13. `lastDay` is the month's last day when the month is real. */
  | { kind: 'impossible'; day: number; month: number; year: number; lastDay: number | null };

const daysIn = (month: number, year: number) => new Date(Date.UTC(year, month, 0)).getUTCDate();

/** Reads "3/2/2026", "03/02/2026", "03-02-2026", "03.02.2026" or "03022026". */
export function parseDmy(text: string): DmyParse {
  const s = text.trim();
  if (s === '') return { kind: 'empty' };
  const m = /^(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})$/.exec(s) ?? /^(\d{2})(\d{2})(\d{4})$/.exec(s);
  if (!m) return { kind: 'incomplete' };
  const day = Number(m[1]);
  const month = Number(m[2]);
  const year = Number(m[3]);
  if (year < 1000) return { kind: 'incomplete' };
  const realMonth = month >= 1 && month <= 12;
  const lastDay = realMonth ? daysIn(month, year) : null;
  if (!realMonth || day < 1 || day > (lastDay ?? 31)) return { kind: 'impossible', day, month, year, lastDay };
  return { kind: 'date', iso: `${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}` };
}

/**
 * Slashes as the digits come: "0302" → "03/02", "03022026" → "03/02/2026". Only when the person types forward
 * (the previous text is shorter) and uses digits only, so deleting and typing separators stay under their control.
 */
export function maskDmy(next: string, previous: string): string {
  if (next.length <= previous.length || !/^[\d/]*$/.test(next)) return next;
  // Separators typed by the person elsewhere than after two-digit day and month ("3/2/2026"): theirs to place.
  if ([...next].some((c, i) => c === '/' && i !== 2 && i !== 5)) return next;
  const digits = next.replace(/\//g, '');
  if (digits.length > 8) return next;
  const parts = [digits.slice(0, 2), digits.slice(2, 4), digits.slice(4)].filter((p, i) => p !== '' || i === 0);
  let out = parts.join('/');
  // "03" → "03/" so the next digit goes to the month.
  if ((digits.length === 2 || digits.length === 4) && !next.endsWith('/') && next.length > previous.length) out += '/';
  return out;
}
