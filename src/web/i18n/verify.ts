/** The strings of the public verification of electronic results (key `verify`), added when its pages load. */
import { addBundles } from './bundles.ts';
import { verifyVi } from './verify.vi.ts';

addBundles({ vi: { verify: verifyVi }, en: () => import('./verify.en.ts').then((m) => ({ verify: m.verifyEn })) });
