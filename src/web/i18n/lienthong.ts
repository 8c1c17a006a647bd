/** The strings of the linked-procedures pages (key `lienthong`), added when those pages load. */
import { addBundles } from './bundles.ts';
import { lienthongVi } from './lienthong.vi.ts';

addBundles({ vi: { lienthong: lienthongVi }, en: () => import('./lienthong.en.ts').then((m) => ({ lienthong: m.lienthongEn })) });
