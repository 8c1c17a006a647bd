import i18n from 'i18next';
import { initReactI18next } from 'react-i18next';
import { vi } from './vi.ts';
import { en } from './en.ts';

const stored = typeof localStorage !== 'undefined' ? localStorage.getItem('motcua.lang') : null;

void i18n.use(initReactI18next).init({
  resources: { vi: { translation: vi }, en: { translation: en } },
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
