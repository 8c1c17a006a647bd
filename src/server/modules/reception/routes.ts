import type { FastifyInstance, FastifyRequest } from 'fastify';
import { z } from 'zod';
import type { AppContext } from '../../context.ts';
import { requireActor, type OfficialActor } from '../../http/actor.ts';
import { AppError } from '../../http/errors.ts';
import { defineRoute } from '../../http/route.ts';
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
}
