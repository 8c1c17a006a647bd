/** The strings of the linked-procedures pages (key `lienthong`), added when those pages load. */
import { addBundles } from './bundles.ts';
import { lienthongEn } from './lienthong.en.ts';
import { lienthongVi } from './lienthong.vi.ts';

addBundles({ vi: { lienthong: lienthongVi }, en: { lienthong: lienthongEn } });
