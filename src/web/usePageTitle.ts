import { useEffect, useRef } from 'react';

/** Sets document.title and moves focus to the page heading after client-side navigation (screen readers). */
export function usePageTitle(title: string | undefined) {
  const headingRef = useRef<HTMLHeadingElement>(null);
  useEffect(() => {
    if (!title) return;
    document.title = `${title} – Dịch vụ công MotCua`;
  }, [title]);
  useEffect(() => {
    if (window.history.length > 1 && document.activeElement !== document.body) headingRef.current?.focus();
  }, []);
  return headingRef;
}
