/** The back office's strings (`staff.*`, and the community team's `community.*`), added when the back office loads. */
import { addBundles } from './bundles.ts';
import { communityEn } from './community.en.ts';
import { communityVi } from './community.vi.ts';
import { staffEn } from './staff.en.ts';
import { staffVi } from './staff.vi.ts';

addBundles({ vi: { staff: staffVi, community: communityVi }, en: { staff: staffEn, community: communityEn } });
