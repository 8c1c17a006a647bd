/**
 * Back-office workflow API: the official's inbox, the search, one dossier with its allowed actions, every action
 * (one route, the action in the URL), documents of a dossier; the citizen's online supplement; and, outside
 * production, the business clock for browser tests.
 */
import type { FastifyInstance, FastifyReply } from 'fastify';
import { actionSlug, StaffActionBodies, type StaffActionInput } from '../../../contract/dossier-actions.ts';
import { UPLOAD_MEDIA_TYPES } from '../../../contract/documents.ts';
import { DossierIdParams, SupplementBody, SupplementResult } from '../../../contract/dossiers.ts';
import { file, PDF, XLSX } from '../../../contract/http.ts';
import {
  DocumentParams,
  FormParams,
  InboxQuery,
  InboxResponse,
  RegisterQuery,
  StaffActionResult,
  StaffDossier,
  StaffSearchQuery,
  StaffSearchResponse,
} from '../../../contract/staff.ts';
import type { QuoteView } from '../../../contract/payments.ts';
import { ClockView, SetClockBody } from '../../../contract/system.ts';
import { canSee, STAFF_ACTIONS, staffActionName } from '../../../core/workflow/permissions.ts';
import { now, setClockTo } from '../../clock.ts';
import type { AppContext } from '../../context.ts';
import { requireCitizen, type CitizenActor } from '../../http/actor.ts';
import { AppError, notFound } from '../../http/errors.ts';
import { defineRoute } from '../../http/route.ts';
import { supplyOnline } from '../dossiers/index.ts';
import { performStaffAction } from './staff-actions.ts';
import { APPLICANT_FORMS, DOSSIER_FORMS, renderDossierForm, renderRegister, type DossierForm } from './paper-form-data.ts';
import { orgTree, requireStaff, type Staff } from '../officials/index.ts';
import { inbox, searchDossiers, staffDossier } from './queries.ts';

const Id = DossierIdParams;

