/**
 * Queues a dossier event's notifications INSIDE the event's transaction (an in-transaction subscriber, listed in
 * bootstrap.ts): the rule in force for the province and procedure (rules as data), the channel policy for the
 * citizen's contacts and choices, the template version in force, rendered now. One row per (event, channel,
 * recipient) — the dedupe key — so a replayed event queues nothing twice. In-app messages are delivered by being
 * written; switched-off rules and opted-out channels are written as `suppressed`.
 */
import type { DossierEvent } from '../../../core/dossiers/events.ts';
import type { NotificationChannel } from '../../../core/notifications/channels.ts';
import { normalisePhone } from '../../../core/notifications/phone.ts';
import { planNotifications, type Contacts } from '../../../core/notifications/policy.ts';
import { DEFAULT_RULES, resolveRule, type NoticeEventType, type NotificationSwitch, type ResolvedRule } from '../../../core/notifications/rules.ts';
import { render, type NotificationLocale, type TemplateParams } from '../../../core/notifications/templates.ts';
import type { Queryable } from '../../db/database.ts';
import type { CreatedDossier } from '../dossiers/index.ts';
import { deferWrite, readAhead } from '../../db/deferred.ts';
import { pickTemplate, type SavedTemplate } from './template-store.ts';

interface DossierContactRow {
  id: string;
  applicant_name: string;
  applicant_phone: string | null;
  applicant_email: string | null;
  owner_citizen_id: string | null;
  procedure_name: string;
  /** The catalogue's English name of the dossier's procedure version, where it has one. */
  procedure_name_en: string | null;
  locale: string | null;
  province_code: string | null;
  opted_out: NotificationChannel[] | null;
  confirmed_phone: string | null;
  confirmed_email: string | null;
}

interface SwitchRow {
  province_code: string;
  event_type: string;
  procedure_code: string | null;
  enabled: boolean;
  effective_from: string;
  effective_to: string | null;
}

// Built once: constructing an Intl.DateTimeFormat per event was the notification subscriber's main CPU cost (issue 17).
const VN_DATE = new Intl.DateTimeFormat('vi-VN', { timeZone: 'Asia/Ho_Chi_Minh', day: '2-digit', month: '2-digit', year: 'numeric' });
const VN_DAY = new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Ho_Chi_Minh' });
const vnDate = (iso: string) => VN_DATE.format(new Date(iso));
const vnDay = (iso: string) => VN_DAY.format(new Date(iso));

/** The values a template may use, from the event and the dossier (minimal personal data: the name only). */
export function templateParams(e: DossierEvent, d: Pick<DossierContactRow, 'applicant_name' | 'procedure_name'>, lookupUrl: string): TemplateParams {
  const data = e.data as { reason?: unknown; amount?: unknown };
  return {
    name: d.applicant_name,
    code: e.code,
    procedure: d.procedure_name,
    ...(e.dueAt ? { dueDate: vnDate(e.dueAt) } : {}),
    ...(typeof data.reason === 'string' ? { reason: data.reason } : {}),
    ...(typeof data.amount === 'number' ? { amount: `${data.amount.toLocaleString('vi-VN')} đ` } : {}),
    link: lookupUrl,
  };
}

/**
 * The in-transaction subscriber that queues the notifications of every dossier event. Its insert is a deferred write
 * (sent with the transaction's other deferred writes as one statement, src/server/db/deferred.ts; issue 17).
 */
export function notificationSubscriber(lookupUrl: string) {
  return async (tx: Queryable, e: DossierEvent, _before: unknown, created?: CreatedDossier): Promise<void> => {
    await queueBatch(tx, [e], lookupUrl, true, created && created.dossier.id === e.dossierId ? contactOfCreated(created) : undefined);
  };
}

/**
 * A new dossier's contact columns as its creation wrote them (the row may not be in the database yet: online, its
 * insert is a deferred write, src/server/modules/dossiers/transition.ts), the dossier read's columns by name.
 */
