/**
 * The form engine's validation messages in English (core/forms/messages.en.ts), loaded with the rest of the English
 * (issue 18, light first load). Imported by the pages that say the form engine's problems: the journey, the counter.
 */
import { registerEnglishFormMessages } from '../../core/forms/messages.ts';
import { whenEnglish } from '../i18n/english.ts';

whenEnglish(() =>
  import('../../core/forms/messages.en.ts').then((m) => {
    registerEnglishFormMessages(m.ENGLISH_FORM_MESSAGES);
    return undefined;
  }),
);
