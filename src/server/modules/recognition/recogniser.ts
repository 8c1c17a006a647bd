/**
 * Recognition behind one interface: `recognise(file, {type})` → `{type, fields, text, warnings}`.
 *
 * Order (wave2 C6): a QR code first — the chip identity card's QR gives seven exact fields, a result's TT 01/2023 QR
 * names the dossier and document — then Vietnamese OCR of the normalised page(s) with the document type's field
 * template; free-text values and the page text are corrected against a lexicon for the a/o vowel slips tesseract makes
 * on Vietnamese (core/recognition/lexicon.ts). PDFs are recognised page by page. Pages that read badly upright are tried a quarter, half and three-quarter
 * turn round. The engines are loaded from node_modules only (see local-assets.ts).
 */
import { parseCccdQr } from '../../../core/recognition/cccd-qr.ts';
import type { RecognisedLine } from '../../../core/recognition/extract.ts';
import { extractFields } from '../../../core/recognition/extract.ts';
import type { RecognisedField, RecognitionResult } from '../../../core/recognition/fields.ts';
import { DOCUMENT_TEMPLATES, detectDocumentType, ID_CARD_TYPE, RECOGNISABLE_TYPES, templateFor } from '../../../core/recognition/templates.ts';
import { correctText, createLexicon, DOCUMENT_WORDS, type Lexicon, phrasesOf } from '../../../core/recognition/lexicon.ts';
import { readAdminUnits } from '../reference/index.ts';
import { decodeQrPayload, QR_FIELD_LABELS, type QrPayload } from '../../../core/documents/qr-payload.ts';
import { normaliseImage, pdfPages, sniffKind, turn } from './images.ts';
import { createOcrEngine, type OcrEngine, type OcrPage } from './ocr-engine.ts';
import { readQrTexts } from './qr-reader.ts';

export { ID_CARD_TYPE, RECOGNISABLE_TYPES };
export const RESULT_QR_TYPE = 'result-qr';

export interface RecogniseOptions {
  /** Expected document type; without it the type is found from the QR or the page title. */
  type?: string;
}

export interface Recogniser {
  recognise(file: Uint8Array, options?: RecogniseOptions): Promise<RecognitionResult>;
  close(): Promise<void>;
}

/** A file recognition cannot take (not an image or PDF, an unknown type): the message is for the person. */
export class RecognitionInputError extends Error {
  constructor(
    message: string,
    readonly messageEn: string,
  ) {
    super(message);
  }
}

/** Below this mean page confidence the page is also tried turned round. */
const UPRIGHT_CONFIDENCE = 0.6;

async function bestOrientation(ocr: OcrEngine, page: Buffer): Promise<OcrPage> {
  let best = await ocr.recognise(page);
  if (best.confidence >= UPRIGHT_CONFIDENCE) return best;
  for (const degrees of [90, 270, 180] as const) {
    const r = await ocr.recognise(await turn(page, degrees));
    if (r.confidence > best.confidence) best = r;
    if (best.confidence >= UPRIGHT_CONFIDENCE) break;
  }
  return best;
}

function resultQrFields(payload: QrPayload, raw: string): RecognisedField[] {
  return (Object.keys(QR_FIELD_LABELS) as (keyof QrPayload)[])
    .filter((k) => payload[k] !== undefined)
    .map((k) => ({ name: k, label: QR_FIELD_LABELS[k], value: String(payload[k]), source: 'qr' as const, confidence: 1, rawText: raw }));
}

/**
 * The correction lexicon: the papers' words, two-word phrases of their labels and headings, and every word and
 * two-word phrase of the names of the 2025 provinces and communes (data/admin-units-2025.json), so that "Đồng Nơi"
 * becomes "Đồng Nai" although "nơi" is a word.
 */
