/**
 * Kho dữ liệu của tôi (/kho-du-lieu): the citizen's personal document store — electronic results, certified copies
 * and digitised components, grouped by kind. Each document can be viewed or downloaded, shared with a link that
 * expires (1 hour to 30 days), and a result can be verified on its public page. A revoked or replaced result stays
 * listed, clearly marked (never by colour alone).
 *
 * "Chụp ảnh giấy tờ" (self-digitisation, docs/digitisation.md): the citizen photographs a paper here, outside any
 * dossier, with the journey's PhotoCopy component; it is kept as "bản chụp tự số hoá — chưa đối chiếu bản gốc"
 * (kind photo_copy) and its fields are confirmed one by one (now or later from its card). Its card's "Xoá" asks
 * for confirmation, then deletes it (DELETE /api/my/store/photo-copies/:id; refused while a dossier uses it).
 */
import { useMutation, useQuery } from '@tanstack/react-query';
import { useEffect, useRef, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { api } from '../api/client.ts';
import { errorText } from '../data/errors.ts';
import { storeQueries } from '../data/queries.ts';
import type { ShareLink, StoreItem, StoreKind } from '../api/types.ts';
import { formatDate, formatDay } from '../format.ts';
import { loginHref, useSession } from '../session.tsx';
import { fileSize, vnClock } from '../staff/format.ts';
import { usePageTitle } from '../usePageTitle.ts';
import { STORE_DOCUMENT_TYPE_OF } from '../../core/recognition/document-types.ts';
import { RECOGNISABLE_TYPES, type RecognisableType } from '../../core/recognition/templates.ts';
import { PhotoCopy } from '../journey/PhotoCopy.tsx';
import { storeItemState, vnToday, type StoreItemState } from './fit.ts';
import '../i18n/selfdigit.ts';
import '../i18n/store.ts';
import '../i18n/storephoto.ts';

const KINDS: StoreKind[] = ['result', 'certified_copy', 'digitised', 'photo_copy'];
const DURATIONS = [
  { key: 'h1', hours: 1 },
  { key: 'd1', hours: 24 },
  { key: 'd7', hours: 24 * 7 },
  { key: 'd30', hours: 24 * 30 },
] as const;
const STATE_ICON: Record<StoreItemState, string> = { valid: '✓', expired: '⏱', cancelled: '⚠', replaced: '⚠' };

export function StorePage() {
  const { t } = useTranslation();
  const { session } = useSession();
  const heading = usePageTitle(t('store.title'));
  const query = useQuery({ ...storeQueries.mine(), enabled: !!session?.authenticated });
  const items = query.data?.items ?? null;
  const error = query.error ? errorText(query.error, t('store.loadError')) : null;
  const [photographing, setPhotographing] = useState(false);
  const [deleted, setDeleted] = useState('');
  const refresh = () => void query.refetch();
  const afterDelete = (title: string) => {
    setDeleted(t('storephoto.deleted', { title }));
    refresh();
    heading.current?.focus();
  };

  if (session && !session.authenticated) {
    return (
      <section>
        <h1 ref={heading} tabIndex={-1}>
          {t('store.title')}
        </h1>
        <p>
          <a href={loginHref('/kho-du-lieu')}>{t('store.login')}</a> {t('store.loginToSee')}
        </p>
      </section>
    );
  }
  const today = vnToday();
  return (
    <section className="store-page">
      <h1 ref={heading} tabIndex={-1}>
        {t('store.title')}
      </h1>
      {/* The first screen (issue 18): a short lead in body type, so the first document's actions show without scrolling. */}
      <p className="store-lead">{t('store.lead')}</p>
      <div className="store-page-actions">
        <button
          type="button"
          className="button"
          aria-expanded={photographing}
          aria-controls="store-photo"
          onClick={() => setPhotographing((p) => !p)}
          data-testid="store-photo-action"
        >
          {t('selfdigit.storeAction')}
        </button>
      </div>
      <div id="store-photo" hidden={!photographing}>
        {photographing && <StorePhoto onChanged={refresh} onClose={() => setPhotographing(false)} />}
      </div>
      {error && (
        <div className="error-box" role="alert">
          {error}
        </div>
      )}
      <p role="status" className={deleted ? 'doc-ok' : 'visually-hidden'} data-testid="store-deleted">
        {deleted}
      </p>
      {items === null ? (
        !error && <p role="status">{t('common.loading')}</p>
      ) : items.length === 0 ? (
        <p role="status">{t('store.empty')}</p>
      ) : (
        <>
          <p role="status" className="result-count">
            {t('store.count', { count: items.length })}
          </p>
          {KINDS.filter((k) => items.some((i) => i.kind === k)).map((kind) => {
            const group = items.filter((i) => i.kind === kind);
            return (
              <section key={kind} aria-labelledby={`store-${kind}`} className="store-group">
                <h2 id={`store-${kind}`}>
                  {t(`store.kinds.${kind}`)} ({group.length})
                </h2>
                <ul className="cards store-list" aria-labelledby={`store-${kind}`}>
                  {group.map((doc) => (
                    <StoreItemCard key={doc.id} doc={doc} state={storeItemState(doc, today)} onChanged={refresh} onDeleted={afterDelete} />
                  ))}
                </ul>
              </section>
            );
          })}
        </>
      )}
    </section>
  );
}

/** Photograph a paper into the store: choose what it is, then the journey's photo-copy steps (one path). */
function StorePhoto({ onChanged, onClose }: { onChanged: () => void; onClose: () => void }) {
  const { t } = useTranslation();
  const [type, setType] = useState<RecognisableType>('birth-certificate');
  const [saved, setSaved] = useState(false);
  return (
    <section className="card store-photo" aria-labelledby="store-photo-title">
      <h2 id="store-photo-title">{t('selfdigit.storeTitle')}</h2>
      <p className="hint">{t('selfdigit.storeLead')}</p>
      <fieldset className="form-group">
        <legend>{t('selfdigit.storeType')}</legend>
        <div className="radios">
          {RECOGNISABLE_TYPES.map((k) => (
            <label key={k}>
              <input
                type="radio"
                name="store-photo-type"
                value={k}
                checked={type === k}
                onChange={() => {
                  setType(k);
                  setSaved(false);
                }}
              />{' '}
              {t(`selfdigit.types.${k}`)}
            </label>
          ))}
        </div>
      </fieldset>
      <PhotoCopy
        key={type}
        requirementCode={`store-${type}`}
        name={t(`selfdigit.types.${type}`)}
        type={type}
        endpoint="/api/my/store/photo-copies"
        onCreated={onChanged}
        onConfirmed={() => {
          setSaved(true);
          onChanged();
        }}
      />
      {saved && (
        <p role="status" className="doc-ok" data-testid="store-photo-saved">
          {t('selfdigit.storeSaved')}
        </p>
      )}
      <button type="button" className="link-button" onClick={onClose}>
        {t('selfdigit.storeClose')}
        <span className="visually-hidden"> {t('selfdigit.storeTitle')}</span>
      </button>
    </section>
  );
}

const TYPE_OF_STORE_DOCUMENT = Object.fromEntries(Object.entries(STORE_DOCUMENT_TYPE_OF).map(([k, v]) => [v, k as RecognisableType]));

function StoreItemCard({
  doc,
  state,
  onChanged,
  onDeleted,
}: {
  doc: StoreItem;
  state: StoreItemState;
  onChanged: () => void;
  onDeleted: (title: string) => void;
}) {
  const { t } = useTranslation();
  const [sharing, setSharing] = useState(false);
  const [checking, setChecking] = useState(false);
  const [deleting, setDeleting] = useState(false);
  const titleId = `doc-${doc.id}`;
  const photo = doc.kind === 'photo_copy' ? doc.photoCopy : null;
  const photoType = doc.documentType ? TYPE_OF_STORE_DOCUMENT[doc.documentType] : undefined;
  return (
    <li className={`card store-item store-item-${state}`} aria-labelledby={titleId} data-testid="store-item">
      <h3 className="card-title" id={titleId}>
        {doc.title}
      </h3>
      {state !== 'valid' && <p className="store-warning">{t(`store.stateNote.${state}`)}</p>}
      {/* The actions right under the title (issue 18, first screen); the facts follow. */}
      {photo && <p className="hint">{t('selfdigit.storeNote')}</p>}
      {photo && !photo.confirmed && (
        <p className="store-warning" data-testid="store-photo-unconfirmed">
          {photo.status === 'failed' ? t('selfdigit.storeFailed') : t('selfdigit.storeUnconfirmed')}
        </p>
      )}
      <div className="store-actions">
        <a className="button button-secondary" href={`/api/my/store/${doc.id}/file`} target="_blank" rel="noopener">
          {t('store.open')}
          <span className="visually-hidden">
            {' '}
            {doc.title} {t('store.newTab')}
          </span>
        </a>
        <button
          type="button"
          className="button button-secondary"
          aria-expanded={sharing}
          aria-controls={`share-${doc.id}`}
          onClick={() => setSharing((s) => !s)}
        >
          {t('store.share')}
          <span className="visually-hidden"> {doc.title}</span>
        </button>
        {photo && !photo.confirmed && photo.status !== 'failed' && photoType && (
          <button type="button" className="button" aria-expanded={checking} aria-controls={`check-${doc.id}`} onClick={() => setChecking((c) => !c)}>
            {t('selfdigit.storeConfirm')}
            <span className="visually-hidden"> {doc.title}</span>
          </button>
        )}
        {photo && (
          <button
            type="button"
            className="button button-secondary"
            aria-expanded={deleting}
            aria-controls={`delete-${doc.id}`}
            onClick={() => setDeleting((d) => !d)}
            data-testid="store-photo-delete"
          >
            {t('storephoto.delete')}
            <span className="visually-hidden"> {doc.title}</span>
          </button>
        )}
        {doc.resultId && (
          <Link className="button button-secondary" to={`/verify/${doc.resultId}`}>
            {t('store.verify')}
            <span className="visually-hidden"> {doc.title}</span>
          </Link>
        )}
      </div>
      {photo && photoType && (
        <div id={`check-${doc.id}`} hidden={!checking}>
          {checking && (
            <PhotoCopy
              requirementCode={`check-${doc.id}`}
              name={doc.title}
              type={photoType}
              resumeId={photo.id}
              onConfirmed={() => {
                setChecking(false);
                onChanged();
              }}
            />
          )}
        </div>
      )}
      {photo && (
        <div id={`delete-${doc.id}`} hidden={!deleting}>
          {deleting && <DeletePhotoPanel doc={doc} onCancel={() => setDeleting(false)} onDeleted={() => onDeleted(doc.title)} />}
        </div>
      )}
      <div id={`share-${doc.id}`} hidden={!sharing}>
        {sharing && <SharePanel doc={doc} onClose={() => setSharing(false)} />}
      </div>
      <dl className="store-facts">
        <div>
          <dt>{doc.kind === 'digitised' ? t('store.digitisedAt') : t('store.issuedAt')}</dt>
          <dd>
            <time dateTime={doc.issuedAt}>{formatDate(doc.issuedAt)}</time>
          </dd>
        </div>
        <div>
          <dt>{t('store.validity')}</dt>
          <dd>{doc.validTo ? t('store.validUntil', { date: formatDay(doc.validTo) }) : t('store.noLimit')}</dd>
        </div>
        <div>
          <dt>{t('store.status')}</dt>
          <dd>
            {photo ? (
              <span className="store-state store-state-photo" data-testid="store-state">
                <span aria-hidden="true">⚠</span> {t('selfdigit.storeStatus')}
              </span>
            ) : (
              <span className={`store-state store-state-${state}`} data-testid="store-state">
                <span aria-hidden="true">{STATE_ICON[state]}</span> {t(`store.state.${state}`)}
              </span>
            )}
          </dd>
        </div>
        {doc.sourceDossierCode && (
          <div>
            <dt>{t('store.dossier')}</dt>
            <dd className="store-code">{doc.sourceDossierCode}</dd>
          </div>
        )}
        <div>
          <dt>{t('store.file')}</dt>
          <dd>
            {doc.mime === 'application/pdf' ? 'PDF' : doc.mime.replace('image/', '').toUpperCase()} · {fileSize(doc.size)}
          </dd>
        </div>
      </dl>
    </li>
  );
}

/** "Xoá": asks first (focus on the question), then deletes the photo copy; the reason is shown when it is refused. */
function DeletePhotoPanel({ doc, onCancel, onDeleted }: { doc: StoreItem; onCancel: () => void; onDeleted: () => void }) {
  const { t } = useTranslation();
  const ask = useRef<HTMLParagraphElement>(null);
  const remove = useMutation({
    mutationFn: () => api(`/api/my/store/photo-copies/${doc.id}`, { method: 'DELETE' }),
    onSuccess: onDeleted,
  });
  useEffect(() => ask.current?.focus(), []);
  const error = remove.error ? errorText(remove.error, t('storephoto.deleteError')) : null;
  return (
    <div className="share-panel" data-testid="store-photo-delete-panel">
      <p ref={ask} tabIndex={-1} id={`delete-ask-${doc.id}`}>
        {t('storephoto.deleteAsk')}
      </p>
      {error && (
        <p className="field-error" role="alert">
          {error}
        </p>
      )}
      <div className="button-row">
        <button type="button" className="button" aria-describedby={`delete-ask-${doc.id}`} disabled={remove.isPending} onClick={() => remove.mutate()}>
          {remove.isPending ? t('storephoto.deleting') : t('storephoto.deleteYes')}
          <span className="visually-hidden"> {doc.title}</span>
        </button>
        <button type="button" className="link-button" onClick={onCancel}>
          {t('storephoto.deleteNo')}
          <span className="visually-hidden"> {doc.title}</span>
        </button>
      </div>
    </div>
  );
}

/** Choose how long the link works, create it, then copy it; the expiry is stated in Vietnam time. */
function SharePanel({ doc, onClose }: { doc: StoreItem; onClose: () => void }) {
  const { t } = useTranslation();
  const [hours, setHours] = useState<number>(24);
  const [announcement, setAnnouncement] = useState('');
  const linkRef = useRef<HTMLInputElement>(null);

  const at = (iso: string) => t('store.at', { time: vnClock(iso), date: formatDate(iso) });
  const share = useMutation({
    mutationFn: () => api<ShareLink>(`/api/my/store/${doc.id}/shares`, { method: 'POST', body: { hours } }),
    onSuccess: (created) => setAnnouncement(t('store.created', { at: at(created.expiresAt) })),
  });
  const link = share.data ?? null;
  const busy = share.isPending;
  const error = share.error ? errorText(share.error, t('store.shareError')) : null;
  useEffect(() => {
    if (link) linkRef.current?.focus();
  }, [link]);
  const create = (e: FormEvent) => {
    e.preventDefault();
    share.mutate();
  };
  const copy = async () => {
    if (!link) return;
    try {
      await navigator.clipboard.writeText(link.url);
      setAnnouncement(t('store.copied'));
    } catch {
      linkRef.current?.select();
      setAnnouncement(t('store.copyFailed'));
    }
  };
  const name = `share-hours-${doc.id}`;
  return (
    <div className="share-panel">
      <h4 className="share-title">{t('store.shareOf', { title: doc.title })}</h4>
      <form onSubmit={create} noValidate>
        <fieldset className="form-group">
          <legend>{t('store.duration')}</legend>
          <p className="hint" id={`${name}-hint`}>
            {t('store.shareHint')}
          </p>
          <div className="radios share-durations">
            {DURATIONS.map((d) => (
              <label key={d.key}>
                <input
                  type="radio"
                  name={name}
                  value={d.hours}
                  checked={hours === d.hours}
                  aria-describedby={`${name}-hint`}
                  onChange={() => setHours(d.hours)}
                />{' '}
                {t(`store.durations.${d.key}`)}
              </label>
            ))}
          </div>
        </fieldset>
        {error && (
          <p className="field-error" role="alert">
            {error}
          </p>
        )}
        <div className="button-row">
          <button type="submit" className="button" disabled={busy}>
            {busy ? t('store.creating') : t('store.createLink')}
          </button>
          <button type="button" className="link-button" onClick={onClose}>
            {t('store.close')}
            <span className="visually-hidden"> {t('store.shareOf', { title: doc.title })}</span>
          </button>
        </div>
      </form>
      {link && (
        <div className="share-result">
          <label htmlFor={`share-link-${doc.id}`}>{t('store.link')}</label>
          <input
            id={`share-link-${doc.id}`}
            ref={linkRef}
            type="text"
            readOnly
            value={link.url}
            className="share-link"
            aria-describedby={`share-expiry-${doc.id}`}
            onFocus={(e) => e.currentTarget.select()}
          />
          <p id={`share-expiry-${doc.id}`} data-testid="share-expiry">
            {t('store.expires', { at: at(link.expiresAt) })}
          </p>
          <button type="button" className="button button-secondary" onClick={() => void copy()}>
            {t('store.copy')}
          </button>
        </div>
      )}
      <p role="status" className="share-status">
        {announcement}
      </p>
    </div>
  );
}
