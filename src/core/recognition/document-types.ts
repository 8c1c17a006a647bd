/**
 * Which recognition template reads a catalogue document type, and the store document type a self-digitised photo copy
 * carries (issue 16 item 2). Apart from the form-fill tables (`form-fills.ts`), so that a page that only asks "can a
 * photo of this component be read?" does not load them.
 */
import type { RecognisableType } from './templates.ts';

/** The catalogue's document types (requirement `documentType`) that a recognition template reads. */
export const RECOGNITION_TYPE_OF_DOCUMENT: Readonly<Record<string, RecognisableType>> = {
  'giay-khai-sinh': 'birth-certificate',
  'giay-to-ho-tich': 'birth-certificate',
  'xac-nhan-cu-tru': 'residence-confirmation',
  'giay-chung-nhan-qsdd': 'land-certificate',
  'giay-to-dat': 'land-certificate',
};

/**
 * The catalogue document type a photo copy taken from the personal store page carries, so that a later dossier's
 * component of that type can take it (the journey offers it like any store document).
 */
export const STORE_DOCUMENT_TYPE_OF: Readonly<Record<RecognisableType, string>> = {
  'birth-certificate': 'giay-khai-sinh',
  'marriage-certificate': 'giay-chung-nhan-ket-hon',
  'residence-confirmation': 'xac-nhan-cu-tru',
  'land-certificate': 'giay-chung-nhan-qsdd',
  'citizen-id-card': 'the-can-cuoc',
};

/** The recognition type for a component, or null when no template reads it (the component is then uploaded as is). */
export function recognitionTypeFor(documentType: string | null | undefined): RecognisableType | null {
  return (documentType && RECOGNITION_TYPE_OF_DOCUMENT[documentType]) || null;
}
