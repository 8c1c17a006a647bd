/**
 * Duplicate dossiers (hồ sơ trùng): the same procedure for the same subject — the child whose birth is registered,
 * the couple who marry, the person who died, the person certified — asked for again while a dossier for that subject
 * is still open or was finished recently. The subject is what matters, not the applicant: the mother and the father
 * registering the same child's birth are a duplicate too.
 *
 * A dossier's subject is reduced to keys (`subjectKeys`); two dossiers with a common key and procedures of the same
 * group (linked procedures that include the same registration count as the same procedure) are possible duplicates.
 * An earlier dossier still "stands" in the way of a new one when it is open (not refused, withdrawn or stopped), or
 * when its result was issued less than `RECENT_DAYS` days ago (`standsInTheWay`). Procedures whose repetition is
 * normal (certified copies, signatures, contracts) have no rule and are never flagged.
 *
 * This is a hint for the citizen (warned before submitting, with a link) and for the receiving officer (a "possible
 * duplicate" flag in the queue, and a refusal with Mẫu 03 when it is one), never an automatic refusal.
 */
import { foldVietnamese } from '../catalogue/search.ts';
import { NationalStatus } from './status.ts';

/** How long after its result a finished dossier still makes a new one for the same subject suspicious. */
export const RECENT_DAYS = 30;

export type SubjectKind = 'child' | 'couple' | 'deceased' | 'person';

export interface DuplicateRule {
  /** Procedures (codes) that register the same thing; a duplicate is searched among all of them. */
  group: string;
  procedures: readonly string[];
  kind: SubjectKind;
  /** The subject's keys from the e-form's values (and the applicant's id number), or none when the form does not say. */
  keys: (values: Readonly<Record<string, unknown>>, applicantIdNumber: string | null) => string[];
}

const text = (v: unknown): string => (typeof v === 'string' ? foldVietnamese(v.normalize('NFC')).trim() : '');
const idNumber = (v: unknown): string => (typeof v === 'string' && /^\d{9,12}$/.test(v.trim()) ? v.trim() : '');
const isoDate = (v: unknown): string => (typeof v === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(v) ? v : '');

/** A person named by an id-number field; without a number, by name and a date field (both needed). */
function personKey(values: Readonly<Record<string, unknown>>, idField: string, nameField?: string, dateField?: string): string {
  const id = idNumber(values[idField]);
  if (id) return `id:${id}`;
  const name = nameField ? text(values[nameField]) : '';
  const date = dateField ? isoDate(values[dateField]) : '';
  return name && date ? `name:${name}:${date}` : '';
}

/** A rule whose subject is one person, named by an id-number field of the form (or the applicant when omitted). */
const personRule = (group: string, procedures: string[], idField?: string): DuplicateRule => ({
  group,
  procedures,
  kind: 'person',
  keys: (values, applicant) => {
    const key = idField ? personKey(values, idField) : applicant ? `id:${applicant}` : '';
    return key ? [key] : [];
  },
});

export const DUPLICATE_RULES: readonly DuplicateRule[] = [
  {
    // Đăng ký khai sinh, alone or linked with permanent residence and health insurance (2.000986): the child is
    // known by the mother (her id number, else her name and birth date), the child's birth date and folded name.
    group: 'khai-sinh',
    procedures: ['1.001193', '2.000986'],
    kind: 'child',
    keys: (v) => {
      const mother = personKey(v, 'soDinhDanhMe', 'hoTenMe', 'ngaySinhMe');
      const born = isoDate(v.ngaySinhTre);
      const child = text(v.hoTenTre);
      return mother && born && child ? [`${mother}|tre:${child}:${born}`] : [];
    },
  },
  {
    // Đăng ký kết hôn: the couple, in either order.
    group: 'ket-hon',
    procedures: ['1.000894'],
    kind: 'couple',
    keys: (v) => {
      const bride = personKey(v, 'soDinhDanhNu', 'hoTenNu', 'ngaySinhNu');
      const groom = personKey(v, 'soDinhDanhNam', 'hoTenNam', 'ngaySinhNam');
      return bride && groom ? [[bride, groom].sort().join('|')] : [];
    },
  },
  {
    // Đăng ký khai tử, alone or linked (1.006714): the person who died.
    group: 'khai-tu',
    procedures: ['1.000656', '1.006714'],
    kind: 'deceased',
    keys: (v) => {
      const key = personKey(v, 'soDinhDanhNguoiChet', 'hoTenNguoiChet', 'ngayChet');
      return key ? [key] : [];
    },
  },
  personRule('nhan-cha-me-con', ['1.001022'], 'soDinhDanhNguoiDuocNhan'),
  personRule('mai-tang', ['1.001731'], 'soDinhDanhNguoiChet'),
  personRule('tro-cap-xa-hoi', ['1.001776'], 'soDinhDanhDoiTuong'),
  personRule('xoa-thuong-tru', ['1.004206'], 'soDinhDanhNguoiBiXoa'),
  personRule('giam-ho', ['1.004837'], 'soDinhDanhNguoiDuocGiamHo'),
  // Giấy xác nhận tình trạng hôn nhân: the person certified is the applicant.
  personRule('tinh-trang-hon-nhan', ['1.004873']),
];

const ruleByProcedure = new Map(DUPLICATE_RULES.flatMap((r) => r.procedures.map((p) => [p, r] as const)));

export function duplicateRuleFor(procedureCode: string): DuplicateRule | undefined {
  return ruleByProcedure.get(procedureCode);
}

/**
 * The subject keys of a dossier, each prefixed with its rule's group (so equal keys of different procedures never
 * meet); empty when the procedure has no rule or the form does not name the subject.
 */
export function subjectKeys(procedureCode: string, values: Readonly<Record<string, unknown>>, applicantIdNumber: string | null): string[] {
  const rule = duplicateRuleFor(procedureCode);
  if (!rule) return [];
  return [...new Set(rule.keys(values, applicantIdNumber))].map((k) => `${rule.group}/${k}`);
}

export interface EarlierDossier {
  status: number;
  /** When the result was issued (status 9/10), if it was. */
  finishedAt: Date | null;
}

const NOT_STANDING: ReadonlySet<number> = new Set([NationalStatus.NOT_RECEIVED, NationalStatus.WITHDRAWAL_REQUESTED, NationalStatus.STOPPED]);

/**
 * Whether an earlier dossier for the same subject stands in the way of a new one at `now`: it is open, or its
 * result was issued within RECENT_DAYS. A refused, withdrawn or stopped dossier does not (asking again is the remedy).
 */
export function standsInTheWay(earlier: EarlierDossier, now: Date): boolean {
  if (NOT_STANDING.has(earlier.status)) return false;
  if (earlier.status === NationalStatus.RESULT_ISSUED || earlier.status === NationalStatus.RESULT_RETURNED) {
    if (!earlier.finishedAt) return true;
    return now.getTime() - earlier.finishedAt.getTime() < RECENT_DAYS * 86_400_000;
  }
  return true;
}
