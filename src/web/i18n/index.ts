import i18n from 'i18next';
import { initReactI18next } from 'react-i18next';
import { z } from 'zod';
import { vi } from './vi.ts';
import { en } from './en.ts';
import { staffVi } from './staff.vi.ts';
import { staffEn } from './staff.en.ts';
import { adminVi } from './admin.vi.ts';
import { adminEn } from './admin.en.ts';
import { metricsVi } from './metrics.vi.ts';
import { metricsEn } from './metrics.en.ts';
import { paymentsVi } from './payments.vi.ts';
import { paymentsEn } from './payments.en.ts';

const stored = typeof localStorage !== 'undefined' ? localStorage.getItem('motcua.lang') : null;

void i18n.use(initReactI18next).init({
  resources: { vi: { translation: { ...vi, staff: staffVi, admin: adminVi, metrics: metricsVi, payments: paymentsVi } }, en: { translation: { ...en, staff: staffEn, admin: adminEn, metrics: metricsEn, payments: paymentsEn } } },
  lng: stored === 'en' ? 'en' : 'vi',
  fallbackLng: 'vi',
  interpolation: { escapeValue: false },
});

/** Validation messages of the shared zod schemas follow the interface language. */
const zodLocale = (lng: string) => z.config(lng === 'en' ? z.locales.en() : z.locales.vi());

i18n.on('languageChanged', (lng) => {
  document.documentElement.lang = lng;
  localStorage.setItem('motcua.lang', lng);
  zodLocale(lng);
});
document.documentElement.lang = i18n.language;
zodLocale(i18n.language);

export default i18n;
