/**
 * The national public-service portal (Cổng DVCQG) adapter: the envelope seen in the open-source integrations
 * (wave2-capabilities.md C12). A session is obtained by `POST {url}{authPath}` with `{username, password}` and the
 * destination-code header `dstcode`; every call is `POST {url}{servicePath}` with `{session, madonvi, service, …}`
 * and answers `{error_code, message?, result?}` (0 = success). An expired session is renewed once and the call
 * repeated; the answer "đã tồn tại" and every other failure are reported to the caller as a PortalError of a kind
 * the caller can act on. Real deployments point `url` at the province's LGSP/NDXP endpoint (docs/integrations.md).
 */
import type { HoSoDongBoDVC, QuaTrinhXuLyDongBoDVC } from '../../core/national-sync/schema.ts';

export interface PortalConfig {
  /** Base URL of the portal (or the LGSP/NDXP route to it). */
  url: string;
  authPath: string;
  servicePath: string;
  username: string;
  password: string;
  /** Destination code (dstcode header). */
  dstcode: string;
  /** Per-call timeout, ms. */
  timeoutMs: number;
}

export interface PortalAnswer {
  error_code: number | string;
  message?: string;
  result?: unknown;
  [k: string]: unknown;
}

/**
 * What went wrong: `exists` the portal already holds the dossier (send it as an update); `session` the session was
 * refused even after a new login; `transient` 5xx, a timeout or the network (try again later); `rejected` the portal
 * refused the message (its text says why).
 */
export type PortalErrorKind = 'exists' | 'session' | 'transient' | 'rejected';

export class PortalError extends Error {
  constructor(
    readonly kind: PortalErrorKind,
    message: string,
  ) {
    super(message);
  }
}

/** Where the session lives between calls (shared by every server process: the database). */
export interface SessionStore {
  get(): Promise<string | null>;
  set(session: string): Promise<void>;
  clear(session: string): Promise<void>;
}

/** The portal as MotCua uses it. The liên thông adapters may use the same interface (src/server/modules/national-sync). */
export interface NationalPortalAdapter {
  /** DongBoHoSoMC: creates the dossier (update=false) or replaces it (update=true). */
  syncDossier(madonvi: string, dossier: HoSoDongBoDVC, update: boolean): Promise<PortalAnswer>;
  /** CapNhatTienDoHoSoMC: processing steps of dossiers the portal holds. */
  pushProgress(madonvi: string, steps: QuaTrinhXuLyDongBoDVC[]): Promise<PortalAnswer>;
  /** TraCuuHoSo: what the portal holds under a dossier code. */
  lookupDossier(madonvi: string, maHoSo: string): Promise<PortalAnswer>;
  /** Any other service (catalogues: LayThuTuc, LayDanhSachTTHC, LayDanhMucCoQuan, LayDanhMucLinhVuc). */
  call(service: string, madonvi: string, fields: Record<string, unknown>): Promise<PortalAnswer>;
}

const ok = (a: PortalAnswer) => a.error_code === 0 || a.error_code === '0' || a.error_code === '00';
const EXISTS = /đã tồn tại/i;
const SESSION = /phiên.*(hết hạn|không hợp lệ)|session.*(expired|invalid)/i;

export class DvcqgHttpAdapter implements NationalPortalAdapter {
  constructor(
    private readonly config: PortalConfig,
    private readonly sessions: SessionStore,
    private readonly fetchImpl: typeof fetch = fetch,
  ) {}

  syncDossier(madonvi: string, dossier: HoSoDongBoDVC, update: boolean): Promise<PortalAnswer> {
    return this.call('DongBoHoSoMC', madonvi, { isUpdating: update ? 'True' : 'False', data: [dossier] });
  }

  pushProgress(madonvi: string, steps: QuaTrinhXuLyDongBoDVC[]): Promise<PortalAnswer> {
    return this.call('CapNhatTienDoHoSoMC', madonvi, { data: steps });
  }

  lookupDossier(madonvi: string, maHoSo: string): Promise<PortalAnswer> {
    return this.call('TraCuuHoSo', madonvi, { mahoso: maHoSo });
  }

  async call(service: string, madonvi: string, fields: Record<string, unknown>): Promise<PortalAnswer> {
    let session = (await this.sessions.get()) ?? (await this.login());
    let answer = await this.post(this.config.servicePath, { session, madonvi, service, ...fields });
    if (!ok(answer) && isSessionError(answer)) {
      // The session expired: log in again, once, and repeat the call.
      await this.sessions.clear(session);
      session = await this.login();
      answer = await this.post(this.config.servicePath, { session, madonvi, service, ...fields });
      if (!ok(answer) && isSessionError(answer))
        throw new PortalError('session', `${service}: phiên làm việc bị từ chối sau khi đăng nhập lại (${answer.message ?? answer.error_code})`);
    }
    if (ok(answer)) return answer;
    const text = `${service}: ${answer.message ?? `mã lỗi ${answer.error_code}`}`;
    throw new PortalError(EXISTS.test(answer.message ?? '') ? 'exists' : 'rejected', text);
  }

  private async login(): Promise<string> {
    const a = await this.post(this.config.authPath, { username: this.config.username, password: this.config.password });
    if (!ok(a) || typeof a.session !== 'string' || !a.session)
      throw new PortalError('rejected', `Đăng nhập Cổng DVCQG không thành công: ${a.message ?? a.error_code}`);
    await this.sessions.set(a.session);
    return a.session;
  }

  private async post(path: string, body: Record<string, unknown>): Promise<PortalAnswer> {
    let res: Response;
    try {
      res = await this.fetchImpl(`${this.config.url}${path}`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', dstcode: this.config.dstcode },
        body: JSON.stringify(body),
        signal: AbortSignal.timeout(this.config.timeoutMs),
      });
    } catch (err) {
      const e = err as Error;
      const what = e.name === 'TimeoutError' ? `quá thời gian chờ ${this.config.timeoutMs} ms` : `lỗi kết nối (${e.message})`;
      throw new PortalError('transient', `Cổng DVCQG không trả lời: ${what}`);
    }
    const raw = await res.text().catch(() => '');
    if (res.status >= 500) throw new PortalError('transient', `Cổng DVCQG lỗi HTTP ${res.status}${raw ? `: ${raw.slice(0, 200)}` : ''}`);
    let answer: PortalAnswer;
    try {
      answer = JSON.parse(raw) as PortalAnswer;
    } catch {
      throw new PortalError(res.status === 429 ? 'transient' : 'rejected', `Cổng DVCQG trả lời không phải JSON (HTTP ${res.status})`);
    }
    if (res.status === 401 && !('error_code' in answer)) return { error_code: 401, message: 'Phiên làm việc hết hạn' };
    if (typeof answer !== 'object' || answer === null || !('error_code' in answer))
      throw new PortalError('rejected', `Cổng DVCQG trả lời không đúng khuôn dạng (HTTP ${res.status})`);
    return answer;
  }
}

function isSessionError(a: PortalAnswer): boolean {
  return a.error_code === 401 || a.error_code === '401' || SESSION.test(a.message ?? '');
}
