/** Reading bundles: the citizen's, one by either code, an official's search, the evidence of a hand-off, escalations. */
import type { BundleView } from '../../../contract/lienthong.ts';
import type { Queryable } from '../../db/database.ts';
import { AppError, notFound } from '../../http/errors.ts';
import { lookupSecretMatches } from '../dossiers/index.ts';

interface BundleRow {
  id: string;
  bundle_code: string;
  type_code: string;
  type_name: string;
  state: BundleView['state'];
  parent_dossier_id: string;
  parent_code: string;
  created_at: Date;
  receiving_unit_id: string;
  owner_citizen_id: string | null;
  applicant_id_number: string;
}

const iso = (d: Date | string | null) => (d ? new Date(d).toISOString() : null);

interface MemberViewRow {
  member_key: string;
  name: string;
  agency_code: string;
  agency_name: string;
  adapter: string;
  depends_on: string[];
  state: BundleView['members'][number]['state'];
  dossier_id: string;
  dossier_code: string;
  result: { number?: string | null; reference?: string | null; issuedAt?: string | null } | null;
  status: number;
  due_at: string | null;
}

interface HandoffViewRow {
  id: string;
  member_key: string;
  attempt: number;
  adapter: string;
  state: 'requested' | 'accepted' | 'rejected';
  requested_at: string;
  answered_at: string | null;
  answer_due_at: string;
  reference: string | null;
  reason: string | null;
  escalated_at: string | null;
}

/**
 * The bundle as its citizen, an official or the public sees it. Its state, its parent, its members and their
 * hand-offs are read in one statement, so they come from one snapshot: a member shown with its result is never shown
 * beside the bundle's state from before that result (the same transaction writes both).
 */
export async function bundleView(db: Queryable, b: BundleRow): Promise<BundleView> {
  const now = (
    await db.query<{ state: BundleView['state']; parent_status: number; parent_due_at: Date | null; members: MemberViewRow[]; handoffs: HandoffViewRow[] }>(
      `SELECT b.state, p.status AS parent_status, p.due_at AS parent_due_at,
              COALESCE((SELECT json_agg(x ORDER BY x.position) FROM (
                 SELECT m.position, m.member_key, m.name, m.agency_code, m.agency_name, m.adapter, m.depends_on, m.state, m.dossier_id,
                        d.code AS dossier_code, m.result, d.status, d.due_at
                   FROM lienthong_members m JOIN dossiers d ON d.id = m.dossier_id WHERE m.bundle_id = b.id) x), '[]') AS members,
              COALESCE((SELECT json_agg(h ORDER BY h.attempt) FROM (
                 SELECT id, member_key, attempt, adapter, state, requested_at, answered_at, answer_due_at, reference, reason, escalated_at
                   FROM lienthong_handoffs WHERE bundle_id = b.id) h), '[]') AS handoffs
         FROM lienthong_bundles b JOIN dossiers p ON p.id = b.parent_dossier_id WHERE b.id = $1`,
      [b.id],
    )
  ).rows[0];
  if (!now) throw notFound('Không tìm thấy hồ sơ liên thông.');
  const { members, handoffs } = now;
  return {
    id: b.id,
    bundleCode: b.bundle_code,
    typeCode: b.type_code,
    typeName: b.type_name,
    state: now.state,
    parent: { dossierId: b.parent_dossier_id, code: b.parent_code, status: now.parent_status, dueAt: iso(now.parent_due_at) },
    createdAt: new Date(b.created_at).toISOString(),
    members: members.map((m) => ({
      key: m.member_key,
      name: m.name,
      agency: { code: m.agency_code, name: m.agency_name },
      adapter: m.adapter,
      dependsOn: m.depends_on,
      state: m.state,
      dossierId: m.dossier_id,
      dossierCode: m.dossier_code,
      status: m.status,
      dueAt: iso(m.due_at),
      result: m.result ? { number: m.result.number ?? null, reference: m.result.reference ?? null, issuedAt: m.result.issuedAt ?? null } : null,
      handoffs: handoffs
        .filter((h) => h.member_key === m.member_key)
        .map((h) => ({
          id: h.id,
          attempt: h.attempt,
          adapter: h.adapter,
          state: h.state,
          requestedAt: new Date(h.requested_at).toISOString(),
          answeredAt: iso(h.answered_at),
          answerDueAt: new Date(h.answer_due_at).toISOString(),
          reference: h.reference,
          reason: h.reason,
          escalated: h.escalated_at !== null,
        })),
    })),
  };
}

/** The bundle by its own code, the parent's code or any member's code. */
export async function findByCode(db: Queryable, code: string): Promise<BundleRow | null> {
  const c = code.trim().toUpperCase();
  const { rows } = await db.query<BundleRow>(
    `SELECT b.* FROM lienthong_bundles b
      WHERE b.bundle_code = $1 OR b.parent_code = $1 OR b.id IN (SELECT m.bundle_id FROM lienthong_members m WHERE m.dossier_code = $1)
      LIMIT 1`,
    [c],
  );
  return rows[0] ?? null;
}

export async function loadBundle(db: Queryable, id: string): Promise<BundleRow> {
  const b = (await db.query<BundleRow>('SELECT * FROM lienthong_bundles WHERE id = $1', [id])).rows[0];
  if (!b) throw notFound('Không tìm thấy hồ sơ liên thông.');
  return b;
}

export async function citizenBundles(db: Queryable, citizen: { id: string; idNumber: string }): Promise<BundleView[]> {
  const { rows } = await db.query<BundleRow>(
    'SELECT * FROM lienthong_bundles WHERE owner_citizen_id = $1 OR applicant_id_number = $2 ORDER BY created_at DESC LIMIT 50',
    [citizen.id, citizen.idNumber],
  );
  return Promise.all(rows.map((b) => bundleView(db, b)));
}

export async function citizenBundle(db: Queryable, citizen: { id: string; idNumber: string }, id: string): Promise<BundleView> {
  const b = await loadBundle(db, id);
  if (b.owner_citizen_id !== citizen.id && b.applicant_id_number !== citizen.idNumber) throw notFound('Không tìm thấy hồ sơ liên thông.');
  return bundleView(db, b);
}

/** The public lookup (no personal data in the view): either code and the last 4 digits of the phone or ID number. */
export async function publicBundleLookup(db: Queryable, code: string, last4: string): Promise<BundleView> {
  const b = await findByCode(db, code);
  const applicant = b
    ? (
        await db.query<{ applicant_phone: string | null; applicant_id_number: string }>(
          'SELECT applicant_phone, applicant_id_number FROM dossiers WHERE id = $1',
          [b.parent_dossier_id],
        )
      ).rows[0]
    : null;
  if (!b || !applicant || !lookupSecretMatches(last4, { phone: applicant.applicant_phone, idNumber: applicant.applicant_id_number }))
    throw new AppError('BUNDLE_LOOKUP_FAILED', 'Không tìm thấy hồ sơ liên thông với mã và 4 chữ số đã nhập. Vui lòng kiểm tra lại.', 404);
  return bundleView(db, b);
}
