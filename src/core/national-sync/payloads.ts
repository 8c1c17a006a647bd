/**
 * Pure payload builders for the national portal (domain-and-law.md §5.1): the dossier message HoSoDongBoDVC from a
 * snapshot of the dossier, and the processing-step message QuaTrinhXuLyDongBoDVC from one domain event. Codes go
 * through the mapping tables (mappings.ts); instants become `yyyyMMddHHmmss` in Vietnam time. Validation is separate
 * (schema.ts) so that a payload that cannot be valid is still recorded, and shown, instead of failing the change.
 */
import type { DossierEvent } from '../dossiers/events.ts';
import { localCompact } from '../time/local.ts';
import { mapField, mapProcedure, mapStatus, mapUnit, type PortalMappings } from './mappings.ts';
import type { HoSoDongBoDVC, QuaTrinhXuLyDongBoDVC } from './schema.ts';

/** What the builder needs of a dossier, read in the transaction of the change. */
export interface DossierSnapshot {
  code: string;
  procedure: { code: string; name: string; nationalCodeKnown: boolean; fieldCode: string; fieldName: string };
  channel: 1 | 2 | 3;
  applicant: { kind: string; name: string; idNumber: string | null; phone: string | null; email: string | null };
  summary: string;
  status: number;
  submittedAt: Date;
  receivedAt: Date | null;
  dueAt: Date | null;
  finishedAt: Date | null;
  returnedAt: Date | null;
  refusedAt: Date | null;
  resultDelivery: 'online' | 'counter' | 'post';
  /** The unit that handles the dossier (DonViXuLy) and the one that received it (its code is MaDonVi). */
  handlingUnit: { id: string; name: string; agencyCode: string | null };
  receivingUnit: { id: string; agencyCode: string | null };
  vneidAuthenticated: boolean;
  populationDbUsed: boolean;
  /** 0 not paid online, 1 national payment platform, 2 the province's gateway. */
  paidOnlineVia: 0 | 1 | 2;
  fees: { code: string; name: string; kind: string; amount: number }[];
  documents: { requirementCode: string; name: string; digitised: boolean; reused: boolean; fromStore: boolean; url: string }[];
  supplements: {
    id: string;
    requestedBy: string;
    reason: string;
    requestedAt: Date;
    suppliedAt: Date | null;
    dueBefore: Date | null;
    dueAfter: Date | null;
  }[];
  results: { id: string; title: string; resultCode: string; number: string; url: string }[];
}

const at = (d: Date | null | undefined) => (d ? localCompact(d) : undefined);
const clip = (s: string, n: number) => (s.length > n ? `${s.slice(0, n - 1)}…` : s);
const bit = (b: boolean) => (b ? '1' : '0');

/** LoaiDoiTuong: 1 citizen, 2 business, 3 state agency, 4 other organisation. */
const APPLICANT_KIND: Record<string, '1' | '2' | '3' | '4'> = { citizen: '1', business: '2', agency: '3', organisation: '4' };

/** The national portal's code of the unit a dossier is sent for (madonvi of the envelope). */
export function portalUnitCode(m: PortalMappings, s: Pick<DossierSnapshot, 'receivingUnit'>): string {
  return mapUnit(m, s.receivingUnit.id, s.receivingUnit.agencyCode);
}

