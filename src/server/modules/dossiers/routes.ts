/**
 * Citizen dossier API: drafts (autosaved, resumable on another device), idempotent submission, the citizen's
 * own dossiers with their timeline, withdrawal requests, and the public status lookup.
 */
import type { FastifyInstance } from 'fastify';
import {
  DossierIdParams,
  DraftList,
  DraftView,
  LookupQuery,
  MyDossier,
  MyDossierList,
  PublicDossierStatus,
  SaveDraftBody,
  StartDraftBody,
  SubmitBody,
  SubmittedDossier,
  WithdrawalBody,
  WithdrawalResult,
} from '../../../contract/dossiers.ts';
import { DraftDuplicates } from '../../../contract/duplicates.ts';
import { created, createdOrFound, Ok } from '../../../contract/http.ts';
import type { AppContext } from '../../context.ts';
import { citizenOrToRead, requireCitizen } from '../../http/actor.ts';
import { defineRoute } from '../../http/route.ts';
import { getOwnDraft, listOwnDrafts, toDraftView, updateDraft } from './drafts.ts';
import { draftDuplicates } from './duplicates.ts';
import { getOwnDossier, listOwnDossiers, publicLookup, requestWithdrawal } from './queries.ts';
import { checkSubmission, startDraft } from './submission-checks.ts';
import { submitDossier } from './submission.ts';

export default async function dossierRoutes(app: FastifyInstance, ctx: AppContext): Promise<void> {
  const ttl = ctx.config.draftTtlDays;

  defineRoute(
    app,
    {
      method: 'POST',
      url: '/api/drafts',
      summary: 'Bắt đầu hồ sơ nháp cho một thủ tục (biểu mẫu được điền sẵn từ tài khoản định danh và CSDL dân cư)',
      tags: ['dossiers'],
      body: StartDraftBody,
      response: created(DraftView),
    },
    async ({ body, req, reply }) => {
      const citizen = requireCitizen(req);
      const draft = await startDraft(ctx, citizen, body.procedureCode, body.caseCode);
      return reply.status(201).send(toDraftView(draft));
    },
  );

  defineRoute(app, { method: 'GET', url: '/api/drafts', summary: 'Danh sách hồ sơ nháp của tôi', tags: ['dossiers'], response: DraftList }, async ({ req }) => {
    const citizen = requireCitizen(req);
    return { items: (await listOwnDrafts(ctx.db, citizen)).map((d) => toDraftView(d)) };
  });

  defineRoute(
    app,
    { method: 'GET', url: '/api/drafts/:id', summary: 'Một hồ sơ nháp của tôi', tags: ['dossiers'], params: DossierIdParams, response: DraftView },
    async ({ params, req }) => toDraftView(await getOwnDraft(ctx.db, requireCitizen(req), params.id)),
  );

  defineRoute(
    app,
    {
      method: 'GET',
      url: '/api/drafts/:id/duplicates',
      summary: 'Hồ sơ đã nộp cho cùng người/sự việc còn đang giải quyết hoặc vừa có kết quả (cảnh báo trước khi nộp)',
      tags: ['dossiers'],
      params: DossierIdParams,
      response: DraftDuplicates,
    },
    async ({ params, req }) => ({ items: await draftDuplicates(ctx.db, requireCitizen(req), params.id) }),
  );

  defineRoute(
    app,
    {
      method: 'PUT',
      url: '/api/drafts/:id',
      summary: 'Lưu hồ sơ nháp (tự động khi người dân nhập)',
      tags: ['dossiers'],
      params: DossierIdParams,
      body: SaveDraftBody,
      response: DraftView,
    },
    async ({ params, body, req }) => toDraftView(await updateDraft(ctx.db, requireCitizen(req), params.id, body, ttl)),
  );

  defineRoute(
    app,
    { method: 'DELETE', url: '/api/drafts/:id', summary: 'Xóa hồ sơ nháp', tags: ['dossiers'], params: DossierIdParams, response: Ok },
    async ({ params, req }) => {
      const citizen = requireCitizen(req);
      await getOwnDraft(ctx.db, citizen, params.id);
      await ctx.db.query("UPDATE drafts SET status = 'deleted', updated_at = now() WHERE id = $1 AND owner_citizen_id = $2 AND status = 'open'", [
        params.id,
        citizen.id,
      ]);
      return { ok: true as const };
    },
  );

  defineRoute(
    app,
    {
      method: 'POST',
      url: '/api/dossiers',
      summary: 'Nộp hồ sơ (idempotent theo khóa của máy khách)',
      tags: ['dossiers'],
      body: SubmitBody,
      response: createdOrFound(SubmittedDossier),
      // The session is read in the submission's first statement, with the draft (one round trip fewer, issue 17).
      sessionInFirstRead: true,
    },
    async ({ body, req, reply }) => {
      const result = await submitDossier(ctx, citizenOrToRead(req), body, checkSubmission);
      return reply.status(result.created ? 201 : 200).send(result.dossier);
    },
  );

  defineRoute(app, { method: 'GET', url: '/api/my/dossiers', summary: 'Hồ sơ của tôi', tags: ['dossiers'], response: MyDossierList }, async ({ req }) => ({
    items: await listOwnDossiers(ctx.db, requireCitizen(req)),
  }));

  defineRoute(
    app,
    {
      method: 'GET',
      url: '/api/my/dossiers/:id',
      summary: 'Chi tiết và tiến trình một hồ sơ của tôi',
      tags: ['dossiers'],
      params: DossierIdParams,
      response: MyDossier,
    },
    async ({ params, req }) => getOwnDossier(ctx.db, requireCitizen(req), params.id),
  );

  defineRoute(
    app,
    {
      method: 'POST',
      url: '/api/my/dossiers/:id/withdrawal',
      summary: 'Yêu cầu rút hồ sơ (trạng thái 7), kèm lý do',
      tags: ['dossiers'],
      params: DossierIdParams,
      body: WithdrawalBody,
      response: WithdrawalResult,
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
      query: LookupQuery,
      response: PublicDossierStatus,
    },
    async ({ query }) => publicLookup(ctx.db, query.code, query.last4),
  );
}
