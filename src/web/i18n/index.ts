/**
 * i18next with the Vietnamese strings of the first load: the portal and the citizen journey (vi.ts) and the menu
 * labels of the other areas (areas-nav.vi.ts). Their English (first-load.en.ts) is loaded on demand, only when the
 * interface is or becomes English (english.ts). The strings of the back office, administration, metrics and payments
 * are added when their area's code loads (bundles.ts: staff.ts, admin.ts, metrics.ts, payments.ts), their English
 * likewise on demand.
 */
import i18n from 'i18next';
import { initReactI18next } from 'react-i18next';
import { areasNavVi } from './areas-nav.vi.ts';
import { wantEnglish, whenEnglish } from './english.ts';
import { portalVi } from './portal.vi.ts';
import { vi } from './vi.ts';

const stored = typeof localStorage !== 'undefined' ? localStorage.getItem('motcua.lang') : null;

void i18n.use(initReactI18next).init({
  resources: { vi: { translation: { ...vi, ...areasNavVi, ...portalVi } } },
  partialBundledLanguages: true,
  lng: stored === 'en' ? 'en' : 'vi',
  fallbackLng: 'vi',
  interpolation: { escapeValue: false },
  // A component re-renders when strings are added (an area's English arriving after its first render).
  react: { bindI18nStore: 'added' },
});

whenEnglish(() => import('./first-load.en.ts').then((m) => m.firstLoadEn));
/** Resolves when the strings of the stored language are in place (main.tsx renders then). */
export const languageReady: Promise<void> = wantEnglish(stored === 'en').catch(() => undefined);

i18n.on('languageChanged', (lng) => {
  document.documentElement.lang = lng;
  localStorage.setItem('motcua.lang', lng);
});
document.documentElement.lang = i18n.language;

export default i18n;
