/**
 * Detection of prefilled values changed by the client (as FormSG does for MyInfo data).
 *
 * When the server fills a draft (resolvePrefill) it seals what it filled: `sealPrefill` makes a token holding,
 * for every prefilled field, its source and an HMAC-SHA256 of the canonical JSON of {field, source, value}
 * (sorted keys, strings in NFC), the whole token being HMAC-signed too, so no entry can be dropped or altered.
 * The token is kept server-side with the draft. At submission `checkPrefill` recomputes each field's HMAC from
 * the submitted (normalised) value:
 *   unchanged                 → taken from the source (declaredByCitizen: false)
 *   changed, policy 'locked'  → refused, error PREFILL_TAMPERED (the default policy)
 *   changed, policy 'declared'→ accepted, marked declaredByCitizen: true
 *   hidden by a condition     → not submitted, nothing to check
 * The HMACs use WebCrypto (crypto.subtle), available in browsers and in Node; sealing and checking happen on
 * the server, which alone knows the secret. The token contains no value in clear and no unkeyed hash.
 * The server may instead pass a synchronous HMAC-SHA256 of its platform (`SyncHmac`, node:crypto): the same MACs,
 * without WebCrypto's per-call hop to the thread pool, which was the largest CPU cost of a submission (issue 17).
 * The token also carries `all`, one MAC over every field's message in path order: when the submitted values give
 * the same MAC, every field is unchanged and visible, and the check needs one HMAC instead of one per field (a
 * token without it, sealed before, is checked field by field; so is any submission where `all` does not match).
 */
import { canonicalJson } from '../canonical-json.ts';
import type { FormDefinition } from '../catalogue/schema.ts';
import { getAt, parseSteps } from './paths.ts';
import { prefillHash, type Provenance } from './prefill.ts';
import type { FormState, Values } from './runtime.ts';
import type { FieldError } from './validate.ts';
import { stateOf } from './values.ts';

/**
 * Web Crypto's types as the platform declares them: lib.dom in the browser, @types/node on the server, and
 * tsconfig/isomorphic.d.ts when core is checked alone (core is isomorphic: it names no platform's own types).
 */
type Subtle = (typeof globalThis.crypto)['subtle'];
/** An HMAC key made by Web Crypto (importKey). */
export type HmacKey = Awaited<ReturnType<Subtle['importKey']>>;
type Bytes = Parameters<Subtle['sign']>[2];

/**
 * HMAC-SHA256 computed synchronously by the platform, with the key held inside (the server builds one from its secret
 * with node:crypto). It must return HMAC-SHA256(key, UTF-8 bytes of text): seals made with it and with the same key
 * given as a string are interchangeable.
 */
export interface SyncHmac {
  hmacSha256(text: string): Uint8Array;
  /** The same MAC, base64url without padding (a platform's native encoder; computed from hmacSha256 otherwise). */
  hmacSha256Base64Url?(text: string): string;
}

export type SealSecret = string | Uint8Array | HmacKey | SyncHmac;

const isSyncHmac = (s: unknown): s is SyncHmac => typeof (s as SyncHmac | null)?.hmacSha256 === 'function';

/** A key ready to sign and verify: WebCrypto's, or the platform's synchronous HMAC. */
type MacKey = { kind: 'subtle'; key: HmacKey } | { kind: 'sync'; hmac: SyncHmac };

export interface SealOptions {
  /** Binds the seal to one draft (e.g. its id): a seal made for another scope is refused. */
  scope?: string;
}

export interface PrefillFieldCheck {
  source: Provenance['source'];
  path: string;
  policy: 'locked' | 'declared';
  status: 'unchanged' | 'changed' | 'hidden';
  declaredByCitizen: boolean;
}

export interface PrefillCheck {
  valid: boolean;
  errors: FieldError[];
  /** Every sealed field, by value path. */
  fields: Record<string, PrefillFieldCheck>;
  /** Submitted prefilled fields, by value path: where the value came from, or that the citizen declared it. */
  provenance: Record<string, { source: Provenance['source']; path: string; declaredByCitizen: boolean }>;
}

const PREFIX = 'mcp1';

interface SealPayload {
  v: 1;
  scope: string | null;
  form: string;
  fields: Record<string, { source: Provenance['source']; path: string; mac: string }>;
  /** MAC of every field's message, in path order, joined by newlines (absent from tokens sealed before it). */
  all?: string;
}

