/**
 * The national online-payment platform (Nền tảng thanh toán trực tuyến, "PayGov", via Cổng DVCQG): its message
 * model as seen in production code (domain-and-law.md §5.2): INIT opens a payment for a dossier, GET_BILL fetches
 * the receipt, the platform confirms with {maLoi, moTaLoi}. The integrity checksum (MaXacThuc) algorithm is not
 * published, so it is a strategy the operator plugs in; the default is an HMAC-SHA256 over the fields in a fixed
 * order, clearly an assumption to replace with the platform's specification at onboarding.
 */
import crypto from 'node:crypto';
import { localCompact, parseLocalCompact } from '../../core/time/local.ts';

export interface PhiLePhi {
  LoaiPhiLePhi: '1' | '2'; // 1 phí, 2 lệ phí
  MaPhiLePhi: string;
  TenPhiLePhi: string;
  SoTien: number;
}

export interface ThongTinBienLai {
  MaDichVu: string;
  MaDVC: string;
  TenDVC: string;
  MaTTHC: string;
  TenTTHC: string;
  MaDonVi: string;
  TenDonVi: string;
  MaHoSo: string;
  TKThuHuong: string;
  MaNHThuHuong: string;
  TenTKThuHuong: string;
  NoiDungThanhToan: string;
  HoTenNguoiNop: string;
  SoCMNDNguoiNop: string;
  DiaChiNguoiNop: string;
  PhiLePhi: PhiLePhi[];
  DSKhoanNop: { NoiDung: string; SoTien: number }[];
}

export interface InitMessage {
  LoaiBanTin: 'INIT';
  PhienBan: '1.0.6';
  MaDoiTac: string;
  MaThamChieu: string;
  SoTien: number;
  LoaiHinhThanhToan: 'PAY';
  MaKenhThanhToan: '1';
  MaThietBi: '1';
  NgonNgu: 'vi-VN';
  MaTienTe: 'VND';
  MaNganHang: 'PAYMENT';
  ThongTinGiaoDich: string;
  ThoiGianGD: string;
  Ip: string;
  MaXacThuc: string;
  ThongTinBienLai: ThongTinBienLai;
}

export interface GetBillMessage {
  LoaiBanTin: 'GET_BILL';
  MaDoiTac: string;
  MaThamChieu: string;
  ThoiGianGD: string;
  MaXacThuc: string;
}

/** The platform's answer to a confirmation (ConfirmDvcPaymentResponse). */
export interface ConfirmResponse {
  maLoi: string;
  moTaLoi: string;
}

/** Computes MaXacThuc over a message without it. */
export interface ChecksumStrategy {
  name: string;
  compute(message: Record<string, unknown>, secret: string): string;
}

/**
 * Fields covered by the default checksum, per message type, in order (an assumption until the platform's
 * specification is known). Requests (INIT, GET_BILL) cover the fields of the production code's model; the platform's
 * answers and its confirmation cover every field MotCua acts upon (reference, amount, state, transaction number).
 */
export const CHECKSUM_FIELDS: Record<string, readonly string[]> = {
  INIT: ['LoaiBanTin', 'PhienBan', 'MaDoiTac', 'MaThamChieu', 'SoTien', 'ThoiGianGD', 'Ip'],
  GET_BILL: ['LoaiBanTin', 'PhienBan', 'MaDoiTac', 'MaThamChieu', 'SoTien', 'ThoiGianGD', 'Ip'],
  INIT_RESULT: ['LoaiBanTin', 'MaDoiTac', 'MaThamChieu', 'maLoi', 'UrlThanhToan'],
  CONFIRM: ['LoaiBanTin', 'MaDoiTac', 'MaThamChieu', 'MaGiaoDich', 'SoTien', 'TrangThai', 'ThoiGianGD'],
  BILL: ['LoaiBanTin', 'MaDoiTac', 'MaThamChieu', 'maLoi', 'MaGiaoDich', 'SoTien', 'TrangThai', 'ThoiGianGD', 'SoBienLai'],
};

export const hmacSha256Strategy: ChecksumStrategy = {
  name: 'hmac-sha256-pipe',
  compute: (m, secret) => {
    const fields = CHECKSUM_FIELDS[String(m.LoaiBanTin)] ?? CHECKSUM_FIELDS.INIT;
    return crypto
      .createHmac('sha256', secret)
      .update(fields.map((f) => (m[f] === undefined || m[f] === null ? '' : String(m[f]))).join('|'))
      .digest('hex');
  },
};

