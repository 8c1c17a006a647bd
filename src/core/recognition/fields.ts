/**
 * What recognition hands back: the document type it found, every field with where its value came from, how sure the
 * recogniser is and the raw text it was read from, and the whole text (for search and for the official's review).
 *
 * A recognised value is never trusted by itself: a QR anyone can print, OCR slips on diacritics. The citizen confirms
 * each field, and the official compares the paper with the original (NĐ 137/2024 Art 4) before it counts as digitised.
 */

/** Where a value came from: a decoded QR code, text recognition, typed by a person, or the population database. */
export type FieldSource = 'qr' | 'ocr' | 'typed' | 'population';

export interface RecognisedField {
  /** Stable machine name, e.g. `fullName`. */
  name: string;
  /** The label as printed on the paper (Vietnamese). */
  label: string;
  /** The value, NFC-normalised; dates as YYYY-MM-DD. Empty when the field was not found. */
  value: string;
  source: FieldSource;
  /** 0..1: 1 for a checked QR value; OCR word confidence times label-match and validation quality. */
  confidence: number;
  /** The text the value was read from, unchanged (the QR segment or the OCR line). */
  rawText: string;
}

export interface RecognitionResult {
  /** A document type from the templates, `citizen-id-card`, or `unknown`. */
  type: string;
  fields: RecognisedField[];
  /** Full recognised text (OCR) or the raw QR payload. */
  text: string;
  /** Messages for the person (Vietnamese), e.g. "the QR is not an identity card". */
  warnings: string[];
}

/** Below this a field is highlighted for the citizen and the official (wave2 C6: < 0.8). */
export const LOW_CONFIDENCE = 0.8;
