/** The strings of the personal document store and its picker (key `store`), added when its pages load. */
import { addBundles } from './bundles.ts';
import { storeVi } from './store.vi.ts';

addBundles({ vi: { store: storeVi }, en: () => import('./store.en.ts').then((m) => ({ store: m.storeEn })) });
