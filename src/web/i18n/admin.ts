/** The administration's strings (`admin.*`), added when the administration pages load. */
import { adminVi } from './admin.vi.ts';
import { addBundles } from './bundles.ts';

addBundles({ vi: { admin: adminVi }, en: () => import('./admin.en.ts').then((m) => ({ admin: m.adminEn })) });
