/** The assistant's strings (`assistant.*`), added when its chunk loads. */
import { addBundles } from './bundles.ts';
import { assistantVi } from './assistant.vi.ts';

addBundles({ vi: { assistant: assistantVi }, en: () => import('./assistant.en.ts').then((m) => ({ assistant: m.assistantEn })) });
