/**
 * The PAKN API (src/contract/feedback.ts; docs/feedback.md). Anyone may send feedback or a question on the portal
 * (a logged-in citizen, or anyone with a name and a contact); officials record counter receipts, classify,
 * assign, answer / refuse / ask for more, and publish after moderation; citizens like or dislike published
 * answers and reopen their own; anyone searches published answers without diacritics.
 */
import crypto from 'node:crypto';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { foldVietnamese } from '../../../core/catalogue/search.ts';
import {
  FEEDBACK_HANDLER_ROLES,
  FEEDBACK_STAFF_ROLES,
  type FeedbackReach,
  feedbackReach,
  mayHandle,
  mayModerate,
  maySee,
} from '../../../core/feedback/access.ts';
import { personalDataLeft } from '../../../core/feedback/moderation.ts';
import {
  FeedbackAction,
  FeedbackClassify,
  FeedbackCounterSubmit,
  FeedbackIdParams,
  FeedbackPublish,
  FeedbackSubmit,
  FeedbackView,
  FeedbackVote,
  PublishedQa,
  QaSearchQuery,
  StaffFeedbackView,
} from '../../../contract/feedback.ts';
import { created, Items } from '../../../contract/http.ts';
import { now } from '../../clock.ts';
import type { AppContext } from '../../context.ts';
import { kysely } from '../../db/kysely.ts';
import { currentActor, type OfficialActor, requireCitizen } from '../../http/actor.ts';
import { AppError, appError, notFound } from '../../http/errors.ts';
import { defineRoute } from '../../http/route.ts';
import { loadSubject, orgTree, requireStaff } from '../officials/index.ts';
import { cachedCalendar } from '../reference/index.ts';
import { actOnFeedback, type FeedbackRow, proposal, searchText, view, votesOf } from './service.ts';

/** The official's PAKN reach (src/core/feedback/access.ts), from their memberships read fresh at each request. */
async function reachOf(ctx: AppContext, req: FastifyRequest): Promise<{ a: OfficialActor; reach: FeedbackReach }> {
  const staff = await requireStaff(ctx, req);
  // All memberships: the dossier authority (staff.auth) leaves out the moderator's, which gives no sight of dossiers.
  const memberships = (await loadSubject(ctx.db, staff.actor.id))?.memberships ?? [];
  if (!memberships.some((m) => FEEDBACK_STAFF_ROLES.includes(m.role)))
    throw new AppError('FORBIDDEN', 'Chỉ cán bộ tiếp nhận, xử lý hoặc biên tập viên mới được xử lý phản ánh, kiến nghị.', 403);
  const tree = staff.tree;
  const reach = feedbackReach(memberships, {
    subtree: (id) => tree.subtree(id),
    isTopLevel: (id) => !tree.units.get(id)?.parentId,
    parentOf: (id) => tree.units.get(id)?.parentId ?? null,
  });
  return { a: staff.actor, reach };
}

