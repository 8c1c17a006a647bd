/**
 * A national public-service portal (Cổng DVCQG) stand-in that speaks the portal's envelope over real HTTP, served
 * by MotCua under /standins/dvcqg in development and tests (mounted only when DVCQG_URL points at it):
 *
 * - POST /standins/dvcqg/auth   `{username, password}` with the `dstcode` header → `{error_code: 0, session}`;
 * - POST /standins/dvcqg/api    `{session, madonvi, service, …}` → `{error_code, message?, result?}`:
 *     DongBoHoSoMC (isUpdating "False" creates — "Hồ sơ … đã tồn tại" when it holds the code; "True" replaces),
 *     CapNhatTienDoHoSoMC (steps of dossiers it holds; the same step twice is kept once), TraCuuHoSo,
 *     LayDanhSachTTHC, LayThuTuc, LayDanhMucCoQuan, LayDanhMucLinhVuc (from this installation's catalogue);
 *   every dossier and step is checked against the message schema, as the portal does;
 *   an unknown or expired session answers error_code 401 "Phiên làm việc hết hạn hoặc không hợp lệ";
 * - POST /standins/dvcqg/faults  faults on demand for tests and demonstrations: the next N calls answer HTTP 503
 *   (`server_error`), answer late (`slow`, delay_ms, then processed), find their session expired (`expire_session`),
 *   or find a new dossier already there (`exists`: stored, then "đã tồn tại");
 * - GET  /standins/dvcqg/        a page showing what it holds (dossiers, their steps, the last calls).
 *
 * It keeps what it receives in its own tables (migration 040), so it survives restarts and serves several processes.
 */
import crypto from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { canonicalJson } from '../../../core/canonical-json.ts';
import { type HoSoDongBoDVC, payloadProblems, type QuaTrinhXuLyDongBoDVC } from '../../../core/national-sync/schema.ts';
import type { AppContext } from '../../context.ts';
import type { Queryable } from '../../db/database.ts';
import { file, HTML } from '../../../contract/http.ts';
import { defineRoute, describeRoute } from '../../http/route.ts';
import { nationalSyncConfig, STANDIN_PREFIX } from '../../modules/national-sync/index.ts';
import { standinPage } from './pages.ts';
import { serveQa } from './qa.ts';

const AnyObject = z.record(z.string(), z.unknown());
const PortalReply = z.looseObject({ error_code: z.union([z.number(), z.string()]) });

const FaultBody = z.object({
  kind: z.enum(['server_error', 'slow', 'expire_session', 'exists']),
  remaining: z.number().int().min(0).max(1000).default(1),
  service: z.string().max(100).optional(),
  delayMs: z.number().int().min(0).max(120_000).default(0),
});

type Answer = { error_code: number; message?: string; result?: unknown; session?: string };

const SESSION_EXPIRED: Answer = { error_code: 401, message: 'Phiên làm việc hết hạn hoặc không hợp lệ' };
const FAULT_KINDS = ['server_error', 'slow', 'expire_session', 'exists'] as const;
type FaultKind = (typeof FAULT_KINDS)[number];

