/** Demo official accounts, one or more per role, for the Phú Riềng deployment (listed in the README). */
import type { Database } from '../../db/database.ts';
import { createOfficial, type Membership } from './service.ts';

export const DEMO_OFFICIAL_PASSWORD = 'MotCua@2025';

export const DEMO_OFFICIALS: { username: string; fullName: string; title: string; memberships: Membership[] }[] = [
  {
    username: 'tiepnhan.phurieng',
    fullName: 'Lê Thị Hoa',
    title: 'Công chức tiếp nhận, TTPVHCC xã Phú Riềng',
    memberships: [{ unitId: 'dni.phurieng.ttpvhcc', role: 'reception' }],
  },
  {
    username: 'chuyenvien.vhxh',
    fullName: 'Nguyễn Thị Thu Trang',
    title: 'Công chức Tư pháp – Hộ tịch, Phòng Văn hóa - Xã hội',
    memberships: [{ unitId: 'dni.phurieng.vhxh', role: 'specialist' }],
  },
  {
    username: 'chuyenvien.vanphong',
    fullName: 'Trần Minh Đức',
    title: 'Chuyên viên chứng thực, Văn phòng HĐND-UBND',
    memberships: [{ unitId: 'dni.phurieng.vanphong', role: 'specialist' }],
  },
  {
    username: 'chuyenvien.kinhte',
    fullName: 'Phạm Quốc Bảo',
    title: 'Chuyên viên địa chính, Phòng Kinh tế',
    memberships: [{ unitId: 'dni.phurieng.kinhte', role: 'specialist' }],
  },
  {
    username: 'chuyenvien.congan',
    fullName: 'Đỗ Văn Lực',
    title: 'Cán bộ đăng ký cư trú, Công an xã Phú Riềng',
    memberships: [
      { unitId: 'dni.phurieng.congan', role: 'specialist' },
      { unitId: 'dni.phurieng.congan', role: 'leader' },
    ],
  },
  {
    username: 'lanhdao.phurieng',
    fullName: 'Võ Minh Tâm',
    title: 'Phó Chủ tịch UBND xã Phú Riềng',
    memberships: [{ unitId: 'dni.phurieng.ubnd', role: 'leader' }],
  },
  {
    username: 'vanthu.phurieng',
    fullName: 'Hồ Thị Ngọc Lan',
    title: 'Văn thư, Văn phòng HĐND-UBND',
    memberships: [{ unitId: 'dni.phurieng.vanphong', role: 'clerk' }],
  },
  {
    username: 'quantri.phurieng',
    fullName: 'Bùi Văn Nam',
    title: 'Quản trị đơn vị xã Phú Riềng',
    memberships: [{ unitId: 'dni.phurieng.ubnd', role: 'unit_admin' }],
  },
  {
    username: 'giamsat.dongnai',
    fullName: 'Dương Thị Kim Oanh',
    title: 'Giám sát, Văn phòng UBND tỉnh',
    memberships: [{ unitId: 'dni.ubnd', role: 'supervisor' }],
  },
  {
    username: 'quantri',
    fullName: 'Ngô Thanh Sơn',
    title: 'Quản trị hệ thống và danh mục thủ tục',
    memberships: [
      { unitId: 'dni.ubnd', role: 'system_admin' },
      { unitId: 'dni.ubnd', role: 'catalogue_admin' },
    ],
  },
  {
    username: 'chuyenvien2.vhxh',
    fullName: 'Nguyễn Văn An',
    title: 'Công chức Tư pháp – Hộ tịch, Phòng Văn hóa - Xã hội',
    memberships: [{ unitId: 'dni.phurieng.vhxh', role: 'specialist' }],
  },
  {
    username: 'tiepnhan.xuanthanh',
    fullName: 'Lý Thị Hằng',
    title: 'Công chức tiếp nhận, TTPVHCC xã Xuân Thành',
    memberships: [{ unitId: 'dni.xuanthanh.ttpvhcc', role: 'reception' }],
  },
  {
    username: 'chuyenvien.xuanthanh',
    fullName: 'Mai Văn Phúc',
    title: 'Công chức Tư pháp – Hộ tịch, Phòng Văn hóa - Xã hội xã Xuân Thành',
    memberships: [{ unitId: 'dni.xuanthanh.vhxh', role: 'specialist' }],
  },
  {
    username: 'lanhdao.xuanthanh',
    fullName: 'Trịnh Quang Huy',
    title: 'Phó Chủ tịch UBND xã Xuân Thành',
    memberships: [{ unitId: 'dni.xuanthanh.ubnd', role: 'leader' }],
  },
  {
    username: 'vanthu.xuanthanh',
    fullName: 'Đinh Thị Thảo',
    title: 'Văn thư, Văn phòng HĐND-UBND xã Xuân Thành',
    memberships: [{ unitId: 'dni.xuanthanh.vanphong', role: 'clerk' }],
  },
  {
    // Publishes answered PAKN after removing personal data (docs/feedback.md); handles no dossier.
    username: 'bientap.phurieng',
    fullName: 'Phan Thị Thu Hà',
    title: 'Biên tập viên phản ánh, kiến nghị, Văn phòng HĐND-UBND xã Phú Riềng',
    memberships: [{ unitId: 'dni.phurieng.ubnd', role: 'feedback_moderator' }],
  },
  {
    // Community digital team (Tổ công nghệ số cộng đồng): areas in community_helper_areas (modules/community/demo.ts).
    username: 'hotro.phubinh',
    fullName: 'Lê Thị Thanh Hương',
    title: 'Tổ viên Tổ công nghệ số cộng đồng (Đoàn Thanh niên), Thôn Phú Bình',
    memberships: [{ unitId: 'dni.phurieng.ubnd', role: 'community_helper' }],
  },
  {
    username: 'hotro.phuthinh',
    fullName: 'Trần Văn Toàn',
    title: 'Tổ viên Tổ công nghệ số cộng đồng (Công an xã), Thôn Phú Thịnh',
    memberships: [{ unitId: 'dni.phurieng.ubnd', role: 'community_helper' }],
  },
];

export async function seedDemoOfficials(db: Database): Promise<void> {
  const existing = new Set((await db.query<{ username: string }>('SELECT username FROM officials')).rows.map((r) => r.username));
  for (const o of DEMO_OFFICIALS) {
    if (existing.has(o.username)) continue;
    await db.transaction((tx) => createOfficial(tx, { ...o, password: DEMO_OFFICIAL_PASSWORD }).then(() => undefined));
  }
}
