/**
 * The assistant's API (src/contract/assistant.ts): anyone may ask (a logged-in citizen also about their own
 * dossiers) and say whether an answer helped; catalogue administrators edit the phrasing table and the curated
 * answers and see what the assistant could not answer.
 */
import type { FastifyInstance, FastifyRequest } from 'fastify';
import {
  AskAnswer,
  AskFeedbackInput,
  AskInput,
  AssistantIdParams,
  AssistantStats,
  CuratedAnswer,
  CuratedAnswerInput,
  Phrasing,
  PhrasingInput,
} from '../../../contract/assistant.ts';
import { created, Items, Ok } from '../../../contract/http.ts';
import type { AppContext } from '../../context.ts';
import { kysely } from '../../db/kysely.ts';
import { currentActor, requireActor } from '../../http/actor.ts';
import { AppError, notFound } from '../../http/errors.ts';
import { defineRoute } from '../../http/route.ts';
import { now } from '../../clock.ts';
import { catalogueCache } from '../catalogue/index.ts';
import { assistantFor, defaultPhrasings } from './service.ts';

const ADMIN_ROLES = new Set(['system_admin', 'catalogue_admin']);

function requireAssistantAdmin(req: FastifyRequest) {
  const actor = requireActor(req);
  if (actor.kind !== 'official' || !actor.roles.some((r) => ADMIN_ROLES.has(r)))
    throw new AppError('FORBIDDEN', 'Chỉ quản trị danh mục thủ tục mới được sửa bảng cách nói và câu trả lời mẫu của trợ lý.', 403);
  return actor;
}

async function checkProcedure(ctx: AppContext, code: string | undefined, caseCode?: string) {
  if (!code) return;
  const v = (await catalogueCache(ctx.db).all()).find((x) => x.code === code);
  if (!v) throw new AppError('UNKNOWN_PROCEDURE', `Không có thủ tục mã ${code} trong danh mục đang áp dụng.`, 422, undefined, { code });
  if (caseCode && !v.definition.cases.some((c) => c.code === caseCode))
    throw new AppError('CASE_NOT_FOUND', `Thủ tục ${code} không có trường hợp mã ${caseCode}.`, 404);
}

const iso = (d: Date | string) => new Date(d).toISOString();

