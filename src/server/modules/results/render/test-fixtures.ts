/** Realistic results of the demo deployment (Xã Phú Riềng, Tỉnh Đồng Nai) for the result tests. */
import type { ResultData } from './types.ts';

export const PUBLIC_URL = 'https://dichvucong.example.vn';

/** 05/03/2026 10:15 Vietnam time. */
export const issuedAt = new Date('2026-03-05T03:15:00Z');

/** What the caller loads from the administrative units for the coded addresses of the answers (placeCodes). */
export const PLACES: Readonly<Record<string, string>> = { '75': 'Tỉnh Đồng Nai', '25252': 'Xã Phú Riềng' };

const ubnd = { name: 'Ủy ban nhân dân xã Phú Riềng', parentName: 'Tỉnh Đồng Nai', code: '000.00.52.H19' };
const deputy = { name: 'Võ Minh Tâm', title: 'Phó Chủ tịch', capacity: 'KT. CHỦ TỊCH' };

/** The Trích lục khai sinh of the demo newborn (1.001193, case "đúng hạn"). */
export const birth: ResultData = {
  template: 'giay-khai-sinh',
  resultCode: 'KQ.HT.KS',
  title: 'TRÍCH LỤC KHAI SINH',
  number: '125/TLKS-BS',
  issuedAt,
  place: 'Phú Riềng',
  agency: ubnd,
  signer: deputy,
  owner: { name: 'Nguyễn Minh Khang', idNumber: '075226000125' },
  dossier: { code: '000.00.52.H19-260305-0012', procedureCode: '1.001193', procedureName: 'Đăng ký khai sinh' },
  values: {
    hoTenTre: 'Nguyễn Minh Khang',
    ngaySinhTre: '2026-02-20',
    gioiTinhTre: 'Nam',
    danTocTre: 'Kinh',
    quocTichTre: 'Việt Nam',
    noiSinhTre: 'Trung tâm Y tế khu vực Phú Riềng, tỉnh Đồng Nai',
    queQuanTre: 'Xã Phú Riềng, tỉnh Đồng Nai',
    soDinhDanhTre: '075226000125',
    hoTenMe: 'Trần Thị Mai',
    soDinhDanhMe: '070195012346',
    ngaySinhMe: '1995-07-14',
    danTocMe: 'Kinh',
    quocTichMe: 'Việt Nam',
    noiCuTruMe: { provinceCode: '75', communeCode: '25252', detail: 'Thôn Phú Thịnh' },
    coThongTinCha: true,
    hoTenCha: 'Nguyễn Văn Hùng',
    soDinhDanhCha: '070090012345',
    ngaySinhCha: '1990-11-02',
    danTocCha: 'Tày',
    quocTichCha: 'Việt Nam',
    noiCuTruCha: { provinceCode: '75', communeCode: '25252', detail: 'Thôn Phú Thịnh' },
    hoTenNguoiNop: 'Trần Thị Mai',
    soDinhDanhNguoiNop: '070195012346',
    quanHeVoiTre: 'me',
    soBanSao: 2,
  },
  places: PLACES,
  validFrom: '2026-03-05',
  verifyUrl: `${PUBLIC_URL}/verify/kq-7f3a9c2e`,
  register: { entry: '125', book: '01/2026' },
};

/** The marital-status confirmation of Lê Quang Vinh (1.004873): valid 6 months. */
export const maritalStatus: ResultData = {
  template: '',
  resultCode: 'KQ.HT.XNHN',
  title: 'GIẤY XÁC NHẬN TÌNH TRẠNG HÔN NHÂN',
  number: '48/XNTTHN',
  issuedAt,
  place: 'Phú Riềng',
  agency: ubnd,
  signer: deputy,
  owner: { name: 'Lê Quang Vinh', idNumber: '070096023456' },
  dossier: { code: '000.00.52.H19-260303-0004', procedureCode: '1.004873', procedureName: 'Cấp Giấy xác nhận tình trạng hôn nhân' },
  values: {
    hoTenNguoiNop: 'Lê Quang Vinh',
    soDinhDanhNguoiNop: '070096023456',
    ngaySinhNguoiNop: '1996-04-18',
    noiCuTru: { provinceCode: '75', communeCode: '25252', detail: 'Ấp Phú Lợi' },
    tinhTrangHonNhan: 'Chưa kết hôn với ai',
    mucDichSuDung: 'Đăng ký kết hôn với bà Phạm Thu Hà tại Ủy ban nhân dân xã Phú Riềng',
    gioiTinh: 'Nam',
    danToc: 'Kinh',
    quocTich: 'Việt Nam',
  },
  places: PLACES,
  validFrom: '2026-03-05',
  verifyUrl: `${PUBLIC_URL}/verify/kq-5b21d0aa`,
};

