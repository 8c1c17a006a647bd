/**
 * Validation messages of the shared zod schemas follow the interface language. Only the pages that show zod's own
 * messages (the administration's procedure editor checks form definitions in the browser) import this module, so
 * zod's locales are not part of the portal's first load.
 */
import { config, locales } from 'zod';
import i18n from './index.ts';

const apply = (lng: string) => config(lng === 'en' ? locales.en() : locales.vi());
i18n.on('languageChanged', apply);
apply(i18n.language);
