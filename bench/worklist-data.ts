/**
 * Synthetic back-office data for bench/worklist: N dossiers over the past year with their workflow tasks, written
 * with set-based SQL (INSERT … SELECT over generate_series, in batches of whole days), never row by row.
 *
 * What is generated, and why it looks like this:
 * - The demo deployment has two communes (Phú Riềng, Xuân Thành) of Tỉnh Đồng Nai; the installation's reception
 *   scope is the whole province. One million dossiers a year is a province's volume, not a commune's (a commune
 *   one-stop shop receives tens to a hundred a day), so the other 93 communes of the province (from
 *   data/admin-units-2025.json) get the same org units as the demo communes (UBND, TTPVHCC, Văn phòng, Phòng VH-XH,
 *   Phòng Kinh tế, Công an xã) and a small synthetic staff. Phú Riềng and Xuân Thành keep their demo officials.
 *   The province's volume is spread over the 95 communes (Phú Riềng 3 %, Xuân Thành 2 %, the rest by a random size).
 * - Procedures and cases come from the seeded catalogue, weighted the way commune work is (certified copies,
 *   civil status, residence …); each dossier's route (receiving unit, competent unit, the unit of every workflow
 *   step, hence `unit_ids`) is computed with the workflow's own routeUnits/stepUnit over the real org tree.
 *   3 % are received at another commune's centre (province-wide reception).
 * - Applicants: a pool of 0.7·N people (so some file several dossiers) with Vietnamese names drawn by realistic
 *   frequencies (Nguyễn ≈ 38 %, Trần, Lê, Phạm …; Văn/Thị middle names), `applicant_search` = foldVietnamese(name),
 *   12-digit identity numbers in the PPP C YY NNNNNN structure (unique per person while the pool is ≤ 1,000,000).
 * - Submission days: every day of the past year (ending yesterday), Saturdays 35 % and Sundays 12 % of a weekday,
 *   07:00–17:00 Vietnam time; codes in the national format with each receiving unit's running number per day.
 * - States follow age: a dossier of today is mostly open, one of last month almost always finished. Open ones wait
 *   at reception (online, status 1), at the specialist (status 2, or 5 with the clock paused for a supplement), at
 *   the leader or the clerk (status 4), or for the result to be collected (status 9); finished ones were returned
 *   (10), refused at reception (3), stopped (8) or withdrawn (7). About 2 % of the year is open.
 * - Tasks: every completed step of every dossier (reception, appraisal, approval, issuance, return: five rows per
 *   returned dossier) and one open task per open dossier, assigned round-robin within the step's unit and role,
 *   which is what least-loaded assignment produces (counts differ by at most one). Open clock pauses get their
 *   dossier_pauses row.
 * - Not generated (not read by the worklist or the search): documents, the action log, outbox messages, intake and
 *   delivery records.
 *
 * - The name search's table dossier_search (migration 113) gets one row per dossier, as the search indexer writes it.
 *
 * Speed: the secondary indexes of dossiers, dossier_tasks and dossier_search are dropped before the load and re-created from their
 * own definitions afterwards (the schema ends up exactly as the migrations made it), foreign-key triggers are off for
 * the loading session (session_replication_role = replica; the data is consistent by construction), and the tables
 * are vacuumed and analysed at the end.
 */
import type pg from 'pg';
import { foldVietnamese } from '../src/core/catalogue/search.ts';
import type { ProcedureCase, ProcedureDefinition } from '../src/core/catalogue/schema.ts';
import { STEP_ROLES } from '../src/core/workflow/roles.ts';
import type { Database } from '../src/server/db/database.ts';
import { readAdminUnits } from '../src/server/modules/reference/index.ts';
import { orgTree, routeUnits, stepUnit } from '../src/server/modules/officials/index.ts';

type W<T> = [T, number][];

