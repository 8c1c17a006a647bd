/**
 * The household coverage register: villages and residential groups of a commune, its households (head and members)
 * imported from the population database through the PopulationAdapter, the evidence of each person's digital skills,
 * and who serves which area. Helpers are officials holding `community_helper` with rows in community_helper_areas.
 */
import type { FastifyRequest } from 'fastify';
import { areaId, areaOfAddress } from '../../../core/community/areas.ts';
import { householdCovered, isAdult, type Member, type Skill, usesOnlineServices } from '../../../core/community/coverage.ts';
import type { AppContext } from '../../context.ts';
import type { Queryable } from '../../db/database.ts';
import { type OfficialActor, requireActor } from '../../http/actor.ts';
import { AppError } from '../../http/errors.ts';
import { loadStaff } from '../officials/index.ts';

export interface Helper {
  actor: OfficialActor;
  areaIds: string[];
}

/** Roles that read the dashboards of every area (the commune's leadership and oversight). */
export const DASHBOARD_ROLES = new Set(['leader', 'unit_admin', 'supervisor', 'system_admin']);

/** The helper behind the request (authority read fresh), with the areas they serve. */
export async function requireHelper(ctx: AppContext, req: FastifyRequest): Promise<Helper> {
  const a = requireActor(req);
  if (a.kind !== 'official') throw new AppError('FORBIDDEN', 'Chức năng dành cho thành viên Tổ công nghệ số cộng đồng.', 403);
  const staff = await loadStaff(ctx, a);
  if (!staff) throw new AppError('UNAUTHENTICATED', 'Tài khoản không còn hoạt động. Vui lòng đăng nhập lại.', 401);
  if (!staff.actor.roles.includes('community_helper')) throw new AppError('FORBIDDEN', 'Chức năng dành cho thành viên Tổ công nghệ số cộng đồng.', 403);
  const areaIds = (
    await ctx.db.query<{ area_id: string }>('SELECT area_id FROM community_helper_areas WHERE official_id = $1 ORDER BY area_id', [a.id])
  ).rows.map((r) => r.area_id);
  return { actor: staff.actor, areaIds };
}

/** An official who reads the dashboards. */
export async function requireSupervisor(ctx: AppContext, req: FastifyRequest): Promise<OfficialActor> {
  const a = requireActor(req);
  if (a.kind !== 'official') throw new AppError('FORBIDDEN', 'Chức năng dành cho lãnh đạo, cán bộ giám sát.', 403);
  const staff = await loadStaff(ctx, a);
  if (!staff) throw new AppError('UNAUTHENTICATED', 'Tài khoản không còn hoạt động. Vui lòng đăng nhập lại.', 401);
  if (!staff.actor.roles.some((r) => DASHBOARD_ROLES.has(r))) throw new AppError('FORBIDDEN', 'Chức năng dành cho lãnh đạo, cán bộ giám sát.', 403);
  return staff.actor;
}

export function requireArea(helper: Helper, area: string): void {
  if (!helper.areaIds.includes(area)) throw new AppError('COMMUNITY_AREA_FORBIDDEN', 'Bạn không được phân công hỗ trợ thôn, tổ dân phố này.', 403);
}

/**
 * Imports (or refreshes) a commune's households from the population database: areas from the address lines, then
 * households and members. Households whose address names no village go to the area "Khác" of the commune.
 * Returns the counts written.
 */
export async function importHouseholds(
  ctx: Pick<AppContext, 'db' | 'population'>,
  communeCode: string,
  actorId: string,
): Promise<{ areas: number; households: number; members: number }> {
  const listing = await ctx.population.householdsInCommune(communeCode, { actorKind: 'system', actorId, purpose: 'community:household-register' });
  const areas = new Map<string, { kind: string; name: string }>();
  const households: unknown[][] = [];
  const members: unknown[][] = [];
  for (const h of listing) {
    const parsed = areaOfAddress(h.diaChi.chiTiet) ?? { kind: 'khac' as const, name: 'Khác' };
    const id = areaId(communeCode, parsed.name);
    areas.set(id, parsed);
    households.push([h.soSoHoKhau, id, h.diaChi.chiTiet, h.chuHo]);
    for (const m of h.members) members.push([m.soDinhDanh, h.soSoHoKhau, m.hoTen, m.ngaySinh, m.quanHeVoiChuHo, m.soDienThoai ?? null]);
  }
  await ctx.db.transaction(async (tx) => {
    for (const [id, a] of areas)
      await tx.query('INSERT INTO community_areas (id, commune_code, kind, name) VALUES ($1, $2, $3, $4) ON CONFLICT (id) DO NOTHING', [
        id,
        communeCode,
        a.kind,
        a.name,
      ]);
    for (let i = 0; i < households.length; i += 500) {
      const batch = households.slice(i, i + 500);
      await tx.query(
        `INSERT INTO community_households (household_no, area_id, address, head_id)
         SELECT * FROM unnest($1::text[], $2::text[], $3::text[], $4::text[])
         ON CONFLICT (household_no) DO UPDATE SET area_id = EXCLUDED.area_id, address = EXCLUDED.address, head_id = EXCLUDED.head_id, imported_at = now()`,
        [0, 1, 2, 3].map((k) => batch.map((r) => r[k])),
      );
    }
    for (let i = 0; i < members.length; i += 1000) {
      const batch = members.slice(i, i + 1000);
      await tx.query(
        `INSERT INTO community_household_members (id_number, household_no, full_name, birth_date, relation, phone)
         SELECT * FROM unnest($1::text[], $2::text[], $3::text[], $4::date[], $5::text[], $6::text[])
         ON CONFLICT (id_number) DO UPDATE SET household_no = EXCLUDED.household_no, full_name = EXCLUDED.full_name,
           birth_date = EXCLUDED.birth_date, relation = EXCLUDED.relation, phone = EXCLUDED.phone`,
        [0, 1, 2, 3, 4, 5].map((k) => batch.map((r) => r[k])),
      );
    }
  });
  return { areas: areas.size, households: households.length, members: members.length };
}

