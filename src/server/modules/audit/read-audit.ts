/**
 * The audit trail of reads of personal data: each successful answer of a route listed below records who read
 * which dossier or person, through which route and for what purpose, in `personal_data_reads`. The row is written
 * before the answer leaves the server (onSend): if it cannot be written, the data is not sent.
 *
 * The purpose is the route's: a route exists for one task (processing a dossier, checking an identity at the
 * counter, managing accounts), which is what NĐ 13/2023 asks a controller to be able to show.
 */
import crypto from 'node:crypto';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { READ_SUBJECT_KINDS } from '../../../contract/audit.ts';
import type { Queryable } from '../../db/database.ts';
import { currentActor } from '../../http/actor.ts';

type SubjectKind = (typeof READ_SUBJECT_KINDS)[number];

interface AuditedRead {
  subject: SubjectKind;
  /** The id of what was read, from the request; null = nothing identifiable (not recorded). */
  id: (req: FastifyRequest) => string | null;
  purpose: string;
}

const param = (name: string) => (req: FastifyRequest) => (req.params as Record<string, string | undefined>)[name] ?? null;
const bodyField = (name: string) => (req: FastifyRequest) => {
  const v = (req.body as Record<string, unknown> | undefined)?.[name];
  return typeof v === 'string' ? v : null;
};
/** A share link's token is a secret: only its hash is kept. */
const tokenHash = (req: FastifyRequest) => {
  const token = param('token')(req);
  return token ? `sha256:${crypto.createHash('sha256').update(token).digest('hex').slice(0, 32)}` : null;
};

/** The audited routes, by method and URL pattern. */
export const AUDITED_READS: Record<string, AuditedRead> = {
  'GET /api/staff/dossiers/:id': { subject: 'dossier', id: param('id'), purpose: 'Xem hồ sơ để tiếp nhận, thụ lý, phê duyệt hoặc giám sát' },
  'GET /api/staff/dossiers/:id/documents/:documentId': { subject: 'dossier', id: param('id'), purpose: 'Xem giấy tờ đính kèm hồ sơ để thẩm định' },
  'GET /api/staff/dossiers/:id/forms/:form': { subject: 'dossier', id: param('id'), purpose: 'Xem tờ khai của hồ sơ' },
  'GET /api/staff/dossiers/:id/mau-01.pdf': { subject: 'dossier', id: param('id'), purpose: 'In giấy tiếp nhận và hẹn trả kết quả' },
  'GET /api/staff/dossiers/:id/result.pdf': { subject: 'dossier', id: param('id'), purpose: 'Xem, in kết quả giải quyết' },
  'GET /api/staff/register.pdf': { subject: 'register', id: () => 'so-theo-doi', purpose: 'In sổ theo dõi hồ sơ' },
  'GET /api/staff/register.xlsx': { subject: 'register', id: () => 'so-theo-doi', purpose: 'Xuất sổ theo dõi hồ sơ' },
  'POST /api/staff/intake/identity-check': {
    subject: 'person',
    id: bodyField('idNumber'),
    purpose: 'Đối chiếu danh tính với Cơ sở dữ liệu quốc gia về dân cư khi tiếp nhận',
  },
  'POST /api/staff/intake/prefill': { subject: 'person', id: bodyField('idNumber'), purpose: 'Điền sẵn tờ khai từ dữ liệu dân cư khi tiếp nhận' },
  'GET /api/admin/officials/:id': { subject: 'official', id: param('id'), purpose: 'Quản lý tài khoản cán bộ' },
  'GET /api/shared/:token': { subject: 'shared_document', id: tokenHash, purpose: 'Xem giấy tờ được công dân chia sẻ qua liên kết' },
};

/** Records each successful answer of an audited route before it is sent. */
export function registerReadAudit(app: FastifyInstance, db: Queryable): void {
  app.addHook('onSend', async (req, reply, payload) => {
    const url = req.routeOptions.url;
    if (!url || reply.statusCode < 200 || reply.statusCode >= 300) return payload;
    const audited = AUDITED_READS[`${req.method} ${url}`];
    if (!audited) return payload;
    const subjectId = audited.id(req);
    if (!subjectId) return payload;
    const actor = currentActor(req);
    await db.query(
      `INSERT INTO personal_data_reads (actor_kind, actor_id, actor_name, subject_kind, subject_id, purpose, route, ip)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8)`,
      [
        actor?.kind ?? 'anonymous',
        actor?.id ?? null,
        actor ? actor.fullName || null : null,
        audited.subject,
        subjectId,
        audited.purpose,
        `${req.method} ${url}`,
        req.ip,
      ],
    );
    return payload;
  });
}