export default async function dvcqgStandin(app: FastifyInstance, ctx: AppContext): Promise<void> {
  const config = nationalSyncConfig(ctx.config.publicUrl);
  if (!config.standin) return;
  const db = ctx.db;

  const log = (service: string, maHoSo: string | null, status: number, a: Answer | null) =>
    db.query('INSERT INTO standin_dvcqg_calls (service, ma_ho_so, http_status, error_code, message) VALUES ($1, $2, $3, $4, $5)', [
      service.slice(0, 100),
      maHoSo?.slice(0, 100) ?? null,
      status,
      a?.error_code ?? null,
      a?.message?.slice(0, 500) ?? null,
    ]);

  /** Takes one use of the oldest fault of that kind for the service (atomic, so concurrent calls share the count). */
  const takeFault = async (kind: FaultKind, service: string, q: Queryable = db): Promise<{ delay_ms: number } | null> => {
    const { rows } = await q.query<{ delay_ms: number }>(
      `UPDATE standin_dvcqg_faults SET remaining = remaining - 1
        WHERE id = (SELECT id FROM standin_dvcqg_faults WHERE kind = $1 AND remaining > 0 AND (service IS NULL OR service = $2) ORDER BY id LIMIT 1 FOR UPDATE)
        RETURNING delay_ms`,
      [kind, service],
    );
    return rows[0] ?? null;
  };

  // The portal's own envelope, not MotCua's API: any JSON object in, the portal's answer out (CSRF does not apply
  // to server-to-server calls).
  const route = (url: string, summary: string) => ({
    method: 'POST' as const,
    url: `${STANDIN_PREFIX}${url}`,
    summary,
    tags: ['DVCQG stand-in'],
    csrfExempt: true,
    body: AnyObject,
    response: PortalReply,
  });

  defineRoute(app, route('/auth', 'Cổng DVCQG (thử nghiệm): đăng nhập, cấp phiên'), async ({ req, body: raw, reply }) => {
    const body = raw as { username?: unknown; password?: unknown };
    const dstcode = req.headers.dstcode;
    if (typeof dstcode !== 'string' || !dstcode) return reply.send({ error_code: 400, message: 'Thiếu mã đích (dstcode)' });
    if (body.username !== config.portal.username || body.password !== config.portal.password) {
      await log('auth', null, 200, { error_code: 403 });
      return reply.send({ error_code: 403, message: 'Tài khoản hoặc mật khẩu không đúng' });
    }
    const session = crypto.randomBytes(24).toString('base64url');
    await db.query('INSERT INTO standin_dvcqg_sessions (session, username, dstcode) VALUES ($1, $2, $3)', [session, body.username, dstcode]);
    await log('auth', null, 200, { error_code: 0 });
    return reply.send({ error_code: 0, session });
  });

  defineRoute(app, route('/api', 'Cổng DVCQG (thử nghiệm): gọi dịch vụ'), async ({ body, reply }) => {
    const service = typeof body.service === 'string' ? body.service : '';
    const firstCode = firstMaHoSo(body);
    if (await takeFault('server_error', service)) {
      await log(service, firstCode, 503, null);
      return reply.status(503).type('text/plain; charset=utf-8').send('Hệ thống đang bận, vui lòng thử lại sau');
    }
    const slow = await takeFault('slow', service);
    if (slow) await new Promise((r) => setTimeout(r, slow.delay_ms));
    if (await takeFault('expire_session', service)) await db.query('UPDATE standin_dvcqg_sessions SET expired = true');
    const session = typeof body.session === 'string' ? body.session : '';
    const known = (await db.query<{ expired: boolean }>('SELECT expired FROM standin_dvcqg_sessions WHERE session = $1', [session])).rows[0];
    if (!known || known.expired) {
      await log(service, firstCode, 200, SESSION_EXPIRED);
      return reply.send(SESSION_EXPIRED);
    }
    const madonvi = typeof body.madonvi === 'string' ? body.madonvi : '';
    const answer = await serve(service, madonvi, body);
    await log(service, firstCode, 200, answer);
    return reply.send(answer);
  });

  const serve = async (service: string, madonvi: string, body: Record<string, unknown>): Promise<Answer> => {
    if (!madonvi) return { error_code: 2, message: 'Thiếu mã đơn vị (madonvi)' };
    const qa = serveQa(service, madonvi, body);
    if (qa) return qa;
    const data = Array.isArray(body.data) ? body.data : [];
    switch (service) {
      case 'DongBoHoSoMC': {
        if (data.length === 0) return { error_code: 2, message: 'Không có hồ sơ (data)' };
        const updating = body.isUpdating === 'True';
        for (const [i, item] of data.entries()) {
          const problems = payloadProblems('dossier', item);
          if (problems.length) return { error_code: 3, message: `Hồ sơ thứ ${i + 1} không hợp lệ: ${problems.slice(0, 3).join('; ')}` };
        }
        return db.transaction(async (tx) => {
          for (const item of data as HoSoDongBoDVC[]) {
            const held = (await tx.query('SELECT 1 FROM standin_dvcqg_dossiers WHERE ma_ho_so = $1 FOR UPDATE', [item.MaHoSo])).rows.length > 0;
            if (!updating && held) return { error_code: 1, message: `Hồ sơ ${item.MaHoSo} đã tồn tại` };
            if (updating && !held) return { error_code: 4, message: `Hồ sơ ${item.MaHoSo} chưa tồn tại trên Cổng` };
            if (!updating && (await takeFault('exists', 'DongBoHoSoMC', tx))) {
              // As if an earlier call had been received but its answer lost.
              await tx.query('INSERT INTO standin_dvcqg_dossiers (ma_ho_so, madonvi, data) VALUES ($1, $2, $3)', [item.MaHoSo, madonvi, item]);
              return { error_code: 1, message: `Hồ sơ ${item.MaHoSo} đã tồn tại` };
            }
            await tx.query(
              `INSERT INTO standin_dvcqg_dossiers (ma_ho_so, madonvi, data) VALUES ($1, $2, $3)
               ON CONFLICT (ma_ho_so) DO UPDATE SET data = EXCLUDED.data, madonvi = EXCLUDED.madonvi, versions = standin_dvcqg_dossiers.versions + 1, updated_at = now()`,
              [item.MaHoSo, madonvi, item],
            );
          }
          return { error_code: 0, message: updating ? 'Cập nhật hồ sơ thành công' : 'Thêm mới hồ sơ thành công' };
        });
      }
      case 'CapNhatTienDoHoSoMC': {
        if (data.length === 0) return { error_code: 2, message: 'Không có tiến độ (data)' };
        for (const [i, item] of data.entries()) {
          const problems = payloadProblems('progress', item);
          if (problems.length) return { error_code: 3, message: `Bước thứ ${i + 1} không hợp lệ: ${problems.slice(0, 3).join('; ')}` };
        }
        return db.transaction(async (tx) => {
          let repeated = 0;
          for (const item of data as QuaTrinhXuLyDongBoDVC[]) {
            const held = (await tx.query('SELECT 1 FROM standin_dvcqg_dossiers WHERE ma_ho_so = $1', [item.MaHoSo])).rows.length > 0;
            if (!held) return { error_code: 4, message: `Hồ sơ ${item.MaHoSo} chưa tồn tại trên Cổng` };
            const digest = crypto.createHash('sha256').update(canonicalJson(item)).digest('hex');
            const stored = await tx.query('INSERT INTO standin_dvcqg_progress (ma_ho_so, digest, data) VALUES ($1, $2, $3) ON CONFLICT (digest) DO NOTHING', [
              item.MaHoSo,
              digest,
              item,
            ]);
            if (stored.rowCount === 0) repeated++;
          }
          // A step received again is kept once; the answer says so (and the call log keeps it: tests count repeats).
          return { error_code: 0, message: repeated ? `Cập nhật tiến độ thành công (${repeated} bước đã có)` : 'Cập nhật tiến độ thành công' };
        });
      }
      case 'TraCuuHoSo': {
        const code = typeof body.mahoso === 'string' ? body.mahoso : '';
        const row = (await db.query<{ data: unknown }>('SELECT data FROM standin_dvcqg_dossiers WHERE ma_ho_so = $1', [code])).rows[0];
        return { error_code: 0, result: row ? [row.data] : [] };
      }
      case 'LayDanhSachTTHC': {
        const { rows } = await db.query<{ code: string; name: string }>(
          `SELECT v.procedure_code AS code, v.definition ->> 'name' AS name FROM procedure_versions v WHERE v.status = 'active' ORDER BY 1`,
        );
        return { error_code: 0, result: rows.map((r) => ({ MATTHC: r.code, TENTTHC: r.name })) };
      }
      case 'LayThuTuc': {
        const code = typeof body.maTTHC === 'string' ? body.maTTHC : '';
        const row = (
          await db.query<{ d: Record<string, unknown> }>("SELECT definition AS d FROM procedure_versions WHERE procedure_code = $1 AND status = 'active'", [
            code,
          ])
        ).rows[0];
        if (!row) return { error_code: 5, message: `Không tìm thấy thủ tục ${code}` };
        const field = (row.d.field ?? {}) as { code?: string; name?: string };
        return { error_code: 0, result: [{ MATTHC: code, TENTTHC: row.d.name, LINHVUCTHUCHIEN: [{ MALINHVUC: field.code, TENLINHVUC: field.name }] }] };
      }
      case 'LayDanhMucCoQuan': {
        const { rows } = await db.query<{ code: string; name: string; kind: string }>(
          'SELECT agency_code AS code, name, kind FROM org_units WHERE agency_code IS NOT NULL ORDER BY agency_code',
        );
        return { error_code: 0, result: rows.map((r) => ({ MADONVI: r.code, TENDONVI: r.name, CAPDONVI: r.kind })) };
      }
      case 'LayDanhMucLinhVuc': {
        const { rows } = await db.query<{ code: string; name: string }>(
          `SELECT DISTINCT definition -> 'field' ->> 'code' AS code, definition -> 'field' ->> 'name' AS name FROM procedure_versions WHERE status = 'active' ORDER BY 1`,
        );
        return { error_code: 0, result: rows.map((r) => ({ MALINHVUC: r.code, TENLINHVUC: r.name, MANGANH: '' })) };
      }
      default:
        return { error_code: 9, message: `Dịch vụ không được hỗ trợ: ${service || '(trống)'}` };
    }
  };

  defineRoute(
    app,
    {
      method: 'POST',
      url: `${STANDIN_PREFIX}/faults`,
      summary: 'Cổng DVCQG (thử nghiệm): đặt lỗi theo yêu cầu',
      tags: ['DVCQG stand-in'],
      csrfExempt: true,
      body: FaultBody,
      response: z.object({ error_code: z.literal(0) }),
    },
    async ({ body }) => {
      if (body.remaining === 0) await db.query('DELETE FROM standin_dvcqg_faults WHERE kind = $1', [body.kind]);
      else
        await db.query('INSERT INTO standin_dvcqg_faults (kind, service, remaining, delay_ms) VALUES ($1, $2, $3, $4)', [
          body.kind,
          body.service ?? null,
          body.remaining,
          body.delayMs,
        ]);
      return { error_code: 0 as const };
    },
  );

  describeRoute({
    method: 'GET',
    url: `${STANDIN_PREFIX}/`,
    summary: 'Cổng DVCQG (thử nghiệm): trang xem dữ liệu đã nhận',
    tags: ['DVCQG stand-in'],
    response: file('The page of what the stand-in holds', HTML),
  });
  app.get(`${STANDIN_PREFIX}/`, async (_req, reply) => {
    const dossiers = (
      await db.query<{ ma_ho_so: string; madonvi: string; data: HoSoDongBoDVC; versions: number; updated_at: Date }>(
        'SELECT ma_ho_so, madonvi, data, versions, updated_at FROM standin_dvcqg_dossiers ORDER BY updated_at DESC LIMIT 200',
      )
    ).rows;
    const steps = (
      await db.query<{ ma_ho_so: string; data: QuaTrinhXuLyDongBoDVC }>(
        'SELECT ma_ho_so, data FROM standin_dvcqg_progress WHERE ma_ho_so = ANY($1::text[]) ORDER BY id',
        [dossiers.map((d) => d.ma_ho_so)],
      )
    ).rows;
    const calls = (
      await db.query<{ service: string; ma_ho_so: string | null; http_status: number; error_code: number | null; message: string | null; at: Date }>(
        'SELECT service, ma_ho_so, http_status, error_code, message, at FROM standin_dvcqg_calls ORDER BY id DESC LIMIT 50',
      )
    ).rows;
    return reply
      .headers({ 'cache-control': 'no-store', 'content-security-policy': "default-src 'none'; style-src 'unsafe-inline'" })
      .type('text/html; charset=utf-8')
      .send(standinPage(dossiers, steps, calls));
  });
}

function firstMaHoSo(body: Record<string, unknown>): string | null {
  if (typeof body.mahoso === 'string') return body.mahoso;
  const first = Array.isArray(body.data) ? (body.data[0] as { MaHoSo?: unknown } | undefined) : undefined;
  return typeof first?.MaHoSo === 'string' ? first.MaHoSo : null;
}
