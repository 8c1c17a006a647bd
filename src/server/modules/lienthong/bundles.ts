/**
 * Bundles as the dossier event stream drives them, inside the transaction of each event (an in-transaction
 * subscriber, AppContext.dossierSubscribers):
 *
 * - the parent procedure of a bundle type in force is submitted → the bundle (its own code beside the parent's),
 *   one member dossier per agency (createDossier: the one creation path), the parent received by the bundle
 *   (record_linked_receipt), and a hand-off for every external member whose dependencies are met;
 * - a member's result (issued here, or recorded from its agency) → the member is done, the members waiting for it
 *   get their hand-off, and when every member is done the parent records the bundle's result (record_linked_result);
 * - a member refused, stopped or withdrawn → failed (the bundle is partially done; results already issued stay).
 */
import crypto from 'node:crypto';
import type { DossierEvent } from '../../../core/dossiers/events.ts';
import { vnDateStamp } from '../../../core/dossiers/code.ts';
import {
  bundleForProcedure,
  bundleState,
  dependenciesMet,
  memberValues,
  selectMembers,
  type BundleMember,
  type BundleType,
  type MemberResult,
  type MemberState,
} from '../../../core/lienthong/bundle-types.ts';
import type { AppContext } from '../../context.ts';
import type { Queryable } from '../../db/database.ts';
import { createDossier, drawNumberDuring, reserveDossierCodeDuring, transition, type DossierRow } from '../dossiers/index.ts';
import { envIn, LIENTHONG_ACTOR } from './env.ts';
import { getVersion } from '../catalogue/index.ts';
import { orgTree, routeUnits } from '../officials/index.ts';
import { loadCalendar } from '../reference/index.ts';
import { requestHandoff } from './handoffs.ts';
import { bundleEnabled, bundleTypes } from './types.ts';

/** The subscriber, bound to the context (which holds the list of subscribers itself). */
export function lienthongSubscriber(context: () => AppContext) {
  return async (tx: Queryable, event: DossierEvent, _before: DossierRow | null): Promise<void> => {
    if (event.type === 'submitted') return createBundle(tx, context(), event);
    if (event.type === 'result_issued' || event.type === 'linked_result_recorded') return memberFinished(tx, context(), event, 'done');
    if (event.type === 'refused' || event.type === 'stopped' || event.type === 'withdrawal_requested') return memberFinished(tx, context(), event, 'failed');
  };
}

interface ParentRow {
  id: string;
  code: string;
  form_values: Record<string, unknown>;
  applicant: { fullName: string; idNumber: string; phone?: string; email?: string; address?: unknown };
  owner_citizen_id: string | null;
  applicant_id_number: string;
  receiving_unit_id: string;
  channel: number;
  result_delivery: string;
  submitted_at: Date;
  vneid_authenticated: boolean;
  population_db_used: boolean;
}

