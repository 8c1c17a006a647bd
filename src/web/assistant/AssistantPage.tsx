/** /tro-ly: the assistant on its own page. */
import { useTranslation } from 'react-i18next';
import '../i18n/assistant.ts';
import { usePageTitle } from '../usePageTitle.ts';
import { AssistantChat } from './AssistantChat.tsx';

export function AssistantPage() {
  const { t } = useTranslation();
  const heading = usePageTitle(t('assistant.title'));
  return (
    <>
      <h1 ref={heading} tabIndex={-1}>
        {t('assistant.title')}
      </h1>
      <p>{t('assistant.intro')}</p>
      <AssistantChat />
    </>
  );
}
