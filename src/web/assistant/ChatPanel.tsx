/**
 * The chat panel on the citizen pages: a dialog holding the assistant's conversation, opened by the launcher in
 * the layout (loaded only when opened). Escape or the close button closes it and returns focus to the launcher.
 */
import { useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import '../i18n/assistant.ts';
import { AssistantChat } from './AssistantChat.tsx';

export function ChatPanel({ onClose }: { onClose: () => void }) {
  const { t } = useTranslation();
  const dialog = useRef<HTMLDialogElement>(null);
  useEffect(() => {
    const d = dialog.current;
    if (d && !d.open) d.show();
    d?.querySelector<HTMLInputElement>('input')?.focus();
  }, []);
  return (
    // A non-modal dialog: the page stays usable beside it on large screens; on phones it covers the bottom.
    <dialog
      ref={dialog}
      className="chat-panel"
      aria-labelledby="chat-panel-title"
      onKeyDown={(e) => {
        if (e.key === 'Escape') onClose();
      }}
    >
      <div className="chat-panel-head">
        <h2 id="chat-panel-title">{t('assistant.panelTitle')}</h2>
        <Link to="/tro-ly" onClick={onClose}>
          {t('assistant.fullPage')}
        </Link>
        <button type="button" className="link-button" onClick={onClose} aria-label={t('assistant.close')}>
          ✕
        </button>
      </div>
      <AssistantChat compact onNavigate={onClose} />
    </dialog>
  );
}
