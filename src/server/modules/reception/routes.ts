import type { FastifyInstance, FastifyRequest } from 'fastify';
import { z } from 'zod';
import type { AppContext } from '../../context.ts';
import { requireActor, requireCitizen, type OfficialActor } from '../../http/actor.ts';
import { AppError } from '../../http/errors.ts';
import { defineRoute } from '../../http/route.ts';
import { renderMau01 } from './mau01.ts';
import { receptionAction, receptionQueue } from './service.ts';

/** The official and the units where they are a receiving officer; anyone else is refused. */
function receptionist(req: FastifyRequest): { actor: OfficialActor; units: string[] } {
  const actor = requireActor(req);
  if (actor.kind !== 'official') throw new AppError('FORBIDDEN', 'Chức năng dành cho cán bộ một cửa.', 403);
  const memberships = ((req.session?.subject as { memberships?: { unitId: string; role: string }[] })?.memberships ?? []).filter((m) => m.role === 'reception');
  if (memberships.length === 0) throw new AppError('FORBIDDEN', 'Chỉ cán bộ tiếp nhận của Bộ phận một cửa được thực hiện thao tác này.', 403);
  return { actor, units: memberships.map((m) => m.unitId) };
}

export default async function receptionRoutes(app: FastifyInstance, ctx: AppContext): Promise<void> {
  defineRoute(app, { method: 'GET', url: '/api/staff/reception/queue', summary: 'Hồ sơ trực tuyến chờ tiếp nhận của đơn vị', tags: ['reception'] }, async ({ req }) => {
    const { units } = receptionist(req);
    return { items: await receptionQueue(ctx, units) };
  });

  const params = z.object({ id: z.string() });
  defineRoute(
    app,
    { method: 'POST', url: '/api/staff/dossiers/:id/accept', summary: 'Tiếp nhận hồ sơ, tính ngày hẹn trả (Mẫu 01)', tags: ['reception'], params },
    async ({ params: p, req }) => {
      const { actor, units } = receptionist(req);
      return receptionAction(ctx, actor, units, p.id, 'accept');
    },
  );
  const reasonBody = z.object({ reason: z.string().trim().min(5, 'Vui lòng nêu rõ lý do (ít nhất 5 ký tự)').max(2000) });
  defineRoute(
    app,
    { method: 'POST', url: '/api/staff/dossiers/:id/refuse', summary: 'Từ chối tiếp nhận hồ sơ, nêu lý do (Mẫu 03)', tags: ['reception'], params, body: reasonBody },
    async ({ params: p, body, req }) => {
      const { actor, units } = receptionist(req);
      return receptionAction(ctx, actor, units, p.id, 'refuse', body.reason);
    },
  );
  defineRoute(
    app,
    { method: 'POST', url: '/api/staff/dossiers/:id/request-completion', summary: 'Yêu cầu bổ sung, hoàn thiện hồ sơ khi tiếp nhận (Mẫu 02)', tags: ['reception'], params, body: reasonBody },
    async ({ params: p, body, req }) => {
      const { actor, units } = receptionist(req);
      return receptionAction(ctx, actor, units, p.id, 'request_completion', body.reason);
    },
  );

  defineRoute(
    app,
    { method: 'GET', url: '/api/staff/dossiers/:id/mau-01.pdf', summary: 'Giấy tiếp nhận hồ sơ và hẹn trả kết quả (Mẫu 01), PDF', tags: ['reception'], params },
    async ({ params: p, req, reply }) => {
      const { units } = receptionist(req);
      const owner = (await ctx.db.query<{ receiving_unit_id: string }>('SELECT receiving_unit_id FROM dossiers WHERE id = $1', [p.id.match(/^[0-9a-f-]{36}$/i) ? p.id : null])).rows[0];
      if (!owner || !units.includes(owner.receiving_unit_id)) throw new AppError('NOT_FOUND', 'Không tìm thấy hồ sơ.', 404);
      const pdf = await renderMau01(ctx.db, p.id, ctx.config.publicUrl);
      return reply.type('application/pdf').header('content-disposition', 'inline; filename="mau-01.pdf"').send(Buffer.from(pdf));
    },
  );

  defineRoute(
    app,
    { method: 'GET', url: '/api/my/dossiers/:id/receipt.pdf', summary: 'Giấy tiếp nhận hồ sơ và hẹn trả kết quả của tôi (PDF)', tags: ['dossiers'], params },
    async ({ params: p, req, reply }) => {
      const citizen = requireCitizen(req);
      const own = p.id.match(/^[0-9a-f-]{36}$/i)
        ? (await ctx.db.query('SELECT 1 FROM dossiers WHERE id = $1 AND owner_citizen_id = $2', [p.id, citizen.id])).rows[0]
        : undefined;
      if (!own) throw new AppError('NOT_FOUND', 'Không tìm thấy hồ sơ.', 404);
      const pdf = await renderMau01(ctx.db, p.id, ctx.config.publicUrl);
      return reply.type('application/pdf').header('content-disposition', 'inline; filename="giay-tiep-nhan.pdf"').send(Buffer.from(pdf));
    },
  );
}
