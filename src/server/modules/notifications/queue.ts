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
  applicant_name: string;
  applicant_phone: string | null;
  applicant_email: string | null;
  owner_citizen_id: string | null;
  procedure_name: string;
  locale: string | null;
  province_code: string | null;
}

interface SwitchRow {
  procedure_code: string | null;
  enabled: boolean;
  effective_from: string;
  effective_to: string | null;
}

const vnDate = (iso: string) =>
  new Intl.DateTimeFormat('vi-VN', { timeZone: 'Asia/Ho_Chi_Minh', day: '2-digit', month: '2-digit', year: 'numeric' }).format(new Date(iso));
const vnDay = (iso: string) => new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Ho_Chi_Minh' }).format(new Date(iso));

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
export async function queueNotifications(tx: Queryable, e: DossierEvent, lookupUrl: string): Promise<number> {
  const template = DEFAULT_RULES.find((r) => r.event === e.type)?.template;
  if (!template) return 0; // an internal event: nobody is told
  // One read for everything the decision needs: contacts, province, the province's switches, opt-outs, saved templates.
  const d = (
    await tx.query<DossierContactRow & { switches: SwitchRow[] | null; opted_out: NotificationChannel[] | null; templates: SavedTemplate[] | null }>(
      `WITH d AS (
         SELECT d.applicant_name, d.applicant_phone, d.applicant_email, d.owner_citizen_id, d.procedure_name, d.applicant->>'locale' AS locale,
                CASE WHEN a.level = 'province' THEN a.code ELSE a.parent_code END AS province_code
           FROM dossiers d LEFT JOIN org_units o ON o.id = d.receiving_unit_id LEFT JOIN admin_units a ON a.code = o.admin_unit_code
          WHERE d.id = $1)
       SELECT d.*,
              (SELECT json_agg(json_build_object('procedure_code', s.procedure_code, 'enabled', s.enabled,
                        'effective_from', to_char(s.effective_from, 'YYYY-MM-DD'), 'effective_to', to_char(s.effective_to, 'YYYY-MM-DD')))
                 FROM notification_switches s WHERE s.province_code = d.province_code AND s.event_type = $2) AS switches,
              (SELECT array_agg(p.channel) FROM notification_preferences p WHERE p.citizen_id = d.owner_citizen_id AND p.opted_out) AS opted_out,
              (SELECT json_agg(json_build_object('channel', t.channel, 'locale', t.locale, 'version', t.version, 'subject', t.subject, 'body', t.body))
                 FROM notification_templates t WHERE t.code = $3) AS templates
         FROM d`,
      [e.dossierId, e.type, template],
    )
  ).rows[0];
  if (!d) return 0;
  const switches = (d.switches ?? []).map(
    (s): NotificationSwitch => ({
      provinceCode: d.province_code ?? '',
      event: e.type,
      procedureCode: s.procedure_code,
      enabled: s.enabled,
      effectiveFrom: s.effective_from,
      effectiveTo: s.effective_to,
    }),
  );
  const rule = resolveRule(e.type, { provinceCode: d.province_code ?? '', procedureCode: e.procedure.code, day: vnDay(e.at) }, switches);
  if (!rule) return 0;
  const phone = d.applicant_phone ? normalisePhone(d.applicant_phone) : null;
  const contacts: Contacts = {
    phone: phone?.mobile ? phone.e164 : null,
    email: d.applicant_email || null,
    inbox: d.owner_citizen_id ?? `dossier:${e.dossierId}`,
  };
  const optedOut = new Set<NotificationChannel>(d.opted_out ?? []);
  const locale: NotificationLocale = d.locale === 'en' ? 'en' : 'vi';
  const params = templateParams(e, d, lookupUrl);
  const planned = planNotifications(rule, contacts, optedOut);
  const values: unknown[] = [];
  const tuples: string[] = [];
  for (const p of planned) {
    const t = pickTemplate(d.templates ?? [], rule.template, p.channel, locale);
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
      params,
      rule.mandatory,
      status,
      p.reason ?? null,
    ];
    const base = values.length;
    values.push(...row);
    tuples.push(`(${row.map((_, i) => `$${base + i + 1}`).join(', ')}, CASE WHEN $${base + 17} = 'delivered' THEN now() END)`);
  }
  if (tuples.length === 0) return 0;
  const res = await tx.query(
    `INSERT INTO notifications (dedupe_key, event_id, event_type, dossier_id, dossier_code, unit_id, citizen_id, channel, recipient, locale,
                                template_code, template_version, subject, body, params, mandatory, status, reason, delivered_at)
     VALUES ${tuples.join(', ')} ON CONFLICT (dedupe_key) DO NOTHING`,
    values,
  );
  return res.rowCount;
}
