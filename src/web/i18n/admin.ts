/** The administration's strings (`admin.*`), added when the administration pages load. */
import { adminEn } from './admin.en.ts';
import { adminVi } from './admin.vi.ts';
import { addBundles } from './bundles.ts';

addBundles({ vi: { admin: adminVi }, en: { admin: adminEn } });
