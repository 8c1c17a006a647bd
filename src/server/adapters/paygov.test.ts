import crypto from 'node:crypto';
import { describe, expect, it } from 'vitest';
import {
  buildBill,
  buildConfirm,
  buildGetBill,
  buildInit,
  buildInitResult,
  confirmAnswer,
  feeLinesToPhiLePhi,
  hmacSha256Strategy,
  parsePaygovTime,
  readPaygovResult,
  verifyMessage,
  type ChecksumStrategy,
} from './paygov.ts';

const bill = {
  MaDVC: 'DVC',
  TenDVC: 'Cấp giấy xác nhận',
  MaTTHC: '1.004873',
  TenTTHC: 'Cấp Giấy xác nhận tình trạng hôn nhân',
  MaDonVi: 'U1',
  TenDonVi: 'UBND xã',
  MaHoSo: 'H1',
  TKThuHuong: '123',
  MaNHThuHuong: 'NH',
  TenTKThuHuong: 'UBND xã',
  NoiDungThanhToan: 'Lệ phí',
  HoTenNguoiNop: 'Lê Quang Vinh',
  SoCMNDNguoiNop: '070096023456',
  DiaChiNguoiNop: '',
  PhiLePhi: feeLinesToPhiLePhi([{ code: 'LP', name: 'Lệ phí', kind: 'le_phi', net: 2500 }]),
  DSKhoanNop: [],
};

