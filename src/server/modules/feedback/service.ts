/**
 * PAKN storage and the deadline of each item's next step (docs/feedback.md). Deadlines come from the
 * effective-dated rules of data/feedback/deadlines.json and the working-day calendar (src/core/feedback).
 */
import { readFileSync } from 'node:fs';
import type { Selectable } from 'kysely';
import { foldVietnamese } from '../../../core/catalogue/search.ts';
import type { Calendar } from '../../../core/deadlines/deadlines.ts';
import { type FeedbackDeadlineRule, FeedbackDeadlineRules, feedbackDue } from '../../../core/feedback/deadlines.ts';
import { moderate } from '../../../core/feedback/moderation.ts';
import { type FeedbackFacts, indicator52, indicator53, type Ratio } from '../../../core/feedback/satisfaction.ts';
import type { Database, Queryable } from '../../db/database.ts';
import { queueNotices } from '../notifications/index.ts';
import { kysely } from '../../db/kysely.ts';
import type { DB } from '../../db/schema.generated.ts';
import { cachedCalendar } from '../reference/index.ts';

export type FeedbackRow = Selectable<DB['feedback']>;

let rulesCache: FeedbackDeadlineRule[] | undefined;
/** The deadline rules (data/feedback/deadlines.json). */
export function feedbackRules(): FeedbackDeadlineRule[] {
  rulesCache ??= FeedbackDeadlineRules.parse(JSON.parse(readFileSync(new URL('../../../../data/feedback/deadlines.json', import.meta.url), 'utf8'))).rules;
  return rulesCache;
}

const d = (v: Date | string | null | undefined) => (v ? new Date(v) : undefined);
const iso = (v: Date | string | null | undefined) => (v ? new Date(v).toISOString() : null);

/** The deadline of the item's next step: answer (or refuse/ask more) until answered, then publication. */
export function nextDue(r: FeedbackRow, cal: Calendar): Date | null {
  if (r.status === 'received') return feedbackDue('answer', new Date(r.received_at), feedbackRules(), cal);
  if (r.status === 'answered' && r.answered_at) return feedbackDue('publish', new Date(r.answered_at), feedbackRules(), cal);
  return null;
}

export interface Votes {
  likes: number;
  dislikes: number;
}

export async function votesOf(db: Queryable, ids: readonly string[]): Promise<Map<string, Votes>> {
  const out = new Map<string, Votes>();
  if (ids.length === 0) return out;
  const rows = await kysely(db)
    .selectFrom('feedback_votes')
    .select(['feedback_id', 'vote'])
    .select((eb) => eb.fn.countAll<string>().as('n'))
    .where('feedback_id', 'in', [...ids])
    .groupBy(['feedback_id', 'vote'])
    .execute();
  for (const r of rows) {
    const v = out.get(r.feedback_id) ?? { likes: 0, dislikes: 0 };
    if (r.vote === 'like') v.likes = Number(r.n);
    else v.dislikes = Number(r.n);
    out.set(r.feedback_id, v);
  }
  return out;
}

export function view(r: FeedbackRow, votes: Votes | undefined, cal: Calendar) {
  return {
    id: r.id,
    kind: r.kind as 'feedback' | 'question',
    channel: r.channel as 'portal' | 'counter' | 'email' | 'national' | 'rating',
    title: r.title,
    content: r.content,
    senderName: r.sender_name,
    contact: r.contact,
    dossierCode: r.dossier_code,
    category: r.category,
    procedureCode: r.procedure_code,
    unitId: r.unit_id,
    assigneeId: r.assignee_id,
    status: r.status as 'received' | 'asked_more' | 'refused' | 'answered' | 'published',
    receivedAt: new Date(r.received_at).toISOString(),
    dueAt: iso(nextDue(r, cal)),
    answer: r.answer,
    askMoreText: r.ask_more_text,
    refusalReason: r.refusal_reason,
    answeredAt: iso(r.answered_at),
    publishedAt: iso(r.published_at),
    reopened: r.reopened,
    likes: votes?.likes ?? 0,
    dislikes: votes?.dislikes ?? 0,
  };
}

/** The moderation proposal: the sender's name to initials, contact and identity data removed. */
export function proposal(r: FeedbackRow) {
  return {
    question: moderate(r.content, [r.sender_name]),
    answer: r.answer ? moderate(r.answer, [r.sender_name]) : null,
  };
}

