/** The "Hỏi trợ lý" button of the citizen layout; the panel itself is a chunk loaded on the first click. */
import { lazy, Suspense, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useLocation } from 'react-router';

const ChatPanel = lazy(async () => ({ default: (await import('./ChatPanel.tsx')).ChatPanel }));

export function ChatLauncher() {
  const { t } = useTranslation();
  const [open, setOpen] = useState(false);
  const button = useRef<HTMLButtonElement>(null);
  const { pathname } = useLocation();
  if (pathname.startsWith('/tro-ly')) return null;
  return (
    <>
      {!open && (
        <button ref={button} type="button" className="button chat-launcher" onClick={() => setOpen(true)} aria-haspopup="dialog">
          {t('nav.assistant')}
        </button>
      )}
      {open && (
        <Suspense fallback={null}>
          <ChatPanel
            onClose={() => {
              setOpen(false);
              setTimeout(() => button.current?.focus(), 0);
            }}
          />
        </Suspense>
      )}
    </>
  );
}
