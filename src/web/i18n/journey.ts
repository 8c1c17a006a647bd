/** The citizen journey's strings (`journey.*`), added when its pages (or the e-form fields at the counter) load. */
import { addBundles } from './bundles.ts';
import { journeyEn } from './journey.en.ts';
import { journeyVi } from './journey.vi.ts';

addBundles({ vi: { journey: journeyVi }, en: { journey: journeyEn } });