/** A residence confirmation by the commune police (1.004227). */
export const residence: ResultData = {
  template: '',
  resultCode: 'KQ.CTRU.XN',
  title: 'XÁC NHẬN THÔNG TIN VỀ CƯ TRÚ',
  number: '312/XN-CAX',
  issuedAt,
  place: 'Phú Riềng',
  agency: { name: 'Công an xã Phú Riềng', parentName: 'Công an tỉnh Đồng Nai', code: '000.00.52.H19.CA' },
  signer: { name: 'Đặng Quốc Bảo', title: 'Trưởng Công an xã' },
  owner: { name: 'Hoàng Văn Tư', idNumber: '070045045678' },
  dossier: { code: '000.00.52.H19-260304-0021', procedureCode: '1.004227', procedureName: 'Xác nhận thông tin về cư trú' },
  values: {
    hoTenNguoiNop: 'Hoàng Văn Tư',
    soDinhDanhNguoiNop: '070045045678',
    ngaySinhNguoiNop: '1945-09-02',
    noiCuTru: { provinceCode: '75', communeCode: '25252', detail: 'Thôn Phú Trung' },
    mucDich: 'Bổ sung hồ sơ hưởng trợ cấp xã hội hằng tháng',
    gioiTinh: 'Nam',
    danToc: 'Kinh',
    tonGiao: 'Không',
    quocTich: 'Việt Nam',
    queQuan: 'Xã Phú Riềng, tỉnh Đồng Nai',
    hoTenChuHo: 'Hoàng Văn Tư',
    quanHeVoiChuHo: 'Chủ hộ',
    thanhVienHo: [
      { hoTen: 'Hoàng Văn Tư', ngaySinh: '1945-09-02', gioiTinh: 'Nam', soDinhDanh: '070045045678', quanHeVoiChuHo: 'Chủ hộ' },
      { hoTen: 'Lý Thị Bảy', ngaySinh: '1949-01-15', gioiTinh: 'Nữ', soDinhDanh: '070149045679', quanHeVoiChuHo: 'Vợ' },
    ],
  },
  places: PLACES,
  validFrom: '2026-03-05',
  verifyUrl: `${PUBLIC_URL}/verify/kq-0c88e411`,
};

/** A certified copy from the original (2.000907 on paper, 2.002233 electronic). */
export const certifiedCopy: ResultData = {
  template: '',
  resultCode: 'KQ.CT.BSDT',
  title: 'BẢN SAO ĐIỆN TỬ ĐƯỢC CHỨNG THỰC TỪ BẢN CHÍNH',
  number: '87/SCT-BS',
  issuedAt,
  place: 'Phú Riềng',
  agency: ubnd,
  signer: { name: 'Nguyễn Thị Thu Hằng', title: 'Phó Chủ tịch', capacity: 'KT. CHỦ TỊCH' },
  owner: { name: 'Hoàng Văn Tư', idNumber: '070045045678' },
  dossier: { code: '000.00.52.H19-260305-0031', procedureCode: '2.002233', procedureName: 'Chứng thực bản sao điện tử từ bản chính' },
  values: {
    hoTenNguoiNop: 'Hoàng Văn Tư',
    soDinhDanhNguoiNop: '070045045678',
    tenGiayTo: 'Giấy chứng nhận quyền sử dụng đất số BV 123456',
    soTrang: 3,
    soBan: 2,
  },
  places: PLACES,
  validFrom: '2026-03-05',
  verifyUrl: `${PUBLIC_URL}/verify/kq-93ad11f0`,
  register: { entry: '87', book: '01/2026' },
};
