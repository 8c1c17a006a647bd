/** The strings of deleting a photo copy from the personal store (key `storephoto`), added when the store page loads. */
import { addBundles } from './bundles.ts';
import { storephotoVi } from './storephoto.vi.ts';

addBundles({ vi: { storephoto: storephotoVi }, en: () => import('./storephoto.en.ts').then((m) => ({ storephoto: m.storephotoEn })) });
