/**
 * Vietnamese OCR with tesseract.js in a worker thread, kept warm (starting one costs ~0.6 s). Language data, core WASM
 * and worker script come from node_modules; the language cache is disabled so nothing is written or fetched.
 * Calls are queued: one tesseract worker recognises one page at a time.
 */
import { createWorker, OEM, type Worker } from 'tesseract.js';
import type { RecognisedLine } from '../../../core/recognition/extract.ts';
import { localAssets } from './local-assets.ts';

export interface OcrPage {
  text: string;
  lines: RecognisedLine[];
  /** Mean confidence of the page, 0..1. */
  confidence: number;
}

export interface OcrEngine {
  recognise(image: Uint8Array): Promise<OcrPage>;
  close(): Promise<void>;
}

export function createOcrEngine(): OcrEngine {
  let worker: Promise<Worker> | null = null;
  let queue: Promise<unknown> = Promise.resolve();
  const start = () =>
    (worker ??= createWorker('vie', OEM.LSTM_ONLY, {
      langPath: localAssets.vietnameseModelDir(),
      corePath: localAssets.tesseractCore(),
      workerPath: localAssets.tesseractWorker(),
      gzip: true,
      cacheMethod: 'none',
    }));
  return {
    recognise(image) {
      const job = queue.then(async () => {
        const w = await start();
        const { data } = await w.recognize(Buffer.from(image), {}, { text: true, blocks: true });
        const lines: RecognisedLine[] = [];
        for (const block of data.blocks ?? [])
          for (const para of block.paragraphs)
            for (const line of para.lines) lines.push({ text: line.text.replace(/\s+$/, '').normalize('NFC'), confidence: line.confidence / 100 });
        return { text: data.text.normalize('NFC'), lines, confidence: data.confidence / 100 };
      });
      queue = job.catch(() => undefined);
      return job;
    },
    async close() {
      const w = worker;
      worker = null;
      if (w) await (await w).terminate();
    },
  };
}
