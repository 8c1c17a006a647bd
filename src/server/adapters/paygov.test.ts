import crypto from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { buildGetBill, buildInit, confirmAnswer, feeLinesToPhiLePhi, verifyMessage, type ChecksumStrategy } from './paygov.ts';

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
});
