/** The assistant's strings (`assistant.*`), added when its chunk loads. */
import { addBundles } from './bundles.ts';
import { assistantEn } from './assistant.en.ts';
import { assistantVi } from './assistant.vi.ts';

addBundles({ vi: { assistant: assistantVi }, en: { assistant: assistantEn } });