function contactOfCreated({ dossier: n }: CreatedDossier) {
  return {
    id: n.id,
    applicant_name: n.applicant.fullName,
    applicant_phone: n.applicant.phone ?? null,
    applicant_email: n.applicant.email ?? null,
    owner_citizen_id: n.ownerCitizenId,
    procedure_name: n.procedureName,
    procedure_code: n.procedureCode,
    procedure_version: n.procedureVersion,
    locale: n.applicant.locale ?? null,
    receiving_unit_id: n.receivingUnitId,
  };
}

/**
 * The contact columns of the dossiers in `source` (aliased d), with the province of each one's receiving unit and the
 * English name of each one's procedure version.
 */
const contactsFrom = (source: string, locale: string) =>
  `SELECT d.id, d.applicant_name, d.applicant_phone, d.applicant_email, d.owner_citizen_id, d.procedure_name, ${locale} AS locale,
          CASE WHEN a.level = 'province' THEN a.code ELSE a.parent_code END AS province_code, v.definition->'en'->>'name' AS procedure_name_en
     FROM ${source} LEFT JOIN org_units o ON o.id = d.receiving_unit_id LEFT JOIN admin_units a ON a.code = o.admin_unit_code
          LEFT JOIN procedure_versions v ON v.procedure_code = d.procedure_code AND v.version = d.procedure_version`;

/** The dossiers of the events, read (`FROM dossiers`) or — for a new dossier — given as $1 (the same columns). */
const DOSSIER_CONTACTS = {
  read: `${contactsFrom('dossiers d', "d.applicant->>'locale'")} WHERE d.id = ANY($1::uuid[])`,
  given: contactsFrom(
    `jsonb_to_record($1::jsonb) AS d(id uuid, applicant_name text, applicant_phone text, applicant_email text, owner_citizen_id uuid,
                                      procedure_name text, procedure_code text, procedure_version int, locale text, receiving_unit_id text)`,
    'd.locale',
  ),
};

/** Queues (or records as suppressed) the notifications of one event; returns how many rows were written. */
export function queueNotifications(tx: Queryable, e: DossierEvent, lookupUrl: string): Promise<number> {
  return queueNotificationsBatch(tx, [e], lookupUrl);
}

/**
 * Queues the notifications of many events in one transaction with two statements whatever their number: one read
 * of everything the decisions need (contacts, provinces, the provinces' switches, opt-outs, confirmed contacts,
 * saved templates) and one insert of every row (arrays unnested, so no limit on bound parameters). A single event is
 * a batch of one: the path of every transition and of a burst is the same.
 */
export function queueNotificationsBatch(tx: Queryable, events: readonly DossierEvent[], lookupUrl: string): Promise<number> {
  return queueBatch(tx, events, lookupUrl, false);
}

/**
 * With `deferred`, the insert is queued as a deferred write and the number returned is of rows planned, not written.
 * With `created` (one event, of a dossier just created), its contact columns are not read from the dossier row.
 */