async function createBundle(tx: Queryable, ctx: AppContext, event: DossierEvent): Promise<void> {
  const at = new Date(event.at);
  const type = bundleForProcedure(bundleTypes(), event.procedure.code, at);
  if (!type || !(await bundleEnabled(tx, type))) return;
  const parent = (
    await tx.query<ParentRow>(
      `SELECT id, code, form_values, applicant, owner_citizen_id, applicant_id_number, receiving_unit_id, channel, result_delivery,
              submitted_at, vneid_authenticated, population_db_used FROM dossiers WHERE id = $1`,
      [event.dossierId],
    )
  ).rows[0];
  const form = parent.form_values ?? {};
  const bundleId = crypto.randomUUID();
  // The bundle's number of the day, drawn outside the submission's transaction on PostgreSQL (drawNumberDuring).
  const bundleDay = vnDateStamp(at);
  const bundleCode = `${type.codePrefix}-${bundleDay}-${String(await drawNumberDuring(ctx.db, tx, type.codePrefix, bundleDay)).padStart(4, '0')}`;
  await tx.query(
    `INSERT INTO lienthong_bundles (id, type_code, type_version, type_name, bundle_code, parent_dossier_id, parent_code, owner_citizen_id,
       applicant_id_number, receiving_unit_id, state, created_at, updated_at)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, 'open', $11, $11)`,
    [
      bundleId,
      type.code,
      type.version,
      type.name,
      bundleCode,
      parent.id,
      event.code,
      parent.owner_citizen_id,
      parent.applicant_id_number,
      parent.receiving_unit_id,
      at,
    ],
  );
  const unit = (
    await tx.query<{ agency_code: string; admin_unit_code: string }>('SELECT agency_code, admin_unit_code FROM org_units WHERE id = $1', [
      parent.receiving_unit_id,
    ])
  ).rows[0];
  const siblings = (
    await tx.query<{ id: string; kind: string }>('SELECT id, kind FROM org_units WHERE admin_unit_code = $1 AND effective_to IS NULL ORDER BY id', [
      unit.admin_unit_code,
    ])
  ).rows;
  const unitOfKind = (kind?: string) => (kind ? (siblings.find((s) => s.kind === kind)?.id ?? null) : null);
  const documents = (
    await tx.query<{
      requirement_code: string;
      upload_id: string | null;
      store_document_id: string | null;
      sha256: string;
      name: string;
      mime: string;
      size: number;
    }>('SELECT requirement_code, upload_id, store_document_id, sha256, name, mime, size FROM dossier_documents WHERE dossier_id = $1 ORDER BY created_at', [
      parent.id,
    ])
  ).rows;
  const tree = await orgTree(tx);
  const members = selectMembers(type, form);
  const parentIsMember = members.some((m) => isParentMember(type, m));

  let position = 0;
  for (const member of members) {
    position++;
    const values = memberValues(member, form);
    let dossierId: string;
    let dossierCode: string;
    if (isParentMember(type, member)) {
      dossierId = parent.id;
      dossierCode = event.code;
    } else {
      dossierId = crypto.randomUUID();
      const local = member.adapter === 'local';
      const competent = unitOfKind(member.agency.unitKind);
      let procedureName = member.name;
      let version = 1;
      let unitIds = [parent.receiving_unit_id, ...(competent ? [competent] : [])];
      if (local) {
        const v = await currentVersion(tx, member.procedureCode);
        version = v.version;
        procedureName = v.definition.name;
        const steps = v.definition.cases.find((c) => c.code === member.caseCode)?.workflow ?? [];
        unitIds = routeUnits(tree, steps, { receivingUnitId: parent.receiving_unit_id, competentUnitId: competent });
      }
      // The member's number is drawn outside the transaction (PostgreSQL), as for online and counter submissions.
      const code = await reserveDossierCodeDuring(ctx.db, tx, unit.agency_code, at);
      const created = await createDossier(tx, ctx, {
        id: dossierId,
        code,
        procedureCode: member.procedureCode,
        procedureVersion: version,
        caseCode: member.caseCode,
        procedureName,
        channel: (parent.channel === 1 || parent.channel === 3 ? parent.channel : 2) as 1 | 2 | 3,
        subState: local ? 'waiting_reception' : 'linked',
        ownerCitizenId: parent.owner_citizen_id,
        applicant: parent.applicant,
        resultDelivery: parent.result_delivery as 'online' | 'counter' | 'post',
        summary: `${member.name} — hồ sơ liên thông ${bundleCode}`,
        values,
        provenance: { lienthong: { bundleCode, parentCode: event.code, member: member.key } },
        receivingUnitId: parent.receiving_unit_id,
        agencyCode: unit.agency_code,
        competentUnitId: competent,
        unitIds,
        submittedAt: at,
        feeQuote: null,
        feeTotal: member.fee,
        vneidAuthenticated: parent.vneid_authenticated,
        populationDbUsed: parent.population_db_used,
        documents: local
          ? documents.map((d) => ({
              requirementCode: d.requirement_code,
              ...(d.store_document_id ? { storeDocumentId: d.store_document_id } : { uploadId: d.upload_id ?? undefined }),
              sha256: d.sha256,
              name: d.name,
              mime: d.mime,
              size: Number(d.size),
              source: d.store_document_id ? ('store' as const) : ('upload' as const),
            }))
          : [],
        submittedBy: { kind: 'citizen', id: event.actor.id, name: event.actor.name, role: 'applicant' },
        log: { lienthong: { bundleCode, parentCode: event.code, parentDossierId: parent.id, member: member.key, agency: member.agency } },
      });
      if (!created) throw new Error(`member dossier ${member.key} of ${bundleCode} not created`);
      dossierCode = created.code;
    }
    const state: MemberState = member.adapter === 'local' ? 'processing' : dependenciesMet(member, {}) ? 'handed_off' : 'waiting';
    await tx.query(
      `INSERT INTO lienthong_members (bundle_id, member_key, position, name, procedure_code, agency_code, agency_name, adapter, depends_on,
         dossier_id, dossier_code, state, member_values, updated_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14)`,
      [
        bundleId,
        member.key,
        position,
        member.name,
        member.procedureCode,
        member.agency.code,
        member.agency.name,
        member.adapter,
        member.dependsOn,
        dossierId,
        dossierCode,
        state,
        values,
        at,
      ],
    );
    if (state === 'handed_off') await requestHandoff(tx, { bundleId, bundleCode, member, dossierCode, values, at, calendar: await loadCalendar(tx) });
  }
  if (!parentIsMember) {
    const env = await envIn(tx, ctx, { procedure_code: event.procedure.code, procedure_version: event.procedure.version, case_code: event.procedure.caseCode });
    await transition(
      tx,
      env,
      parent.id,
      {
        action: 'record_linked_receipt',
        agency: { code: 'LIENTHONG', name: LIENTHONG_ACTOR.name },
        bundleCode,
        timeLimit: { amount: env.rules.timeLimit.amount, unit: env.rules.timeLimit.unit === 'working_hours' ? 'working_hours' : 'working_days' },
      },
      LIENTHONG_ACTOR,
    );
  }
}

/** A local member whose procedure is the parent's own is served by the parent dossier (no second dossier). */
function isParentMember(type: BundleType, m: BundleMember): boolean {
  return m.adapter === 'local' && m.procedureCode === type.parentProcedureCode;
}

