/** Vietnamese strings (the reference language). Keys are grouped by page. */
export const vi = {
  app: { name: 'Dịch vụ công MotCua', skipToContent: 'Chuyển đến nội dung chính', language: 'Ngôn ngữ', footer: 'Hệ thống thông tin giải quyết thủ tục hành chính' },
  nav: { home: 'Trang chủ', procedures: 'Thủ tục hành chính', login: 'Đăng nhập', logout: 'Đăng xuất' },
  home: { title: 'Dịch vụ công trực tuyến', lead: 'Tìm thủ tục, nộp hồ sơ trực tuyến và theo dõi kết quả.' },
  notFound: { title: 'Không tìm thấy trang', back: 'Về trang chủ' },
};
export type Messages = typeof vi;
