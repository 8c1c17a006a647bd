import type { PortalMessages } from './portal.vi.ts';

export const portalEn: PortalMessages = {
  portal: {
    identity: 'Online public services',
    identityOf: 'Online public services · {{province}}',
    menu: 'Menu',
    help: {
      title: 'Need help?',
      hotline: 'Hotline:',
      phone: 'Phone:',
    },
  },
};
