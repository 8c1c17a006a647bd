/**
 * The mapping tables between MotCua's own identifiers and the national portal's codes (data, in
 * data/national-sync/mappings.json, refreshed from the portal's catalogues LayDanhSachTTHC, LayDanhMucCoQuan and
 * LayDanhMucLinhVuc): local procedure ↔ MaTTHC, unit ↔ MaDonVi, field ↔ MaLinhVuc, status ↔ TrangThaiHoSo 1–10.
 * A procedure whose code is already national (catalogue `nationalCodeKnown`) maps to itself unless the table says
 * otherwise; a unit maps to its agency code (mã định danh) unless the table says otherwise.
 */
export interface PortalMappings {
  /** Local procedure code → MaTTHC. */
  procedures: Record<string, string>;
  /** Local org-unit id → MaDonVi. */
  units: Record<string, string>;
  /** Local field (lĩnh vực) code → MaLinhVuc. */
  fields: Record<string, string>;
  /** Local status → TrangThaiHoSo ('1'…'10'). */
  statuses: Record<string, string>;
}

export class MappingMissing extends Error {
  constructor(
    readonly table: keyof PortalMappings,
    readonly key: string,
  ) {
    super(`Chưa có mã quốc gia cho ${TABLE_NAMES[table]} "${key}" (bảng ánh xạ data/national-sync/mappings.json)`);
  }
}

const TABLE_NAMES: Record<keyof PortalMappings, string> = { procedures: 'thủ tục', units: 'đơn vị', fields: 'lĩnh vực', statuses: 'trạng thái' };

export function mapProcedure(m: PortalMappings, code: string, nationalCodeKnown: boolean): string {
  const mapped = m.procedures[code] ?? (nationalCodeKnown ? code : undefined);
  if (!mapped) throw new MappingMissing('procedures', code);
  return mapped;
}

export function mapUnit(m: PortalMappings, unitId: string, agencyCode: string | null): string {
  const mapped = m.units[unitId] ?? agencyCode ?? undefined;
  if (!mapped) throw new MappingMissing('units', unitId);
  return mapped;
}

export function mapField(m: PortalMappings, fieldCode: string): string {
  const mapped = m.fields[fieldCode];
  if (!mapped) throw new MappingMissing('fields', fieldCode);
  return mapped;
}

export function mapStatus(m: PortalMappings, status: number): string {
  const mapped = m.statuses[String(status)];
  if (!mapped) throw new MappingMissing('statuses', String(status));
  return mapped;
}
