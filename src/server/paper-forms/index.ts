/**
 * The one-stop forms Mẫu 01–07 (TT 03/2025 set) as pure renderers: plain data in, PDF (or .xlsx) bytes out, no
 * database access. See docs/forms-mau.md for each form's input and QR payload.
 */
export type { AgencyInfo, ApplicantInfo, DossierFormBase, DossierRef, IssueInfo, OfficialInfo } from './types.ts';
export { DEFAULT_SYSTEM_NAME, lookupUrl } from './qr.ts';
export { MAU01_TITLE, renderMau01Pdf, type Mau01Data, type ReceiptDocument } from './mau01.ts';
export { MAU02_TITLE, renderMau02Pdf, type Mau02Data, type SupplementItem } from './mau02.ts';
export { MAU03_TITLE, renderMau03Pdf, type Mau03Data, type RefusalReason } from './mau03.ts';
export { MAU04_TITLE, renderMau04Pdf, type Mau04Data } from './mau04.ts';
export { MAU05_TITLE, renderMau05Pdf, type Mau05Data } from './mau05.ts';
export { HANDOVER_RESULT_LABELS, MAU06_TITLE, renderMau06Pdf, type HandoverResult, type HandoverRow, type Mau06Data } from './mau06.ts';
export { REGISTER_TITLE, registerId, registerQrPayload, type RegisterData, type RegisterRow } from './register.ts';
export { renderMau07Pdf } from './mau07.ts';
export { REGISTER_HEADER_ROW, REGISTER_SHEET, renderMau07Xlsx } from './mau07-xlsx.ts';