async function queueBatch(
  tx: Queryable,
  events: readonly DossierEvent[],
  lookupUrl: string,
  deferred: boolean,
  created?: ReturnType<typeof contactOfCreated>,
): Promise<number> {
  const told = events.filter((e) => DEFAULT_RULES.some((r) => r.event === e.type));
  if (told.length === 0) return 0; // internal events: nobody is told
  const templates = [...new Set(told.map((e) => DEFAULT_RULES.find((r) => r.event === e.type)?.template ?? ''))];
  // Read ahead of the transaction's queued writes (none of which it reads: a new dossier's row is given, its
  // components and log entry are not read here), so that they go with this subscriber's insert as one statement.
  const read = (
    await readAhead<{ dossiers: DossierContactRow[] | null; switches: SwitchRow[] | null; templates: (SavedTemplate & { code: string })[] | null }>(
      tx,
      `WITH d AS (${created ? DOSSIER_CONTACTS.given : DOSSIER_CONTACTS.read})
       SELECT
         (SELECT json_agg(json_build_object(
                   'id', d.id, 'applicant_name', d.applicant_name, 'applicant_phone', d.applicant_phone, 'applicant_email', d.applicant_email,
                   'owner_citizen_id', d.owner_citizen_id, 'procedure_name', d.procedure_name, 'procedure_name_en', d.procedure_name_en,
                   'locale', d.locale, 'province_code', d.province_code,
                   'opted_out', (SELECT array_agg(p.channel) FROM notification_preferences p WHERE p.citizen_id = d.owner_citizen_id AND p.opted_out),
                   'confirmed_phone', (SELECT c.value FROM citizen_contacts c WHERE c.citizen_id = d.owner_citizen_id AND c.kind = 'phone'),
                   'confirmed_email', (SELECT c.value FROM citizen_contacts c WHERE c.citizen_id = d.owner_citizen_id AND c.kind = 'email')))
            FROM d) AS dossiers,
         (SELECT json_agg(json_build_object('province_code', s.province_code, 'event_type', s.event_type, 'procedure_code', s.procedure_code,
                   'enabled', s.enabled, 'effective_from', to_char(s.effective_from, 'YYYY-MM-DD'), 'effective_to', to_char(s.effective_to, 'YYYY-MM-DD')))
            FROM notification_switches s WHERE s.event_type = ANY($2::text[]) AND s.province_code IN (SELECT province_code FROM d)) AS switches,
         (SELECT json_agg(json_build_object('code', t.code, 'channel', t.channel, 'locale', t.locale, 'version', t.version, 'subject', t.subject, 'body', t.body))
            FROM notification_templates t WHERE t.code = ANY($3::text[])) AS templates`,
      [created ?? [...new Set(told.map((e) => e.dossierId))], [...new Set(told.map((e) => e.type))], templates],
    )
  ).rows[0];
  const dossiers = new Map((read?.dossiers ?? []).map((d) => [d.id, d]));
  const cols: unknown[][] = Array.from({ length: 18 }, () => []);
  for (const e of told) {
    const d = dossiers.get(e.dossierId);
    if (!d) continue;
    const switches = (read?.switches ?? [])
      .filter((s) => s.province_code === d.province_code && s.event_type === e.type)
      .map(
        (s): NotificationSwitch => ({
          provinceCode: s.province_code,
          event: e.type,
          procedureCode: s.procedure_code,
          enabled: s.enabled,
          effectiveFrom: s.effective_from,
          effectiveTo: s.effective_to,
        }),
      );
    const rule = resolveRule(e.type, { provinceCode: d.province_code ?? '', procedureCode: e.procedure.code, day: vnDay(e.at) }, switches);
    if (!rule) continue;
    // A contact the citizen confirmed with a one-time code (their profile) comes before the one typed on the form.
    const phone = (d.confirmed_phone ?? d.applicant_phone) ? normalisePhone(d.confirmed_phone ?? d.applicant_phone ?? '') : null;
    const contacts: Contacts = {
      phone: phone?.mobile ? phone.e164 : null,
      email: d.confirmed_email || d.applicant_email || null,
      inbox: d.owner_citizen_id ?? `dossier:${e.dossierId}`,
    };
    const locale = d.locale === 'en' ? 'en' : 'vi';
    addRows(cols, {
      eventId: e.id,
      eventType: e.type,
      dossierId: e.dossierId,
      dossierCode: e.code,
      unitId: e.receivingUnitId,
      citizenId: d.owner_citizen_id,
      locale,
      // In English, the procedure's English name where the catalogue has one.
      params: templateParams(e, locale === 'en' && d.procedure_name_en ? { ...d, procedure_name: d.procedure_name_en } : d, lookupUrl),
      rule,
      contacts,
      optedOut: new Set<NotificationChannel>(d.opted_out ?? []),
      saved: (read?.templates ?? []).filter((t) => t.code === rule.template),
    });
  }
  return insertRows(tx, cols, deferred);
}

/** What one event's notifications need, decided: the rule in force, the contacts, the opt-outs, the saved templates. */
interface Decided {
  eventId: string;
  eventType: string;
  dossierId: string | null;
  dossierCode: string | null;
  unitId: string | null;
  citizenId: string | null;
  locale: NotificationLocale;
  params: TemplateParams;
  rule: ResolvedRule;
  contacts: Contacts;
  optedOut: ReadonlySet<NotificationChannel>;
  saved: readonly (SavedTemplate & { code: string })[];
}