export function buildDossierPayload(s: DossierSnapshot, m: PortalMappings): HoSoDongBoDVC {
  const id = s.applicant.idNumber ?? '';
  const payload: HoSoDongBoDVC = {
    MaHoSo: s.code,
    MaTTHC: mapProcedure(m, s.procedure.code, s.procedure.nationalCodeKnown),
    TenTTHC: clip(s.procedure.name, 1000),
    MaLinhVuc: mapField(m, s.procedure.fieldCode),
    TenLinhVuc: s.procedure.fieldName,
    KenhThucHien: String(s.channel) as '1' | '2' | '3',
    ChuHoSo: clip(s.applicant.name, 200),
    SoGiayToChuHoSo: id,
    LoaiDoiTuong: APPLICANT_KIND[s.applicant.kind] ?? '1',
    ...(s.channel === 2 && id ? { MaDoiTuong: id } : {}),
    ...(s.applicant.email ? { Email: s.applicant.email } : {}),
    ...(s.applicant.phone ? { SoDienThoai: s.applicant.phone } : {}),
    TrichYeuHoSo: clip(s.summary.trim() || s.procedure.name, 1000),
    NgayNopHoSo: localCompact(s.submittedAt),
    NgayTiepNhan: at(s.receivedAt),
    NgayHenTra: at(s.dueAt),
    NgayTra: at(s.returnedAt),
    NgayKetThucXuLy: at(s.finishedAt),
    NgayTuChoi: at(s.refusedAt),
    TrangThaiHoSo: mapStatus(m, s.status) as HoSoDongBoDVC['TrangThaiHoSo'],
    HinhThuc: s.resultDelivery === 'post' ? '1' : '0',
    DonViXuLy: s.handlingUnit.name,
    NoiNopHoSo: s.channel === 2 ? '2' : '1',
    HoSoCoThanhPhanSoHoa: bit(s.documents.some((d) => d.digitised)),
    TaiKhoanDuocXacThucVoiVNeID: bit(s.vneidAuthenticated),
    DuocThanhToanTrucTuyen: String(s.paidOnlineVia) as '0' | '1' | '2',
    DinhDanhCHS: id ? [{ LoaiDinhDanh: /^\d{12}$/.test(id) ? '1' : '2', SoDinhDanh: id }] : [],
    // The population database is the one national database MotCua reads (MaCSDL 1 as seen in production code).
    DSKetNoiCSDL: s.populationDbUsed ? [{ MaCSDL: '1' }] : [],
    TaiLieuNop: s.documents.map((d) => ({
      TenTepDinhKem: clip(d.name, 4000),
      MaThanhPhanHoSo: d.requirementCode,
      DuongDanTaiTepTin: d.url,
      DuocSoHoa: bit(d.digitised),
      DuocTaiSuDung: d.reused ? '1' : '0',
      DuocLayTuKhoDMQG: bit(d.fromStore),
    })),
    DanhSachLePhi: s.fees
      .filter((f) => f.amount > 0)
      .map((f) => ({
        TenPhiLePhi: clip(f.name, 500),
        MaPhiLePhi: f.code,
        HinhThucThu: s.paidOnlineVia ? '2' : '1',
        Gia: String(Math.round(f.amount)),
        LoaiPhiLePhi: f.kind === 'phi' ? '1' : '2',
      })),
    DanhSachHoSoBoSung: s.supplements.map((x) => ({
      HoSoBoSungId: x.id,
      NguoiYeuCauBoSung: clip(x.requestedBy, 200),
      NoiDungBoSung: clip(x.reason || 'Yêu cầu bổ sung giấy tờ', 2000),
      NgayBoSung: localCompact(x.requestedAt),
      NgayTiepNhanBoSung: at(x.suppliedAt),
      TrangThaiBoSung: x.suppliedAt ? '2' : '1',
      NgayHenTraTruoc: at(x.dueBefore),
      NgayHenTraMoi: at(x.dueAfter),
    })),
    DanhSachGiayToKetQua: s.results.map((r) => ({
      TenGiayTo: clip(r.title, 500),
      MaGiayToKetQua: r.resultCode,
      GiayToId: r.id,
      SoKyHieu: r.number,
      DuongDanTepTinKetQua: r.url,
    })),
  };
  return dropUndefined(payload);
}

/** One processing step, from the domain event that recorded it. */
export function buildProgressPayload(
  e: Pick<DossierEvent, 'code' | 'type' | 'at' | 'actor' | 'status' | 'dueAt' | 'data'>,
  m: PortalMappings,
  labels: { action: string; role?: string; unit?: string },
): QuaTrinhXuLyDongBoDVC {
  const reason = typeof e.data.reason === 'string' && e.data.reason.trim() ? `: ${e.data.reason.trim()}` : '';
  return dropUndefined({
    MaHoSo: e.code,
    NguoiXuLy: clip(e.actor.name || 'Hệ thống', 50),
    ChucDanh: labels.role,
    ThoiDiemXuLy: localCompact(new Date(e.at)),
    PhongBanXuLy: labels.unit,
    NoiDungXuLy: clip(`${labels.action}${reason}`, 2000),
    TrangThai: mapStatus(m, e.status.after) as QuaTrinhXuLyDongBoDVC['TrangThai'],
    NgayBatDau: localCompact(new Date(e.at)),
    NgayKetThucTheoQuyDinh: e.dueAt ? localCompact(new Date(e.dueAt)) : undefined,
  });
}

function dropUndefined<T extends object>(o: T): T {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as T;
}