describe('national payment platform messages', () => {
  it('builds INIT with the documented fixed fields and a verifiable checksum', () => {
    const m = buildInit(
      { partnerCode: 'P1', secret: 's' },
      { reference: 'R1', amount: 2500, at: new Date('2026-01-05T01:00:00Z'), ip: '1.2.3.4', description: 'Lệ phí', bill },
    );
    expect(m).toMatchObject({
      LoaiBanTin: 'INIT',
      PhienBan: '1.0.6',
      LoaiHinhThanhToan: 'PAY',
      MaTienTe: 'VND',
      MaNganHang: 'PAYMENT',
      ThoiGianGD: '20260105080000',
      SoTien: 2500,
    });
    expect(m.ThongTinBienLai.MaDichVu).toBe('2');
    expect(m.ThongTinBienLai.PhiLePhi).toEqual([{ LoaiPhiLePhi: '2', MaPhiLePhi: 'LP', TenPhiLePhi: 'Lệ phí', SoTien: 2500 }]);
    expect(verifyMessage({ partnerCode: 'P1', secret: 's' }, m as unknown as Record<string, unknown>)).toBe(true);
    expect(verifyMessage({ partnerCode: 'P1', secret: 's' }, { ...m, SoTien: 25000 } as unknown as Record<string, unknown>)).toBe(false);
  });

  it('refuses an INIT whose fee lines do not add up to the amount', () => {
    expect(() => buildInit({ partnerCode: 'P1', secret: 's' }, { reference: 'R1', amount: 3000, at: new Date(), ip: '', description: '', bill })).toThrow(
      /differs/,
    );
  });

  it('takes a pluggable checksum strategy', () => {
    const md5: ChecksumStrategy = {
      name: 'md5-json',
      compute: (m, secret) =>
        crypto
          .createHash('md5')
          .update(secret + JSON.stringify(m))
          .digest('hex'),
    };
    const g = buildGetBill({ partnerCode: 'P1', secret: 's', checksum: md5 }, { reference: 'R1', at: new Date('2026-01-05T01:00:00Z') });
    const { MaXacThuc, ...rest } = g;
    expect(MaXacThuc).toBe(
      crypto
        .createHash('md5')
        .update(`s${JSON.stringify(rest)}`)
        .digest('hex'),
    );
    expect(verifyMessage({ partnerCode: 'P1', secret: 's', checksum: md5 }, g as unknown as Record<string, unknown>)).toBe(true);
  });

  it('answers confirmations', () => {
    expect(confirmAnswer(true)).toEqual({ maLoi: '00', moTaLoi: 'Thành công' });
    expect(confirmAnswer(false, 'Sai số tiền').maLoi).toBe('01');
  });

  it('signs the platform’s confirmation over every field MotCua acts upon; changing any of them breaks it', () => {
    const cfg = { partnerCode: 'P1', secret: 's' };
    const c = buildConfirm(cfg, { reference: 'R1', transactionNo: 'PG1', amount: 2500, state: '00', at: new Date('2026-01-05T01:02:03Z') });
    expect(c).toMatchObject({
      LoaiBanTin: 'CONFIRM',
      MaDoiTac: 'P1',
      MaThamChieu: 'R1',
      MaGiaoDich: 'PG1',
      SoTien: 2500,
      TrangThai: '00',
      ThoiGianGD: '20260105080203',
    });
    expect(c.MaXacThuc).toBe(crypto.createHmac('sha256', 's').update('CONFIRM|P1|R1|PG1|2500|00|20260105080203').digest('hex'));
    expect(verifyMessage(cfg, { ...c })).toBe(true);
    for (const [k, v] of Object.entries({ MaDoiTac: 'P2', MaThamChieu: 'R2', MaGiaoDich: 'PG2', SoTien: 2501, TrangThai: '01', ThoiGianGD: '20260105080204' }))
      expect(verifyMessage(cfg, { ...c, [k]: v }), k).toBe(false);
    expect(verifyMessage({ ...cfg, secret: 'other' }, { ...c })).toBe(false);
    expect(verifyMessage(cfg, { ...c, MaXacThuc: undefined })).toBe(false);
    expect(verifyMessage(cfg, { ...c, MaXacThuc: 42 })).toBe(false);
  });

  it('signs INIT_RESULT and BILL; reads a result', () => {
    const cfg = { partnerCode: 'P1', secret: 's' };
    const r = buildInitResult(cfg, { maLoi: '00', moTaLoi: 'Thành công', MaThamChieu: 'R1', UrlThanhToan: 'https://x/pay?ref=R1' });
    expect(verifyMessage(cfg, { ...r })).toBe(true);
    expect(verifyMessage(cfg, { ...r, UrlThanhToan: 'https://evil/pay' })).toBe(false);
    const b = buildBill(cfg, {
      found: true,
      reference: 'R1',
      transactionNo: 'PG1',
      amount: 2500,
      state: '00',
      at: new Date('2026-01-05T01:02:03Z'),
      receiptNo: 'BL-1',
    });
    expect(b.maLoi).toBe('00');
    expect(verifyMessage(cfg, { ...b })).toBe(true);
    expect(verifyMessage(cfg, { ...b, SoBienLai: 'BL-2' })).toBe(false);
    expect(buildBill(cfg, { found: false, reference: 'R9', transactionNo: '', amount: 0, state: '02', at: new Date(), receiptNo: '' }).maLoi).toBe('04');
    const res = readPaygovResult(b);
    expect(res).toMatchObject({ reference: 'R1', transactionNo: 'PG1', amount: 2500, success: true, final: true });
    expect(res.payDate?.toISOString()).toBe('2026-01-05T01:02:03.000Z');
    expect(readPaygovResult({ ...b, TrangThai: '02' }).final).toBe(false);
    expect(readPaygovResult({ ...b, SoTien: 2.5 }).amount).toBeNaN();
  });

  it('reads yyyyMMddHHmmss in Vietnam time and refuses impossible dates', () => {
    expect(parsePaygovTime('20260105080203')?.toISOString()).toBe('2026-01-05T01:02:03.000Z');
    expect(parsePaygovTime('20261345080203')).toBeNull();
    expect(parsePaygovTime('2026-01-05')).toBeNull();
  });

  it('keeps the INIT checksum of the production model (unchanged fields for requests)', () => {
    const g = buildGetBill({ partnerCode: 'P1', secret: 's' }, { reference: 'R1', at: new Date('2026-01-05T01:00:00Z') });
    expect(g.MaXacThuc).toBe(crypto.createHmac('sha256', 's').update('GET_BILL||P1|R1||20260105080000|').digest('hex'));
    expect(hmacSha256Strategy.compute({ ...g }, 's')).toBe(g.MaXacThuc);
  });
});
