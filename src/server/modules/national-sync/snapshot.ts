/** Reads what the dossier message carries, in the transaction of the change (the pure builder is in src/core/national-sync). */
import type { DossierSnapshot } from '../../../core/national-sync/payloads.ts';
import type { Queryable } from '../../db/database.ts';
import type { CreatedDossier } from '../dossiers/index.ts';
import { publicFileUrl } from './file-links.ts';

interface Row {
  code: string;
  procedure_code: string;
  procedure_name: string;
  /** Of the procedure version's definition, only what the message carries (the whole definition is ~16 KB of JSON). */
  national_code_known: boolean | null;
  field_code: string | null;
  field_name: string | null;
  channel: number;
  applicant_kind: string;
  applicant_name: string;
  applicant_id_number: string | null;
  applicant_phone: string | null;
  applicant_email: string | null;
  summary: string;
  status: number;
  submitted_at: Date;
  received_at: Date | null;
  due_at: Date | null;
  finished_at: Date | null;
  returned_at: Date | null;
  refused_at: Date | null;
  result_delivery: 'online' | 'counter' | 'post';
  handling_id: string;
  handling_name: string;
  handling_agency: string | null;
  receiving_unit_id: string;
  receiving_agency: string | null;
  vneid_authenticated: boolean;
  population_db_used: boolean;
  paid_online_via: number | null;
  fee_quote: { lines?: { code: string; name: string; kind: string; net: number }[] } | null;
}

interface DocRow {
  id: string;
  requirement_code: string;
  name: string;
  digitised: boolean;
  reused: boolean;
  from_store: boolean;
}
interface ResultRow {
  id: string;
  title: string;
  result_code: string;
  number: string;
}
interface SupplementRow {
  seq: number;
  action: string;
  at: string;
  actor_name: string;
  data: Record<string, unknown>;
}

const feesOf = (quote: Row['fee_quote']): DossierSnapshot['fees'] =>
  (quote?.lines ?? []).map((l) => ({ code: l.code, name: l.name, kind: l.kind, amount: Number(l.net) }));

const documentOf = (d: DocRow, links: { publicUrl: string; secret: string }): DossierSnapshot['documents'][number] => ({
  requirementCode: d.requirement_code,
  name: d.name,
  digitised: d.digitised,
  reused: d.reused,
  fromStore: d.from_store,
  url: publicFileUrl(links.publicUrl, links.secret, 'document', d.id),
});

/** Everything in one statement (one round trip inside the change's transaction): the dossier, its components, results and supplement log. */
export async function loadSnapshot(tx: Queryable, dossierId: string, links: { publicUrl: string; secret: string }): Promise<DossierSnapshot> {
  const r = (
    await tx.query<Row & { docs: DocRow[]; results: ResultRow[]; supplement_log: SupplementRow[] }>(
      `SELECT d.code, d.procedure_code, d.procedure_name, (v.definition->'nationalCodeKnown') = 'true'::jsonb AS national_code_known,
              v.definition->'field'->>'code' AS field_code, v.definition->'field'->>'name' AS field_name, d.channel, d.applicant_kind, d.applicant_name, d.applicant_id_number,
              d.applicant_phone, d.applicant_email, d.summary, d.status, d.submitted_at, d.received_at, d.due_at, d.finished_at, d.returned_at,
              d.refused_at, d.result_delivery, h.id AS handling_id, h.name AS handling_name, h.agency_code AS handling_agency,
              d.receiving_unit_id, ru.agency_code AS receiving_agency, d.vneid_authenticated, d.population_db_used, d.paid_online_via, d.fee_quote,
              (SELECT coalesce(json_agg(json_build_object('id', x.id, 'requirement_code', x.requirement_code, 'name', x.name, 'digitised', x.digitised,
                                                          'reused', x.reused, 'from_store', x.from_store) ORDER BY x.created_at, x.id), '[]')
                 FROM dossier_documents x WHERE x.dossier_id = d.id AND x.sha256 IS NOT NULL) AS docs,
              (SELECT coalesce(json_agg(json_build_object('id', x.id, 'title', x.title, 'result_code', x.result_code, 'number', x.number) ORDER BY x.signed_at), '[]')
                 FROM results x WHERE x.dossier_id = d.id AND x.kind = 'result' AND x.status = 'valid') AS results,
              (SELECT coalesce(json_agg(json_build_object('seq', x.seq, 'action', x.action, 'at', x.at, 'actor_name', x.actor_name, 'data', x.data) ORDER BY x.seq), '[]')
                 FROM dossier_actions x WHERE x.dossier_id = d.id AND x.action IN ('supplement_requested', 'supplement_provided')) AS supplement_log
         FROM dossiers d
         LEFT JOIN procedure_versions v ON v.procedure_code = d.procedure_code AND v.version = d.procedure_version
         JOIN org_units ru ON ru.id = d.receiving_unit_id
         JOIN org_units h ON h.id = COALESCE(d.handling_unit_id, d.competent_unit_id, d.receiving_unit_id)
        WHERE d.id = $1`,
      [dossierId],
    )
  ).rows[0];
  if (!r) throw new Error(`dossier ${dossierId} not found`);
  const docs = r.docs;
  const results = r.results;
  const log = r.supplement_log.map((a) => ({ ...a, at: new Date(a.at) }));
  const supplements: DossierSnapshot['supplements'] = [];
  for (const a of log) {
    if (a.action === 'supplement_requested')
      supplements.push({
        id: `${r.code}-BS${a.seq}`,
        requestedBy: a.actor_name,
        reason: typeof a.data.reason === 'string' ? a.data.reason : '',
        requestedAt: a.at,
        suppliedAt: null,
        dueBefore: null,
        dueAfter: null,
      });
    else {
      const open = supplements.findLast((s) => !s.suppliedAt);
      if (open) {
        open.suppliedAt = a.at;
        if (typeof a.data.dueBefore === 'string') open.dueBefore = new Date(a.data.dueBefore);
        if (typeof a.data.dueAfter === 'string') open.dueAfter = new Date(a.data.dueAfter);
      }
    }
  }
  const paid = Number(r.paid_online_via ?? 0);
  return {
    code: r.code,
    procedure: {
      code: r.procedure_code,
      name: r.procedure_name,
      nationalCodeKnown: r.national_code_known === true,
      fieldCode: r.field_code ?? '',
      fieldName: r.field_name ?? '',
    },
    channel: (r.channel === 2 || r.channel === 3 ? r.channel : 1) as 1 | 2 | 3,
    applicant: { kind: r.applicant_kind, name: r.applicant_name, idNumber: r.applicant_id_number, phone: r.applicant_phone, email: r.applicant_email },
    summary: r.summary,
    status: r.status,
    submittedAt: r.submitted_at,
    receivedAt: r.received_at,
    dueAt: r.due_at,
    finishedAt: r.finished_at,
    returnedAt: r.returned_at,
    refusedAt: r.refused_at,
    resultDelivery: r.result_delivery,
    handlingUnit: { id: r.handling_id, name: r.handling_name, agencyCode: r.handling_agency },
    receivingUnit: { id: r.receiving_unit_id, agencyCode: r.receiving_agency },
    vneidAuthenticated: r.vneid_authenticated,
    populationDbUsed: r.population_db_used,
    paidOnlineVia: paid === 1 || paid === 2 ? paid : 0,
    fees: feesOf(r.fee_quote),
    documents: docs.map((d) => documentOf(d, links)),
    supplements,
    results: results.map((x) => ({
      id: x.id,
      title: x.title,
      resultCode: x.result_code,
      number: x.number,
      url: publicFileUrl(links.publicUrl, links.secret, 'result', x.id),
    })),
  };
}

