/** Reads QR codes from an image with zxing-wasm, its WASM loaded from node_modules (never from a CDN). */
import { prepareZXingModule, readBarcodes } from 'zxing-wasm/full';
import { localAssets } from './local-assets.ts';

let ready: Promise<unknown> | null = null;

export function prepareZxing(): Promise<unknown> {
  ready ??= prepareZXingModule({
    overrides: { wasmBinary: localAssets.zxingWasm().buffer as ArrayBuffer },
    equalityFn: Object.is,
    fireImmediately: true,
  }) as Promise<unknown>;
  return ready;
}

/** The text of every QR code found in the image (PNG/JPEG bytes), best effort: rotation, inversion, downscaling. */
export async function readQrTexts(image: Uint8Array): Promise<string[]> {
  await prepareZxing();
  const results = await readBarcodes(image, {
    formats: ['QRCode'],
    tryHarder: true,
    tryRotate: true,
    tryInvert: true,
    tryDownscale: true,
    maxNumberOfSymbols: 4,
  });
  return results.filter((r) => r.isValid).map((r) => r.text);
}
