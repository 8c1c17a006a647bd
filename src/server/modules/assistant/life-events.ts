/**
 * Life-event suggestions over the citizen's own records (issue 15 part 4; docs/feedback.md): the effective-dated
 * rules of data/life-events/rules.json (src/core/life-events) evaluated, on today's date in Vietnam, over
 *  - the citizen and their children from the population database (the population adapter: the stand-in in
 *    development, the national service in production; every lookup carries who asks and why), and
 *  - the results in their personal document store (store_documents: type and issue date), never the citizen's own
 *    photo copies (kind photo_copy, not checked against the original).
 * Only the citizen's own records are read; the answer names each suggestion's reason and links to the procedure
 * (the e-form at the right case when the catalogue has it). Nothing is stored.
 *
 * `GET /api/my/suggestions` — the logged-in citizen only.
 */
import { readFileSync } from 'node:fs';
import type { FastifyInstance } from 'fastify';
import { type CitizenRecords, LifeEventRules, suggest } from '../../../core/life-events/suggest.ts';
import { LifeEventSuggestions } from '../../../contract/life-events.ts';
import { localDay } from '../../../core/time/local.ts';
import { now } from '../../clock.ts';
import type { AppContext } from '../../context.ts';
import { requireCitizen } from '../../http/actor.ts';
import { defineRoute } from '../../http/route.ts';
import { catalogueCache } from '../catalogue/index.ts';
import { queueNotices } from '../notifications/index.ts';
import type { JobDefinition } from '../../jobs/scheduler.ts';
import crypto from 'node:crypto';

let cached: LifeEventRules | undefined;
/** The rules as data (data/life-events/rules.json). */
export function lifeEventRules(): LifeEventRules {
  cached ??= LifeEventRules.parse(JSON.parse(readFileSync(new URL('../../../../data/life-events/rules.json', import.meta.url), 'utf8')));
  return cached;
}

/** Today in Vietnam (yyyy-mm-dd) on the business clock. */
export const vnToday = (at: Date = now()) => localDay(at);

/** The citizen's own records: themselves and their children (population database), their stored results. */
export async function citizenRecords(ctx: AppContext, idNumber: string): Promise<CitizenRecords | null> {
  const lookup = { actorKind: 'citizen' as const, actorId: idNumber, purpose: 'life-event-suggestions' };
  const self = await ctx.population.findByIdNumber(idNumber, lookup);
  if (!self) return null;
  const children = await ctx.population.childrenOf(idNumber, lookup);
  // A photo copy the citizen took herself (kind photo_copy, "bản chụp tự số hoá — chưa đối chiếu bản gốc") is not a
  // valid paper, confirmed fields or not: no official has checked it against the original, and its issue date is the
  // day of the photo. Only results, certified copies and digitised papers (checked against the original) count; once
  // the counter confirms a photo copy, its entry becomes `digitised` and counts.
  const docs = await ctx.db.query<{ document_type: string; title: string; issued_at: Date }>(
    `SELECT document_type, title, issued_at FROM store_documents
      WHERE owner_id_number = $1 AND document_type IS NOT NULL AND kind <> 'photo_copy' ORDER BY issued_at DESC LIMIT 200`,
    [idNumber],
  );
  return {
    self: { name: self.hoTen, birthDate: self.ngaySinh },
    // A child in the population database has a registered birth.
    children: children.map((c) => ({ name: c.hoTen, birthDate: c.ngaySinh, birthRegistered: true })),
    // The population response carries no deaths; the death rule applies once a source records them.
    deaths: [],
    documents: docs.rows.map((d) => ({ type: d.document_type, name: d.title, issuedOn: vnToday(new Date(d.issued_at)) })),
  };
}

export async function suggestionsFor(ctx: AppContext, idNumber: string, today: string, rules: LifeEventRules = lifeEventRules()) {
  const records = await citizenRecords(ctx, idNumber);
  if (!records) return [];
  const out = [];
  for (const s of suggest(rules, records, today)) {
    let href: string | null = null;
    if (
      s.procedureCode &&
      (await catalogueCache(ctx.db)
        .get(s.procedureCode)
        .catch(() => null))
    )
      href = `/nop-ho-so/${encodeURIComponent(s.procedureCode)}${s.caseCode ? `?truong-hop=${encodeURIComponent(s.caseCode)}` : ''}`;
    out.push({ ruleId: s.ruleId, title: s.title, reason: s.reason, dueBy: s.dueBy, procedureCode: s.procedureCode ?? null, href, basis: s.basis });
  }
  return out;
}

