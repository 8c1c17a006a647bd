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
import { DEFAULT_RULES, resolveRule, type NotificationSwitch } from '../../../core/notifications/rules.ts';
import { render, type NotificationLocale, type TemplateParams } from '../../../core/notifications/templates.ts';
import type { Queryable } from '../../db/database.ts';
import { pickTemplate, type SavedTemplate } from './template-store.ts';

interface DossierContactRow {
  id: string;
  applicant_name: string;
  applicant_phone: string | null;
  applicant_email: string | null;
  owner_citizen_id: string | null;
  procedure_name: string;
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

/** The in-transaction subscriber that queues the notifications of every dossier event. */
export function notificationSubscriber(lookupUrl: string) {
  return async (tx: Queryable, e: DossierEvent): Promise<void> => {
    await queueNotifications(tx, e, lookupUrl);
  };
}

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
export async function queueNotificationsBatch(tx: Queryable, events: readonly DossierEvent[], lookupUrl: string): Promise<number> {
  const told = events.filter((e) => DEFAULT_RULES.some((r) => r.event === e.type));
  if (told.length === 0) return 0; // internal events: nobody is told
  const templates = [...new Set(told.map((e) => DEFAULT_RULES.find((r) => r.event === e.type)?.template ?? ''))];
  const read = (
    await tx.query<{ dossiers: DossierContactRow[] | null; switches: SwitchRow[] | null; templates: (SavedTemplate & { code: string })[] | null }>(
      `WITH d AS (
         SELECT d.id, d.applicant_name, d.applicant_phone, d.applicant_email, d.owner_citizen_id, d.procedure_name, d.applicant->>'locale' AS locale,
                CASE WHEN a.level = 'province' THEN a.code ELSE a.parent_code END AS province_code
           FROM dossiers d LEFT JOIN org_units o ON o.id = d.receiving_unit_id LEFT JOIN admin_units a ON a.code = o.admin_unit_code
          WHERE d.id = ANY($1::uuid[]))
       SELECT
         (SELECT json_agg(json_build_object(
                   'id', d.id, 'applicant_name', d.applicant_name, 'applicant_phone', d.applicant_phone, 'applicant_email', d.applicant_email,
                   'owner_citizen_id', d.owner_citizen_id, 'procedure_name', d.procedure_name, 'locale', d.locale, 'province_code', d.province_code,
                   'opted_out', (SELECT array_agg(p.channel) FROM notification_preferences p WHERE p.citizen_id = d.owner_citizen_id AND p.opted_out),
                   'confirmed_phone', (SELECT c.value FROM citizen_contacts c WHERE c.citizen_id = d.owner_citizen_id AND c.kind = 'phone'),
                   'confirmed_email', (SELECT c.value FROM citizen_contacts c WHERE c.citizen_id = d.owner_citizen_id AND c.kind = 'email')))
            FROM d) AS dossiers,
         (SELECT json_agg(json_build_object('province_code', s.province_code, 'event_type', s.event_type, 'procedure_code', s.procedure_code,
                   'enabled', s.enabled, 'effective_from', to_char(s.effective_from, 'YYYY-MM-DD'), 'effective_to', to_char(s.effective_to, 'YYYY-MM-DD')))
            FROM notification_switches s WHERE s.event_type = ANY($2::text[]) AND s.province_code IN (SELECT province_code FROM d)) AS switches,
         (SELECT json_agg(json_build_object('code', t.code, 'channel', t.channel, 'locale', t.locale, 'version', t.version, 'subject', t.subject, 'body', t.body))
            FROM notification_templates t WHERE t.code = ANY($3::text[])) AS templates`,
      [[...new Set(told.map((e) => e.dossierId))], [...new Set(told.map((e) => e.type))], templates],
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
    const optedOut = new Set<NotificationChannel>(d.opted_out ?? []);
    const locale: NotificationLocale = d.locale === 'en' ? 'en' : 'vi';
    const params = templateParams(e, d, lookupUrl);
    const saved = (read?.templates ?? []).filter((t) => t.code === rule.template);
    for (const p of planNotifications(rule, contacts, optedOut)) {
      const t = pickTemplate(saved, rule.template, p.channel, locale);
      if (!t) continue;
      const m = render(t, params);
      const status = p.state === 'suppressed' ? 'suppressed' : p.channel === 'inapp' ? 'delivered' : 'queued';
      const row = [
        `${e.id}:${p.channel}:${p.recipient}`,
        e.id,
        e.type,
        e.dossierId,
        e.code,
        e.receivingUnitId,
        d.owner_citizen_id,
        p.channel,
        p.recipient,
        locale,
        t.code,
        t.version,
        m.subject,
        m.body,
        JSON.stringify(params),
        rule.mandatory,
        status,
        p.reason ?? null,
      ];
      row.forEach((v, i) => cols[i].push(v));
    }
  }
  if (cols[0].length === 0) return 0;
  const res = await tx.query(
    `INSERT INTO notifications (dedupe_key, event_id, event_type, dossier_id, dossier_code, unit_id, citizen_id, channel, recipient, locale,
                                template_code, template_version, subject, body, params, mandatory, status, reason, delivered_at)
     SELECT k, ev, et, did, dc, u, cid, ch, rc, lo, tc, tv, sj, bd, pr::jsonb, md, st, rs, CASE WHEN st = 'delivered' THEN now() END
       FROM unnest($1::text[], $2::text[], $3::text[], $4::uuid[], $5::text[], $6::text[], $7::uuid[], $8::text[], $9::text[], $10::text[],
                   $11::text[], $12::int[], $13::text[], $14::text[], $15::text[], $16::boolean[], $17::text[], $18::text[])
            AS r(k, ev, et, did, dc, u, cid, ch, rc, lo, tc, tv, sj, bd, pr, md, st, rs)
     ON CONFLICT (dedupe_key) DO NOTHING`,
    cols,
  );
  return res.rowCount;
}
