/** The strings of the national-portal sync pages (key `sync`), added when those pages load. */
import { addBundles } from './bundles.ts';
import { syncEn } from './sync.en.ts';
import { syncVi } from './sync.vi.ts';

addBundles({ vi: { sync: syncVi }, en: { sync: syncEn } });
