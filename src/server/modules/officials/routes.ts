import type { FastifyInstance } from 'fastify';
import { Ok } from '../../../contract/http.ts';
import { StaffLoginBody, StaffProfile } from '../../../contract/session.ts';
import { systemNow } from '../../clock.ts';
import type { AppContext } from '../../context.ts';
import { requireActor } from '../../http/actor.ts';
import { AppError } from '../../http/errors.ts';
import { defineRoute } from '../../http/route.ts';
import { authenticate, loadSubject, roleName, type OfficialRole } from './service.ts';

export default async function officialRoutes(app: FastifyInstance, ctx: AppContext): Promise<void> {
  defineRoute(
    app,
    {
      method: 'POST',
      url: '/api/staff/login',
      summary: 'Đăng nhập cán bộ (mật khẩu, mã xác thực TOTP nếu đã bật)',
      tags: ['officials'],
      body: StaffLoginBody,
      response: StaffProfile,
    },
    async ({ body, req, reply }) => {
      const subject = await authenticate(ctx.db, { ...body, ip: req.ip });
      await reply.startSession('official', { ...subject, loginAt: systemNow().toISOString() });
      return { user: publicProfile(subject) };
    },
  );

  defineRoute(app, { method: 'POST', url: '/api/staff/logout', summary: 'Đăng xuất cán bộ', tags: ['officials'], response: Ok }, async ({ reply }) => {
    await reply.endSession();
    return { ok: true as const };
  });

  defineRoute(
    app,
    { method: 'GET', url: '/api/staff/me', summary: 'Thông tin cán bộ đang đăng nhập', tags: ['officials'], response: StaffProfile },
    async ({ req }) => {
      const actor = requireActor(req);
      if (actor.kind !== 'official') throw new AppError('FORBIDDEN', 'Chức năng dành cho cán bộ.', 403);
      const subject = await loadSubject(ctx.db, actor.id);
      if (!subject) throw new AppError('UNAUTHENTICATED', 'Tài khoản không còn hoạt động.', 401);
      return { user: publicProfile(subject) };
    },
  );
}

function publicProfile(s: {
  userId: string;
  username: string;
  fullName: string;
  roles: OfficialRole[];
  memberships: { unitId: string; role: OfficialRole }[];
}) {
  return {
    id: s.userId,
    username: s.username,
    fullName: s.fullName,
    roles: s.roles.map((r) => ({ code: r, name: roleName[r] })),
    memberships: s.memberships,
  };
}
