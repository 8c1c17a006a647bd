/**
 * i18next with the strings of the first load: the portal and the citizen journey (vi.ts, en.ts) and the menu labels
 * of the other areas (areas-nav.*.ts). The strings of the back office, administration, metrics and payments are
 * added when their area's code loads (bundles.ts: staff.ts, admin.ts, metrics.ts, payments.ts), both languages at
 * once so that the language switch works inside an area without waiting.
 */
import i18n from 'i18next';
import { initReactI18next } from 'react-i18next';
import { areasNavEn } from './areas-nav.en.ts';
import { areasNavVi } from './areas-nav.vi.ts';
import { en } from './en.ts';
import { portalEn } from './portal.en.ts';
import { portalVi } from './portal.vi.ts';
import { vi } from './vi.ts';

const stored = typeof localStorage !== 'undefined' ? localStorage.getItem('motcua.lang') : null;

void i18n.use(initReactI18next).init({
  resources: { vi: { translation: { ...vi, ...areasNavVi, ...portalVi } }, en: { translation: { ...en, ...areasNavEn, ...portalEn } } },
  lng: stored === 'en' ? 'en' : 'vi',
  fallbackLng: 'vi',
  interpolation: { escapeValue: false },
});

i18n.on('languageChanged', (lng) => {
  document.documentElement.lang = lng;
  localStorage.setItem('motcua.lang', lng);
});
document.documentElement.lang = i18n.language;

export default i18n;
