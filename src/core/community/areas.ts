/**
 * Villages and residential groups (thôn, ấp, bản, tổ dân phố, khu phố) under a commune, read from the detail line of
 * a residence address ("Số 12, Thôn Phú Bình", "Tổ dân phố 3, Khu phố 2"). Pure: the household import and the
 * tests use it.
 */
export const AREA_KINDS = ['thon', 'ap', 'to_dan_pho', 'khu_pho', 'ban', 'khac'] as const;
export type AreaKind = (typeof AREA_KINDS)[number];

export interface ParsedArea {
  kind: AreaKind;
  /** As written in the address, e.g. "Thôn Phú Bình", "Tổ dân phố 3". */
  name: string;
}

// Longest prefixes first: "Tổ dân phố" before "Tổ".
const PREFIXES: readonly [RegExp, AreaKind, string][] = [
  [/^tổ dân phố\s+(.+)$/iu, 'to_dan_pho', 'Tổ dân phố'],
  [/^khu phố\s+(.+)$/iu, 'khu_pho', 'Khu phố'],
  [/^thôn\s+(.+)$/iu, 'thon', 'Thôn'],
  [/^ấp\s+(.+)$/iu, 'ap', 'Ấp'],
  [/^bản\s+(.+)$/iu, 'ban', 'Bản'],
];

/** The area named in an address's detail line; null when none of the known kinds is named. */
export function areaOfAddress(detail: string): ParsedArea | null {
  const parts = detail
    .normalize('NFC')
    .split(',')
    .map((p) => p.trim().replace(/\s+/g, ' '))
    .filter(Boolean);
  // The smallest unit first: a residential group is named before its ward quarter ("Tổ dân phố 3, Khu phố 2").
  for (const part of parts) {
    for (const [re, kind, label] of PREFIXES) {
      const m = re.exec(part);
      if (m) return { kind, name: `${label} ${m[1].trim()}` };
    }
  }
  return null;
}

/** A stable identifier of an area of a commune: `<commune code>:<folded name>`. */
export function areaId(communeCode: string, name: string): string {
  const folded = name
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/đ/g, 'd')
    .replace(/Đ/g, 'D')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-|-$/g, '');
  return `${communeCode}:${folded}`;
}
