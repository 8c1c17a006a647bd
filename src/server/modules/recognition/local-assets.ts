/**
 * Where the recognisers' models and WASM come from: files inside installed npm packages, resolved from node_modules.
 * Nothing is fetched at run time — zxing-wasm would otherwise load its wasm from a CDN and tesseract.js its language
 * data from jsDelivr; both are given local paths or bytes instead.
 */
import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';

const require = createRequire(import.meta.url);

const packageDir = (name: string) => path.dirname(require.resolve(`${name}/package.json`));

export const localAssets = {
  /** zxing-wasm's full (reader + writer) module binary. */
  zxingWasm: () => fs.readFileSync(require.resolve('zxing-wasm/full/zxing_full.wasm')),
  /** tesseract.js worker script for Node, its core WASM directory, and the Vietnamese LSTM model (gzip). */
  tesseractWorker: () => path.join(packageDir('tesseract.js'), 'src/worker-script/node/index.js'),
  tesseractCore: () => packageDir('tesseract.js-core'),
  vietnameseModelDir: () => path.join(packageDir('@tesseract.js-data/vie'), '4.0.0'),
};
