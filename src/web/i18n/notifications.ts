/** The notification strings (`notifications.*`: profile and contacts, a dossier's messages, failures for officials). */
import { addBundles } from './bundles.ts';
import { notificationsEn } from './notifications.en.ts';
import { notificationsVi } from './notifications.vi.ts';

addBundles({ vi: { notifications: notificationsVi }, en: { notifications: notificationsEn } });