function subtle(): Subtle {
  const s = globalThis.crypto?.subtle;
  if (!s) throw new Error('WebCrypto (crypto.subtle) is not available in this environment');
  return s;
}

const utf8 = (s: string) => new TextEncoder().encode(s);

function toBase64Url(bytes: Uint8Array): string {
  let bin = '';
  for (const b of bytes) bin += String.fromCharCode(b);
  return btoa(bin).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

function fromBase64Url(s: string): Uint8Array | null {
  if (!/^[A-Za-z0-9_-]*$/.test(s)) return null;
  try {
    const bin = atob(s.replace(/-/g, '+').replace(/_/g, '/') + '='.repeat((4 - (s.length % 4)) % 4));
    const out = new Uint8Array(bin.length);
    for (let i = 0; i < bin.length; i++) out[i] = bin.charCodeAt(i);
    return out;
  } catch {
    return null;
  }
}

async function hmacKey(secret: SealSecret): Promise<MacKey> {
  if (isSyncHmac(secret)) return { kind: 'sync', hmac: secret };
  if (typeof secret !== 'string' && !(secret instanceof Uint8Array)) return { kind: 'subtle', key: secret };
  const raw = typeof secret === 'string' ? utf8(secret) : secret;
  if (raw.length < 16) throw new Error('The prefill seal secret must be at least 16 bytes');
  return { kind: 'subtle', key: await subtle().importKey('raw', raw as Bytes, { name: 'HMAC', hash: 'SHA-256' }, false, ['sign', 'verify']) };
}

const fieldMessage = (field: string, p: Pick<Provenance, 'source' | 'path'>, value: unknown) =>
  canonicalJson({ field, source: `${p.source}.${p.path}`, value: value === undefined ? null : value });

async function sign(key: MacKey, text: string): Promise<string> {
  if (key.kind === 'sync') return syncMac(key.hmac, text);
  return toBase64Url(new Uint8Array(await subtle().sign('HMAC', key.key, utf8(text) as Bytes)));
}

const syncMac = (hmac: SyncHmac, text: string) => (hmac.hmacSha256Base64Url ? hmac.hmacSha256Base64Url(text) : toBase64Url(hmac.hmacSha256(text)));

/** Equal texts, in a time that does not depend on where they differ. */
function sameText(a: string, b: string): boolean {
  if (a.length !== b.length) return false;
  let diff = 0;
  for (let i = 0; i < a.length; i++) diff |= a.charCodeAt(i) ^ b.charCodeAt(i);
  return diff === 0;
}

async function verify(key: MacKey, text: string, mac: unknown): Promise<boolean> {
  if (typeof mac !== 'string' || mac.length !== 43) return false;
  // Synchronous: the MAC as text, compared with the sealed one (no decoding; a MAC is 43 base64url characters).
  if (key.kind === 'sync') return sameText(syncMac(key.hmac, text), mac);
  const bytes = fromBase64Url(mac);
  if (bytes === null || bytes.length !== 32) return false;
  return subtle().verify('HMAC', key.key, bytes as Bytes, utf8(text) as Bytes);
}

/**
 * Seals the prefilled values of a draft. `values` and `provenance` are what resolvePrefill returned; every
 * provenance entry must still match its value (the hash is rechecked).
 */
export async function sealPrefill(
  values: Values,
  provenance: Record<string, Provenance>,
  secret: SealSecret,
  options: SealOptions & { formId?: string } = {},
): Promise<string> {
  const key = await hmacKey(secret);
  const fields: SealPayload['fields'] = {};
  const messages: string[] = [];
  for (const path of Object.keys(provenance).sort()) {
    const p = provenance[path];
    const steps = parseSteps(path);
    const value = steps ? getAt(values, steps) : undefined;
    if (!steps || value === undefined) throw new Error(`sealPrefill: no value at prefilled path "${path}"`);
    if (prefillHash(p, value) !== p.hash) throw new Error(`sealPrefill: the value at "${path}" differs from the one recorded in its provenance`);
    const message = fieldMessage(path, p, value);
    messages.push(message);
    fields[path] = { source: p.source, path: p.path, mac: await sign(key, message) };
  }
  const payload: SealPayload = { v: 1, scope: options.scope ?? null, form: options.formId ?? '', fields, all: await sign(key, messages.join('\n')) };
  const body = toBase64Url(utf8(canonicalJson(payload)));
  return `${PREFIX}.${body}.${await sign(key, `${PREFIX}.${body}`)}`;
}

async function openSeal(seal: string, key: MacKey, scope: string | undefined): Promise<SealPayload | null> {
  if (typeof seal !== 'string') return null;
  const parts = seal.split('.');
  if (parts.length !== 3 || parts[0] !== PREFIX) return null;
  if (!(await verify(key, `${PREFIX}.${parts[1]}`, parts[2]))) return null;
  const bytes = fromBase64Url(parts[1]);
  if (!bytes) return null;
  try {
    const payload = JSON.parse(new TextDecoder().decode(bytes)) as SealPayload;
    if (payload.v !== 1 || typeof payload.fields !== 'object' || payload.fields === null) return null;
    if ((scope ?? null) !== payload.scope) return null;
    return payload;
  } catch {
    return null;
  }
}

/**
 * Compares submitted answers with the sealed prefill. Locked fields that changed are refused
 * (PREFILL_TAMPERED); declared fields that changed are accepted and marked declared by the citizen. A seal that
 * does not verify (altered, another secret, another scope) refuses the submission (PREFILL_SEAL_INVALID).
 */
export async function checkPrefill(
  def: FormDefinition,
  submitted: Values | FormState,
  seal: string,
  secret: SealSecret,
  options: SealOptions & {
    /** How to name a source in messages (e.g. at the counter the identity comes from the population database, not a VNeID login). */
    sourceNames?: Partial<Record<Provenance['source'], string>>;
  } = {},
): Promise<PrefillCheck> {
  const key = await hmacKey(secret);
  const payload = await openSeal(seal, key, options.scope);
  if (!payload || (payload.form !== '' && payload.form !== def.id)) {
    return {
      valid: false,
      errors: [
        {
          path: '',
          code: 'PREFILL_SEAL_INVALID',
          message: 'Không xác minh được thông tin điền sẵn của hồ sơ. Vui lòng tạo hồ sơ mới để hệ thống điền lại thông tin.',
        },
      ],
      fields: {},
      provenance: {},
    };
  }
  const state = stateOf(def, submitted);
  const result: PrefillCheck = { valid: true, errors: [], fields: {}, provenance: {} };
  // Each sealed field as submitted, in path order (the order of `all`): where it is, and its message when visible.
  const submittedFields = Object.keys(payload.fields)
    .sort()
    .map((path) => {
      const sealed = payload.fields[path];
      const at = state.locate(path);
      const visible = !!at && state.isVisible(at.field, at.inst);
      const value = visible ? at.inst.values[at.field.key] : undefined;
      return { path, sealed, at, visible, value, message: visible ? fieldMessage(path, sealed, value) : '' };
    });
  // One MAC for the whole form when nothing changed (the usual case); field by field otherwise.
  const noneChanged =
    typeof payload.all === 'string' &&
    submittedFields.every((f) => f.visible) &&
    (await verify(key, submittedFields.map((f) => f.message).join('\n'), payload.all));
  for (const { path, sealed, at, visible, value, message } of submittedFields) {
    const policy = at?.field.policy ?? 'locked';
    const base = { source: sealed.source, path: sealed.path, policy };
    if (!at || !visible) {
      result.fields[path] = { ...base, status: 'hidden', declaredByCitizen: false };
      continue;
    }
    const unchanged = noneChanged || (await verify(key, message, sealed.mac));
    const declaredByCitizen = !unchanged;
    result.fields[path] = { ...base, status: unchanged ? 'unchanged' : 'changed', declaredByCitizen };
    if (!unchanged && policy === 'locked') {
      const where =
        options.sourceNames?.[sealed.source] ?? (sealed.source === 'eid' ? 'tài khoản định danh điện tử (VNeID)' : 'Cơ sở dữ liệu quốc gia về dân cư');
      result.errors.push({
        path,
        code: 'PREFILL_TAMPERED',
        message: `${at.field.label}: thông tin lấy từ ${where} không được sửa. Nếu thông tin chưa đúng, vui lòng liên hệ cơ quan quản lý dữ liệu dân cư để điều chỉnh.`,
        page: at.field.pageKey,
      });
      continue;
    }
    if (value !== undefined) result.provenance[path] = { source: sealed.source, path: sealed.path, declaredByCitizen };
  }
  result.valid = result.errors.length === 0;
  return result;
}
