/**
 * Plain input types shared by the one-stop form renderers (Mẫu 01–07). Renderers take these objects and return
 * bytes; they never touch the database. Instants are Date objects and are printed in Vietnam time (UTC+7).
 */

/** The issuing agency or unit (a row of org_units). */
export interface AgencyInfo {
  /** Full name, e.g. "Trung tâm Phục vụ hành chính công xã Phú Riềng"; printed upper-case in the header. */
  name: string;
  /** The governing agency (cơ quan chủ quản), e.g. "Ủy ban nhân dân xã Phú Riềng"; printed above the name. */
  parentName?: string;
  /** Mã định danh cơ quan (TT 10/2016/TT-BTTTT), e.g. "000.01.52.H19". Required by the register (Mẫu 07). */
  code?: string;
  address?: string;
  phone?: string;
  email?: string;
}

/** When, where and by which system a document is issued. */
export interface IssueInfo {
  /** Time of issue: the date line and the QR "thời điểm xuất bản". */
  issuedAt: Date;
  /** Place in the date line, e.g. "Phú Riềng" → "Phú Riềng, ngày 05 tháng 3 năm 2026". */
  place: string;
  /** Document number as registered by the clerk, e.g. "15/PYCBS"; omitted → "Số: ……" left to be filled in. */
  number?: string;
  /** Public base URL of the installation (no trailing slash), e.g. "https://dichvucong.dongnai.gov.vn". */
  publicUrl: string;
  /** The QR "tên hệ thống cung cấp dữ liệu"; default "MotCua – Hệ thống thông tin giải quyết TTHC". */
  systemName?: string;
}

/** The person or organisation the dossier belongs to. */
export interface ApplicantInfo {
  /** "Trần Thị Mai", or an organisation's name. */
  name: string;
  /** Số định danh cá nhân (12 digits) or the organisation's code (mã số doanh nghiệp…): the QR "mã định danh". */
  idNumber: string;
  /** How to address them: "Ông", "Bà", or "" for an organisation; default "Ông/Bà". */
  honorific?: string;
  address?: string;
  phone?: string;
  email?: string;
}

/** The dossier a form is about. */
export interface DossierRef {
  /** Mã hồ sơ, e.g. "000.01.52.H19-260305-0001". */
  code: string;
  /** Mã thủ tục hành chính, e.g. "1.001193". */
  procedureCode: string;
  /** Tên thủ tục hành chính, e.g. "Đăng ký khai sinh". */
  procedureName: string;
  /** The case (trường hợp) of the procedure, if the procedure has several. */
  caseName?: string;
  /** When the applicant submitted (online: the submission; in person: the counter time). */
  submittedAt?: Date;
  /** When the dossier was validly received (tiếp nhận); absent while it has not been received. */
  receivedAt?: Date;
}

/** An official who signs or is named on a form. */
export interface OfficialInfo {
  /** "Nguyễn Thị Hoa" */
  name: string;
  /** Position, e.g. "Công chức tiếp nhận hồ sơ", "Chủ tịch", "Phó Chủ tịch". */
  title: string;
  /** Signing on behalf of the head, printed above the title, e.g. "KT. CHỦ TỊCH", "TL. CHỦ TỊCH" (NĐ 30/2020). */
  capacity?: string;
}

/** Common part of the single-dossier forms Mẫu 02–06. */
export interface DossierFormBase {
  agency: AgencyInfo;
  issue: IssueInfo;
  dossier: DossierRef;
  applicant: ApplicantInfo;
}
