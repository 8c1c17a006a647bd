/**
 * A receiving agency's stand-in (Công an cư trú, Bảo hiểm xã hội): a real HTTP service speaking the hand-off protocol of
 * src/server/modules/lienthong/adapters.ts, mounted under /standins/<agency>:
 *
 *   POST /standins/<agency>/api/ho-so   a hand-off; `Idempotency-Key` required; the same key gets the same answer
 *   POST /standins/<agency>/control     { rejectNext, silentNext, reason }: refuse the next n hand-offs with the reason,
 *                                       or answer the next n with 503 (an agency that does not answer)
 *   GET  /standins/<agency>/            what it received and answered (a page)
 *
 * What it holds is in standin_agency_requests; it checks what the real agency would (the BHYT card needs the birth
 * extract's number) and issues a result number at once.
 */
import crypto from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { file, HTML, Ok } from '../../../contract/http.ts';
import { AgencyAnswer, AgencyControlBody, HandoffRequest } from '../../../contract/lienthong.ts';
import { now } from '../../clock.ts';
import type { AppContext } from '../../context.ts';
import { AppError } from '../../http/errors.ts';
import { defineRoute } from '../../http/route.ts';

export interface AgencyStandin {
  /** Path segment and name in standin_agency_requests. */
  agency: 'cutru' | 'bhxh';
  title: string;
  /** A refusal the agency would give for this request, or null. */
  check: (req: HandoffRequest) => string | null;
  /** The result the agency issues at once. */
  result: (req: HandoffRequest, seq: number) => { so: string; tenGiayTo: string };
}

const esc = (s: string) => s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

export function registerAgencyStandin(app: FastifyInstance, ctx: AppContext, spec: AgencyStandin): void {
  const base = `/standins/${spec.agency}`;
  const tags = [`${spec.title} (stand-in)`];

  defineRoute(
    app,
    {
      method: 'POST',
      url: `${base}/api/ho-so`,
      summary: `${spec.title} (stand-in): nhận hồ sơ liên thông`,
      tags,
      body: HandoffRequest,
      response: AgencyAnswer,
      csrfExempt: true,
    },
    async ({ body, req }) => {
      const key = String(req.headers['idempotency-key'] ?? '');
      if (!/^[0-9a-f-]{36}$/i.test(key)) throw new AppError('VALIDATION_FAILED', 'Thiếu Idempotency-Key hợp lệ.', 400);
      // An agency told to stay silent answers 503 (its own counter, outside the transaction of an answer).
      const silent = await ctx.db.query(
        'UPDATE standin_agency_controls SET silent_next = silent_next - 1 WHERE agency = $1 AND silent_next > 0 RETURNING agency',
        [spec.agency],
      );
      if (silent.rows.length > 0) throw new AppError('AGENCY_UNAVAILABLE', 'Hệ thống của cơ quan tiếp nhận tạm thời không trả lời.', 503);
      return ctx.db.transaction(async (tx) => {
        await tx.query('SELECT pg_advisory_xact_lock(hashtext($1))', [`${spec.agency}:${key}`]);
        const seen = (
          await tx.query<{ response: AgencyAnswer }>('SELECT response FROM standin_agency_requests WHERE agency = $1 AND idempotency_key = $2', [
            spec.agency,
            key,
          ])
        ).rows[0];
        if (seen) return seen.response;
        await tx.query('INSERT INTO standin_agency_controls (agency) VALUES ($1) ON CONFLICT (agency) DO NOTHING', [spec.agency]);
        const control = (
          await tx.query<{ reject_next: number; reason: string | null }>(
            'SELECT reject_next, reason FROM standin_agency_controls WHERE agency = $1 FOR UPDATE',
            [spec.agency],
          )
        ).rows[0];
        const receipt = `${spec.agency.toUpperCase()}-${crypto.randomUUID().slice(0, 8).toUpperCase()}`;
        let answer: AgencyAnswer;
        const refusal = control.reject_next > 0 ? (control.reason ?? 'Hồ sơ chưa đủ thông tin theo quy định.') : spec.check(body);
        if (control.reject_next > 0) await tx.query('UPDATE standin_agency_controls SET reject_next = reject_next - 1 WHERE agency = $1', [spec.agency]);
        if (refusal) answer = { trangThai: 'TU_CHOI', maTiepNhan: receipt, lyDo: refusal };
        else {
          const n = (await tx.query<{ n: number }>('SELECT count(*)::int AS n FROM standin_agency_requests WHERE agency = $1', [spec.agency])).rows[0].n;
          answer = { trangThai: 'DA_TIEP_NHAN', maTiepNhan: receipt, ketQua: { ...spec.result(body, n + 1), ngayCap: now().toISOString() } };
        }
        await tx.query('INSERT INTO standin_agency_requests (agency, idempotency_key, request, response) VALUES ($1, $2, $3, $4)', [
          spec.agency,
          key,
          body,
          answer,
        ]);
        return answer;
      });
    },
  );

  defineRoute(
    app,
    {
      method: 'POST',
      url: `${base}/control`,
      summary: `${spec.title} (stand-in): từ chối hoặc không trả lời các hồ sơ tiếp theo (thử nghiệm)`,
      tags,
      body: AgencyControlBody,
      response: Ok,
      csrfExempt: true,
    },
    async ({ body }) => {
      await ctx.db.query(
        `INSERT INTO standin_agency_controls (agency, reject_next, silent_next, reason) VALUES ($1, $2, $3, $4)
         ON CONFLICT (agency) DO UPDATE SET reject_next = $2, silent_next = $3, reason = $4`,
        [spec.agency, body.rejectNext, body.silentNext, body.reason ?? null],
      );
      return { ok: true as const };
    },
  );

  defineRoute(
    app,
    {
      method: 'GET',
      url: `${base}/`,
      summary: `${spec.title} (stand-in): hồ sơ đã nhận`,
      tags,
      query: z.object({}),
      response: file('The received hand-offs', HTML),
    },
    async ({ reply }) => {
      const { rows } = await ctx.db.query<{ request: HandoffRequest; response: AgencyAnswer; received_at: Date }>(
        'SELECT request, response, received_at FROM standin_agency_requests WHERE agency = $1 ORDER BY received_at DESC LIMIT 200',
        [spec.agency],
      );
      const items = rows
        .map(
          (r) =>
            `<tr><td>${esc(new Date(r.received_at).toISOString())}</td><td>${esc(r.request.maHoSoLienThong)}</td><td>${esc(r.request.maHoSo)}</td><td>${esc(r.request.tenThuTuc)}</td><td>${esc(r.response.trangThai === 'DA_TIEP_NHAN' ? `Đã tiếp nhận — ${r.response.ketQua?.so ?? ''}` : `Từ chối: ${r.response.lyDo}`)}</td></tr>`,
        )
        .join('');
      return reply
        .type('text/html; charset=utf-8')
        .send(
          `<!doctype html><html lang="vi"><meta charset="utf-8"><title>${esc(spec.title)} – môi trường thử nghiệm</title><h1>${esc(spec.title)} – môi trường thử nghiệm</h1><table><thead><tr><th>Thời điểm</th><th>Mã liên thông</th><th>Mã hồ sơ</th><th>Thủ tục</th><th>Trả lời</th></tr></thead><tbody>${items}</tbody></table></html>`,
        );
    },
  );
}
