import { useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';

/** Sets document.title and moves focus to the page heading after client-side navigation (screen readers). */
export function usePageTitle(title: string | undefined) {
  const headingRef = useRef<HTMLHeadingElement>(null);
  const { t } = useTranslation();
  const site = t('app.name');
  useEffect(() => {
    if (!title) return;
    document.title = `${title} – ${site}`;
  }, [title, site]);
  useEffect(() => {
    if (window.history.length > 1 && document.activeElement !== document.body) headingRef.current?.focus();
  }, []);
  return headingRef;
}
