/**
 * Plain input of the electronic result renderers (kết quả giải quyết thủ tục hành chính). The renderers never touch
 * the database or data files: the caller loads the dossier, its e-form answers, the names of the places they refer to
 * and the issuing agency, and passes them here; the PDF that comes back is then signed (PAdES) and stored.
 */

/** The issuing agency (cơ quan cấp kết quả). */
export interface ResultAgency {
  /** "Ủy ban nhân dân xã Phú Riềng"; printed upper-case in the header and as written in the body. */
  name: string;
  /** The level above it, printed over the name: "Tỉnh Đồng Nai", "Công an tỉnh Đồng Nai". */
  parentName?: string;
  /** Mã định danh cơ quan (TT 10/2016/TT-BTTTT), e.g. "000.00.52.H19". */
  code?: string;
}

/** The official who signs the result. */
export interface ResultSigner {
  /** "Võ Minh Tâm" */
  name: string;
  /** Position: "Phó Chủ tịch", "Trưởng Công an xã", "Công chức Tư pháp - Hộ tịch". */
  title: string;
  /** Signing on behalf of the head, printed above the position: "KT. CHỦ TỊCH", "TM. ỦY BAN NHÂN DÂN". */
  capacity?: string;
}

/** Where the fact is recorded: the civil-status register (sổ hộ tịch) or the certification book (sổ chứng thực). */
export interface ResultRegister {
  /** The entry number in the book: "Số: 125" (số đăng ký, số chứng thực). */
  entry?: string;
  /** The book: "Quyển số: 01/2026" (certification books get the suffix "-SCT/BS" when it is missing). */
  book?: string;
  /** The day the fact was registered, YYYY-MM-DD (default: the day of issue). */
  registeredOn?: string;
  /** Where it was registered (default: the issuing agency's name). */
  place?: string;
}

export interface ResultData {
  /**
   * The case's `result.template` from the catalogue (e.g. "giay-khai-sinh"). An empty or unknown value falls back
   * to the template for `resultCode` (see `RESULT_TEMPLATES`), then to the generic template.
   */
  template: string;
  /** Mã kết quả (MaKetQuaChinh / MaGiayToKetQua), e.g. "KQ.HT.KS". */
  resultCode: string;
  /** The document's title, e.g. "TRÍCH LỤC KHAI SINH"; also the QR tenGiayTo. */
  title: string;
  /** Số, ký hiệu of the document, e.g. "125/TLKS-BS". */
  number: string;
  /** Time of issue: the date line and the QR thoiDiem. */
  issuedAt: Date;
  /** Place in the date line: "Phú Riềng" → "Phú Riềng, ngày 05 tháng 3 năm 2026". */
  place: string;
  agency: ResultAgency;
  signer: ResultSigner;
  /** The person (or organisation) the result is issued to: the QR maDinhDanh. */
  owner: { name: string; idNumber: string };
  dossier: { code: string; procedureCode: string; procedureName: string };
  /** The dossier's e-form answers, keyed as in the catalogue form (hoTenTre, ngaySinhTre, …). */
  values: Record<string, unknown>;
  /**
   * Names of the provinces and communes the coded addresses among `values` refer to, by code ('75' → 'Tỉnh Đồng Nai',
   * '25252' → 'Xã Phú Riềng'): the caller loads them for `placeCodes(values)`. A code without a name prints without it.
   */
  places?: Readonly<Record<string, string>>;
  /** First day of validity, YYYY-MM-DD. */
  validFrom: string;
  /**
   * Last day of validity, YYYY-MM-DD, for results that expire. Templates with a validity set by law (the
   * marital-status confirmation: 6 months; the residence confirmation: 1 year) compute it from validFrom when absent.
   */
  validTo?: string;
  /** Phạm vi sử dụng, e.g. "Sử dụng để đăng ký kết hôn tại Ủy ban nhân dân xã Xuân Thành". */
  scope?: string;
  /** The QR target: `${publicUrl}/verify/<resultId>`. */
  verifyUrl: string;
  /** Print a diagonal "BẢN MẪU – KHÔNG CÓ GIÁ TRỊ PHÁP LÝ" on every page and "MẪU" under the title. */
  specimen?: boolean;
  /** Labels of the answers, from the case's form definition (see `formLabels`): used by the generic template. */
  labels?: Record<string, string>;
  /** Labels of select answers: options[key][value] = label (see `formLabels`). */
  options?: Record<string, Record<string, string>>;
  /** The register entry (số, quyển số, ngày và nơi đăng ký). */
  register?: ResultRegister;
  /** The QR heThong; default "MotCua – Hệ thống thông tin giải quyết TTHC". */
  systemName?: string;
}

/** Input of the electronic certified copy: the result data plus the number of pages of the original. */
export type CertifiedCopyData = ResultData & { pages: number };

/** The scanned original (or a digitised paper component). */
export interface SourceFile {
  bytes: Uint8Array;
  mime: SourceMime;
}

export type SourceMime = 'application/pdf' | 'image/jpeg' | 'image/png';

/** NĐ 137/2024 Art. 4: who converted a paper document to a data message, and when. */
export interface PaperConversionMark {
  convertedAt: Date;
  /** The official who scanned and checked it. */
  officialName: string;
  /** The agency that converted it. */
  agencyName: string;
}
