/**
 * The platform APIs src/core and src/contract may use: globals that browsers and Node ≥ 20 both provide (the WHATWG
 * Encoding API, base64, Web Crypto's HMAC). tsconfig.core.json checks core with these declarations only — no DOM, no
 * Node types — so core code that reaches for anything else (a Node module, `window`, `Buffer`) fails the type check.
 * The shapes are those of TypeScript's lib.dom.d.ts, cut down to what core calls; add an API here only if both
 * platforms have it.
 */

interface TextEncoder {
  encode(input?: string): Uint8Array<ArrayBuffer>;
}
declare var TextEncoder: { prototype: TextEncoder; new (): TextEncoder };

interface TextDecoder {
  decode(input?: ArrayBuffer | ArrayBufferView, options?: { stream?: boolean }): string;
}
declare var TextDecoder: { prototype: TextDecoder; new (label?: string, options?: { fatal?: boolean; ignoreBOM?: boolean }): TextDecoder };

declare function atob(data: string): string;
declare function btoa(data: string): string;

type BufferSource = ArrayBufferView<ArrayBuffer> | ArrayBuffer;

interface CryptoKey {
  readonly algorithm: { name: string };
  readonly extractable: boolean;
  readonly type: 'private' | 'public' | 'secret';
  readonly usages: ('sign' | 'verify')[];
}

interface SubtleCrypto {
  importKey(
    format: 'raw',
    keyData: BufferSource,
    algorithm: { name: 'HMAC'; hash: 'SHA-256' | { name: 'SHA-256' } },
    extractable: boolean,
    keyUsages: ('sign' | 'verify')[],
  ): Promise<CryptoKey>;
  sign(algorithm: 'HMAC' | { name: 'HMAC' }, key: CryptoKey, data: BufferSource): Promise<ArrayBuffer>;
  verify(algorithm: 'HMAC' | { name: 'HMAC' }, key: CryptoKey, signature: BufferSource, data: BufferSource): Promise<boolean>;
}

interface Crypto {
  readonly subtle: SubtleCrypto;
}
declare var crypto: Crypto;