export interface PaygovConfig {
  partnerCode: string;
  secret: string;
  checksum?: ChecksumStrategy;
}

/** yyyyMMddHHmmss in Vietnam time. */
export const paygovTime = (d: Date) => localCompact(d);

export function buildInit(
  cfg: PaygovConfig,
  p: { reference: string; amount: number; at: Date; ip: string; description: string; bill: Omit<ThongTinBienLai, 'MaDichVu'> & { MaDichVu?: string } },
): InitMessage {
  const sum = p.bill.PhiLePhi.reduce((n, x) => n + x.SoTien, 0);
  if (!Number.isSafeInteger(p.amount) || p.amount <= 0) throw new Error('SoTien must be a positive whole number of đồng');
  if (p.bill.PhiLePhi.length > 0 && sum !== p.amount) throw new Error(`PhiLePhi total ${sum} differs from SoTien ${p.amount}`);
  const base = {
    LoaiBanTin: 'INIT' as const,
    PhienBan: '1.0.6' as const,
    MaDoiTac: cfg.partnerCode,
    MaThamChieu: p.reference,
    SoTien: p.amount,
    LoaiHinhThanhToan: 'PAY' as const,
    MaKenhThanhToan: '1' as const,
    MaThietBi: '1' as const,
    NgonNgu: 'vi-VN' as const,
    MaTienTe: 'VND' as const,
    MaNganHang: 'PAYMENT' as const,
    ThongTinGiaoDich: p.description,
    ThoiGianGD: paygovTime(p.at),
    Ip: p.ip,
    ThongTinBienLai: { MaDichVu: '2', ...p.bill },
  };
  return { ...base, MaXacThuc: (cfg.checksum ?? hmacSha256Strategy).compute(base, cfg.secret) };
}

export function buildGetBill(cfg: PaygovConfig, p: { reference: string; at: Date }): GetBillMessage {
  const base = { LoaiBanTin: 'GET_BILL' as const, MaDoiTac: cfg.partnerCode, MaThamChieu: p.reference, ThoiGianGD: paygovTime(p.at) };
  return { ...base, MaXacThuc: (cfg.checksum ?? hmacSha256Strategy).compute(base, cfg.secret) };
}

/** Checks MaXacThuc of a message received from the platform (constant time). */
export function verifyMessage(cfg: PaygovConfig, message: Record<string, unknown>): boolean {
  const { MaXacThuc, ...rest } = message;
  const want = (cfg.checksum ?? hmacSha256Strategy).compute(rest, cfg.secret);
  const got = typeof MaXacThuc === 'string' ? MaXacThuc : '';
  return got.length === want.length && crypto.timingSafeEqual(Buffer.from(got), Buffer.from(want));
}

/** Confirmation answer: maLoi "00" = accepted; anything else is an error the platform retries. */
export const confirmAnswer = (ok: boolean, reason = ''): ConfirmResponse =>
  ok ? { maLoi: '00', moTaLoi: 'Thành công' } : { maLoi: '01', moTaLoi: reason || 'Không hợp lệ' };

/** Fee lines of a frozen quote as PhiLePhi entries. */
export function feeLinesToPhiLePhi(lines: { code: string; name: string; kind: string; net: number }[]): PhiLePhi[] {
  return lines.filter((l) => l.net > 0).map((l) => ({ LoaiPhiLePhi: l.kind === 'phi' ? '1' : '2', MaPhiLePhi: l.code, TenPhiLePhi: l.name, SoTien: l.net }));
}

/** A payment's state as the platform reports it (TrangThai): 00 paid, 01 cancelled or failed, 02 still waiting. */
export type TrangThai = '00' | '01' | '02';

/** The platform's answer to INIT: the page to send the citizen to. */
export interface InitResult {
  LoaiBanTin: 'INIT_RESULT';
  maLoi: string;
  moTaLoi: string;
  MaDoiTac: string;
  MaThamChieu: string;
  UrlThanhToan: string;
  MaXacThuc: string;
}

/** The platform's confirmation of a payment, sent server to server to MotCua's callback. */
export interface ConfirmMessage {
  LoaiBanTin: 'CONFIRM';
  MaDoiTac: string;
  MaThamChieu: string;
  MaGiaoDich: string;
  SoTien: number;
  TrangThai: TrangThai;
  ThoiGianGD: string;
  MaXacThuc: string;
}