// ---------------------------------------------------------------------------------------------------------------
// Names (weights ≈ frequency in the population; Đồng Nai has many southern Huỳnh/Võ)
const FAMILY: W<string> = [
  ['Nguyễn', 380],
  ['Trần', 110],
  ['Lê', 95],
  ['Phạm', 70],
  ['Hoàng', 30],
  ['Huỳnh', 30],
  ['Phan', 45],
  ['Vũ', 20],
  ['Võ', 30],
  ['Đặng', 21],
  ['Bùi', 20],
  ['Đỗ', 14],
  ['Hồ', 13],
  ['Ngô', 13],
  ['Dương', 10],
  ['Lý', 5],
  ['Trương', 10],
  ['Đinh', 7],
  ['Lâm', 5],
  ['Mai', 5],
  ['Trịnh', 5],
  ['Đoàn', 5],
  ['Lưu', 3],
  ['Tạ', 3],
  ['Châu', 3],
  ['Cao', 4],
  ['Hà', 4],
  ['Tô', 2],
  ['Quách', 2],
  ['Thái', 2],
  ['Kiều', 1],
  ['La', 1],
  ['Từ', 1],
  ['Lương', 3],
  ['Đào', 3],
  ['Tăng', 1],
];
const MIDDLE_M: W<string> = [
  ['Văn', 45],
  ['Hữu', 6],
  ['Đức', 6],
  ['Minh', 8],
  ['Quốc', 6],
  ['Thanh', 5],
  ['Công', 4],
  ['Ngọc', 3],
  ['Hoàng', 4],
  ['Gia', 3],
  ['Xuân', 3],
  ['Đình', 3],
  ['Trọng', 2],
  ['Anh', 2],
  ['Tấn', 3],
  ['Thành', 2],
];
const MIDDLE_F: W<string> = [
  ['Thị', 55],
  ['Ngọc', 8],
  ['Thu', 5],
  ['Thanh', 5],
  ['Minh', 3],
  ['Kim', 4],
  ['Mỹ', 4],
  ['Hồng', 4],
  ['Thúy', 2],
  ['Bảo', 3],
  ['Phương', 3],
  ['Diệu', 2],
  ['Khánh', 2],
  ['Bích', 2],
];
const EXTRA_MIDDLE = ['Thu', 'Minh', 'Ngọc', 'Thanh', 'Hoàng', 'Anh', 'Bảo', 'Kim', 'Hải', 'Phương', 'Quang', 'Hồng'];
const GIVEN_M = [
  'Hùng',
  'Dũng',
  'Tuấn',
  'Minh',
  'Nam',
  'Hải',
  'Long',
  'Phúc',
  'Quang',
  'Sơn',
  'Thắng',
  'Trung',
  'Vinh',
  'Bảo',
  'Khoa',
  'An',
  'Huy',
  'Đức',
  'Tài',
  'Lộc',
  'Hiếu',
  'Khánh',
  'Thành',
  'Tâm',
  'Hưng',
  'Cường',
  'Phong',
  'Tùng',
  'Việt',
  'Hoàng',
  'Kiên',
  'Lâm',
  'Nghĩa',
  'Nhân',
  'Phát',
  'Quân',
  'Thịnh',
  'Toàn',
  'Trí',
  'Tú',
  'Hòa',
  'Đạt',
  'Duy',
  'Hậu',
  'Lực',
  'Mạnh',
  'Thiện',
  'Tín',
  'Bình',
  'Chiến',
  'Định',
  'Hiển',
  'Khải',
];
const GIVEN_F = [
  'Lan',
  'Mai',
  'Hoa',
  'Hương',
  'Hà',
  'Linh',
  'Trang',
  'Ngọc',
  'Thảo',
  'Nhung',
  'Phương',
  'Huyền',
  'Yến',
  'Oanh',
  'Vy',
  'Anh',
  'Hằng',
  'Thủy',
  'Loan',
  'Hạnh',
  'Nga',
  'Trinh',
  'Nhi',
  'Quỳnh',
  'Thư',
  'Uyên',
  'Vân',
  'Xuân',
  'Diễm',
  'Giang',
  'Hiền',
  'Hồng',
  'My',
  'Ngân',
  'Nhàn',
  'Tâm',
  'Thoa',
  'Trâm',
  'Tuyết',
  'Dung',
  'Liên',
  'Nguyệt',
  'Phượng',
  'Thu',
  'Châu',
  'Dương',
  'Diệp',
  'Ánh',
  'Lệ',
  'Thơ',
];
/** Province of birth registration (first three digits of the identity number). */
const BIRTH_PROVINCE: W<string> = [
  ['075', 50],
  ['070', 22],
  ['079', 5],
  ['038', 3],
  ['040', 3],
  ['036', 2],
  ['034', 2],
  ['042', 2],
  ['052', 2],
  ['001', 2],
  ['046', 1],
  ['044', 1],
  ['051', 1],
  ['054', 1],
  ['066', 1],
  ['068', 1],
  ['072', 1],
  ['077', 1],
];
const PHONE_PREFIX = [
  '090',
  '091',
  '093',
  '094',
  '096',
  '097',
  '098',
  '086',
  '088',
  '032',
  '033',
  '034',
  '035',
  '036',
  '037',
  '038',
  '039',
  '070',
  '076',
  '077',
  '078',
  '079',
  '081',
  '083',
  '084',
  '085',
];

/** Relative volume of each procedure at a commune one-stop shop (others 1). */
const PROCEDURE_WEIGHT: Record<string, number> = {
  '2.000907': 28,
  '2.000884': 8,
  '2.001035': 4,
  '2.002233': 6,
  '2.000908': 1,
  '1.001193': 9,
  '2.000986': 3,
  '1.000656': 3,
  '1.006714': 1,
  '1.000894': 4,
  '1.004873': 9,
  '2.000635': 6,
  '1.004859': 2,
  '1.004884': 1,
  '1.001022': 0.5,
  '1.004837': 0.3,
  '1.001731': 0.7,
  '1.001776': 1.5,
  '1.004194': 4,
  '1.004199': 4,
  '1.004206': 1,
  '1.004227': 3,
  'DNI.DD.001': 1.5,
};
const DEMO_COMMUNES: Record<string, { prefix: string; share: number }> = {
  '25252': { prefix: 'dni.phurieng', share: 0.03 },
  '26434': { prefix: 'dni.xuanthanh', share: 0.02 },
};
const LOOKUP_SIZE = 100_000;

/** 1-based indexes into `weights`, each repeated in proportion to its weight (for a uniform random pick in SQL). */
function lookup(weights: number[], size: number): number[] {
  const total = weights.reduce((a, b) => a + b, 0);
  const out: number[] = [];
  let acc = 0;
  weights.forEach((w, i) => {
    acc += w;
    const upTo = Math.round((acc / total) * size);
    while (out.length < upTo) out.push(i + 1);
  });
  return out;
}

/** Calendar minutes for a working-time quantity (5 working days a week, 8 working hours a day). */
function calendarMinutes(q: { amount: number; unit: string }): number {
  const workingDays = q.unit === 'working_hours' ? q.amount / 8 : q.amount;
  return Math.max(60, Math.round(workingDays * 1.4 * 1440));
}

