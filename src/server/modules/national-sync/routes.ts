/**
 * Routes of the national-portal sync: the reconciliation for officials who oversee a unit (leaders, supervisors,
 * unit and system administrators), its Excel export and the resend of a dossier; the public, signed links through
 * which the portal downloads components and results (file-links.ts).
 */
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { Reconciliation, ReconciliationQuery, ResendParams, ResendResult } from '../../../contract/national-sync.ts';
import { file, XLSX } from '../../../contract/http.ts';
import type { AppContext } from '../../context.ts';
import { AppError, notFound } from '../../http/errors.ts';
import { defineRoute } from '../../http/route.ts';
import { resolveUnit } from '../metrics/index.ts';
import { requireStaff, type Staff } from '../officials/index.ts';
import { validLink, type LinkKind } from './file-links.ts';
import { reconciliation, reconciliationWorkbook, resend } from './reconciliation.ts';

const VIEW_ROLES = ['supervisor', 'leader', 'unit_admin', 'system_admin'] as const;

function overseen(staff: Staff): Set<string> {
  const set = new Set<string>();
  for (const role of VIEW_ROLES) for (const u of staff.auth.oversight[role] ?? []) set.add(u);
  if (set.size === 0) throw new AppError('FORBIDDEN', 'Chức năng dành cho lãnh đạo, giám sát và quản trị.', 403);
  return set;
}

async function scoped(ctx: AppContext, staff: Staff, unit: string) {
  const visible = overseen(staff);
  const resolved = await resolveUnit(ctx.db, unit);
  const unitIds = resolved.unitIds.filter((u) => visible.has(u));
  if (unitIds.length === 0) throw notFound(`Không tìm thấy đơn vị có mã ${unit}.`);
  return { unit: resolved.unit, unitIds };
}

export default async function nationalSyncRoutes(app: FastifyInstance, ctx: AppContext): Promise<void> {
  const links = { publicUrl: ctx.config.publicUrl, secret: ctx.config.cookieSecret };

  defineRoute(
    app,
    {
      method: 'GET',
      url: '/api/staff/national-sync/reconciliation',
      summary: 'Đối soát đồng bộ Cổng DVCQG của đơn vị trong tháng',
      tags: ['national-sync'],
      query: ReconciliationQuery,
      response: Reconciliation,
    },
    async ({ req, query }) => reconciliation(ctx.db, await scoped(ctx, await requireStaff(ctx, req), query.unit), query.month),
  );

  defineRoute(
    app,
    {
      method: 'GET',
      url: '/api/staff/national-sync/reconciliation.xlsx',
      summary: 'Đối soát đồng bộ Cổng DVCQG: tệp Excel',
      tags: ['national-sync'],
      query: ReconciliationQuery,
      response: file('Workbook: the summary and the dossiers not synced', XLSX),
    },
    async ({ req, query, reply }) => {
      const r = await reconciliation(ctx.db, await scoped(ctx, await requireStaff(ctx, req), query.unit), query.month);
      const name = `doi-soat-dvcqg-${r.unit.code}-${r.month}.xlsx`;
      return reply
        .header('content-type', XLSX)
        .header('content-disposition', `attachment; filename*=UTF-8''${encodeURIComponent(name)}`)
        .header('cache-control', 'private, no-store')
        .send(await reconciliationWorkbook(r));
    },
  );

  defineRoute(
    app,
    {
      method: 'POST',
      url: '/api/staff/national-sync/dossiers/:id/resend',
      summary: 'Gửi lại hồ sơ lên Cổng DVCQG',
      tags: ['national-sync'],
      params: ResendParams,
      response: ResendResult,
    },
    async ({ req, params }) => {
      const visible = overseen(await requireStaff(ctx, req));
      const d = (
        await ctx.db.query<{ units: string[] }>(
          `SELECT array_remove(ARRAY[d.receiving_unit_id, d.competent_unit_id, d.handling_unit_id, f.unit_id], NULL) AS units
             FROM dossiers d LEFT JOIN metric_facts f ON f.dossier_id = d.id WHERE d.id = $1`,
          [params.id],
        )
      ).rows[0];
      if (!d?.units.some((u) => visible.has(u))) throw notFound('Không tìm thấy hồ sơ.');
      return { requeued: await resend(ctx.db, params.id, links) };
    },
  );

  defineRoute(
    app,
    {
      method: 'GET',
      url: '/api/public/national-sync/files/:kind/:id',
      summary: 'Tệp thành phần hồ sơ hoặc kết quả cho Cổng DVCQG tải về (liên kết có chữ ký, thu hồi được)',
      tags: ['national-sync'],
      params: z.object({ kind: z.enum(['document', 'result']), id: z.uuid() }),
      query: z.object({ sig: z.string().max(100) }),
      response: file('The file', 'application/pdf', 'image/jpeg', 'image/png', 'application/octet-stream'),
    },
    async ({ params, query, reply }) => {
      const kind = params.kind as LinkKind;
      if (!validLink(ctx.config.cookieSecret, kind, params.id, query.sig)) throw notFound('Liên kết không hợp lệ hoặc đã bị thu hồi.');
      const row = (
        await ctx.db.query<{ sha256: string; mime: string | null }>(
          kind === 'document'
            ? 'SELECT sha256, mime FROM dossier_documents WHERE id = $1 AND sha256 IS NOT NULL'
            : "SELECT sha256, 'application/pdf' AS mime FROM results WHERE id = $1 AND kind = 'result' AND status = 'valid'",
          [params.id],
        )
      ).rows[0];
      if (!row) throw notFound('Liên kết không hợp lệ hoặc đã bị thu hồi.');
      const bytes = await ctx.files.get(row.sha256);
      const mime = ['application/pdf', 'image/jpeg', 'image/png'].includes(row.mime ?? '') ? row.mime! : 'application/octet-stream';
      return reply.header('content-type', mime).header('cache-control', 'private, max-age=300').send(bytes);
    },
  );
}
