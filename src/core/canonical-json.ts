/**
 * Canonical JSON: object keys sorted, strings in Unicode NFC, no insignificant whitespace, undefined dropped.
 * The same value always serialises to the same text, which hashes and signatures rely on.
 */
export function canonicalJson(value: unknown): string {
  if (value === null || value === undefined) return 'null';
  if (typeof value === 'string') return JSON.stringify(nfc(value));
  if (typeof value === 'number') {
    if (!Number.isFinite(value)) throw new Error('Non-finite numbers have no canonical JSON form');
    return JSON.stringify(value);
  }
  if (typeof value === 'boolean') return value ? 'true' : 'false';
  if (value instanceof Date) return JSON.stringify(value.toISOString());
  if (Array.isArray(value)) {
    let out = '[';
    for (let i = 0; i < value.length; i++) out += (i === 0 ? '' : ',') + canonicalJson(value[i] === undefined ? null : value[i]);
    return `${out}]`;
  }
  if (typeof value === 'object') {
    const record = value as Record<string, unknown>;
    const keys: [string, string][] = [];
    for (const k in record) {
      if (Object.hasOwn(record, k) && record[k] !== undefined) keys.push([nfc(k), k]);
    }
    keys.sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    let out = '{';
    for (let i = 0; i < keys.length; i++) out += `${i === 0 ? '' : ','}${JSON.stringify(keys[i][0])}:${canonicalJson(record[keys[i][1]])}`;
    return `${out}}`;
  }
  throw new Error(`Cannot serialise ${typeof value} canonically`);
}

/** Text in NFC. ASCII text is its own NFC, and is most keys and many values: the normaliser is skipped for it. */
const ASCII = /^[\x00-\x7f]*$/;
const nfc = (s: string) => (ASCII.test(s) ? s : s.normalize('NFC'));
