/**
 * Adapter to the national population database (CSDLQG về dân cư). The shape mirrors the national
 * response (body.congdanCollection.congDan mapped to JSON; domain-and-law.md §5.4). Implementations:
 * the local stand-in (src/server/standins/population) and, in production, a client of the national
 * service. Every call carries who asks and why, and the implementation logs it.
 */
export interface PopulationAddress {
  /** Province code (2025 units). */
  maTinhThanh: string;
  /** Commune code (2025 units). */
  maPhuongXa: string;
  tenTinhThanh: string;
  tenPhuongXa: string;
  /** Street, hamlet (thôn/ấp/khu phố), house number. */
  chiTiet: string;
  quocGia: string;
}

export interface RelativeRef {
  hoVaTen: string;
  soDinhDanh: string;
  quocTich: string;
}

export interface PopulationRecord {
  soDinhDanh: string;
  soCMND?: string;
  hoVaTen: { ho: string; chuDem: string; ten: string };
  /** Full name as written, e.g. "Nguyễn Thị Mai". */
  hoTen: string;
  /** ISO date yyyy-mm-dd. */
  ngaySinh: string;
  gioiTinh: 'Nam' | 'Nữ';
  danToc: string;
  tonGiao: string;
  quocTich: string;
  tinhTrangHonNhan: string;
  nhomMau?: string;
  noiDangKyKhaiSinh: PopulationAddress;
  queQuan: PopulationAddress;
  thuongTru: PopulationAddress;
  noiOHienTai: PopulationAddress;
  cha?: RelativeRef;
  me?: RelativeRef;
  voChong?: RelativeRef;
  chuHo?: RelativeRef & { quanHe: string };
  soSoHoKhau?: string;
  /** Not in the national response: contact data the stand-in keeps for demo accounts. */
  soDienThoai?: string;
  email?: string;
}

export interface LookupContext {
  actorKind: 'citizen' | 'official' | 'system';
  /** Citizen id number, official account id, or job name. */
  actorId: string;
  actorUnit?: string;
  /** Why the data is needed, e.g. "autofill:khai-sinh" or "counter-identity-check". */
  purpose: string;
  dossierRef?: string;
}

export interface Household {
  soSoHoKhau: string;
  diaChi: PopulationAddress;
  members: (PopulationRecord & { quanHeVoiChuHo: string })[];
}

/** A household of a commune's residence register, with the members' minimal data (the household coverage register). */
export interface HouseholdListing {
  soSoHoKhau: string;
  diaChi: PopulationAddress;
  /** The head's personal identification number. */
  chuHo: string | null;
  members: { soDinhDanh: string; hoTen: string; ngaySinh: string; quanHeVoiChuHo: string; soDienThoai?: string }[];
}

export interface PopulationAdapter {
  /** Looks up one person by 12-digit personal identification number. */
  findByIdNumber(idNumber: string, ctx: LookupContext): Promise<PopulationRecord | null>;
  /** The household of the given person (head and members). */
  householdOf(idNumber: string, ctx: LookupContext): Promise<Household | null>;
  /** The children of the given person (as recorded with that person as father or mother). */
  childrenOf(idNumber: string, ctx: LookupContext): Promise<PopulationRecord[]>;
  /** The households registered at an address in the commune (head and living members), for the coverage register. */
  householdsInCommune(communeCode: string, ctx: LookupContext): Promise<HouseholdListing[]>;
}
