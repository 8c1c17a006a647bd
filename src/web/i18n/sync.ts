/** The strings of the national-portal sync pages (key `sync`), added when those pages load. */
import { addBundles } from './bundles.ts';
import { syncVi } from './sync.vi.ts';

addBundles({ vi: { sync: syncVi }, en: () => import('./sync.en.ts').then((m) => ({ sync: m.syncEn })) });