/** The facts the 766 indicators 5.2–5.3 count (src/core/feedback/satisfaction.ts). */
export function factsOf(r: FeedbackRow, votes: Votes | undefined): FeedbackFacts {
  return {
    receivedAt: new Date(r.received_at),
    refusedAt: d(r.refused_at),
    askedMoreAt: d(r.asked_more_at),
    answeredAt: d(r.answered_at),
    publishedAt: d(r.published_at),
    likes: votes?.likes ?? 0,
    dislikes: votes?.dislikes ?? 0,
    reopened: r.reopened,
  };
}

/** The text the public search matches, without diacritics. */
export const searchText = (title: string, question: string, answer: string) => foldVietnamese(`${title} ${question} ${answer}`);

/**
 * QĐ 766 indicators 5.2 (PAKN handled on time) and 5.3 (PAKN satisfaction) from the stored PAKN received in
 * [start, end), judged at `at` (a step still open past its deadline is late).
 */
export async function feedbackIndicators(db: Queryable, period: { start: Date; end: Date }, at: Date): Promise<{ '5.2': Ratio; '5.3': Ratio }> {
  const rows = await kysely(db)
    .selectFrom('feedback')
    .selectAll()
    .where('received_at', '>=', period.start)
    .where('received_at', '<', period.end)
    .where('channel', '<>', 'rating') // follow-ups of ratings are the unit's own tasks, not PAKN citizens sent
    .execute();
  const votes = await votesOf(
    db,
    rows.map((r) => r.id),
  );
  const facts = rows.map((r) => factsOf(r, votes.get(r.id)));
  const cal = await cachedCalendar(db);
  return { '5.2': indicator52(facts, feedbackRules(), cal, at), '5.3': indicator53(facts, feedbackRules(), cal, at) };
}

export type FeedbackActionKind = 'answer' | 'refuse' | 'askMore';

/**
 * An official's decision on a received PAKN item — answered, refused, or sent back for more information — and, in
 * the same transaction, the notice to its author (rules feedback.answered / feedback.refused / feedback.asked_more:
 * switchable per province like every notification). The author's contact is the one they left (a phone or an
 * e-mail), or the confirmed contacts of their account. Returns the updated row, or null when the item was no longer
 * `received` (another official acted first).
 */
export async function actOnFeedback(
  db: Database,
  r: Pick<FeedbackRow, 'id'>,
  /** The unit that answers (an item not yet assigned becomes the answering official's unit's). */
  unitId: string | null,
  action: FeedbackActionKind,
  text: string,
  at: Date,
  publicUrl: string,
): Promise<FeedbackRow | null> {
  const set =
    action === 'answer'
      ? { status: 'answered' as const, answer: text, answered_at: at }
      : action === 'refuse'
        ? { status: 'refused' as const, refusal_reason: text, refused_at: at }
        : { status: 'asked_more' as const, ask_more_text: text, asked_more_at: at };
  return db.transaction(async (tx) => {
    const u = await kysely(tx)
      .updateTable('feedback')
      .set({ ...set, unit_id: unitId })
      .where('id', '=', r.id)
      .where('status', '=', 'received')
      .returningAll()
      .executeTakeFirst();
    if (!u) return null;
    const contact = u.contact.trim();
    const isEmail = contact.includes('@');
    const citizenId = u.citizen_id && /^[0-9a-f-]{36}$/i.test(u.citizen_id) ? u.citizen_id : null;
    const type = { answer: 'feedback.answered', refuse: 'feedback.refused', askMore: 'feedback.asked_more' } as const;
    await queueNotices(tx, [
      {
        id: `feedback:${u.id}:${action}:${at.getTime()}`,
        type: type[action],
        at: at.toISOString(),
        citizenId,
        dossierId: null,
        dossierCode: null,
        unitId: u.unit_id,
        procedureCode: null,
        phone: isEmail ? null : contact || null,
        email: isEmail ? contact : null,
        inbox: `feedback:${u.id}`,
        params: {
          name: u.sender_name,
          title: u.title,
          ...(action === 'answer' ? {} : { detail: text }),
          link: `${publicUrl}/phan-anh`,
        },
      },
    ]);
    return u;
  });
}
