/**
 * Electronic results (kết quả giải quyết TTHC) as pure renderers: plain data in, PDF bytes out, ready for PAdES
 * signing. They read no file and no database: the caller passes everything, including the names of the places the
 * answers refer to (`ResultData.places`, for `placeCodes(values)`). See docs/results.md, "Result templates".
 */
export type { CertifiedCopyData, PaperConversionMark, ResultAgency, ResultData, ResultRegister, ResultSigner, SourceFile, SourceMime } from './types.ts';
export {
  GENERIC_TEMPLATE_KEY,
  RESULT_TEMPLATES,
  renderResultPdf,
  resolveTemplate,
  resultSubject,
  resultValidity,
  templateKeyFor,
  type ResultSubject,
  type ResultTemplate,
} from './templates.ts';
export { resultQrPayload, SPECIMEN_LABEL, SPECIMEN_WATERMARK, type ResolvedValidity } from './layout.ts';
export { renderCertifiedCopy } from './certified-copy.ts';
export { ResultIncompleteError } from './completeness.ts';
export { countSourcePages } from './source.ts';
export { conversionTime, markConvertedFromPaper, PAPER_MARK_TITLE, paperMarkLines } from './paper-mark.ts';
export { CERTIFICATION_STATEMENT } from './templates/certification.ts';
export { addMonths, dateInWords, DOTS, formatValue, formLabels, numberInWords, placeCodes, withPlaceNames } from './values.ts';
