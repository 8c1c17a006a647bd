/** Vietnamese strings of the phone-first portal frame and journey controls (issue 18, item 2 and 7). */
export const portalVi = {
  portal: {
    identity: 'Dịch vụ công trực tuyến',
    identityOf: 'Dịch vụ công trực tuyến · {{province}}',
    menu: 'Menu',
    help: {
      title: 'Cần hỗ trợ?',
      hotline: 'Đường dây nóng:',
      phone: 'Điện thoại:',
    },
  },
};
export type PortalMessages = typeof portalVi;
