/** The view of the personal-data read trail, for the system administrator and supervisors. */
import type { FastifyInstance } from 'fastify';
import { PersonalDataReadList, PersonalDataReadQuery } from '../../../contract/audit.ts';
import type { AppContext } from '../../context.ts';
import { requireActor } from '../../http/actor.ts';
import { AppError } from '../../http/errors.ts';
import { defineRoute } from '../../http/route.ts';
import { registerReadAudit } from './read-audit.ts';

/** Who may read the trail: it is itself personal data (who looked at whom). */
const AUDITORS = ['system_admin', 'supervisor'];

export default async function auditRoutes(app: FastifyInstance, ctx: AppContext): Promise<void> {
  registerReadAudit(app, ctx.db);
  defineRoute(
    app,
    {
      method: 'GET',
      url: '/api/admin/personal-data-reads',
      summary: 'Nhật ký truy cập dữ liệu cá nhân: ai đã xem hồ sơ, người nào, khi nào, để làm gì',
      tags: ['admin'],
      query: PersonalDataReadQuery,
      response: PersonalDataReadList,
    },
    async ({ query, req }) => {
      const actor = requireActor(req);
      if (actor.kind !== 'official' || !actor.roles.some((r) => AUDITORS.includes(r)))
        throw new AppError('FORBIDDEN', 'Chỉ quản trị hệ thống và cán bộ giám sát được xem nhật ký truy cập dữ liệu cá nhân.', 403);
      const { rows } = await ctx.db.query<{
        id: string | number;
        at: Date;
        actor_kind: 'official' | 'citizen' | 'anonymous';
        actor_id: string | null;
        actor_name: string | null;
        subject_kind: (typeof query)['subjectKind'] & string;
        subject_id: string;
        purpose: string;
        route: string;
        ip: string | null;
      }>(
        `SELECT id, at, actor_kind, actor_id, actor_name, subject_kind, subject_id, purpose, route, ip FROM personal_data_reads
          WHERE ($1::text IS NULL OR subject_kind = $1) AND ($2::text IS NULL OR subject_id = $2) AND ($3::text IS NULL OR actor_id = $3)
            AND ($4::timestamptz IS NULL OR at >= $4) AND ($5::timestamptz IS NULL OR at <= $5)
          ORDER BY at DESC, id DESC LIMIT $6`,
        [query.subjectKind ?? null, query.subjectId ?? null, query.actorId ?? null, query.from ?? null, query.to ?? null, query.limit],
      );
      return {
        reads: rows.map((r) => ({
          id: Number(r.id),
          at: new Date(r.at).toISOString(),
          actor: { kind: r.actor_kind, id: r.actor_id, name: r.actor_name },
          subject: { kind: r.subject_kind, id: r.subject_id },
          purpose: r.purpose,
          route: r.route,
          ip: r.ip,
        })),
      };
    },
  );
}