export default async function feedbackRoutes(app: FastifyInstance, ctx: AppContext): Promise<void> {
  const db = () => kysely(ctx.db);

  async function load(id: string): Promise<FeedbackRow> {
    const r = await db().selectFrom('feedback').selectAll().where('id', '=', id).executeTakeFirst();
    if (!r) throw notFound('Không tìm thấy phản ánh, kiến nghị này.');
    return r;
  }
  /** The item, for an official of its unit (403 for another unit's, 404 when it does not exist). */
  async function handled(req: FastifyRequest, id: string) {
    const { a, reach } = await reachOf(ctx, req);
    if (!a.roles.some((r) => (FEEDBACK_HANDLER_ROLES as readonly string[]).includes(r) || r === 'system_admin'))
      throw new AppError('FORBIDDEN', 'Chỉ cán bộ tiếp nhận, xử lý mới được phân loại, giao và trả lời phản ánh, kiến nghị.', 403);
    const r = await load(id);
    if (!mayHandle(reach, r.unit_id)) throw appError('FEEDBACK_OTHER_UNIT');
    return { a, r, reach };
  }
  const may = (reach: FeedbackReach, r: FeedbackRow) => ({ handle: mayHandle(reach, r.unit_id), publish: mayModerate(reach, r.unit_id) });
  async function staffView(r: FeedbackRow, reach: FeedbackReach) {
    const votes = await votesOf(ctx.db, [r.id]);
    return { ...view(r, votes.get(r.id), await cachedCalendar(ctx.db)), proposal: proposal(r), may: may(reach, r) };
  }
  async function citizenView(r: FeedbackRow) {
    const votes = await votesOf(ctx.db, [r.id]);
    return view(r, votes.get(r.id), await cachedCalendar(ctx.db));
  }
  /** A unit id given by a client must exist. */
  async function knownUnit(unitId: string): Promise<string> {
    if (!(await orgTree(ctx.db)).units.has(unitId)) throw appError('FEEDBACK_UNIT_UNKNOWN', { unitId });
    return unitId;
  }
  /** The unit a dossier code names (its receiving unit), when the dossier exists. */
  async function dossierUnit(code: string | undefined): Promise<string | null> {
    if (!code) return null;
    const d = await db().selectFrom('dossiers').select('receiving_unit_id').where('code', '=', code).executeTakeFirst();
    return d?.receiving_unit_id ?? null;
  }
  const wrongState = (r: FeedbackRow) => appError('FEEDBACK_WRONG_STATE', { status: r.status });

  defineRoute(
    app,
    {
      method: 'POST',
      url: '/api/feedback',
      summary: 'Gửi phản ánh, kiến nghị hoặc câu hỏi trên cổng (công dân đăng nhập, hoặc để lại họ tên và liên hệ)',
      tags: ['feedback'],
      body: FeedbackSubmit,
      response: created(FeedbackView),
      rateLimit: { max: 30, timeWindow: '1 minute' },
    },
    async ({ body, req, reply }) => {
      const actor = currentActor(req);
      const citizen = actor?.kind === 'citizen' ? actor : null;
      const senderName = body.senderName ?? citizen?.fullName;
      const contact = body.contact ?? (citizen ? `cong-dan:${citizen.idNumber}` : undefined);
      if (!senderName || !contact) throw appError('FEEDBACK_CONTACT_REQUIRED');
      const unitId = (await dossierUnit(body.dossierCode)) ?? (body.unitId ? await knownUnit(body.unitId) : null);
      const r = await db()
        .insertInto('feedback')
        .values({
          id: crypto.randomUUID(),
          kind: body.kind,
          channel: 'portal',
          citizen_id: citizen?.id ?? null,
          sender_name: senderName,
          contact,
          title: body.title,
          content: body.content,
          dossier_code: body.dossierCode ?? null,
          unit_id: unitId,
          received_at: now(),
        })
        .returningAll()
        .executeTakeFirstOrThrow();
      reply.status(201);
      return citizenView(r);
    },
  );

  defineRoute(
    app,
    {
      method: 'POST',
      url: '/api/staff/feedback',
      summary: 'Ghi nhận phản ánh, kiến nghị tại quầy',
      tags: ['feedback'],
      body: FeedbackCounterSubmit,
      response: created(StaffFeedbackView),
    },
    async ({ body, req, reply }) => {
      const { a, reach } = await reachOf(ctx, req);
      // Recorded at the official's own counter: the item belongs to their unit (or the dossier's receiving unit).
      if (!reach.homeUnit) throw new AppError('FORBIDDEN', 'Chỉ cán bộ tiếp nhận, xử lý mới được ghi nhận phản ánh, kiến nghị tại quầy.', 403);
      const r = await db()
        .insertInto('feedback')
        .values({
          id: crypto.randomUUID(),
          kind: body.kind,
          channel: 'counter',
          sender_name: body.senderName,
          contact: body.contact,
          title: body.title,
          content: body.content,
          dossier_code: body.dossierCode ?? null,
          unit_id: (await dossierUnit(body.dossierCode)) ?? reach.homeUnit,
          received_at: now(),
          received_by: a.id,
        })
        .returningAll()
        .executeTakeFirstOrThrow();
      reply.status(201);
      return staffView(r, reach);
    },
  );

  defineRoute(
    app,
    { method: 'GET', url: '/api/staff/feedback', summary: 'Phản ánh, kiến nghị cán bộ được xử lý', tags: ['feedback'], response: Items(StaffFeedbackView) },
    async ({ req }) => {
      const { reach } = await reachOf(ctx, req);
      const rows = (await db().selectFrom('feedback').selectAll().orderBy('received_at', 'desc').limit(500).execute()).filter((r) =>
        maySee(reach, { unitId: r.unit_id, status: r.status }),
      );
      const votes = await votesOf(
        ctx.db,
        rows.map((r) => r.id),
      );
      const cal = await cachedCalendar(ctx.db);
      return { items: rows.map((r) => ({ ...view(r, votes.get(r.id), cal), proposal: proposal(r), may: may(reach, r) })) };
    },
  );

  defineRoute(
    app,
    {
      method: 'POST',
      url: '/api/staff/feedback/:id/classify',
      summary: 'Phân loại và giao xử lý phản ánh, kiến nghị',
      tags: ['feedback'],
      params: FeedbackIdParams,
      body: FeedbackClassify,
      response: StaffFeedbackView,
    },
    async ({ params, body, req }) => {
      const { r, reach } = await handled(req, params.id);
      if (r.status !== 'received') throw wrongState(r);
      // An item without a unit is taken into the handler's unit; another unit given is a transfer (restarts the clock).
      const unitId = body.unitId ? await knownUnit(body.unitId) : (r.unit_id ?? reach.homeUnit);
      const assigneeId = body.assigneeId ?? (unitId === r.unit_id ? r.assignee_id : null);
      if (assigneeId) {
        const member = await db()
          .selectFrom('official_memberships')
          .select('official_id')
          .where('official_id', '=', assigneeId)
          .where('unit_id', '=', unitId ?? '')
          .where('role', 'in', [...FEEDBACK_HANDLER_ROLES])
          .executeTakeFirst();
        if (!member) throw appError('FEEDBACK_ASSIGNEE_INVALID');
      }
      const u = await db()
        .updateTable('feedback')
        .set({
          category: body.category,
          unit_id: unitId,
          assignee_id: assigneeId,
          procedure_code: body.procedureCode ?? r.procedure_code,
          // A transfer from one unit to another restarts the clock (docs/feedback.md).
          ...(unitId && r.unit_id && unitId !== r.unit_id ? { received_at: now() } : {}),
        })
        .where('id', '=', r.id)
        .where('status', '=', 'received')
        .returningAll()
        .executeTakeFirst();
      if (!u) throw wrongState(await load(r.id));
      return staffView(u, reach);
    },
  );

  defineRoute(
    app,
    {
      method: 'POST',
      url: '/api/staff/feedback/:id/action',
      summary: 'Trả lời, từ chối hoặc yêu cầu bổ sung thông tin',
      tags: ['feedback'],
      params: FeedbackIdParams,
      body: FeedbackAction,
      response: StaffFeedbackView,
    },
    async ({ params, body, req }) => {
      const { r, reach } = await handled(req, params.id);
      if (r.status !== 'received') throw wrongState(r);
      // The decision and the author's notice in one transaction (feedback/service.ts).
      const u = await actOnFeedback(ctx.db, r, r.unit_id ?? reach.homeUnit, body.action, body.text, now(), ctx.config.publicUrl);
      if (!u) throw wrongState(await load(r.id));
      return staffView(u, reach);
    },
  );

  defineRoute(
    app,
    {
      method: 'POST',
      url: '/api/staff/feedback/:id/publish',
      summary: 'Công khai câu hỏi và câu trả lời đã biên tập (không còn thông tin cá nhân)',
      tags: ['feedback'],
      params: FeedbackIdParams,
      body: FeedbackPublish,
      response: StaffFeedbackView,
    },
    async ({ params, body, req }) => {
      const { reach } = await reachOf(ctx, req);
      const r = await load(params.id);
      if (!mayModerate(reach, r.unit_id))
        throw appError(reach.moderate.size > 0 || reach.moderateUnassigned ? 'FEEDBACK_OTHER_UNIT' : 'FEEDBACK_MODERATOR_ONLY');
      if (r.status !== 'answered') throw wrongState(r);
      const found = [...new Set([...personalDataLeft(body.question), ...personalDataLeft(body.answer)])];
      const lower = (s: string) => s.toLocaleLowerCase('vi');
      if (r.sender_name.trim().split(/\s+/).length >= 2 && lower(`${body.question} ${body.answer}`).includes(lower(r.sender_name.trim()))) found.push('name');
      if (found.length > 0) throw appError('FEEDBACK_PERSONAL_DATA', { found: found.join(', ') });
      const u = await db()
        .updateTable('feedback')
        .set({
          status: 'published',
          published_at: now(),
          published_question: body.question,
          published_answer: body.answer,
          published_search: searchText(r.title, body.question, body.answer),
        })
        .where('id', '=', r.id)
        .where('status', '=', 'answered')
        .returningAll()
        .executeTakeFirst();
      if (!u) throw wrongState(await load(r.id));
      return staffView(u, reach);
    },
  );

  defineRoute(
    app,
    { method: 'GET', url: '/api/feedback/mine', summary: 'Phản ánh, kiến nghị của tôi', tags: ['feedback'], response: Items(FeedbackView) },
    async ({ req }) => {
      const c = requireCitizen(req);
      const rows = await db().selectFrom('feedback').selectAll().where('citizen_id', '=', c.id).orderBy('received_at', 'desc').execute();
      const votes = await votesOf(
        ctx.db,
        rows.map((r) => r.id),
      );
      const cal = await cachedCalendar(ctx.db);
      return { items: rows.map((r) => view(r, votes.get(r.id), cal)) };
    },
  );

  defineRoute(
    app,
    {
      method: 'POST',
      url: '/api/feedback/:id/reopen',
      summary: 'Phản ánh lại khi chưa đồng ý với câu trả lời (đồng hồ tính hạn bắt đầu lại)',
      tags: ['feedback'],
      params: FeedbackIdParams,
      response: FeedbackView,
    },
    async ({ params, req }) => {
      const c = requireCitizen(req);
      const r = await load(params.id);
      if (r.citizen_id !== c.id) throw notFound('Không tìm thấy phản ánh, kiến nghị này.');
      if (!['answered', 'published', 'refused', 'asked_more'].includes(r.status)) throw wrongState(r);
      const u = await db()
        .updateTable('feedback')
        .set({ status: 'received', reopened: true, received_at: now() })
        .where('id', '=', r.id)
        .where('status', '=', r.status)
        .returningAll()
        .executeTakeFirst();
      if (!u) throw wrongState(await load(r.id));
      return citizenView(u);
    },
  );

  defineRoute(
    app,
    {
      method: 'POST',
      url: '/api/qa/:id/vote',
      summary: 'Thích hoặc không thích một câu trả lời đã công khai (mỗi công dân một lần, đổi được)',
      tags: ['feedback'],
      params: FeedbackIdParams,
      body: FeedbackVote,
      response: PublishedQa,
    },
    async ({ params, body, req }) => {
      const c = requireCitizen(req);
      const r = await load(params.id);
      if (r.status !== 'published') throw notFound('Không tìm thấy câu trả lời đã công khai này.');
      await db()
        .insertInto('feedback_votes')
        .values({ feedback_id: r.id, citizen_id: c.id, vote: body.vote })
        .onConflict((oc) => oc.columns(['feedback_id', 'citizen_id']).doUpdateSet({ vote: body.vote, voted_at: now() }))
        .execute();
      return (await published([r]))[0];
    },
  );

  async function published(rows: FeedbackRow[]) {
    const votes = await votesOf(
      ctx.db,
      rows.map((r) => r.id),
    );
    return rows.map((r) => ({
      id: r.id,
      kind: r.kind as 'feedback' | 'question',
      title: r.title,
      question: r.published_question ?? '',
      answer: r.published_answer ?? '',
      category: r.category,
      procedureCode: r.procedure_code,
      publishedAt: new Date(r.published_at ?? r.received_at).toISOString(),
      likes: votes.get(r.id)?.likes ?? 0,
      dislikes: votes.get(r.id)?.dislikes ?? 0,
    }));
  }

  defineRoute(
    app,
    {
      method: 'GET',
      url: '/api/qa',
      summary: 'Tìm hỏi đáp đã công khai (không phân biệt dấu)',
      tags: ['feedback'],
      query: QaSearchQuery,
      response: Items(PublishedQa),
    },
    async ({ query }) => {
      let q = db().selectFrom('feedback').selectAll().where('status', '=', 'published');
      for (const w of foldVietnamese(query.q ?? '')
        .split(' ')
        .filter(Boolean)
        .slice(0, 10))
        q = q.where('published_search', 'like', `%${w.replace(/[%_\\]/g, '')}%`);
      return { items: await published(await q.orderBy('published_at', 'desc').limit(50).execute()) };
    },
  );
}