/**
 * The snapshot of a dossier just created, from what the creation path knows (no read inside the transaction; issue
 * 17): the same values loadSnapshot would read back — documents in the same order (by id: they share one creation
 * time), no results nor supplements yet. Null when the caller gave no procedure version and organisation (`known`),
 * or a unit is not in the tree: then loadSnapshot reads.
 */
export function snapshotOfCreated(c: CreatedDossier, links: { publicUrl: string; secret: string }): DossierSnapshot | null {
  const n = c.dossier;
  if (!n.known || !n.code) return null;
  const units = n.known.tree.units;
  const receiving = units.get(n.receivingUnitId);
  const handling = units.get(n.competentUnitId ?? n.receivingUnitId);
  if (!receiving || !handling) return null;
  const definition = n.known.version.definition as unknown as { nationalCodeKnown?: unknown; field?: { code?: unknown; name?: unknown } };
  const documents = n.documents
    .map(
      (d, i): DocRow => ({
        id: c.documentIds[i],
        requirement_code: d.requirementCode,
        name: d.name,
        digitised: true,
        reused: d.source === 'store',
        from_store: d.source === 'store',
      }),
    )
    .sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0))
    .map((d) => documentOf(d, links));
  return {
    code: n.code,
    procedure: {
      code: n.procedureCode,
      name: n.procedureName,
      nationalCodeKnown: definition.nationalCodeKnown === true,
      fieldCode: typeof definition.field?.code === 'string' ? definition.field.code : '',
      fieldName: typeof definition.field?.name === 'string' ? definition.field.name : '',
    },
    channel: n.channel,
    applicant: {
      kind: 'citizen',
      name: n.applicant.fullName,
      idNumber: n.applicant.idNumber,
      phone: n.applicant.phone ?? null,
      email: n.applicant.email ?? null,
    },
    summary: n.summary,
    status: 1,
    submittedAt: n.submittedAt,
    receivedAt: null,
    dueAt: null,
    finishedAt: null,
    returnedAt: null,
    refusedAt: null,
    resultDelivery: n.resultDelivery,
    handlingUnit: { id: handling.id, name: handling.name, agencyCode: handling.agencyCode },
    receivingUnit: { id: receiving.id, agencyCode: receiving.agencyCode },
    vneidAuthenticated: n.vneidAuthenticated,
    populationDbUsed: n.populationDbUsed,
    paidOnlineVia: 0,
    fees: feesOf(n.feeQuote as Row['fee_quote']),
    documents,
    supplements: [],
    results: [],
  };
}
