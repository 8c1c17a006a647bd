/** The PAKN and Q&A strings (`feedback.*`), added when their chunk loads. */
import { addBundles } from './bundles.ts';
import { feedbackVi } from './feedback.vi.ts';

addBundles({ vi: { feedback: feedbackVi }, en: () => import('./feedback.en.ts').then((m) => ({ feedback: m.feedbackEn })) });
