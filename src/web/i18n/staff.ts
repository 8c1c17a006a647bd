/** The back office's strings (`staff.*`, and the community team's `community.*`), added when the back office loads. */
import { addBundles } from './bundles.ts';
import { communityVi } from './community.vi.ts';
import { staffVi } from './staff.vi.ts';

addBundles({
  vi: { staff: staffVi, community: communityVi },
  en: () => Promise.all([import('./staff.en.ts'), import('./community.en.ts')]).then(([m0, m1]) => ({ staff: m0.staffEn, community: m1.communityEn })),
});
