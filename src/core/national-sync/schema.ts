/**
 * The messages of the national public-service portal (Cổng DVCQG) as zod schemas: the dossier (HoSoDongBoDVC, service
 * DongBoHoSoMC) and the processing step (QuaTrinhXuLyDongBoDVC, service CapNhatTienDoHoSoMC), domain-and-law.md §5.1.
 * Every payload is checked against them before it is sent: a payload that does not validate is never sent, it is
 * parked with the validation error for an official to see. Dates are `yyyyMMddHHmmss` in Vietnam time.
 */
import { z } from 'zod';

/** `yyyyMMddHHmmss` (Vietnam time), a real calendar instant. */
export const PortalDate = z.string().regex(/^(19|20)\d{2}(0[1-9]|1[0-2])(0[1-9]|[12]\d|3[01])([01]\d|2[0-3])[0-5]\d[0-5]\d$/, 'yyyyMMddHHmmss');

const text = (max: number) => z.string().max(max);
const required = (max: number) => z.string().trim().min(1).max(max);
const flag = z.enum(['0', '1']);
export const PortalStatus = z.enum(['1', '2', '3', '4', '5', '6', '7', '8', '9', '10']);

export const LePhi = z.object({
  TenPhiLePhi: required(500),
  MaPhiLePhi: required(50),
  HinhThucThu: required(10),
  Gia: z.string().regex(/^\d+$/),
  LoaiPhiLePhi: z.enum(['1', '2']),
});

export const TaiLieuNop = z.object({
  TenTepDinhKem: required(4000),
  MaThanhPhanHoSo: required(100),
  DuongDanTaiTepTin: z.string().url().max(2000),
  DuocSoHoa: flag,
  DuocTaiSuDung: z.enum(['0', '1', '2']),
  DuocLayTuKhoDMQG: flag,
});

export const GiayToKetQua = z.object({
  TenGiayTo: required(500),
  MaGiayToKetQua: required(100),
  GiayToId: text(100).optional(),
  SoKyHieu: text(100).optional(),
  DuongDanTepTinKetQua: z.string().url().max(2000),
});

export const HoSoBoSung = z.object({
  HoSoBoSungId: required(100),
  NguoiYeuCauBoSung: required(200),
  NoiDungBoSung: required(2000),
  NgayBoSung: PortalDate,
  NgayTiepNhanBoSung: PortalDate.optional(),
  TrangThaiBoSung: z.enum(['1', '2']),
  NgayHenTraTruoc: PortalDate.optional(),
  NgayHenTraMoi: PortalDate.optional(),
});

export const HoSoDongBoDVC = z.object({
  MaHoSo: required(100),
  MaTTHC: required(50),
  TenTTHC: required(1000),
  MaLinhVuc: required(50),
  TenLinhVuc: required(500),
  KenhThucHien: z.enum(['1', '2', '3']),
  ChuHoSo: required(200),
  SoGiayToChuHoSo: text(50),
  LoaiDoiTuong: z.enum(['1', '2', '3', '4']),
  MaDoiTuong: text(100).optional(),
  Email: text(200).optional(),
  SoDienThoai: text(50).optional(),
  TrichYeuHoSo: required(1000),
  NgayNopHoSo: PortalDate,
  NgayTiepNhan: PortalDate.optional(),
  NgayHenTra: PortalDate.optional(),
  NgayTra: PortalDate.optional(),
  NgayKetThucXuLy: PortalDate.optional(),
  NgayTuChoi: PortalDate.optional(),
  TrangThaiHoSo: PortalStatus,
  /** How the result is returned: 0 at the counter or electronically, 1 by post (BCCI). */
  HinhThuc: z.enum(['0', '1']),
  DonViXuLy: required(500),
  NoiNopHoSo: z.enum(['1', '2']),
  HoSoCoThanhPhanSoHoa: flag,
  TaiKhoanDuocXacThucVoiVNeID: flag,
  /** 0 not paid online, 1 paid through the national platform, 2 through the province's gateway. */
  DuocThanhToanTrucTuyen: z.enum(['0', '1', '2']),
  DinhDanhCHS: z.array(z.object({ LoaiDinhDanh: z.enum(['1', '2']), SoDinhDanh: required(20) })).max(10),
  DSKetNoiCSDL: z.array(z.object({ MaCSDL: required(10) })).max(20),
  TaiLieuNop: z.array(TaiLieuNop).max(200),
  DanhSachLePhi: z.array(LePhi).max(50),
  DanhSachHoSoBoSung: z.array(HoSoBoSung).max(50),
  DanhSachGiayToKetQua: z.array(GiayToKetQua).max(50),
});
export type HoSoDongBoDVC = z.infer<typeof HoSoDongBoDVC>;

export const QuaTrinhXuLyDongBoDVC = z.object({
  MaHoSo: required(100),
  NguoiXuLy: required(50),
  ChucDanh: text(200).optional(),
  ThoiDiemXuLy: PortalDate,
  PhongBanXuLy: text(500).optional(),
  NoiDungXuLy: text(2000).optional(),
  TrangThai: PortalStatus,
  NgayBatDau: PortalDate.optional(),
  NgayKetThucTheoQuyDinh: PortalDate.optional(),
});
export type QuaTrinhXuLyDongBoDVC = z.infer<typeof QuaTrinhXuLyDongBoDVC>;

/** The problems of a payload, worded `path: message`; empty when it is valid. */
export function payloadProblems(kind: 'dossier' | 'progress', payload: unknown): string[] {
  const r = (kind === 'dossier' ? HoSoDongBoDVC : QuaTrinhXuLyDongBoDVC).safeParse(payload);
  return r.success ? [] : r.error.issues.slice(0, 20).map((i) => `${i.path.join('.') || '(gốc)'}: ${i.message}`);
}
