/**
 * "Lấy từ kho dữ liệu": for one document requirement, the person's stored documents that fit it (same rule as the
 * server: document type or accepted result code, still valid), each to be chosen instead of an upload. Used by the
 * citizen's draft (their own store) and by the counter intake (the store of the citizen at the counter).
 */
import { useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { StoreItem, StoreRequirement } from '../api/types.ts';
import { formatDate, formatDay } from '../format.ts';
import { fittingDocuments, vnToday } from './fit.ts';
import '../i18n/store.ts';

export interface StoreSource {
  /** null until loaded. */
  items: StoreItem[] | null;
  error: string | null;
  /** Loads the store once (called when a picker opens). */
  load: () => void;
}

interface Props {
  requirement: StoreRequirement;
  source: StoreSource;
  /** The stored documents already chosen for this requirement. */
  chosen: readonly string[];
  onChoose: (doc: StoreItem) => void;
  /** The toggle's words ("Lấy từ kho dữ liệu" / "… của công dân"). */
  openLabel: string;
}

export function StorePicker({ requirement, source, chosen, onChoose, openLabel }: Props) {
  const { t } = useTranslation();
  const [open, setOpen] = useState(false);
  const [announcement, setAnnouncement] = useState('');
  const toggleRef = useRef<HTMLButtonElement>(null);
  const panelId = `store-picker-${requirement.code}`;
  const headingId = `${panelId}-title`;
  const fitting = source.items ? fittingDocuments(source.items, requirement, vnToday()) : null;

  const toggle = () => {
    if (!open) source.load();
    setOpen(!open);
    setAnnouncement('');
  };
  const choose = (doc: StoreItem) => {
    onChoose(doc);
    setOpen(false);
    setAnnouncement(t('store.picker.announce', { title: doc.title }));
    toggleRef.current?.focus();
  };

  return (
    <div className="store-picker">
      <button type="button" ref={toggleRef} className="button button-secondary" aria-expanded={open} aria-controls={panelId} onClick={toggle}>
        {openLabel}
        <span className="visually-hidden"> – {requirement.name}</span>
      </button>
      <div id={panelId} className="store-picker-panel" hidden={!open} role="region" aria-labelledby={headingId}>
        <h3 id={headingId} className="store-picker-title">
          {t('store.picker.heading', { name: requirement.name })}
        </h3>
        {source.error ? (
          <p className="field-error" role="alert">
            {source.error}
          </p>
        ) : fitting === null ? (
          <p role="status">{t('store.picker.loading')}</p>
        ) : fitting.length === 0 ? (
          <p>{t('store.picker.none')}</p>
        ) : (
          <ul className="store-choices">
            {fitting.map((doc) => (
              <li key={doc.id}>
                <p className="store-choice-title">{doc.title}</p>
                <p className="muted">
                  {t('store.picker.issued', { date: formatDate(doc.issuedAt) })} ·{' '}
                  {doc.validTo ? t('store.validUntil', { date: formatDay(doc.validTo) }) : t('store.noLimit')}
                  {doc.sourceDossierCode ? ` · ${t('store.dossier')} ${doc.sourceDossierCode}` : ''}
                </p>
                {chosen.includes(doc.id) ? (
                  <p className="doc-ok">{t('store.picker.chosen')}</p>
                ) : (
                  <button type="button" className="button" onClick={() => choose(doc)}>
                    {t('store.picker.use')}
                    <span className="visually-hidden">: {doc.title}</span>
                  </button>
                )}
              </li>
            ))}
          </ul>
        )}
        <button
          type="button"
          className="link-button"
          onClick={() => {
            setOpen(false);
            toggleRef.current?.focus();
          }}
        >
          {t('store.picker.close')}
        </button>
      </div>
      <p role="status" className="visually-hidden">
        {announcement}
      </p>
    </div>
  );
}
