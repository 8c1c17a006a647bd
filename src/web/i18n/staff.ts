/** The back office's strings (`staff.*`), added when the back office loads. */
import { addBundles } from './bundles.ts';
import { staffEn } from './staff.en.ts';
import { staffVi } from './staff.vi.ts';

addBundles({ vi: { staff: staffVi }, en: { staff: staffEn } });