/** A small deterministic PRNG so that the commune sizes and synthetic staff are the same on every run. */
function mulberry32(seed: number) {
  return () => {
    seed |= 0;
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

interface Commune {
  code: string;
  name: string;
  prefix: string;
  agencyNo: string;
  weight: number;
  synthetic: boolean;
}

export interface GenerateResult {
  seconds: number;
  phases: [string, number][];
  dossiers: number;
  tasks: number;
  openTasks: number;
}

const log = (msg: string) => console.error(`[worklist] ${msg}`);

/**
 * Adds the synthetic communes' units and staff. Runs through the project's Database (before generation) so that the
 * org tree read afterwards is the one the server will see.
 */
export async function addSyntheticCommunes(db: Database): Promise<Commune[]> {
  const province = readAdminUnits().provinces.find((p) => p.code === '75');
  if (!province) throw new Error('Tỉnh Đồng Nai (75) missing from data/admin-units-2025.json');
  const rnd = mulberry32(75);
  const numbers = Array.from({ length: 99 }, (_, i) => String(i + 1).padStart(2, '0')).filter((n) => n !== '52' && n !== '53');
  const communes: Commune[] = [];
  let k = 0;
  for (const c of province.communes) {
    const demo = DEMO_COMMUNES[c.code];
    if (demo) communes.push({ code: c.code, name: c.name, prefix: demo.prefix, agencyNo: c.code === '25252' ? '52' : '53', weight: 0, synthetic: false });
    else communes.push({ code: c.code, name: c.name, prefix: `dni.x${c.code}`, agencyNo: numbers[k++], weight: 0.4 + rnd() * 1.2, synthetic: true });
  }
  const synthetic = communes.filter((c) => c.synthetic);
  const rest = 1 - Object.values(DEMO_COMMUNES).reduce((a, d) => a + d.share, 0);
  const sum = synthetic.reduce((a, c) => a + c.weight, 0);
  for (const c of communes) c.weight = c.synthetic ? (rest * c.weight) / sum : DEMO_COMMUNES[c.code].share;

  const lc = (s: string) => s.charAt(0).toLowerCase() + s.slice(1);
  const units: unknown[][] = [];
  for (const c of synthetic) {
    const n = lc(c.name);
    const a = (dept: string) => `000.${dept}.${c.agencyNo}.H19`;
    units.push(
      [`${c.prefix}.ubnd`, `Ủy ban nhân dân ${n}`, `UBND ${n}`, 'ubnd_xa', c.code, 'dni.ubnd', a('00')],
      [`${c.prefix}.ttpvhcc`, `Trung tâm Phục vụ hành chính công ${n}`, `TTPVHCC ${n}`, 'ttpvhcc', c.code, `${c.prefix}.ubnd`, a('01')],
      [`${c.prefix}.vhxh`, `Phòng Văn hóa - Xã hội ${n}`, 'Phòng Văn hóa - Xã hội', 'phong_vhxh', c.code, `${c.prefix}.ubnd`, a('02')],
      [`${c.prefix}.kinhte`, `Phòng Kinh tế ${n}`, 'Phòng Kinh tế', 'phong_kinh_te', c.code, `${c.prefix}.ubnd`, a('03')],
      [`${c.prefix}.vanphong`, `Văn phòng HĐND và UBND ${n}`, 'Văn phòng HĐND-UBND', 'van_phong', c.code, `${c.prefix}.ubnd`, a('04')],
      [`${c.prefix}.congan`, `Công an ${n}`, `Công an ${n}`, 'cong_an_xa', c.code, 'dni.congan', a('05')],
    );
  }
  const cols = ['id', 'name', 'short_name', 'kind', 'admin_unit_code', 'parent_id', 'agency_code'];
  for (let i = 0; i < units.length; i += 500) {
    const chunk = units.slice(i, i + 500);
    const params: unknown[] = [];
    const tuples = chunk.map((r) => `(${r.map((v) => `$${params.push(v)}`).join(', ')})`);
    await db.query(`INSERT INTO org_units (${cols.join(', ')}) VALUES ${tuples.join(', ')} ON CONFLICT (id) DO NOTHING`, params);
  }

  // Synthetic staff, shaped like the demo communes': two receiving officers, two civil-status specialists, one
  // specialist each for certification, land and residence (the police one also leads), one leader, one clerk.
  // They never log in; they share the demo officials' password hash so that no hashing time is spent.
  const staffShape: [string, string, number][] = [
    ['ttpvhcc', 'reception', 2],
    ['vhxh', 'specialist', 2],
    ['vanphong', 'specialist', 1],
    ['kinhte', 'specialist', 1],
    ['congan', 'specialist', 1],
    ['congan', 'leader', 1],
    ['ubnd', 'leader', 1],
    ['vanphong', 'clerk', 1],
  ];
  const people: { username: string; fullName: string; unitId: string; role: string }[] = [];
  const pick = <T>(xs: T[]) => xs[Math.floor(rnd() * xs.length)];
  for (const c of synthetic) {
    for (const [dept, role, count] of staffShape) {
      for (let i = 1; i <= count; i++) {
        const female = rnd() < 0.5;
        const fullName = `${pick(FAMILY)[0]} ${female ? 'Thị' : 'Văn'} ${pick(female ? GIVEN_F : GIVEN_M)}`;
        // The police specialist also holds the leader role, as chuyenvien.congan does in the demo.
        const username = `bench.${c.code}.${dept}.${role === 'leader' && dept === 'congan' ? 'specialist' : role}${i}`;
        people.push({ username, fullName, unitId: `${c.prefix}.${dept}`, role });
      }
    }
  }
  await db.query(
    `INSERT INTO officials (id, username, full_name, title, password_hash)
     SELECT gen_random_uuid(), u, f, 'Cán bộ (dữ liệu tổng hợp cho benchmark)', (SELECT password_hash FROM officials WHERE username = 'tiepnhan.phurieng')
       FROM (SELECT DISTINCT ON (u) u, f FROM unnest($1::text[], $2::text[]) AS x(u, f)) s
     ON CONFLICT (username) DO NOTHING`,
    [people.map((p) => p.username), people.map((p) => p.fullName)],
  );
  await db.query(
    `INSERT INTO official_memberships (official_id, unit_id, role)
     SELECT o.id, x.unit_id, x.role FROM unnest($1::text[], $2::text[], $3::text[]) AS x(username, unit_id, role) JOIN officials o ON o.username = x.username
     ON CONFLICT DO NOTHING`,
    [people.map((p) => p.username), people.map((p) => p.unitId), people.map((p) => p.role)],
  );
  return communes;
}

interface Route {
  routeId: number;
  weight: number;
  procedureCode: string;
  version: number;
  caseCode: string;
  procedureName: string;
  competentUnitId: string | null;
  homeReceiving: string;
  unitIds: string[];
  unitIdsWithoutHome: string[];
  stepUnits: (string | null)[];
  stepRoles: string[];
  stepKeys: string[];
  stepNames: string[];
  stepQuotaMin: number[];
  limitMin: number;
}

async function buildRoutes(db: Database, communes: Commune[]): Promise<Route[]> {
  const tree = await orgTree(db);
  const versions = (
    await db.query<{ procedure_code: string; version: number; definition: ProcedureDefinition }>(
      `SELECT DISTINCT ON (procedure_code) procedure_code, version, definition FROM procedure_versions WHERE status = 'active' ORDER BY procedure_code, version DESC`,
    )
  ).rows;
  const routes: Route[] = [];
  for (const c of communes) {
    const receiving = tree.byKind('ttpvhcc', c.code);
    if (!receiving) throw new Error(`no TTPVHCC for commune ${c.code}`);
    for (const v of versions) {
      const def = v.definition;
      const cases: ProcedureCase[] = def.cases;
      const usable = cases.filter((k) => k.workflow.length === 5);
      cases
        .filter((k) => k.workflow.length !== 5)
        .forEach((k) => log(`skipping ${v.procedure_code}/${k.code}: ${k.workflow.length} workflow steps (the generator models 5)`));
      usable.forEach((k, i) => {
        const competentUnitId = tree.byKind(def.competentUnitKind, c.code)?.id ?? null;
        const d = { receivingUnitId: receiving.id, competentUnitId };
        const unitIds = routeUnits(tree, k.workflow, d);
        const caseShare = usable.length === 1 ? 1 : i === 0 ? 0.7 : 0.3 / (usable.length - 1);
        routes.push({
          routeId: routes.length + 1,
          weight: c.weight * (PROCEDURE_WEIGHT[v.procedure_code] ?? 1) * caseShare,
          procedureCode: v.procedure_code,
          version: v.version,
          caseCode: k.code,
          procedureName: def.name,
          competentUnitId,
          homeReceiving: receiving.id,
          unitIds,
          unitIdsWithoutHome: unitIds.filter((u) => u !== receiving.id),
          stepUnits: k.workflow.map((s) => (s.role === 'reception' ? null : (stepUnit(tree, s, d)?.id ?? null))),
          stepRoles: k.workflow.map((s) => s.role),
          stepKeys: k.workflow.map((s) => s.key),
          stepNames: k.workflow.map((s) => s.name),
          stepQuotaMin: k.workflow.map((s) => calendarMinutes(s.quota)),
          limitMin: k.timeLimit.amount === 0 && k.timeLimit.unit === 'working_days' ? 8 * 60 : calendarMinutes(k.timeLimit),
        });
      });
    }
  }
  return routes;
}

/** Submissions per day over the past year (ending yesterday, Vietnam time), weekends lighter. */
function dailyCounts(n: number, now: Date): { day: string; count: number }[] {
  const vnToday = new Date(now.getTime() + 7 * 3600_000);
  vnToday.setUTCHours(0, 0, 0, 0);
  const days: { day: string; w: number }[] = [];
  for (let i = 365; i >= 1; i--) {
    const d = new Date(vnToday.getTime() - i * 86400_000);
    const dow = d.getUTCDay();
    days.push({ day: d.toISOString().slice(0, 10), w: dow === 0 ? 0.12 : dow === 6 ? 0.35 : 1 });
  }
  const total = days.reduce((a, d) => a + d.w, 0);
  const exact = days.map((d) => (n * d.w) / total);
  const counts = exact.map(Math.floor);
  let left = n - counts.reduce((a, b) => a + b, 0);
  const order = exact.map((x, i) => [x - Math.floor(x), i] as const).sort((a, b) => b[0] - a[0]);
  for (const [, i] of order) {
    if (left-- <= 0) break;
    counts[i]++;
  }
  return days.map((d, i) => ({ day: d.day, count: counts[i] }));
}

const STAGING = `
DROP SCHEMA IF EXISTS bench_gen CASCADE;
CREATE SCHEMA bench_gen;
CREATE UNLOGGED TABLE bench_gen.routes (
  route_id int PRIMARY KEY, procedure_code text, procedure_version int, case_code text, procedure_name text, competent_unit_id text,
  home_receiving text, unit_ids text[], unit_ids_wo_home text[], step_units text[], step_roles text[], step_keys text[], step_names text[],
  step_quota_min int[], limit_min int);
CREATE UNLOGGED TABLE bench_gen.receivers (unit_id text PRIMARY KEY, agency_code text);
CREATE UNLOGGED TABLE bench_gen.staff (unit_id text, role text, ids uuid[], n int, PRIMARY KEY (unit_id, role));
CREATE UNLOGGED TABLE bench_gen.persons (p int PRIMARY KEY, full_name text, folded text, id_number text, phone text, citizen_id uuid);
CREATE UNLOGGED TABLE bench_gen.plan (
  id uuid, route_id int, person int, channel smallint, day date, submitted_at timestamptz, receiving_unit_id text, agency_code text,
  code_seq int, status smallint, n_done smallint, open_step smallint, open_task_id uuid, paused boolean, stop_outcome text,
  received_at timestamptz, due_at timestamptz, mid_end timestamptz, finished_at timestamptz, returned_at timestamptz, paused_since timestamptz,
  register_book int, register_no int);
CREATE UNLOGGED TABLE bench_gen.open_plan (
  dossier_id uuid, task_id uuid, route_id int, receiving_unit_id text, open_step smallint, started_at timestamptz, dossier_due timestamptz,
  paused_since timestamptz);
CREATE UNLOGGED TABLE bench_gen.reg (unit_id text, book int, last int, PRIMARY KEY (unit_id, book));
`;

/** Plan one batch of days: every random choice of every dossier, in one set-based statement. */
const PLAN_SQL = `
INSERT INTO bench_gen.plan
WITH raw AS MATERIALIZED (
  SELECT x.day, gen_random_uuid() AS id, ($3::int[])[1 + floor(random() * ${LOOKUP_SIZE})::int] AS route_id,
         1 + floor(random() * $4::int)::int AS person, random() AS r_time, random() AS r_chan, random() AS r_state, random() AS r_kind,
         random() AS r_pace, random() AS r_lag, random() AS r_cross, random() AS r_other, random() AS r_ret
    FROM unnest($1::date[], $2::int[]) AS x(day, cnt), generate_series(1, x.cnt)),
t AS MATERIALIZED (
  SELECT raw.*, r.limit_min,
         CASE WHEN r_cross < 0.03 THEN ($5::text[])[1 + floor(r_other * array_length($5::text[], 1))::int] ELSE r.home_receiving END AS receiving_unit_id,
         CASE WHEN r_chan < 0.50 THEN 1 WHEN r_chan < 0.95 THEN 2 ELSE 3 END::smallint AS channel,
         ((raw.day + time '07:00') + r_time * interval '10 hours') AT TIME ZONE 'Asia/Ho_Chi_Minh' AS submitted_at
    FROM raw JOIN bench_gen.routes r USING (route_id)),
s AS MATERIALIZED (
  SELECT t.*, extract(epoch FROM ($6::timestamptz - t.submitted_at)) / 86400 AS age,
         CASE WHEN extract(epoch FROM ($6::timestamptz - t.submitted_at)) / 86400 < 1 THEN 0.85
              WHEN extract(epoch FROM ($6::timestamptz - t.submitted_at)) / 86400 < 3 THEN 0.55
              WHEN extract(epoch FROM ($6::timestamptz - t.submitted_at)) / 86400 < 7 THEN 0.30
              WHEN extract(epoch FROM ($6::timestamptz - t.submitted_at)) / 86400 < 14 THEN 0.12
              WHEN extract(epoch FROM ($6::timestamptz - t.submitted_at)) / 86400 < 30 THEN 0.03 ELSE 0.004 END AS p_open
    FROM t),
k AS MATERIALIZED (
  -- stage: await (status 1) | spec (2) | supp (5) | lead (4) | clerk (4) | ret (9) | returned (10) | refused (3) | stopped (8) | withdrawn (7)
  SELECT s.*,
         CASE WHEN r_state < p_open THEN
                CASE WHEN age < 14 THEN
                       CASE WHEN r_kind < 0.08 THEN CASE WHEN channel = 2 THEN 'await' ELSE 'spec' END
                            WHEN r_kind < 0.43 THEN 'spec' WHEN r_kind < 0.50 THEN 'supp' WHEN r_kind < 0.70 THEN 'lead'
                            WHEN r_kind < 0.82 THEN 'clerk' ELSE 'ret' END
                     ELSE CASE WHEN r_kind < 0.4 THEN 'supp' WHEN r_kind < 0.5 THEN 'spec' WHEN r_kind < 0.6 THEN 'lead' ELSE 'ret' END END
              ELSE CASE WHEN r_kind < 0.012 THEN 'refused' WHEN r_kind < 0.015 THEN 'stopped' WHEN r_kind < 0.017 THEN 'withdrawn' ELSE 'returned' END
         END AS stage
    FROM s),
c AS MATERIALIZED (
  SELECT k.*,
         CASE WHEN stage IN ('await', 'refused') THEN NULL
              WHEN channel = 2 THEN LEAST(submitted_at + r_lag * interval '4 hours', GREATEST(submitted_at, $6::timestamptz - interval '1 minute'))
              ELSE submitted_at END AS received_at
    FROM k),
d AS MATERIALIZED (
  SELECT c.*, received_at + limit_min * interval '1 minute' AS due_at,
         CASE stage WHEN 'returned' THEN LEAST(received_at + limit_min * (0.15 + 0.95 * r_pace) * interval '1 minute', $6::timestamptz - interval '2 minutes')
                    WHEN 'stopped' THEN LEAST(received_at + limit_min * 0.5 * r_pace * interval '1 minute', $6::timestamptz - interval '2 minutes')
                    WHEN 'withdrawn' THEN LEAST(received_at + limit_min * 0.5 * r_pace * interval '1 minute', $6::timestamptz - interval '2 minutes')
                    WHEN 'lead' THEN received_at + ($6::timestamptz - received_at) * (0.2 + 0.7 * r_pace)
                    WHEN 'clerk' THEN received_at + ($6::timestamptz - received_at) * (0.2 + 0.7 * r_pace)
                    WHEN 'ret' THEN received_at + ($6::timestamptz - received_at) * (0.2 + 0.7 * r_pace)
                    ELSE received_at END AS mid_end
    FROM c)
SELECT id, route_id, person, channel, day, submitted_at, receiving_unit_id, rc.agency_code,
       row_number() OVER (PARTITION BY receiving_unit_id, day ORDER BY submitted_at)::int AS code_seq,
       CASE stage WHEN 'await' THEN 1 WHEN 'spec' THEN 2 WHEN 'supp' THEN 5 WHEN 'lead' THEN 4 WHEN 'clerk' THEN 4 WHEN 'ret' THEN 9
                  WHEN 'returned' THEN 10 WHEN 'refused' THEN 3 WHEN 'stopped' THEN 8 ELSE 7 END::smallint AS status,
       CASE stage WHEN 'spec' THEN 1 WHEN 'supp' THEN 1 WHEN 'lead' THEN 2 WHEN 'clerk' THEN 3 WHEN 'ret' THEN 4 WHEN 'returned' THEN 5
                  WHEN 'stopped' THEN 2 WHEN 'withdrawn' THEN 2 ELSE 0 END::smallint AS n_done,
       CASE stage WHEN 'spec' THEN 1 WHEN 'supp' THEN 1 WHEN 'lead' THEN 2 WHEN 'clerk' THEN 3 WHEN 'ret' THEN 4 END::smallint AS open_step,
       CASE WHEN stage IN ('spec', 'supp', 'lead', 'clerk', 'ret') THEN gen_random_uuid() END AS open_task_id,
       stage = 'supp' AS paused,
       CASE stage WHEN 'stopped' THEN 'stopped' WHEN 'withdrawn' THEN 'withdrawn' END AS stop_outcome,
       received_at, due_at, mid_end,
       CASE WHEN stage IN ('returned', 'stopped', 'withdrawn', 'ret') THEN mid_end WHEN stage = 'refused' THEN submitted_at + r_lag * interval '4 hours' END AS finished_at,
       CASE WHEN stage = 'returned' THEN LEAST(mid_end + r_ret * interval '3 days', $6::timestamptz - interval '1 minute') END AS returned_at,
       CASE WHEN stage = 'supp' THEN received_at + ($6::timestamptz - received_at) * (0.1 + 0.8 * r_ret) END AS paused_since,
       CASE WHEN received_at IS NOT NULL THEN extract(year FROM received_at AT TIME ZONE 'Asia/Ho_Chi_Minh')::int END AS register_book,
       CASE WHEN received_at IS NOT NULL THEN (row_number() OVER (PARTITION BY receiving_unit_id, received_at IS NOT NULL, extract(year FROM received_at AT TIME ZONE 'Asia/Ho_Chi_Minh') ORDER BY received_at))::int END AS register_no
  FROM d JOIN bench_gen.receivers rc ON rc.unit_id = d.receiving_unit_id`;

/** The batch's dossiers, from the plan. */
const DOSSIERS_SQL = `
INSERT INTO dossiers (id, code, procedure_code, procedure_version, case_code, procedure_name, status, sub_state, payment_state, delivery_state,
  channel, applicant_kind, owner_citizen_id, applicant, applicant_id_number, applicant_name, applicant_phone, result_delivery, summary, form_values,
  receiving_unit_id, competent_unit_id, submitted_at, received_at, due_at, original_due_at, finished_at, returned_at, refused_at,
  vneid_authenticated, population_db_used, current_task_id, supplement_requests, paused_since, unit_ids, register_book, register_no, applicant_search,
  delivery, created_at, updated_at)
SELECT pl.id,
       pl.agency_code || '-' || to_char(pl.day, 'YYMMDD') || '-' || CASE WHEN pl.code_seq < 10000 THEN lpad(pl.code_seq::text, 4, '0') ELSE pl.code_seq::text END,
       r.procedure_code, r.procedure_version, r.case_code, r.procedure_name, pl.status,
       CASE pl.status WHEN 1 THEN 'waiting_reception' WHEN 2 THEN 'received' WHEN 4 THEN 'processing' WHEN 5 THEN 'supplement_requested' WHEN 9 THEN 'awaiting_return' END,
       'none', CASE WHEN pl.status = 10 THEN 'delivered' ELSE 'none' END,
       pl.channel, 'citizen', CASE WHEN pl.channel = 2 THEN pe.citizen_id END,
       jsonb_build_object('fullName', pe.full_name, 'idNumber', pe.id_number, 'phone', pe.phone),
       pe.id_number, pe.full_name, pe.phone,
       CASE pl.channel WHEN 1 THEN 'counter' WHEN 2 THEN 'online' ELSE 'post' END,
       r.procedure_name || ' – ' || pe.full_name,
       jsonb_build_object('nguoiYeuCau', jsonb_build_object('hoTen', pe.full_name, 'soDinhDanh', pe.id_number, 'soDienThoai', pe.phone), 'soBan', 1 + (pl.code_seq % 3)),
       pl.receiving_unit_id, r.competent_unit_id, pl.submitted_at, pl.received_at, pl.due_at, pl.due_at, pl.finished_at, pl.returned_at,
       CASE WHEN pl.status = 3 THEN pl.finished_at END,
       pl.channel = 2, pl.channel <> 1, pl.open_task_id, CASE WHEN pl.paused THEN 1 ELSE 0 END, pl.paused_since,
       CASE WHEN pl.receiving_unit_id = r.home_receiving THEN r.unit_ids ELSE pl.receiving_unit_id || r.unit_ids_wo_home END,
       pl.register_book, pl.register_no + COALESCE(rg.last, 0), pe.folded,
       CASE WHEN pl.status = 10 THEN jsonb_build_object('method', CASE pl.channel WHEN 2 THEN 'electronic' WHEN 3 THEN 'post' ELSE 'in_person' END, 'at', pl.returned_at) END,
       pl.submitted_at, COALESCE(pl.returned_at, pl.finished_at, pl.paused_since, pl.mid_end, pl.submitted_at)
  FROM bench_gen.plan pl JOIN bench_gen.routes r USING (route_id) JOIN bench_gen.persons pe ON pe.p = pl.person
  LEFT JOIN bench_gen.reg rg ON rg.unit_id = pl.receiving_unit_id AND rg.book = pl.register_book`;

/**
 * The batch's completed tasks. Step 0 (reception) runs from submission to receipt; the middle steps share the time
 * from receipt to mid_end (issuance, or the open step's start); the return step runs from issuance to return.
 */
const DONE_TASKS_SQL = `
INSERT INTO dossier_tasks (id, dossier_id, seq, step_index, step_key, step_name, role, unit_id, assignee_id, assigned_by, started_at, due_at, completed_at, completed_by, outcome)
SELECT gen_random_uuid(), x.id, x.k + 1, x.k, x.step_keys[x.k + 1], x.step_names[x.k + 1], x.role, x.unit_id, x.who, 'auto', x.st,
       CASE WHEN x.k = 4 THEN GREATEST(x.st + x.step_quota_min[x.k + 1] * interval '1 minute', x.due_at)
            WHEN x.st < x.due_at THEN LEAST(x.st + x.step_quota_min[x.k + 1] * interval '1 minute', x.due_at)
            ELSE x.st + x.step_quota_min[x.k + 1] * interval '1 minute' END,
       x.ct, x.who, x.outcome
  FROM (
    SELECT pl.id, k, r.step_keys, r.step_names, r.step_quota_min, r.step_roles[k + 1] AS role, pl.due_at,
           COALESCE(r.step_units[k + 1], pl.receiving_unit_id) AS unit_id,
           st.ids[1 + floor(random() * st.n)::int] AS who,
           CASE WHEN k = 0 THEN pl.submitted_at
                WHEN k = 4 THEN pl.mid_end
                ELSE pl.received_at + (pl.mid_end - pl.received_at) * (k - 1) / GREATEST(m.m, 1) END AS st,
           CASE WHEN k = 0 THEN pl.received_at
                WHEN k = 4 THEN pl.returned_at
                ELSE pl.received_at + (pl.mid_end - pl.received_at) * k / GREATEST(m.m, 1) END AS ct,
           CASE WHEN k = 0 THEN 'received' WHEN k = 4 THEN 'result_returned' WHEN pl.stop_outcome IS NOT NULL THEN pl.stop_outcome
                WHEN k = 3 THEN 'result_issued' ELSE 'forwarded' END AS outcome
      FROM bench_gen.plan pl JOIN bench_gen.routes r USING (route_id)
      CROSS JOIN LATERAL (SELECT CASE WHEN pl.status = 10 THEN 3 WHEN pl.stop_outcome IS NOT NULL THEN 1 ELSE GREATEST(pl.n_done - 1, 0) END AS m) m
      CROSS JOIN LATERAL generate_series(0, pl.n_done - 1) AS k
      LEFT JOIN bench_gen.staff st ON st.unit_id = COALESCE(r.step_units[k + 1], pl.receiving_unit_id) AND st.role = r.step_roles[k + 1]
     WHERE pl.n_done > 0) x`;

/**
 * Every open task, once all dossiers are in: assigned round-robin within (unit, role) in order of start, which is
 * what least-loaded assignment yields; units without staff leave it unassigned (the unit's pool).
 */
const OPEN_TASKS_SQL = `
INSERT INTO dossier_tasks (id, dossier_id, seq, step_index, step_key, step_name, role, unit_id, assignee_id, assigned_by, started_at, due_at)
SELECT o.task_id, o.dossier_id, o.open_step + 1, o.open_step, r.step_keys[o.open_step + 1], r.step_names[o.open_step + 1], r.step_roles[o.open_step + 1], u.unit_id,
       st.ids[1 + ((row_number() OVER (PARTITION BY u.unit_id, r.step_roles[o.open_step + 1] ORDER BY o.started_at) - 1) % st.n)::int],
       CASE WHEN st.n IS NOT NULL THEN 'auto' END, o.started_at,
       CASE WHEN o.open_step = 4 THEN GREATEST(o.started_at + r.step_quota_min[o.open_step + 1] * interval '1 minute', o.dossier_due)
            WHEN o.started_at < o.dossier_due THEN LEAST(o.started_at + r.step_quota_min[o.open_step + 1] * interval '1 minute', o.dossier_due)
            ELSE o.started_at + r.step_quota_min[o.open_step + 1] * interval '1 minute' END
  FROM bench_gen.open_plan o JOIN bench_gen.routes r USING (route_id)
  CROSS JOIN LATERAL (SELECT COALESCE(r.step_units[o.open_step + 1], o.receiving_unit_id) AS unit_id) u
  LEFT JOIN bench_gen.staff st ON st.unit_id = u.unit_id AND st.role = r.step_roles[o.open_step + 1]`;

export async function generate(client: pg.Client, db: Database, communes: Commune[], n: number, now: Date): Promise<GenerateResult> {
  const t0 = performance.now();
  const phases: [string, number][] = [];
  let mark = performance.now();
  const phase = (name: string) => {
    const t = performance.now();
    phases.push([name, (t - mark) / 1000]);
    mark = t;
  };
  await client.query("SET session_replication_role = replica; SET synchronous_commit = off; SET maintenance_work_mem = '1GB'; SET work_mem = '256MB'");
  await client.query(STAGING);

  // Routes, receivers and staff.
  const routes = await buildRoutes(db, communes);
  // jsonb_to_recordset turns JSON arrays into the PostgreSQL arrays of the declared column types.
  await client.query(
    `INSERT INTO bench_gen.routes
     SELECT * FROM jsonb_to_recordset($1::jsonb) AS x(route_id int, procedure_code text, procedure_version int, case_code text, procedure_name text,
            competent_unit_id text, home_receiving text, unit_ids text[], unit_ids_wo_home text[], step_units text[], step_roles text[], step_keys text[],
            step_names text[], step_quota_min int[], limit_min int)`,
    [
      JSON.stringify(
        routes.map((r) => ({
          route_id: r.routeId,
          procedure_code: r.procedureCode,
          procedure_version: r.version,
          case_code: r.caseCode,
          procedure_name: r.procedureName,
          competent_unit_id: r.competentUnitId,
          home_receiving: r.homeReceiving,
          unit_ids: r.unitIds,
          unit_ids_wo_home: r.unitIdsWithoutHome,
          step_units: r.stepUnits,
          step_roles: r.stepRoles,
          step_keys: r.stepKeys,
          step_names: r.stepNames,
          step_quota_min: r.stepQuotaMin,
          limit_min: r.limitMin,
        })),
      ),
    ],
  );
  await client.query(`INSERT INTO bench_gen.receivers SELECT id, agency_code FROM org_units WHERE kind = 'ttpvhcc' AND admin_unit_code <> '75'`);
  await client.query(
    `INSERT INTO bench_gen.staff SELECT m.unit_id, m.role, array_agg(o.id ORDER BY o.username), count(*)::int
       FROM official_memberships m JOIN officials o ON o.id = m.official_id AND o.active
      WHERE m.role = ANY($1::text[]) GROUP BY m.unit_id, m.role`,
    [[...STEP_ROLES]],
  );
  const routeLookup = lookup(
    routes.map((r) => r.weight),
    LOOKUP_SIZE,
  );
  const receivers = (await client.query<{ unit_id: string }>('SELECT unit_id FROM bench_gen.receivers ORDER BY unit_id')).rows.map((r) => r.unit_id);

  // The applicants.
  const persons = Math.max(100, Math.ceil(n * 0.7));
  const fold = (xs: string[]) => xs.map(foldVietnamese);
  const names = (w: W<string>) => w.map((x) => x[0]);
  await client.query(
    `INSERT INTO bench_gen.persons
     SELECT p,
            concat_ws(' ', ($2::text[])[fi], CASE WHEN female THEN ($8::text[])[fm] ELSE ($6::text[])[mm] END, CASE WHEN extra THEN ($10::text[])[xi] END,
                      CASE WHEN female THEN ($14::text[])[gf] ELSE ($12::text[])[gm] END),
            concat_ws(' ', ($3::text[])[fi], CASE WHEN female THEN ($9::text[])[fm] ELSE ($7::text[])[mm] END, CASE WHEN extra THEN ($11::text[])[xi] END,
                      CASE WHEN female THEN ($15::text[])[gf] ELSE ($13::text[])[gm] END),
            ($17::text[])[pv] || ((CASE WHEN yob >= 2000 THEN 2 ELSE 0 END) + CASE WHEN female THEN 1 ELSE 0 END)::text || lpad((yob % 100)::text, 2, '0')
              || lpad(((p::bigint * 7919 + 13) % 1000000)::text, 6, '0'),
            ($18::text[])[1 + floor(random() * array_length($18::text[], 1))::int] || lpad(floor(random() * 10000000)::text, 7, '0'),
            gen_random_uuid()
       FROM (SELECT p, random() < 0.5 AS female, random() < 0.2 AS extra,
                    ($4::int[])[1 + floor(random() * 1000)::int] AS fi, ($5::int[])[1 + floor(random() * 1000)::int] AS mm,
                    ($16::int[])[1 + floor(random() * 1000)::int] AS fm, 1 + floor(random() * array_length($10::text[], 1))::int AS xi,
                    1 + floor(random() * array_length($12::text[], 1))::int AS gm, 1 + floor(random() * array_length($14::text[], 1))::int AS gf,
                    ($19::int[])[1 + floor(random() * 1000)::int] AS pv, 1945 + floor(random() * 62)::int AS yob
               FROM generate_series(1, $1::int) AS p) x`,
    [
      persons,
      names(FAMILY),
      fold(names(FAMILY)),
      lookup(
        FAMILY.map((x) => x[1]),
        1000,
      ),
      lookup(
        MIDDLE_M.map((x) => x[1]),
        1000,
      ),
      names(MIDDLE_M),
      fold(names(MIDDLE_M)),
      names(MIDDLE_F),
      fold(names(MIDDLE_F)),
      EXTRA_MIDDLE,
      fold(EXTRA_MIDDLE),
      GIVEN_M,
      fold(GIVEN_M),
      GIVEN_F,
      fold(GIVEN_F),
      lookup(
        MIDDLE_F.map((x) => x[1]),
        1000,
      ),
      names(BIRTH_PROVINCE),
      PHONE_PREFIX,
      lookup(
        BIRTH_PROVINCE.map((x) => x[1]),
        1000,
      ),
    ],
  );
  phase(`routes, staff and ${persons.toLocaleString('en')} applicants`);

  // Drop the secondary indexes (kept: primary keys and unique constraints), to re-create them after the load.
  const indexes = (
    await client.query<{ name: string; def: string }>(
      `SELECT i.indexname AS name, i.indexdef AS def FROM pg_indexes i
      WHERE i.schemaname = current_schema() AND i.tablename IN ('dossiers', 'dossier_tasks', 'dossier_pauses', 'dossier_search')
        AND NOT EXISTS (SELECT 1 FROM pg_constraint c WHERE c.conname = i.indexname)`,
    )
  ).rows;
  for (const ix of indexes) await client.query(`DROP INDEX ${ix.name}`);

  // Dossiers and completed tasks, in batches of whole days.
  const days = dailyCounts(n, now);
  const perBatch = 100_000;
  let batch: typeof days = [];
  let inBatch = 0;
  let done = 0;
  const flush = async () => {
    if (batch.length === 0) return;
    await client.query('TRUNCATE bench_gen.plan');
    await client.query(PLAN_SQL, [batch.map((d) => d.day), batch.map((d) => d.count), routeLookup, persons, receivers, now]);
    await client.query(DOSSIERS_SQL);
    await client.query(DONE_TASKS_SQL);
    await client.query(
      `INSERT INTO bench_gen.open_plan
       SELECT id, open_task_id, route_id, receiving_unit_id, open_step, CASE WHEN open_step = 1 THEN received_at ELSE mid_end END, due_at, paused_since
         FROM bench_gen.plan WHERE open_step IS NOT NULL`,
    );
    await client.query(
      `INSERT INTO bench_gen.reg SELECT receiving_unit_id, register_book, max(register_no) FROM bench_gen.plan WHERE register_book IS NOT NULL GROUP BY 1, 2
       ON CONFLICT (unit_id, book) DO UPDATE SET last = bench_gen.reg.last + EXCLUDED.last`,
    );
    await client.query(
      `INSERT INTO dossier_code_counters (agency_code, day, last_value) SELECT agency_code, to_char(day, 'YYMMDD'), max(code_seq) FROM bench_gen.plan GROUP BY 1, 2`,
    );
    done += inBatch;
    log(`${done.toLocaleString('en')} / ${n.toLocaleString('en')} dossiers (${((performance.now() - t0) / 1000).toFixed(0)} s)`);
    batch = [];
    inBatch = 0;
  };
  for (const d of days) {
    batch.push(d);
    inBatch += d.count;
    if (inBatch >= perBatch) await flush();
  }
  await flush();
  phase('dossiers and completed tasks');

  await client.query(OPEN_TASKS_SQL);
  await client.query(
    `INSERT INTO dossier_pauses (dossier_id, kind, started_at, reason, due_before)
     SELECT dossier_id, 'supplement', paused_since, 'Yêu cầu bổ sung giấy tờ còn thiếu', dossier_due FROM bench_gen.open_plan WHERE paused_since IS NOT NULL`,
  );
  await client.query('INSERT INTO register_counters (unit_id, book, last_value) SELECT unit_id, book, last FROM bench_gen.reg ON CONFLICT DO NOTHING');
  phase('open tasks, pauses, counters');

  // The name search's table (migration 113), as the search indexer would have written it from the events (the
  // generated dossiers have none): one row per dossier.
  await client.query(
    `INSERT INTO dossier_search (dossier_id, unit_ids, applicant_search, submitted_at)
     SELECT id, unit_ids, coalesce(applicant_search, ''), submitted_at FROM dossiers ON CONFLICT (dossier_id) DO NOTHING`,
  );
  phase('search table');

  for (const ix of indexes) await client.query(ix.def);
  phase(`re-created ${indexes.length} secondary indexes`);
  await client.query('DROP SCHEMA bench_gen CASCADE');
  await client.query('RESET session_replication_role');
  await client.query('VACUUM (ANALYZE) dossiers');
  await client.query('VACUUM (ANALYZE) dossier_tasks');
  await client.query('VACUUM (ANALYZE) dossier_pauses');
  await client.query('VACUUM (ANALYZE) dossier_search');
  phase('vacuum analyze');

  const counts = (
    await client.query<{ d: number; t: number; o: number }>(
      `SELECT (SELECT count(*) FROM dossiers)::int AS d, (SELECT count(*) FROM dossier_tasks)::int AS t, (SELECT count(*) FROM dossier_tasks WHERE completed_at IS NULL)::int AS o`,
    )
  ).rows[0];
  return { seconds: (performance.now() - t0) / 1000, phases, dossiers: counts.d, tasks: counts.t, openTasks: counts.o };
}