export default async function workflowRoutes(app: FastifyInstance, ctx: AppContext): Promise<void> {
  defineRoute(
    app,
    {
      method: 'GET',
      url: '/api/staff/inbox',
      summary: 'Hồ sơ cần xử lý của tôi (được giao và chưa giao trong đơn vị, vai trò của tôi), sắp đến hạn và quá hạn',
      tags: ['workflow'],
      query: InboxQuery,
      response: InboxResponse,
    },
    async ({ query, req }) => inbox(ctx, await requireStaff(ctx, req), query),
  );

  defineRoute(
    app,
    {
      method: 'GET',
      url: '/api/staff/dossiers',
      summary: 'Tìm hồ sơ trong phạm vi đơn vị của tôi: theo mã hồ sơ, số định danh hoặc tên người nộp',
      tags: ['workflow'],
      query: StaffSearchQuery,
      response: StaffSearchResponse,
    },
    async ({ query, req }) => searchDossiers(ctx, await requireStaff(ctx, req), query),
  );

  defineRoute(
    app,
    {
      method: 'GET',
      url: '/api/staff/dossiers/:id',
      summary: 'Chi tiết hồ sơ, quá trình xử lý và các thao tác được phép',
      tags: ['workflow'],
      params: Id,
      response: StaffDossier,
    },
    async ({ params, req }) => {
      const d = await staffDossier(ctx, await requireStaff(ctx, req), params.id);
      // The quote is stored as src/core/fees/quote.ts wrote it.
      return { ...d, feeQuote: d.feeQuote as QuoteView | null };
    },
  );

  // Every back-office action, one route each with its own typed body (src/contract/dossier-actions.ts), all into
  // the one transition path.
  for (const action of STAFF_ACTIONS) {
    defineRoute(
      app,
      {
        method: 'POST',
        url: `/api/staff/dossiers/:id/${actionSlug(action)}`,
        summary: `Thao tác xử lý hồ sơ: ${staffActionName[action]}`,
        tags: ['workflow'],
        params: Id,
        body: StaffActionBodies[action],
        response: StaffActionResult,
      },
      async ({ params, body, req }) => {
        const staff = await requireStaff(ctx, req);
        const r = await performStaffAction(ctx, staff, params.id, { action, ...body } as StaffActionInput);
        return { status: r.status, dueAt: r.dueAt, task: r.task };
      },
    );
  }

  defineRoute(
    app,
    {
      method: 'GET',
      url: '/api/staff/dossiers/:id/documents/:documentId',
      summary: 'Tải một thành phần hồ sơ (cán bộ được xem hồ sơ)',
      tags: ['workflow'],
      params: DocumentParams,
      response: file('The document (upload, scan or stored copy)', ...UPLOAD_MEDIA_TYPES),
    },
    async ({ params, req, reply }) => {
      const staff = await requireStaff(ctx, req);
      if (!/^[0-9a-f-]{36}$/i.test(params.id) || !/^[0-9a-f-]{36}$/i.test(params.documentId)) throw notFound('Không tìm thấy giấy tờ.');
      const doc = (
        await ctx.db.query<{ sha256: string; mime: string; name: string; unit_ids: string[] }>(
          'SELECT x.sha256, x.mime, x.name, d.unit_ids FROM dossier_documents x JOIN dossiers d ON d.id = x.dossier_id WHERE x.id = $1 AND x.dossier_id = $2',
          [params.documentId, params.id],
        )
      ).rows[0];
      if (!doc?.sha256 || !canSee(staff.auth, { unitIds: doc.unit_ids })) throw notFound('Không tìm thấy giấy tờ.');
      return reply
        .header('content-type', doc.mime)
        .header('x-content-type-options', 'nosniff')
        .header('content-disposition', `inline; filename*=UTF-8''${encodeURIComponent(doc.name)}`)
        .header('cache-control', 'private, no-store')
        .send(await ctx.files.get(doc.sha256));
    },
  );

  defineRoute(
    app,
    {
      method: 'POST',
      url: '/api/my/dossiers/:id/supplement',
      summary: 'Bổ sung giấy tờ theo yêu cầu (hồ sơ đang chờ bổ sung): hồ sơ tiếp tục được xử lý, thời hạn lùi đúng bằng thời gian tạm dừng',
      tags: ['dossiers'],
      params: Id,
      body: SupplementBody,
      response: SupplementResult,
    },
    async ({ params, body, req }) => supplyOnline(ctx, requireCitizen(req), params.id, body),
  );

  // The one-stop forms of a dossier (Mẫu 01–06) and the register (Mẫu 07).
  const pdf = (reply: FastifyReply, bytes: Uint8Array, name: string) =>
    reply
      .type('application/pdf')
      .header('content-disposition', `inline; filename="${name}"`)
      .header('cache-control', 'private, no-store')
      .send(Buffer.from(bytes));
  const formParam = (raw: string): DossierForm => {
    const form = raw.replace(/\.pdf$/, '') as DossierForm;
    if (!DOSSIER_FORMS.includes(form)) throw notFound('Không có mẫu văn bản này.');
    return form;
  };
  const visibleDossier = async (staff: Staff, id: string) => {
    const d = /^[0-9a-f-]{36}$/i.test(id)
      ? (await ctx.db.query<{ unit_ids: string[] }>('SELECT unit_ids FROM dossiers WHERE id = $1', [id])).rows[0]
      : undefined;
    if (!d || !canSee(staff.auth, { unitIds: d.unit_ids })) throw notFound('Không tìm thấy hồ sơ.');
  };

  defineRoute(
    app,
    {
      method: 'GET',
      url: '/api/staff/dossiers/:id/mau-01.pdf',
      summary: 'Giấy tiếp nhận hồ sơ và hẹn trả kết quả (Mẫu 01), PDF',
      tags: ['forms'],
      params: Id,
      response: file('Mẫu 01 (PDF)', PDF),
    },
    async ({ params, req, reply }) => {
      const staff = await requireStaff(ctx, req);
      await visibleDossier(staff, params.id);
      return pdf(reply, await renderDossierForm(ctx.db, staff.tree, params.id, 'mau-01', ctx.config.publicUrl), 'mau-01.pdf');
    },
  );

  defineRoute(
    app,
    {
      method: 'GET',
      url: '/api/staff/dossiers/:id/forms/:form',
      summary: 'Mẫu 01–06 của hồ sơ (PDF): tiếp nhận, yêu cầu bổ sung, từ chối, xin lỗi và hẹn lại, dừng giải quyết, phiếu kiểm soát',
      tags: ['forms'],
      params: FormParams,
      response: file('The form (PDF)', PDF),
    },
    async ({ params, req, reply }) => {
      const staff = await requireStaff(ctx, req);
      const form = formParam(params.form);
      await visibleDossier(staff, params.id);
      return pdf(reply, await renderDossierForm(ctx.db, staff.tree, params.id, form, ctx.config.publicUrl), `${form}.pdf`);
    },
  );

  const ownDossier = async (citizen: CitizenActor, id: string) => {
    const own = /^[0-9a-f-]{36}$/i.test(id)
      ? (await ctx.db.query('SELECT 1 FROM dossiers WHERE id = $1 AND (owner_citizen_id = $2 OR applicant_id_number = $3)', [id, citizen.id, citizen.idNumber]))
          .rows[0]
      : undefined;
    if (!own) throw notFound('Không tìm thấy hồ sơ.');
  };
  defineRoute(
    app,
    {
      method: 'GET',
      url: '/api/my/dossiers/:id/receipt.pdf',
      summary: 'Giấy tiếp nhận hồ sơ và hẹn trả kết quả của tôi (PDF)',
      tags: ['dossiers'],
      params: Id,
      response: file('Mẫu 01 (PDF)', PDF),
    },
    async ({ params, req, reply }) => {
      await ownDossier(requireCitizen(req), params.id);
      return pdf(reply, await renderDossierForm(ctx.db, await orgTree(ctx.db), params.id, 'mau-01', ctx.config.publicUrl), 'giay-tiep-nhan.pdf');
    },
  );
  defineRoute(
    app,
    {
      method: 'GET',
      url: '/api/my/dossiers/:id/forms/:form',
      summary: 'Văn bản gửi người nộp (Mẫu 01–05) của hồ sơ của tôi (PDF)',
      tags: ['dossiers'],
      params: FormParams,
      response: file('The form (PDF)', PDF),
    },
    async ({ params, req, reply }) => {
      const form = formParam(params.form);
      if (!APPLICANT_FORMS.has(form)) throw notFound('Không có mẫu văn bản này.');
      await ownDossier(requireCitizen(req), params.id);
      return pdf(reply, await renderDossierForm(ctx.db, await orgTree(ctx.db), params.id, form, ctx.config.publicUrl), `${form}.pdf`);
    },
  );

  const REGISTER_ROLES = ['reception', 'leader', 'supervisor', 'unit_admin', 'system_admin'];
  for (const format of ['pdf', 'xlsx'] as const) {
    defineRoute(
      app,
      {
        method: 'GET',
        url: `/api/staff/register.${format}`,
        summary: `Sổ theo dõi hồ sơ (Mẫu 07) của một nơi tiếp nhận trong một khoảng thời gian, ${format === 'pdf' ? 'PDF (A4)' : 'Excel'}`,
        tags: ['forms'],
        query: RegisterQuery,
        response: format === 'pdf' ? file('Mẫu 07 (PDF, A4)', PDF) : file('Mẫu 07 (Excel)', XLSX),
      },
      async ({ query, req, reply }) => {
        const staff = await requireStaff(ctx, req);
        if (query.to < query.from) throw new AppError('PERIOD_INVALID', 'Ngày kết thúc phải sau ngày bắt đầu.', 400);
        const allowed = staff.auth.memberships.some(
          (m) => REGISTER_ROLES.includes(m.role) && (m.unitId === query.unitId || staff.tree.subtree(m.unitId).has(query.unitId)),
        );
        if (!allowed) throw new AppError('FORBIDDEN', 'Bạn không được xem sổ theo dõi hồ sơ của đơn vị này.', 403);
        const bytes = await renderRegister(ctx.db, staff.tree, query.unitId, { from: query.from, to: query.to }, ctx.config.publicUrl, format);
        const name = `so-theo-doi-ho-so-${query.from}-${query.to}.${format}`;
        if (format === 'pdf') return pdf(reply, bytes, name);
        return reply
          .type('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet')
          .header('content-disposition', `attachment; filename="${name}"`)
          .header('cache-control', 'private, no-store')
          .send(Buffer.from(bytes));
      },
    );
  }

  if (ctx.config.env !== 'production') {
    defineRoute(
      app,
      {
        method: 'POST',
        url: '/api/dev/clock',
        summary: 'Đặt đồng hồ nghiệp vụ của máy chủ (chỉ môi trường phát triển và kiểm thử)',
        tags: ['development'],
        body: SetClockBody,
        response: ClockView,
      },
      async ({ body }) => {
        const at = new Date(body.at);
        if (at.getTime() < Date.now() - 60_000) throw new AppError('CLOCK_BACKWARDS', 'Chỉ được đặt đồng hồ về tương lai.', 400);
        setClockTo(at, { frozen: body.frozen });
        return { now: now().toISOString() };
      },
    );
    defineRoute(
      app,
      { method: 'GET', url: '/api/dev/clock', summary: 'Đồng hồ nghiệp vụ của máy chủ', tags: ['development'], response: ClockView },
      async () => ({ now: now().toISOString() }),
    );
  }
}
