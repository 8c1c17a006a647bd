/**
 * The national portal stand-in's Q&A services (wave2-capabilities.md C9/C12, after VietOpenCPS/opencps-v2
 * `doSyncSharingQA`), in the portal's envelope like the rest of the stand-in (index.ts):
 *
 * - `LayDanhSachHoiDapGuiTuDVCQG` — questions citizens sent to the unit (`madonvi`) through the national portal;
 * - `LayDanhSachHoiDapBoCoQuan` — the ministries' and agencies' own published Q&A;
 * - `LayNoiDungTraLoiTheoCauHoi` with `cauhoiid` — the answer to one question (`TRALOIID`, `NOIDUNGTRALOI`).
 *
 * Items carry the portal's fields (`HOIDAPID, MALINHVUC, TENLINHVUC, MATTHCDP, MADONVI, TENDONVI, NOIDUNG, HOVATEN,
 * THUDIENTU, SODIENTHOAI, DIACHI, TRANGTHAI`; `TRANGTHAI` 0 = not for publication) and are paged with `trang`
 * (from 1) and `sodong` (default 20). The questions are a fixed demonstration set, as the population stand-in's
 * residents are; like the real portal, they contain the senders' contact data, which MotCua must remove before
 * publishing.
 */
type Answer = { error_code: number; message?: string; result?: unknown };

interface PortalQa {
  HOIDAPID: string;
  MALINHVUC: string;
  TENLINHVUC: string;
  MATTHCDP: string;
  NOIDUNG: string;
  HOVATEN: string;
  THUDIENTU: string;
  SODIENTHOAI: string;
  DIACHI: string;
  TRANGTHAI: number;
  /** Which list it is in. */
  list: 'citizen' | 'agency';
  answer?: { TRALOIID: string; NOIDUNGTRALOI: string };
}

export const PORTAL_QA: readonly PortalQa[] = [
  {
    HOIDAPID: 'HD-2026-000101',
    MALINHVUC: 'G09-TP03',
    TENLINHVUC: 'Hộ tịch',
    MATTHCDP: '1.001193',
    NOIDUNG: 'Tôi là Hoàng Thị Mai, con tôi sinh ở bệnh viện tỉnh khác thì đăng ký khai sinh ở đâu? Liên hệ 0987 654 321 hoặc mai.ht@example.vn.',
    HOVATEN: 'Hoàng Thị Mai',
    THUDIENTU: 'mai.ht@example.vn',
    SODIENTHOAI: '0987654321',
    DIACHI: 'Phú Riềng, Đồng Nai',
    TRANGTHAI: 1,
    list: 'citizen',
    answer: {
      TRALOIID: 'TL-2026-000101',
      NOIDUNGTRALOI: 'Chị đăng ký khai sinh tại UBND cấp xã nơi cư trú của cha hoặc mẹ, không phụ thuộc nơi sinh.',
    },
  },
  {
    HOIDAPID: 'HD-2026-000102',
    MALINHVUC: 'G09-TP03',
    TENLINHVUC: 'Hộ tịch',
    MATTHCDP: '1.004873',
    NOIDUNG: 'Giấy xác nhận tình trạng hôn nhân có giá trị bao lâu? Số CCCD của tôi 079190004321.',
    HOVATEN: 'Trịnh Văn Nam',
    THUDIENTU: '',
    SODIENTHOAI: '0911222333',
    DIACHI: 'Đồng Xoài, Đồng Nai',
    TRANGTHAI: 1,
    list: 'citizen',
  },
  {
    HOIDAPID: 'HD-2026-000103',
    MALINHVUC: 'G09-TP03',
    TENLINHVUC: 'Hộ tịch',
    MATTHCDP: '1.001193',
    NOIDUNG: 'Câu hỏi thử, không công khai.',
    HOVATEN: 'Người thử',
    THUDIENTU: '',
    SODIENTHOAI: '',
    DIACHI: '',
    TRANGTHAI: 0,
    list: 'citizen',
  },
  {
    HOIDAPID: 'HD-BTP-000007',
    MALINHVUC: 'G09-TP03',
    TENLINHVUC: 'Hộ tịch',
    MATTHCDP: '1.004873',
    NOIDUNG: 'Giấy xác nhận tình trạng hôn nhân dùng để kết hôn có thời hạn sử dụng bao lâu?',
    HOVATEN: 'Bộ Tư pháp',
    THUDIENTU: '',
    SODIENTHOAI: '',
    DIACHI: '',
    TRANGTHAI: 1,
    list: 'agency',
    answer: {
      TRALOIID: 'TL-BTP-000007',
      NOIDUNGTRALOI: 'Giấy xác nhận tình trạng hôn nhân có giá trị 6 tháng kể từ ngày cấp (Nghị định 123/2015/NĐ-CP, Điều 23).',
    },
  },
];

const page = (items: PortalQa[], body: Record<string, unknown>) => {
  const sodong = Math.min(100, Math.max(1, Number(body.sodong ?? 20) || 20));
  const trang = Math.max(1, Number(body.trang ?? 1) || 1);
  return items.slice((trang - 1) * sodong, trang * sodong);
};

const item = (q: PortalQa, madonvi: string) => {
  const { list: _list, answer, ...fields } = q;
  return { ...fields, MADONVI: madonvi, TENDONVI: q.list === 'agency' ? 'Bộ Tư pháp' : 'UBND xã', TRALOIID: answer?.TRALOIID ?? '' };
};

/** The Q&A services; null for any other service (index.ts answers those). */
export function serveQa(service: string, madonvi: string, body: Record<string, unknown>): Answer | null {
  switch (service) {
    case 'LayDanhSachHoiDapGuiTuDVCQG':
      return { error_code: 0, result: page(PORTAL_QA.filter((q) => q.list === 'citizen') as PortalQa[], body).map((q) => item(q, madonvi)) };
    case 'LayDanhSachHoiDapBoCoQuan':
      return { error_code: 0, result: page(PORTAL_QA.filter((q) => q.list === 'agency') as PortalQa[], body).map((q) => item(q, madonvi)) };
    case 'LayNoiDungTraLoiTheoCauHoi': {
      const id = typeof body.cauhoiid === 'string' ? body.cauhoiid : '';
      const q = PORTAL_QA.find((x) => x.HOIDAPID === id);
      if (!q) return { error_code: 5, message: `Không tìm thấy câu hỏi ${id || '(trống)'}` };
      return { error_code: 0, result: q.answer ? [{ HOIDAPID: q.HOIDAPID, ...q.answer }] : [] };
    }
    default:
      return null;
  }
}
