/** The citizen journey's strings (`journey.*`), added when its pages (or the e-form fields at the counter) load. */
import { addBundles } from './bundles.ts';
import { journeyVi } from './journey.vi.ts';

addBundles({ vi: { journey: journeyVi }, en: () => import('./journey.en.ts').then((m) => ({ journey: m.journeyEn })) });