/** Adds the rows of one event (channel policy, template version in force, rendered) to the columns of the insert. */
function addRows(cols: unknown[][], x: Decided): void {
  for (const p of planNotifications(x.rule, x.contacts, x.optedOut)) {
    const t = pickTemplate(x.saved, x.rule.template, p.channel, x.locale);
    if (!t) continue;
    const m = render(t, x.params);
    const status = p.state === 'suppressed' ? 'suppressed' : p.channel === 'inapp' ? 'delivered' : 'queued';
    const row = [
      `${x.eventId}:${p.channel}:${p.recipient}`,
      x.eventId,
      x.eventType,
      x.dossierId,
      x.dossierCode,
      x.unitId,
      x.citizenId,
      p.channel,
      p.recipient,
      x.locale,
      t.code,
      t.version,
      m.subject,
      m.body,
      JSON.stringify(x.params),
      x.rule.mandatory,
      status,
      p.reason ?? null,
    ];
    row.forEach((v, i) => cols[i].push(v));
  }
}

/** One insert of every row (arrays unnested: no limit on bound parameters); a dedupe key already there is skipped. */
async function insertRows(tx: Queryable, cols: unknown[][], deferred = false): Promise<number> {
  if (cols[0].length === 0) return 0;
  const sql = `INSERT INTO notifications (dedupe_key, event_id, event_type, dossier_id, dossier_code, unit_id, citizen_id, channel, recipient, locale,
                                template_code, template_version, subject, body, params, mandatory, status, reason, delivered_at)
     SELECT k, ev, et, did, dc, u, cid, ch, rc, lo, tc, tv, sj, bd, pr::jsonb, md, st, rs, CASE WHEN st = 'delivered' THEN now() END
       FROM unnest($1::text[], $2::text[], $3::text[], $4::uuid[], $5::text[], $6::text[], $7::uuid[], $8::text[], $9::text[], $10::text[],
                   $11::text[], $12::int[], $13::text[], $14::text[], $15::text[], $16::boolean[], $17::text[], $18::text[])
            AS r(k, ev, et, did, dc, u, cid, ch, rc, lo, tc, tv, sj, bd, pr, md, st, rs)
     ON CONFLICT (dedupe_key) DO NOTHING`;
  if (deferred) {
    await deferWrite(tx, sql, cols);
    return cols[0].length;
  }
  return (await tx.query(sql, cols)).rowCount;
}

/**
 * A notice of another module's event (a liên thông member's outcome, a PAKN item handled, a life-event suggestion):
 * queued by that module in the transaction of its change, through the same rules (switchable per province and
 * procedure), channel policy, templates and outbox as the dossier events.
 */
export interface Notice {
  /** Unique per event (the dedupe key is `id:channel:recipient`): `lienthong:<handoff id>:accepted` … */
  id: string;
  type: NoticeEventType;
  /** When it happened (ISO): the day the rule is resolved on. */
  at: string;
  citizenId: string | null;
  /** The dossier it belongs to, if any (shown on that dossier's timeline). */
  dossierId: string | null;
  dossierCode: string | null;
  /** The unit concerned: its province decides the switches, and failures show on its page. */
  unitId: string | null;
  /** For a procedure's own switch. */
  procedureCode: string | null;
  /** Contacts given with the request (a confirmed contact on the citizen's profile comes first). */
  phone: string | null;
  email: string | null;
  /** The in-app inbox when there is no citizen account (`feedback:<id>` …). */
  inbox: string;
  locale?: NotificationLocale;
  params: TemplateParams;
}

