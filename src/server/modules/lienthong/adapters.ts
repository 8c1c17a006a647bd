/**
 * Hand-off adapters: how a member dossier reaches its agency. One interface; the residence (Công an, cư trú) and
 * social-insurance (BHXH) adapters speak the agencies' HTTP protocol (their stand-ins: src/server/standins/cutru,
 * src/server/standins/bhxh); the manual adapter sends nothing and waits for an official to record the agency's answer
 * (for agencies reachable only through their own web portal).
 *
 * The protocol (JSON over HTTPS, one POST per hand-off, the hand-off id as `Idempotency-Key`: a resend of the same
 * hand-off gets the same answer):
 *   POST <base>/api/ho-so  { maHoSo, maHoSoLienThong, maThuTuc, tenThuTuc, coQuanGui, duLieu, ngayGui }
 *   200 { trangThai: "DA_TIEP_NHAN", maTiepNhan, ketQua?: { so, tenGiayTo, ngayCap } }
 *   200 { trangThai: "TU_CHOI", maTiepNhan, lyDo }
 * Anything else (5xx, timeout, malformed answer) is a delivery failure: the outbox retries with backoff.
 */
import { AgencyAnswer } from '../../../contract/lienthong.ts';
import type { HandoffAdapter } from '../../../core/lienthong/bundle-types.ts';

export type { HandoffRequest } from '../../../contract/lienthong.ts';
import type { HandoffRequest } from '../../../contract/lienthong.ts';

/** What an adapter returns: the agency's answer with the raw response as evidence, or "sent, the answer comes later". */
export type SendOutcome = { kind: 'answered'; httpStatus: number; raw: unknown; answer: AgencyAnswer } | { kind: 'pending' };

export interface AgencyAdapter {
  readonly name: HandoffAdapter;
  send(handoffId: string, request: HandoffRequest): Promise<SendOutcome>;
}

export class HttpAgencyAdapter implements AgencyAdapter {
  constructor(
    readonly name: 'cutru' | 'bhxh',
    private readonly baseUrl: string,
    private readonly fetcher: typeof fetch,
    private readonly timeoutMs = 15_000,
  ) {}

  async send(handoffId: string, request: HandoffRequest): Promise<SendOutcome> {
    const res = await this.fetcher(`${this.baseUrl}/api/ho-so`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'idempotency-key': handoffId },
      body: JSON.stringify(request),
      signal: AbortSignal.timeout(this.timeoutMs),
    });
    const text = await res.text();
    if (res.status >= 500) throw new Error(`${this.name}: HTTP ${res.status}`);
    let raw: unknown;
    try {
      raw = JSON.parse(text);
    } catch {
      throw new Error(`${this.name}: HTTP ${res.status}, not JSON`);
    }
    const answer = AgencyAnswer.safeParse(raw);
    if (!res.ok || !answer.success) throw new Error(`${this.name}: HTTP ${res.status}, unexpected answer ${text.slice(0, 300)}`);
    return { kind: 'answered', httpStatus: res.status, raw, answer: answer.data };
  }
}

/** Nothing is sent: an official records the agency's answer (POST /api/staff/lienthong/handoffs/:id/answer). */
export class ManualAdapter implements AgencyAdapter {
  readonly name = 'manual' as const;
  async send(): Promise<SendOutcome> {
    return { kind: 'pending' };
  }
}

/** Where each agency's endpoint is: LIENTHONG_CUTRU_URL, LIENTHONG_BHXH_URL; empty = the built-in stand-ins. */
export function agencyUrls(publicUrl: string, env: NodeJS.ProcessEnv = process.env): Record<'cutru' | 'bhxh', string> {
  return {
    cutru: env.LIENTHONG_CUTRU_URL || `${publicUrl}/standins/cutru`,
    bhxh: env.LIENTHONG_BHXH_URL || `${publicUrl}/standins/bhxh`,
  };
}