async function currentVersion(tx: Queryable, code: string) {
  const { rows } = await tx.query<{ version: number }>("SELECT version FROM procedure_versions WHERE procedure_code = $1 AND status = 'active'", [code]);
  if (!rows[0]) throw new Error(`procedure ${code} has no active version`);
  return getVersion(tx, code, rows[0].version);
}

interface MemberRow {
  bundle_id: string;
  member_key: string;
  state: MemberState;
  dossier_id: string;
  dossier_code: string;
  result: MemberResult | null;
  adapter: string;
}

async function memberFinished(tx: Queryable, ctx: AppContext, event: DossierEvent, outcome: 'done' | 'failed'): Promise<void> {
  const mine = (await tx.query<MemberRow>('SELECT * FROM lienthong_members WHERE dossier_id = $1 FOR UPDATE', [event.dossierId])).rows;
  if (mine.length === 0) return;
  const at = new Date(event.at);
  for (const m of mine) {
    if (m.state === 'done' || m.state === 'failed') continue;
    const data = event.data as { result?: { number?: string }; linked?: { reference?: string; resultNumber?: string } };
    const result: MemberResult | null =
      outcome === 'done'
        ? { number: data.result?.number ?? data.linked?.resultNumber ?? null, reference: data.linked?.reference ?? event.code, issuedAt: event.at }
        : null;
    await tx.query('UPDATE lienthong_members SET state = $3, result = $4, updated_at = $5 WHERE bundle_id = $1 AND member_key = $2', [
      m.bundle_id,
      m.member_key,
      outcome,
      result,
      at,
    ]);
    await advanceBundle(tx, ctx, m.bundle_id, at);
  }
}

/** Hands over the members whose dependencies are now met; records the bundle's state and, when all is done, its result. */
async function advanceBundle(tx: Queryable, ctx: AppContext, bundleId: string, at: Date): Promise<void> {
  const bundle = (
    await tx.query<{ id: string; type_code: string; type_version: number; bundle_code: string; parent_dossier_id: string; state: string }>(
      'SELECT id, type_code, type_version, bundle_code, parent_dossier_id, state FROM lienthong_bundles WHERE id = $1 FOR UPDATE',
      [bundleId],
    )
  ).rows[0];
  const type = bundleTypes().find((t) => t.code === bundle.type_code && t.version === bundle.type_version);
  if (!type) throw new Error(`bundle type ${bundle.type_code} v${bundle.type_version} is no longer in data/lienthong`);
  const rows = (await tx.query<MemberRow>('SELECT * FROM lienthong_members WHERE bundle_id = $1 ORDER BY position', [bundleId])).rows;
  const results: Record<string, MemberResult> = {};
  for (const r of rows) if (r.state === 'done' && r.result) results[r.member_key] = r.result;
  const parent = (await tx.query<{ form_values: Record<string, unknown> }>('SELECT form_values FROM dossiers WHERE id = $1', [bundle.parent_dossier_id]))
    .rows[0];
  for (const r of rows) {
    if (r.state !== 'waiting') continue;
    const member = type.members.find((m) => m.key === r.member_key)!;
    if (member.dependsOn.some((d) => rows.find((x) => x.member_key === d)?.state === 'failed')) {
      await tx.query("UPDATE lienthong_members SET state = 'failed', updated_at = $3 WHERE bundle_id = $1 AND member_key = $2", [bundleId, r.member_key, at]);
      r.state = 'failed';
      continue;
    }
    if (!dependenciesMet(member, results)) continue;
    const values = memberValues(member, parent.form_values ?? {}, results);
    await tx.query("UPDATE lienthong_members SET state = 'handed_off', member_values = $3, updated_at = $4 WHERE bundle_id = $1 AND member_key = $2", [
      bundleId,
      r.member_key,
      values,
      at,
    ]);
    r.state = 'handed_off';
    await requestHandoff(tx, { bundleId, bundleCode: bundle.bundle_code, member, dossierCode: r.dossier_code, values, at, calendar: await loadCalendar(tx) });
  }
  const state = bundleState(rows.map((r) => r.state));
  if (state === bundle.state) return;
  await tx.query('UPDATE lienthong_bundles SET state = $2, updated_at = $3 WHERE id = $1', [bundleId, state, at]);
  const parentIsMember = rows.some((r) => r.dossier_id === bundle.parent_dossier_id);
  if (state === 'done' && !parentIsMember) {
    const head = (
      await tx.query<{ procedure_code: string; procedure_version: number; case_code: string; status: number }>(
        'SELECT procedure_code, procedure_version, case_code, status FROM dossiers WHERE id = $1',
        [bundle.parent_dossier_id],
      )
    ).rows[0];
    if (head.status !== 2 && head.status !== 4) return;
    await transition(
      tx,
      await envIn(tx, ctx, head),
      bundle.parent_dossier_id,
      { action: 'record_linked_result', agency: { code: 'LIENTHONG', name: LIENTHONG_ACTOR.name }, bundleCode: bundle.bundle_code },
      LIENTHONG_ACTOR,
    );
  }
}
