/**
 * The national portal's Q&A import, as an administrator's action and a command (docs/feedback.md): the portal
 * adapter of this module, configured as for the sync (DVCQG_URL …), feeds the feedback module's idempotent import
 * (`importNationalQa`: LayDanhSachHoiDapGuiTuDVCQG, LayDanhSachHoiDapBoCoQuan, LayNoiDungTraLoiTheoCauHoi).
 *
 * - `POST /api/staff/feedback/import-national` `{madonvi}` — system or unit administrators;
 * - `npm run motcua -- import-qa --madonvi <code> [--json]`.
 */
import { parseArgs } from 'node:util';
import type { FastifyInstance } from 'fastify';
import { NationalQaImport, NationalQaImportReport } from '../../../contract/feedback.ts';
import { DvcqgHttpAdapter, PortalError } from '../../adapters/dvcqg.ts';
import type { AppContext } from '../../context.ts';
import type { Database } from '../../db/database.ts';
import { requireActor } from '../../http/actor.ts';
import { AppError, appError } from '../../http/errors.ts';
import { defineRoute } from '../../http/route.ts';
import { importNationalQa } from '../feedback/index.ts';
import { nationalSyncConfig } from './config.ts';
import { databaseSessionStore } from './sessions.ts';

export default async function nationalQaRoutes(app: FastifyInstance, ctx: AppContext): Promise<void> {
  defineRoute(
    app,
    {
      method: 'POST',
      url: '/api/staff/feedback/import-national',
      summary: 'Nhập hỏi đáp từ Cổng DVCQG cho một đơn vị (không tạo trùng khi nhập lại)',
      tags: ['feedback'],
      body: NationalQaImport,
      response: NationalQaImportReport,
    },
    async ({ body, req }) => {
      const a = requireActor(req);
      if (a.kind !== 'official' || !a.roles.some((r) => r === 'system_admin' || r === 'unit_admin'))
        throw new AppError('FORBIDDEN', 'Chỉ quản trị hệ thống hoặc quản trị đơn vị mới được nhập hỏi đáp từ Cổng DVCQG.', 403);
      const portal = new DvcqgHttpAdapter(nationalSyncConfig(ctx.config.publicUrl).portal, databaseSessionStore(ctx.db));
      try {
        return await importNationalQa(ctx.db, portal, body.madonvi);
      } catch (err) {
        if (err instanceof PortalError) throw appError('FEEDBACK_PORTAL_FAILED', { reason: err.message });
        throw err;
      }
    },
  );
}

export const IMPORT_QA_HELP = 'Nhập hỏi đáp từ Cổng DVCQG cho một đơn vị: --madonvi <mã đơn vị> [--json]; nhập lại không tạo trùng.';

/** `npm run motcua -- import-qa --madonvi <code>`: the portal configured by DVCQG_URL (docs/feedback.md). */
export async function runImportQa(
  args: string[],
  publicUrl: string,
  withDatabase: <T>(fn: (db: Database) => Promise<T>) => Promise<T>,
  out: (line: string) => void = console.log,
): Promise<number> {
  const { values } = parseArgs({ args, options: { madonvi: { type: 'string' }, json: { type: 'boolean' } } });
  if (!values.madonvi) {
    console.error('Cần --madonvi <mã đơn vị trên Cổng DVCQG>.');
    return 2;
  }
  const madonvi = values.madonvi;
  return withDatabase(async (db) => {
    const portal = new DvcqgHttpAdapter(nationalSyncConfig(publicUrl).portal, databaseSessionStore(db));
    try {
      const r = await importNationalQa(db, portal, madonvi);
      if (values.json) out(JSON.stringify(r, null, 2));
      else out(`Cổng liệt kê ${r.listed} câu hỏi: nhập mới ${r.created}, đã có ${r.unchanged}, bỏ qua ${r.skipped}.`);
      return 0;
    } catch (err) {
      if (err instanceof PortalError) {
        console.error(`Chưa lấy được hỏi đáp từ Cổng DVCQG: ${err.message}`);
        return 1;
      }
      throw err;
    }
  });
}
