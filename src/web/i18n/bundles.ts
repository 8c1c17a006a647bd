/**
 * Adds an area's strings to i18next when the area's code is loaded: each area has a module (staff.ts, admin.ts,
 * metrics.ts, payments.ts) that calls `addBundles` when it is evaluated, and the area's components import that
 * module, so the strings travel in the area's chunk and are in place before the first of its components renders.
 */
import i18n from './index.ts';

export function addBundles(bundles: { vi: Record<string, unknown>; en: Record<string, unknown> }): void {
  // Deep merge into the one namespace: `staff.*`, `admin.*` … sit beside the keys already there (admin.nav …).
  i18n.addResourceBundle('vi', 'translation', bundles.vi, true, true);
  i18n.addResourceBundle('en', 'translation', bundles.en, true, true);
}
