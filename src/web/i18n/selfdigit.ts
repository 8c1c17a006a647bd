/** The strings of self-digitisation (key `selfdigit`), added when the journey or the back office's dossier page loads. */
import { addBundles } from './bundles.ts';
import { selfdigitVi } from './selfdigit.vi.ts';

addBundles({ vi: { selfdigit: selfdigitVi }, en: () => import('./selfdigit.en.ts').then((m) => ({ selfdigit: m.selfdigitEn })) });