/** The suggestion's identity from one evaluation to the next: its rule and its subject (the child, the document …). */
export const suggestionKey = (s: { ruleId: string; title: string }) => `${s.ruleId}:${crypto.createHash('sha256').update(s.title).digest('hex').slice(0, 16)}`;

/**
 * Life-event suggestions as notifications, for the citizens who opted in (notification_opt_ins, topic
 * `life_events`, chosen on their profile) and nobody else: each citizen's suggestions are evaluated today, and each
 * one not yet told in its period (the occurrence's due day) is queued as a `life_event.suggested` notice — the row
 * of life_event_notices (primary key citizen, suggestion, period) and the notice in one transaction, the opt-in
 * checked again there, so a rerun, a second server or a citizen who opted out in between queue nothing. The unit
 * (hence the province whose switches apply) is that of the citizen's latest dossier. Returns the counts.
 */
export async function queueLifeEventNotices(ctx: AppContext, today: string = vnToday(), signal?: AbortSignal): Promise<{ citizens: number; queued: number }> {
  let citizens = 0;
  let queued = 0;
  let after = '00000000-0000-0000-0000-000000000000';
  for (;;) {
    if (signal?.aborted) break;
    const page = (
      await ctx.db.query<{ id: string; id_number: string; full_name: string; unit_id: string | null }>(
        `SELECT c.id, c.id_number, c.full_name,
                (SELECT d.receiving_unit_id FROM dossiers d WHERE d.owner_citizen_id = c.id ORDER BY d.submitted_at DESC LIMIT 1) AS unit_id
           FROM notification_opt_ins o JOIN citizens c ON c.id = o.citizen_id
          WHERE o.topic = 'life_events' AND c.id > $1 ORDER BY c.id LIMIT 100`,
        [after],
      )
    ).rows;
    if (page.length === 0) break;
    after = page[page.length - 1].id;
    for (const c of page) {
      citizens++;
      for (const s of await suggestionsFor(ctx, c.id_number, today)) {
        const key = suggestionKey(s);
        const eventId = `life-event:${c.id}:${key}:${s.dueBy}`;
        const told = await ctx.db.transaction(async (tx) => {
          const kept = await tx.query(
            `INSERT INTO life_event_notices (citizen_id, suggestion_key, period, event_id)
             SELECT $1, $2, $3, $4 WHERE EXISTS (SELECT 1 FROM notification_opt_ins WHERE citizen_id = $1 AND topic = 'life_events')
             ON CONFLICT DO NOTHING`,
            [c.id, key, s.dueBy, eventId],
          );
          if (kept.rowCount === 0) return false;
          const base = ctx.config.publicUrl;
          const link =
            s.href && `${base}${s.href}`.length <= 60 ? `${base}${s.href}` : s.procedureCode ? `${base}/nop-ho-so/${s.procedureCode}` : `${base}/tro-ly`;
          await queueNotices(tx, [
            {
              id: eventId,
              type: 'life_event.suggested',
              at: now().toISOString(),
              citizenId: c.id,
              dossierId: null,
              dossierCode: null,
              unitId: c.unit_id,
              procedureCode: s.procedureCode,
              phone: null,
              email: null,
              inbox: c.id,
              params: { name: c.full_name, title: s.title, detail: s.reason, dueDate: s.dueBy.split('-').reverse().join('/'), link },
            },
          ]);
          return true;
        });
        if (told) queued++;
      }
    }
  }
  return { citizens, queued };
}

/** notify.life-events: the opted-in citizens' suggestions, every six hours (safe in several processes: the primary key). */
export function lifeEventNoticeJob(ctx: AppContext): JobDefinition {
  return { name: 'notify.life-events', everyMs: 6 * 3600_000, jitterMs: 60_000, run: async (signal) => queueLifeEventNotices(ctx, vnToday(), signal) };
}

export default async function lifeEventRoutes(app: FastifyInstance, ctx: AppContext): Promise<void> {
  defineRoute(
    app,
    {
      method: 'GET',
      url: '/api/my/suggestions',
      summary: 'Gợi ý thủ tục theo sự kiện cuộc đời, từ dữ liệu của chính công dân',
      tags: ['assistant'],
      response: LifeEventSuggestions,
    },
    async ({ req }) => {
      const c = requireCitizen(req);
      const today = vnToday();
      return { today, items: await suggestionsFor(ctx, c.idNumber, today) };
    },
  );
}
