/**
 * Recognition of citizens' papers, offline: QR codes (zxing-wasm) first, then Vietnamese OCR (tesseract.js) with a
 * field template per document type (src/core/recognition). See docs/recognition.md.
 */
export { RECOGNISE_HELP, runRecogniseCommand } from './cli.ts';
export { createOcrEngine, type OcrEngine } from './ocr-engine.ts';
export { createRecogniser, ID_CARD_TYPE, RECOGNISABLE_TYPES, RecognitionInputError, type Recogniser, type RecogniseOptions } from './recogniser.ts';
export { recognitionRoutes } from './routes.ts';
export { recognitionJob, requestRecognition, runRecognitionBatch } from './service.ts';
