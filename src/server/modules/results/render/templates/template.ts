/** The shape of one result template: how it is found, its legal validity, and how it draws the body. */
import type { DocumentWriter } from '../../../../pdf/document.ts';
import type { ResolvedValidity } from '../layout.ts';
import type { ResultData } from '../types.ts';

/** The subject of a result: how the document calls them ("Người được đăng ký khai sinh"), name, personal number. */
export interface ResultSubject {
  label: string;
  name: string;
  idNumber?: string;
}

export interface ResultTemplate {
  /** The catalogue's `result.template` value, e.g. "giay-khai-sinh". */
  key: string;
  /** What it prints, for the documentation and the administration pages. */
  description: string;
  /** Result codes (mã kết quả) served by this template when the catalogue names no template. */
  resultCodes: readonly string[];
  /** Validity set by law, in months from validFrom; used when the caller gives no validTo. */
  validityMonths?: number;
  /** Scope of use when the caller gives none (e.g. the purpose the applicant declared). */
  defaultScope?: (data: ResultData) => string | undefined;
  /**
   * Whom the document is about, when not its owner (the requester): the child of a birth extract, the couple of a
   * marriage certificate. The verification page names it apart from the requester.
   */
  subject?: (data: ResultData) => ResultSubject | undefined;
  /** Draws everything between the title and the verification line, the signature included. */
  body: (w: DocumentWriter, data: ResultData, validity: ResolvedValidity) => void;
}
