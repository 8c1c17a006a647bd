/** The strings of the personal document store and its picker (key `store`), added when its pages load. */
import { addBundles } from './bundles.ts';
import { storeEn } from './store.en.ts';
import { storeVi } from './store.vi.ts';

addBundles({ vi: { store: storeVi }, en: { store: storeEn } });
