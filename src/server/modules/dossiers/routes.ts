/**
 * Citizen dossier API: drafts (autosaved, resumable on another device), idempotent submission, the citizen's
 * own dossiers with their timeline, withdrawal requests, and the public status lookup.
 */
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import type { AppContext } from '../../context.ts';
import { requireCitizen } from '../../http/actor.ts';
import { defineRoute } from '../../http/route.ts';
import { getOwnDraft, listOwnDrafts, toDraftView, updateDraft } from './drafts.ts';
import { getOwnDossier, listOwnDossiers, publicLookup, requestWithdrawal } from './queries.ts';
import { checkSubmission, startDraft } from './submission-checks.ts';
import { submitDossier } from './submission.ts';

const Uuid = z.string().uuid('Mã không hợp lệ');
const DraftDocument = z
  .object({ requirementCode: z.string().min(1).max(100), uploadId: Uuid.optional(), storeDocumentId: Uuid.optional() })
  .refine((d) => (d.uploadId === undefined) !== (d.storeDocumentId === undefined), { message: 'Mỗi giấy tờ là một tệp tải lên hoặc một giấy tờ lấy từ kho dữ liệu' });
const DraftMeta = z.object({
  receivingUnitId: z.string().max(100).optional(),
  contactPhone: z.string().max(20).optional(),
  contactEmail: z.string().max(200).optional(),
  resultDelivery: z.enum(['online', 'counter', 'post']).optional(),
  /** Fee exemptions claimed; each needs its proof attached as MIEN-PHI:<code>. */
  feeExemptions: z.array(z.string().min(1).max(100)).max(10).optional(),
});

export default async function dossierRoutes(app: FastifyInstance, ctx: AppContext): Promise<void> {
  const ttl = ctx.config.draftTtlDays;

  defineRoute(
    app,
    {
      method: 'POST',
      url: '/api/drafts',
      summary: 'Bắt đầu hồ sơ nháp cho một thủ tục (biểu mẫu được điền sẵn từ tài khoản định danh và CSDL dân cư)',
      tags: ['dossiers'],
      body: z.object({ procedureCode: z.string().min(1).max(64), caseCode: z.string().min(1).max(64) }),
    },
    async ({ body, req, reply }) => {
      const citizen = requireCitizen(req);
      const draft = await startDraft(ctx, citizen, body.procedureCode, body.caseCode);
      return reply.status(201).send(toDraftView(draft));
    },
  );

  defineRoute(app, { method: 'GET', url: '/api/drafts', summary: 'Danh sách hồ sơ nháp của tôi', tags: ['dossiers'] }, async ({ req }) => {
    const citizen = requireCitizen(req);
    return { items: (await listOwnDrafts(ctx.db, citizen)).map((d) => toDraftView(d)) };
  });

  defineRoute(
    app,
    { method: 'GET', url: '/api/drafts/:id', summary: 'Một hồ sơ nháp của tôi', tags: ['dossiers'], params: z.object({ id: z.string() }) },
    async ({ params, req }) => toDraftView(await getOwnDraft(ctx.db, requireCitizen(req), params.id)),
  );

  defineRoute(
    app,
    {
      method: 'PUT',
      url: '/api/drafts/:id',
      summary: 'Lưu hồ sơ nháp (tự động khi người dân nhập)',
      tags: ['dossiers'],
      params: z.object({ id: z.string() }),
      body: z.object({
        revision: z.number().int().min(1),
        values: z.record(z.string(), z.unknown()).optional(),
        documents: z.array(DraftDocument).max(100).optional(),
        meta: DraftMeta.optional(),
        currentStep: z.string().max(100).nullable().optional(),
      }),
    },
    async ({ params, body, req }) => toDraftView(await updateDraft(ctx.db, requireCitizen(req), params.id, body, ttl)),
  );

  defineRoute(
    app,
    { method: 'DELETE', url: '/api/drafts/:id', summary: 'Xóa hồ sơ nháp', tags: ['dossiers'], params: z.object({ id: z.string() }) },
    async ({ params, req }) => {
      const citizen = requireCitizen(req);
      await getOwnDraft(ctx.db, citizen, params.id);
      await ctx.db.query("UPDATE drafts SET status = 'deleted', updated_at = now() WHERE id = $1 AND owner_citizen_id = $2 AND status = 'open'", [params.id, citizen.id]);
      return { ok: true };
    },
  );

  defineRoute(
    app,
    {
      method: 'POST',
      url: '/api/dossiers',
      summary: 'Nộp hồ sơ (idempotent theo khóa của máy khách)',
      tags: ['dossiers'],
      body: z.object({ draftId: Uuid, idempotencyKey: z.string().min(8).max(100).regex(/^[A-Za-z0-9_-]+$/) }),
    },
    async ({ body, req, reply }) => {
      const citizen = requireCitizen(req);
      const result = await submitDossier(ctx, citizen, body, checkSubmission);
      return reply.status(result.created ? 201 : 200).send(result.dossier);
    },
  );

  defineRoute(app, { method: 'GET', url: '/api/my/dossiers', summary: 'Hồ sơ của tôi', tags: ['dossiers'] }, async ({ req }) => ({
    items: await listOwnDossiers(ctx.db, requireCitizen(req)),
  }));

  defineRoute(
    app,
    { method: 'GET', url: '/api/my/dossiers/:id', summary: 'Chi tiết và tiến trình một hồ sơ của tôi', tags: ['dossiers'], params: z.object({ id: z.string() }) },
    async ({ params, req }) => getOwnDossier(ctx.db, requireCitizen(req), params.id),
  );

  defineRoute(
    app,
    {
      method: 'POST',
      url: '/api/my/dossiers/:id/withdrawal',
      summary: 'Yêu cầu rút hồ sơ (trạng thái 7), kèm lý do',
      tags: ['dossiers'],
      params: z.object({ id: z.string() }),
      body: z.object({ reason: z.string().trim().min(5, 'Vui lòng nêu lý do rút hồ sơ (ít nhất 5 ký tự)').max(1000) }),
    },
    async ({ params, body, req }) => requestWithdrawal(ctx, requireCitizen(req), params.id, body.reason),
  );

  defineRoute(
    app,
    {
      method: 'GET',
      url: '/api/public/dossiers/lookup',
      summary: 'Tra cứu tình trạng hồ sơ bằng mã hồ sơ và 4 số cuối điện thoại hoặc số định danh',
      tags: ['public'],
      rateLimit: { max: 30, timeWindow: '1 minute' },
      query: z.object({ code: z.string().min(10).max(40), last4: z.string().regex(/^\d{4}$/, 'Nhập đúng 4 chữ số') }),
    },
    async ({ query }) => publicLookup(ctx.db, query.code, query.last4),
  );
}