/** Records evidence of skills for a person (idempotent on person, skill, source, dossier and visit). */
export async function recordEvidence(
  q: Queryable,
  e: { idNumber: string; skills: readonly Skill[]; source: 'online_dossier' | 'visit_checklist'; dossierId?: string; visitId?: string; by?: string; at: Date },
): Promise<void> {
  if (e.skills.length === 0) return;
  await q.query(
    `INSERT INTO community_evidence (id_number, skill, source, dossier_id, visit_id, recorded_by, at)
     SELECT $1, s, $3, $4, $5, $6, $7 FROM unnest($2::text[]) AS s
     ON CONFLICT DO NOTHING`,
    [e.idNumber, e.skills, e.source, e.dossierId ?? null, e.visitId ?? null, e.by ?? null, e.at],
  );
}

export interface HouseholdRow {
  householdNo: string;
  areaId: string;
  address: string;
  headId: string | null;
  members: (Member & { fullName: string; relation: string; phone: string | null })[];
  lastVisit: { at: string; outcome: string } | null;
}

/** The households of some areas with members and their evidence, ordered by area then address. */
export async function householdsOf(q: Queryable, areaIds: readonly string[]): Promise<HouseholdRow[]> {
  if (areaIds.length === 0) return [];
  const { rows } = await q.query<{
    household_no: string;
    area_id: string;
    address: string;
    head_id: string | null;
    members: { idNumber: string; fullName: string; birthDate: string; relation: string; phone: string | null; evidence: Member['evidence'] | null }[] | null;
    last_visit: { at: string; outcome: string } | null;
  }>(
    `SELECT h.household_no, h.area_id, h.address, h.head_id,
            (SELECT json_agg(json_build_object('idNumber', m.id_number, 'fullName', m.full_name, 'birthDate', to_char(m.birth_date, 'YYYY-MM-DD'),
                      'relation', m.relation, 'phone', m.phone,
                      'evidence', (SELECT json_agg(json_build_object('skill', e.skill, 'at', to_char(e.at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')))
                                     FROM community_evidence e WHERE e.id_number = m.id_number)) ORDER BY m.birth_date)
               FROM community_household_members m WHERE m.household_no = h.household_no) AS members,
            (SELECT json_build_object('at', to_char(v.visited_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"'), 'outcome', v.outcome)
               FROM community_visits v WHERE v.household_no = h.household_no ORDER BY v.visited_at DESC LIMIT 1) AS last_visit
       FROM community_households h WHERE h.area_id = ANY($1::text[])`,
    [areaIds],
  );
  const collator = new Intl.Collator('vi', { numeric: true });
  return rows
    .map((r) => ({
      householdNo: r.household_no,
      areaId: r.area_id,
      address: r.address,
      headId: r.head_id,
      members: (r.members ?? []).map((m) => ({ ...m, evidence: m.evidence ?? [] })),
      lastVisit: r.last_visit,
    }))
    .sort((a, b) => collator.compare(a.areaId, b.areaId) || collator.compare(a.address, b.address) || a.householdNo.localeCompare(b.householdNo));
}

/** What a helper sees of a household: names, relation, birth year, whether each member uses online services. */
export function householdView(h: HouseholdRow, today: string) {
  const head = h.members.find((m) => m.idNumber === h.headId);
  return {
    householdNo: h.householdNo,
    areaId: h.areaId,
    address: h.address,
    headName: head?.fullName ?? h.members[0]?.fullName ?? '',
    covered: householdCovered(h.members),
    lastVisit: h.lastVisit,
    members: h.members.map((m) => ({
      idNumber: m.idNumber,
      fullName: m.fullName,
      relation: m.relation,
      birthYear: Number(m.birthDate.slice(0, 4)),
      adult: isAdult(m.birthDate, today),
      usesOnlineServices: usesOnlineServices(m),
      skills: [...new Set(m.evidence.map((e) => e.skill))].sort(),
    })),
  };
}
