/**
 * Demo plan targets and campaign (mission.md "The targets the system must measure"): the targets of the demo
 * communes' 2025 plans with their effective periods (the 2026 step-ups as separate rows), one per-official target
 * in the manner of Hưng Đạo's plan, and Phú Riềng's 30-day campaign (25/7–25/8/2025). Idempotent.
 */
import crypto from 'node:crypto';
import type { Database } from '../../db/database.ts';

type Row = [unit: string, metric: string, value: number, comparison: 'at_least' | 'at_most', from: string, to: string | null, basis: string];

const PR = 'dni.phurieng.ubnd';
const XT = 'dni.xuanthanh.ubnd';
const PR_PLAN = 'Kế hoạch chuyển đổi số thủ tục hành chính xã Phú Riềng năm 2025';
const XT_PLAN = 'Kế hoạch chuyển đổi số thủ tục hành chính xã Xuân Thành năm 2025';

const TARGETS: Row[] = [
  [PR, 'services_with_online_dossier', 60, 'at_least', '2025-07-01', null, PR_PLAN],
  [PR, 'online_payment_rate', 60, 'at_least', '2025-07-01', null, PR_PLAN],
  [PR, 'digitisation_rate', 80, 'at_least', '2025-07-01', null, PR_PLAN],
  [PR, 'electronic_result_rate', 100, 'at_least', '2025-07-01', null, 'Mục tiêu chung các kế hoạch: 100% kết quả điện tử'],
  [PR, 'satisfaction_rate', 90, 'at_least', '2025-07-01', '2025-12-31', 'Mục tiêu chung các kế hoạch: ≥ 90% năm 2025'],
  [PR, 'satisfaction_rate', 95, 'at_least', '2026-01-01', null, 'Mục tiêu chung các kế hoạch: ≥ 95% năm 2026'],
  [PR, 'satisfaction_rate_land_construction_investment', 85, 'at_least', '2025-07-01', null, 'Mục tiêu chung: ≥ 85% lĩnh vực đất đai, xây dựng, đầu tư'],
  [PR, 'avg_login_to_submit_minutes', 8, 'at_most', '2025-07-01', '2025-12-31', 'Dưới 8 phút năm 2025'],
  [PR, 'avg_login_to_submit_minutes', 5, 'at_most', '2026-01-01', null, 'Dưới 5 phút năm 2026'],
  [PR, 'online_vs_counter_time_reduction', 20, 'at_least', '2025-07-01', '2025-12-31', 'Ngắn hơn ít nhất 20% năm 2025'],
  [PR, 'online_vs_counter_time_reduction', 30, 'at_least', '2026-01-01', null, 'Ngắn hơn ít nhất 30% năm 2026'],
  [XT, 'digitisation_rate', 100, 'at_least', '2025-07-01', null, `${XT_PLAN}: 100% hồ sơ mới được số hóa khi tiếp nhận`],
  [XT, 'electronic_result_rate', 100, 'at_least', '2025-07-01', null, XT_PLAN],
  [XT, 'satisfaction_rate', 90, 'at_least', '2025-07-01', '2025-12-31', XT_PLAN],
  [XT, 'satisfaction_rate', 95, 'at_least', '2026-01-01', null, XT_PLAN],
];

export async function seedMetricsDemo(db: Database): Promise<void> {
  const units = new Set((await db.query<{ id: string }>('SELECT id FROM org_units WHERE id = ANY($1::text[])', [[PR, XT]])).rows.map((r) => r.id));
  if (!units.has(PR)) return;
  // The adults using a personal digital signature, in the manner of Kim Long's plan (over 50% of adults), added on
  // its own so that a database seeded before this target gets it too.
  if ((await db.query("SELECT 1 FROM metric_targets WHERE created_by = 'seed' AND metric = 'adults_personal_signature_rate'")).rows.length === 0)
    await db.query(
      "INSERT INTO metric_targets (id, unit_id, official_id, metric, value, comparison, effective_from, effective_to, basis, created_by) VALUES ($1,$2,NULL,'adults_personal_signature_rate',50,'at_least','2025-07-01',NULL,$3,'seed')",
      [crypto.randomUUID(), PR, 'Theo mô hình kế hoạch xã Kim Long: trên 50% người dân trưởng thành sử dụng chữ ký số cá nhân'],
    );
  if ((await db.query("SELECT 1 FROM metric_targets WHERE created_by = 'seed' AND metric <> 'adults_personal_signature_rate' LIMIT 1")).rows.length > 0) return;
  await db.transaction(async (tx) => {
    for (const [unit, metric, value, comparison, from, to, basis] of TARGETS) {
      if (!units.has(unit)) continue;
      await tx.query(
        "INSERT INTO metric_targets (id, unit_id, official_id, metric, value, comparison, effective_from, effective_to, basis, created_by) VALUES ($1,$2,NULL,$3,$4,$5,$6,$7,$8,'seed')",
        [crypto.randomUUID(), unit, metric, value, comparison, from, to, basis],
      );
    }
    // A per-official online-dossier target, as Hưng Đạo's plan asks (II.1b), for the civil-status specialist.
    const official = (await tx.query<{ id: string }>("SELECT id FROM officials WHERE username = 'chuyenvien.vhxh'")).rows[0];
    if (official) {
      await tx.query(
        "INSERT INTO metric_targets (id, unit_id, official_id, metric, value, comparison, effective_from, effective_to, basis, created_by) VALUES ($1,$2,$3,'online_dossier_rate',80,'at_least','2025-07-01',NULL,$4,'seed')",
        [crypto.randomUUID(), PR, official.id, 'Chỉ tiêu hồ sơ trực tuyến theo từng cán bộ (theo mô hình kế hoạch phường Hưng Đạo II.1b)'],
      );
    }
    await tx.query("INSERT INTO metric_campaigns (id, unit_id, name, from_day, to_day, created_by) VALUES ($1,$2,$3,'2025-07-25','2025-08-25','seed')", [
      crypto.randomUUID(),
      PR,
      'Chiến dịch 30 ngày cao điểm chuyển đổi số thủ tục hành chính xã Phú Riềng',
    ]);
  });
}
