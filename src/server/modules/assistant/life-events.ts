/**
 * Life-event suggestions over the citizen's own records (issue 15 part 4; docs/feedback.md): the effective-dated
 * rules of data/life-events/rules.json (src/core/life-events) evaluated, on today's date in Vietnam, over
 *  - the citizen and their children from the population database (the population adapter: the stand-in in
 *    development, the national service in production; every lookup carries who asks and why), and
 *  - the results in their personal document store (store_documents: type and issue date).
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
  const docs = await ctx.db.query<{ document_type: string; title: string; issued_at: Date }>(
    'SELECT document_type, title, issued_at FROM store_documents WHERE owner_id_number = $1 AND document_type IS NOT NULL ORDER BY issued_at DESC LIMIT 200',
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