/** The platform's answer to GET_BILL: the transaction and its receipt (SoBienLai once paid). */
export interface BillMessage {
  LoaiBanTin: 'BILL';
  maLoi: string;
  moTaLoi: string;
  MaDoiTac: string;
  MaThamChieu: string;
  MaGiaoDich: string;
  SoTien: number;
  TrangThai: TrangThai;
  ThoiGianGD: string;
  SoBienLai: string;
  MaXacThuc: string;
}

/** Signs a message (adds MaXacThuc over the fields its type covers). */
export function signMessage<T extends Record<string, unknown>>(cfg: PaygovConfig, base: T): T & { MaXacThuc: string } {
  return { ...base, MaXacThuc: (cfg.checksum ?? hmacSha256Strategy).compute(base, cfg.secret) };
}

export const buildInitResult = (cfg: PaygovConfig, p: Omit<InitResult, 'LoaiBanTin' | 'MaDoiTac' | 'MaXacThuc'>): InitResult =>
  signMessage(cfg, { LoaiBanTin: 'INIT_RESULT' as const, MaDoiTac: cfg.partnerCode, ...p });

export const buildConfirm = (cfg: PaygovConfig, p: { reference: string; transactionNo: string; amount: number; state: TrangThai; at: Date }): ConfirmMessage =>
  signMessage(cfg, {
    LoaiBanTin: 'CONFIRM' as const,
    MaDoiTac: cfg.partnerCode,
    MaThamChieu: p.reference,
    MaGiaoDich: p.transactionNo,
    SoTien: p.amount,
    TrangThai: p.state,
    ThoiGianGD: paygovTime(p.at),
  });

export const buildBill = (
  cfg: PaygovConfig,
  p: { found: boolean; reference: string; transactionNo: string; amount: number; state: TrangThai; at: Date; receiptNo: string },
): BillMessage =>
  signMessage(cfg, {
    LoaiBanTin: 'BILL' as const,
    maLoi: p.found ? '00' : '04',
    moTaLoi: p.found ? 'Thành công' : 'Không tìm thấy giao dịch',
    MaDoiTac: cfg.partnerCode,
    MaThamChieu: p.reference,
    MaGiaoDich: p.transactionNo,
    SoTien: p.amount,
    TrangThai: p.state,
    ThoiGianGD: paygovTime(p.at),
    SoBienLai: p.receiptNo,
  });

/** yyyyMMddHHmmss (Vietnam time) back to an instant; null when malformed. */
export function parsePaygovTime(s: string): Date | null {
  const d = parseLocalCompact(s);
  return d === null || Number.isNaN(d.getTime()) || paygovTime(d) !== s ? null : d;
}

/** Where a payment stands after a verified confirmation or bill, in the terms of the payment service. */
export function readPaygovResult(m: Pick<ConfirmMessage, 'MaThamChieu' | 'MaGiaoDich' | 'SoTien' | 'TrangThai' | 'ThoiGianGD'>) {
  return {
    reference: m.MaThamChieu,
    transactionNo: m.MaGiaoDich,
    amount: typeof m.SoTien === 'number' && Number.isSafeInteger(m.SoTien) ? m.SoTien : Number.NaN,
    success: m.TrangThai === '00',
    final: m.TrangThai === '00' || m.TrangThai === '01',
    payDate: parsePaygovTime(m.ThoiGianGD),
    responseCode: m.TrangThai,
  };
}

/** Sends a message to the platform (one endpoint; the type is in LoaiBanTin) and verifies the signed answer. */
export async function callPlatform<T extends Record<string, unknown>>(
  cfg: PaygovConfig & { apiUrl: string },
  message: InitMessage | GetBillMessage,
  fetchImpl: typeof fetch,
): Promise<T> {
  const res = await fetchImpl(cfg.apiUrl, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(message),
    signal: AbortSignal.timeout(15_000),
  });
  if (!res.ok && res.status >= 500) throw new Error(`PayGov HTTP ${res.status}`);
  const body = (await res.json()) as T;
  if (!body || typeof body !== 'object' || !verifyMessage(cfg, body)) throw new Error('PayGov answer with an invalid MaXacThuc');
  return body;
}