function documentLexicon(): Lexicon {
  const units = readAdminUnits().provinces.flatMap((p) => [p.name, ...p.communes.map((c) => c.name)]);
  const labels = DOCUMENT_TEMPLATES.flatMap((t) => [t.title, ...t.fields.flatMap((f) => f.labels)]);
  return createLexicon([...DOCUMENT_WORDS, ...phrasesOf([...labels, ...units]), ...units.flatMap((n) => n.split(/\s+/))]);
}

export function createRecogniser(ocr: OcrEngine = createOcrEngine()): Recogniser {
  let lexicon: Lexicon | null = null;
  const correct = (text: string) => correctText(text, (lexicon ??= documentLexicon()));
  return {
    async recognise(file, options = {}) {
      const wanted = options.type;
      if (wanted !== undefined && !(RECOGNISABLE_TYPES as readonly string[]).includes(wanted))
        throw new RecognitionInputError(
          `Loại giấy tờ "${wanted}" chưa được hỗ trợ. Các loại hỗ trợ: ${RECOGNISABLE_TYPES.join(', ')}.`,
          `Document type "${wanted}" is not supported. Supported: ${RECOGNISABLE_TYPES.join(', ')}.`,
        );
      const kind = sniffKind(file);
      if (!kind)
        throw new RecognitionInputError('Tệp không phải ảnh (PNG, JPEG, WebP, TIFF) hoặc PDF.', 'The file is not an image (PNG, JPEG, WebP, TIFF) or a PDF.');
      const pages =
        kind === 'pdf'
          ? await pdfPages(file).catch(() => {
              throw new RecognitionInputError(
                'Không đọc được tệp PDF: tệp hỏng hoặc có mật khẩu.',
                'The PDF cannot be read: it is damaged or password-protected.',
              );
            })
          : [Buffer.from(file)];
      if (pages.length === 0) throw new RecognitionInputError('Tệp PDF không có trang nào đọc được.', 'The PDF has no readable page.');

      const warnings: string[] = [];
      const normalised: Buffer[] = [];
      // 1. QR codes: exact when present.
      for (const page of pages) {
        let image: Buffer;
        try {
          image = await normaliseImage(page);
        } catch {
          throw new RecognitionInputError(
            'Không đọc được ảnh: tệp hỏng hoặc không đúng định dạng.',
            'The image cannot be read: the file is damaged or not in its format.',
          );
        }
        normalised.push(image);
        const texts = [...new Set([...(await readQrTexts(page)), ...(await readQrTexts(image))])];
        for (const text of texts) {
          const card = parseCccdQr(text);
          if (card.ok) return { type: ID_CARD_TYPE, fields: card.fields, text, warnings };
          if (wanted === undefined || wanted === ID_CARD_TYPE) {
            try {
              return { type: RESULT_QR_TYPE, fields: resultQrFields(decodeQrPayload(text), text), text, warnings };
            } catch {
              warnings.push(card.reason);
            }
          }
        }
      }
      if (wanted === ID_CARD_TYPE) {
        if (warnings.length === 0) warnings.push('Không tìm thấy mã QR trên ảnh. Hãy chụp mặt có mã QR của thẻ căn cước, đủ sáng và rõ nét.');
        return { type: ID_CARD_TYPE, fields: [], text: '', warnings };
      }
      // 2. OCR, page by page, then the template over all lines.
      const lines: RecognisedLine[] = [];
      const texts: string[] = [];
      for (const image of normalised) {
        const page = await bestOrientation(ocr, image);
        lines.push(...page.lines);
        texts.push(page.text);
      }
      const text = correct(texts.join('\n\f\n').trim());
      const template = wanted ? templateFor(wanted) : detectDocumentType(text);
      if (!template) {
        warnings.push('Không nhận ra loại giấy tờ; chỉ trả về văn bản nhận dạng được.');
        return { type: 'unknown', fields: [], text, warnings };
      }
      const fields = extractFields(template, lines, correct);
      if (fields.every((f) => f.value === '')) warnings.push(`Không tìm thấy trường nào của mẫu "${template.title}" trên ảnh.`);
      return { type: template.type, fields, text, warnings };
    },
    close: () => ocr.close(),
  };
}