/** Queues (or records as suppressed) the notifications of other modules' notices, in two statements whatever their number. */
export async function queueNotices(tx: Queryable, notices: readonly Notice[]): Promise<number> {
  const told = notices.filter((n) => DEFAULT_RULES.some((r) => r.event === n.type));
  if (told.length === 0) return 0;
  const citizens = [...new Set(told.flatMap((n) => (n.citizenId ? [n.citizenId] : [])))];
  const units = [...new Set(told.flatMap((n) => (n.unitId ? [n.unitId] : [])))];
  const templates = [...new Set(told.map((n) => DEFAULT_RULES.find((r) => r.event === n.type)?.template ?? ''))];
  const read = (
    await tx.query<{
      citizens: { id: string; opted_out: NotificationChannel[] | null; confirmed_phone: string | null; confirmed_email: string | null }[] | null;
      units: { id: string; province_code: string | null }[] | null;
      switches: SwitchRow[] | null;
      templates: (SavedTemplate & { code: string })[] | null;
    }>(
      `WITH u AS (
         SELECT o.id, CASE WHEN a.level = 'province' THEN a.code ELSE a.parent_code END AS province_code
           FROM org_units o LEFT JOIN admin_units a ON a.code = o.admin_unit_code WHERE o.id = ANY($2::text[]))
       SELECT
         (SELECT json_agg(json_build_object('id', c.id,
                   'opted_out', (SELECT array_agg(p.channel) FROM notification_preferences p WHERE p.citizen_id = c.id AND p.opted_out),
                   'confirmed_phone', (SELECT k.value FROM citizen_contacts k WHERE k.citizen_id = c.id AND k.kind = 'phone'),
                   'confirmed_email', (SELECT k.value FROM citizen_contacts k WHERE k.citizen_id = c.id AND k.kind = 'email')))
            FROM unnest($1::uuid[]) AS c(id)) AS citizens,
         (SELECT json_agg(json_build_object('id', u.id, 'province_code', u.province_code)) FROM u) AS units,
         (SELECT json_agg(json_build_object('province_code', s.province_code, 'event_type', s.event_type, 'procedure_code', s.procedure_code,
                   'enabled', s.enabled, 'effective_from', to_char(s.effective_from, 'YYYY-MM-DD'), 'effective_to', to_char(s.effective_to, 'YYYY-MM-DD')))
            FROM notification_switches s WHERE s.event_type = ANY($3::text[]) AND s.province_code IN (SELECT province_code FROM u)) AS switches,
         (SELECT json_agg(json_build_object('code', t.code, 'channel', t.channel, 'locale', t.locale, 'version', t.version, 'subject', t.subject, 'body', t.body))
            FROM notification_templates t WHERE t.code = ANY($4::text[])) AS templates`,
      [citizens, units, [...new Set(told.map((n) => n.type))], templates],
    )
  ).rows[0];
  const citizen = new Map((read?.citizens ?? []).map((c) => [c.id, c]));
  const province = new Map((read?.units ?? []).map((u) => [u.id, u.province_code]));
  const cols: unknown[][] = Array.from({ length: 18 }, () => []);
  for (const n of told) {
    const c = n.citizenId ? citizen.get(n.citizenId) : undefined;
    const provinceCode = (n.unitId ? province.get(n.unitId) : null) ?? '';
    const switches = (read?.switches ?? [])
      .filter((s) => s.province_code === provinceCode && s.event_type === n.type)
      .map(
        (s): NotificationSwitch => ({
          provinceCode: s.province_code,
          event: n.type,
          procedureCode: s.procedure_code,
          enabled: s.enabled,
          effectiveFrom: s.effective_from,
          effectiveTo: s.effective_to,
        }),
      );
    const rule = resolveRule(n.type, { provinceCode, procedureCode: n.procedureCode ?? '', day: vnDay(n.at) }, switches);
    if (!rule) continue;
    const rawPhone = c?.confirmed_phone ?? n.phone;
    const phone = rawPhone ? normalisePhone(rawPhone) : null;
    const contacts: Contacts = { phone: phone?.mobile ? phone.e164 : null, email: c?.confirmed_email || n.email || null, inbox: n.citizenId ?? n.inbox };
    addRows(cols, {
      eventId: n.id,
      eventType: n.type,
      dossierId: n.dossierId,
      dossierCode: n.dossierCode,
      unitId: n.unitId,
      citizenId: n.citizenId,
      locale: n.locale ?? 'vi',
      params: n.params,
      rule,
      contacts,
      optedOut: new Set<NotificationChannel>(c?.opted_out ?? []),
      saved: (read?.templates ?? []).filter((t) => t.code === rule.template),
    });
  }
  return insertRows(tx, cols);
}
