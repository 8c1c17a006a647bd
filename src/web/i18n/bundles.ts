/**
 * Adds an area's strings to i18next when the area's code is loaded: each area has a module (staff.ts, admin.ts,
 * metrics.ts, payments.ts) that calls `addBundles` when it is evaluated, and the area's components import that
 * module, so the Vietnamese strings travel in the area's chunk and are in place before the first of its components
 * renders. The English ones are a chunk of their own, loaded only when the interface is or becomes English
 * (english.ts); a lazy page waits for them before it shows (`lazyNamed`).
 */
import { whenEnglish } from './english.ts';
import i18n from './index.ts';

type Strings = Record<string, unknown>;

export function addBundles(bundles: { vi: Strings; en: () => Promise<Strings> }): void {
  // Deep merge into the one namespace: `staff.*`, `admin.*` … sit beside the keys already there (admin.nav …).
  i18n.addResourceBundle('vi', 'translation', bundles.vi, true, true);
  whenEnglish(bundles.en);
}
