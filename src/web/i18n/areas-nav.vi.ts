/**
 * The menu labels of the areas that load on demand (administration, metrics, payments): the back-office menu and
 * the portal's footer show them before their area's own strings are loaded, so they are part of the first load.
 */
export const areasNavVi = {
  admin: {
    nav: {
      procedures: 'Thủ tục hành chính',
      proceduresHint: 'Tìm thủ tục, xem các phiên bản và sửa thủ tục thành phiên bản mới.',
      units: 'Đơn vị',
      unitsHint: 'Cây tổ chức, thêm, sửa, giải thể đơn vị và lịch sử thay đổi.',
      officials: 'Cán bộ',
      officialsHint: 'Tài khoản cán bộ, vai trò tại đơn vị, khóa, mở khóa, mật khẩu, xác thực hai lớp.',
      calendar: 'Lịch làm việc',
      calendarHint: 'Ngày nghỉ lễ, nghỉ bù, làm bù và giờ làm việc.',
      changes: 'Nhật ký quản trị',
      changesHint: 'Mọi thay đổi quản trị với nội dung trước và sau, kiểm tra chuỗi băm.',
    },
  },
  metrics: {
    nav: { dashboard: 'Chỉ số phục vụ', public: 'Chỉ số phục vụ' },
  },
  payments: {
    nav: { reconcile: 'Đối soát thanh toán' },
  },
  sync: {
    nav: { reconcile: 'Đồng bộ Cổng DVCQG' },
  },
  lienthong: {
    nav: { staff: 'Hồ sơ liên thông' },
  },
  notifications: {
    nav: { profile: 'Tài khoản và thông báo', failed: 'Thông báo gửi lỗi' },
  },
};