export default async function assistantRoutes(app: FastifyInstance, ctx: AppContext): Promise<void> {
  defineRoute(
    app,
    {
      method: 'POST',
      url: '/api/assistant/ask',
      summary: 'Hỏi trợ lý: trả lời từ danh mục thủ tục, hỏi đáp đã công khai và hồ sơ của chính người hỏi',
      tags: ['assistant'],
      body: AskInput,
      response: AskAnswer,
      rateLimit: { max: 30, timeWindow: '1 minute' },
    },
    async ({ body, req }) => assistantFor(ctx).ask(body.question, currentActor(req)),
  );

  defineRoute(
    app,
    {
      method: 'POST',
      url: '/api/assistant/feedback',
      summary: 'Phản hồi về một câu trả lời của trợ lý (hữu ích hay không, liên kết đã chọn)',
      tags: ['assistant'],
      body: AskFeedbackInput,
      response: Ok,
      rateLimit: { max: 60, timeWindow: '1 minute' },
    },
    async ({ body }) => {
      const r = await kysely(ctx.db)
        .updateTable('assistant_log')
        .set({
          ...(body.helpful !== undefined ? { helpful: body.helpful } : {}),
          ...(body.chosenLink !== undefined ? { chosen_link: body.chosenLink } : {}),
          feedback_at: now(),
        })
        .where('id', '=', body.questionId)
        .executeTakeFirst();
      if (Number(r.numUpdatedRows) === 0) throw notFound('Không tìm thấy câu hỏi này.');
      return { ok: true as const };
    },
  );

  // --- Administration -----------------------------------------------------------------------------------------
  defineRoute(
    app,
    {
      method: 'GET',
      url: '/api/admin/assistant/phrasings',
      summary: 'Bảng cách nói của trợ lý (mặc định và do quản trị thêm)',
      tags: ['assistant-admin'],
      response: Items(Phrasing),
    },
    async ({ req }) => {
      requireAssistantAdmin(req);
      const rows = await kysely(ctx.db).selectFrom('assistant_phrasings').selectAll().orderBy('id').execute();
      return {
        items: [
          ...rows.map((r) => ({
            id: r.id,
            phrase: r.phrase,
            procedureCode: r.procedure_code,
            caseCode: r.case_code,
            origin: 'admin' as const,
            createdAt: iso(r.created_at),
          })),
          ...defaultPhrasings().map((p, i) => ({
            id: -(i + 1),
            phrase: p.phrase,
            procedureCode: p.procedureCode,
            caseCode: p.caseCode ?? null,
            origin: 'file' as const,
            createdAt: null,
          })),
        ],
      };
    },
  );

  defineRoute(
    app,
    {
      method: 'POST',
      url: '/api/admin/assistant/phrasings',
      summary: 'Thêm một cách nói cho một thủ tục',
      tags: ['assistant-admin'],
      body: PhrasingInput,
      response: created(Phrasing),
    },
    async ({ body, req, reply }) => {
      const actor = requireAssistantAdmin(req);
      await checkProcedure(ctx, body.procedureCode, body.caseCode);
      const r = await kysely(ctx.db)
        .insertInto('assistant_phrasings')
        .values({ phrase: body.phrase, procedure_code: body.procedureCode, case_code: body.caseCode ?? null, created_by: actor.id })
        .onConflict((oc) => oc.doNothing())
        .returningAll()
        .executeTakeFirst();
      if (!r) throw new AppError('PHRASING_EXISTS', `Cách nói này đã có cho thủ tục ${body.procedureCode}.`, 409, undefined, { code: body.procedureCode });
      reply.status(201);
      return { id: r.id, phrase: r.phrase, procedureCode: r.procedure_code, caseCode: r.case_code, origin: 'admin' as const, createdAt: iso(r.created_at) };
    },
  );

  defineRoute(
    app,
    {
      method: 'DELETE',
      url: '/api/admin/assistant/phrasings/:id',
      summary: 'Xóa một cách nói do quản trị thêm',
      tags: ['assistant-admin'],
      params: AssistantIdParams,
      response: Ok,
    },
    async ({ params, req }) => {
      requireAssistantAdmin(req);
      const r = await kysely(ctx.db).deleteFrom('assistant_phrasings').where('id', '=', params.id).executeTakeFirst();
      if (Number(r.numDeletedRows) === 0) throw notFound('Không tìm thấy cách nói này.');
      return { ok: true as const };
    },
  );

  const curated = (r: { id: number; question: string; answer: string; procedure_code: string | null; updated_at: Date | string }) => ({
    id: r.id,
    question: r.question,
    answer: r.answer,
    procedureCode: r.procedure_code,
    updatedAt: iso(r.updated_at),
  });

  defineRoute(
    app,
    { method: 'GET', url: '/api/admin/assistant/answers', summary: 'Câu trả lời mẫu của trợ lý', tags: ['assistant-admin'], response: Items(CuratedAnswer) },
    async ({ req }) => {
      requireAssistantAdmin(req);
      return { items: (await kysely(ctx.db).selectFrom('assistant_answers').selectAll().orderBy('id').execute()).map(curated) };
    },
  );

  defineRoute(
    app,
    {
      method: 'POST',
      url: '/api/admin/assistant/answers',
      summary: 'Thêm câu trả lời mẫu',
      tags: ['assistant-admin'],
      body: CuratedAnswerInput,
      response: created(CuratedAnswer),
    },
    async ({ body, req, reply }) => {
      const actor = requireAssistantAdmin(req);
      await checkProcedure(ctx, body.procedureCode);
      const r = await kysely(ctx.db)
        .insertInto('assistant_answers')
        .values({ question: body.question, answer: body.answer, procedure_code: body.procedureCode ?? null, created_by: actor.id, updated_at: now() })
        .returningAll()
        .executeTakeFirstOrThrow();
      reply.status(201);
      return curated(r);
    },
  );

  defineRoute(
    app,
    {
      method: 'PUT',
      url: '/api/admin/assistant/answers/:id',
      summary: 'Sửa câu trả lời mẫu',
      tags: ['assistant-admin'],
      params: AssistantIdParams,
      body: CuratedAnswerInput,
      response: CuratedAnswer,
    },
    async ({ params, body, req }) => {
      const actor = requireAssistantAdmin(req);
      await checkProcedure(ctx, body.procedureCode);
      const r = await kysely(ctx.db)
        .updateTable('assistant_answers')
        .set({ question: body.question, answer: body.answer, procedure_code: body.procedureCode ?? null, created_by: actor.id, updated_at: now() })
        .where('id', '=', params.id)
        .returningAll()
        .executeTakeFirst();
      if (!r) throw notFound('Không tìm thấy câu trả lời mẫu này.');
      return curated(r);
    },
  );

  defineRoute(
    app,
    {
      method: 'DELETE',
      url: '/api/admin/assistant/answers/:id',
      summary: 'Xóa câu trả lời mẫu',
      tags: ['assistant-admin'],
      params: AssistantIdParams,
      response: Ok,
    },
    async ({ params, req }) => {
      requireAssistantAdmin(req);
      const r = await kysely(ctx.db).deleteFrom('assistant_answers').where('id', '=', params.id).executeTakeFirst();
      if (Number(r.numDeletedRows) === 0) throw notFound('Không tìm thấy câu trả lời mẫu này.');
      return { ok: true as const };
    },
  );

  defineRoute(
    app,
    {
      method: 'GET',
      url: '/api/admin/assistant/stats',
      summary: 'Số câu hỏi, câu chưa chắc chắn, phản hồi, và các câu trợ lý chưa trả lời được (để bổ sung cách nói)',
      tags: ['assistant-admin'],
      response: AssistantStats,
    },
    async ({ req }) => {
      requireAssistantAdmin(req);
      const t = (
        await ctx.db.query<{ questions: number; not_sure: number; helpful: number; unhelpful: number }>(
          `SELECT count(*)::int AS questions, count(*) FILTER (WHERE NOT confident)::int AS not_sure,
                  count(*) FILTER (WHERE helpful)::int AS helpful, count(*) FILTER (WHERE helpful = false)::int AS unhelpful FROM assistant_log`,
        )
      ).rows[0];
      const unanswered = (
        await ctx.db.query<{ question: string; count: number }>(
          `SELECT lower(question) AS question, count(*)::int AS count FROM assistant_log WHERE NOT confident
            GROUP BY lower(question) ORDER BY count(*) DESC, lower(question) LIMIT 50`,
        )
      ).rows;
      return { questions: t.questions, notSure: t.not_sure, helpful: t.helpful, unhelpful: t.unhelpful, unanswered };
    },
  );
}
