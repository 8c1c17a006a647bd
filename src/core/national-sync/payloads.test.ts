import { describe, expect, it } from 'vitest';
import { planDelivery } from './delivery-plan.ts';
import type { PortalMappings } from './mappings.ts';
import { syncMessagesFor } from './messages.ts';
import { buildDossierPayload, buildProgressPayload, type DossierSnapshot } from './payloads.ts';
import { payloadProblems } from './schema.ts';

const M: PortalMappings = {
  procedures: { 'DNI.X': '1.012345' },
  units: {},
  fields: { HT: 'HT' },
  statuses: Object.fromEntries(Array.from({ length: 10 }, (_, i) => [String(i + 1), String(i + 1)])),
};

const snapshot = (over: Partial<DossierSnapshot> = {}): DossierSnapshot => ({
  code: '000.01.52.H19-261207-0004',
  procedure: { code: '1.001193', name: 'Đăng ký khai sinh', nationalCodeKnown: true, fieldCode: 'HT', fieldName: 'Hộ tịch' },
  channel: 2,
  applicant: { kind: 'citizen', name: 'Trần Thị Mai', idNumber: '075190001234', phone: '0912345678', email: null },
  summary: 'Đăng ký khai sinh cho Nguyễn Văn An',
  status: 4,
  submittedAt: new Date('2026-12-07T01:02:03Z'),
  receivedAt: new Date('2026-12-07T02:00:00Z'),
  dueAt: new Date('2026-12-08T10:00:00Z'),
  finishedAt: null,
  returnedAt: null,
  refusedAt: null,
  resultDelivery: 'online',
  handlingUnit: { id: 'u1', name: 'UBND xã Phú Riềng', agencyCode: '000.01.52.H19' },
  receivingUnit: { id: 'u2', agencyCode: '000.11.52.H19' },
  vneidAuthenticated: true,
  populationDbUsed: true,
  paidOnlineVia: 2,
  fees: [{ code: 'LP01', name: 'Lệ phí', kind: 'le_phi', amount: 8000 }],
  documents: [
    { requirementCode: 'GCS', name: 'giay-chung-sinh.pdf', digitised: true, reused: false, fromStore: false, url: 'https://motcua.example/f/1?sig=x' },
  ],
  supplements: [],
  results: [],
  ...over,
});

describe('national-portal payloads', () => {
  it('builds a schema-valid dossier message: codes mapped, dates yyyyMMddHHmmss in Vietnam time, payment and components carried', () => {
    const p = buildDossierPayload(snapshot(), M);
    expect(payloadProblems('dossier', p)).toEqual([]);
    expect(p).toMatchObject({
      MaHoSo: '000.01.52.H19-261207-0004',
      MaTTHC: '1.001193',
      MaLinhVuc: 'HT',
      KenhThucHien: '2',
      MaDoiTuong: '075190001234',
      NgayNopHoSo: '20261207080203',
      NgayTiepNhan: '20261207090000',
      NgayHenTra: '20261208170000',
      TrangThaiHoSo: '4',
      DuocThanhToanTrucTuyen: '2',
      DinhDanhCHS: [{ LoaiDinhDanh: '1', SoDinhDanh: '075190001234' }],
      DanhSachLePhi: [{ MaPhiLePhi: 'LP01', Gia: '8000', LoaiPhiLePhi: '2', HinhThucThu: '2' }],
      TaiLieuNop: [{ MaThanhPhanHoSo: 'GCS', DuocSoHoa: '1' }],
    });
    expect(p).not.toHaveProperty('NgayTra');
  });

  it('maps a local procedure through the table and refuses an unmapped one', () => {
    const local = snapshot({ procedure: { code: 'DNI.X', name: 'Thủ tục địa phương', nationalCodeKnown: false, fieldCode: 'HT', fieldName: 'Hộ tịch' } });
    expect(buildDossierPayload(local, M).MaTTHC).toBe('1.012345');
    const unknown = snapshot({ procedure: { code: 'DNI.Y', name: 'Khác', nationalCodeKnown: false, fieldCode: 'HT', fieldName: 'Hộ tịch' } });
    expect(() => buildDossierPayload(unknown, M)).toThrow(/Chưa có mã quốc gia cho thủ tục "DNI.Y"/);
  });

  it('the schema refuses wrong lengths and wrong dates', () => {
    const p = buildDossierPayload(snapshot(), M);
    expect(payloadProblems('dossier', { ...p, TrichYeuHoSo: 'x'.repeat(1001) })).toEqual([expect.stringMatching(/^TrichYeuHoSo/)]);
    expect(payloadProblems('dossier', { ...p, NgayNopHoSo: '2026-12-07' })).toEqual([expect.stringMatching(/^NgayNopHoSo/)]);
    expect(payloadProblems('dossier', { ...p, NgayNopHoSo: '20261307080203' })).toHaveLength(1);
  });

  it('builds a progress step from a domain event (NguoiXuLy at most 50 characters)', () => {
    const step = buildProgressPayload(
      {
        code: 'C-1',
        type: 'supplement_requested',
        at: '2026-12-07T03:12:44.120Z',
        actor: { kind: 'official', id: 'o', name: 'N'.repeat(80), role: 'specialist' },
        status: { before: 4, after: 5 },
        dueAt: null,
        data: { reason: 'Thiếu bản rõ nét' },
      },
      M,
      { action: 'Yêu cầu bổ sung giấy tờ', role: 'Chuyên viên xử lý' },
    );
    expect(payloadProblems('progress', step)).toEqual([]);
    expect(step).toMatchObject({ ThoiDiemXuLy: '20261207101244', TrangThai: '5', NoiDungXuLy: 'Yêu cầu bổ sung giấy tờ: Thiếu bản rõ nét' });
    expect(step.NguoiXuLy).toHaveLength(50);
  });

  it('which messages an event gives', () => {
    expect(syncMessagesFor({ type: 'submitted', status: { before: null, after: 1 } })).toEqual(['dossier']);
    expect(syncMessagesFor({ type: 'received', status: { before: 1, after: 2 } })).toEqual(['dossier', 'progress']);
    expect(syncMessagesFor({ type: 'forwarded', status: { before: 4, after: 4 } })).toEqual(['progress']);
    expect(syncMessagesFor({ type: 'paid', status: { before: 4, after: 4 } })).toEqual(['dossier', 'progress']);
    expect(syncMessagesFor({ type: 'rated', status: { before: 10, after: 10 } })).toEqual([]);
  });
});

describe('delivery order', () => {
  const d = (id: number) => ({ id, kind: 'dossier' as const });
  const p = (id: number) => ({ id, kind: 'progress' as const });
  it('a dossier the portal does not hold: its newest dossier message first, older ones superseded, then every step in order', () => {
    expect(planDelivery([d(1), d(2), p(3), d(4), p(5)], false)).toEqual({ supersede: [1, 2], send: [4, 3, 5] });
  });
  it('a dossier the portal holds: in event order, only the newest dossier message', () => {
    expect(planDelivery([p(3), d(4), p(5), d(6)], true)).toEqual({ supersede: [4], send: [3, 5, 6] });
  });
  it('steps of a dossier the portal does not hold and no dossier message waiting: nothing is sent', () => {
    expect(planDelivery([p(3)], false)).toEqual({ supersede: [], send: [] });
  });
});
