/** The notification strings (`notifications.*`: profile and contacts, a dossier's messages, failures for officials). */
import { addBundles } from './bundles.ts';
import { notificationsVi } from './notifications.vi.ts';

addBundles({ vi: { notifications: notificationsVi }, en: () => import('./notifications.en.ts').then((m) => ({ notifications: m.notificationsEn })) });
