/**
 * /tai-khoan — the citizen's account and notifications (issue 14, item 6): the phone number and e-mail address
 * confirmed with a one-time code (sent by SMS or e-mail through the notification outbox), and the channels for
 * messages the law does not require. Mandatory notices are always sent.
 */
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect, useRef, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../api/client.ts';
import { errorText } from '../data/errors.ts';
import { apiQuery } from '../data/query.ts';
import '../i18n/notifications.ts';
import { loginHref, useSession } from '../session.tsx';
import { usePageTitle } from '../usePageTitle.ts';
import type { MyContacts, Preferences } from './types.ts';

const contactsKey = ['citizen', 'contacts'] as const;
const preferencesKey = ['citizen', 'notification-preferences'] as const;

function ContactForm({ kind, current }: { kind: 'phone' | 'email'; current: MyContacts['phone'] }) {
  const { t, i18n } = useTranslation();
  const qc = useQueryClient();
  const [value, setValue] = useState('');
  const [code, setCode] = useState('');
  const [challenge, setChallenge] = useState<{ id: string; value: string } | null>(null);
  const [message, setMessage] = useState('');
  const [missing, setMissing] = useState(false);
  const codeRef = useRef<HTMLInputElement>(null);
  const ask = useMutation({
    mutationFn: () =>
      api<{ id: string; value: string }>('/api/my/contacts/confirmations', {
        method: 'POST',
        body: { kind, value, locale: i18n.language === 'en' ? 'en' : 'vi' },
      }),
    onSuccess: (c) => {
      setChallenge(c);
      setCode('');
      setMessage(t('notifications.profile.sent', { value: c.value }));
    },
  });
  const confirm = useMutation({
    mutationFn: () => api<{ value: string }>(`/api/my/contacts/confirmations/${encodeURIComponent(challenge?.id ?? '')}`, { method: 'POST', body: { code } }),
    onSuccess: async (c) => {
      setChallenge(null);
      setValue('');
      setMessage(t('notifications.profile.confirmedNow', { value: c.value }));
      await qc.invalidateQueries({ queryKey: contactsKey });
    },
  });
  const remove = useMutation({
    mutationFn: () => api(`/api/my/contacts/${kind}`, { method: 'DELETE' }),
    onSuccess: async () => {
      setMessage(t('notifications.profile.removed'));
      await qc.invalidateQueries({ queryKey: contactsKey });
    },
  });
  useEffect(() => {
    if (challenge) codeRef.current?.focus();
  }, [challenge]);
  const id = `f-${kind}`;
  const askError = missing ? t('notifications.profile.required') : ask.error ? errorText(ask.error, t('notifications.profile.error')) : null;
  const confirmError = confirm.error ? errorText(confirm.error, t('notifications.profile.error')) : null;
  const label = kind === 'phone' ? t('notifications.profile.phone') : t('notifications.profile.email');
  return (
    <div className="contact-form" data-testid={`contact-${kind}`}>
      <h3>{label}</h3>
      <p data-testid={`contact-${kind}-state`}>
        {current ? t('notifications.profile.confirmed', { value: current.value }) : t('notifications.profile.notConfirmed')}
        {current && (
          <>
            {' '}
            <button type="button" className="link-button" onClick={() => remove.mutate()} disabled={remove.isPending}>
              {t('notifications.profile.remove')}
              <span className="visually-hidden"> {label}</span>
            </button>
          </>
        )}
      </p>
      <form
        noValidate
        onSubmit={(e: FormEvent) => {
          e.preventDefault();
          setMissing(value.trim() === '');
          if (value.trim() !== '') ask.mutate();
        }}
      >
        <div className={`form-group${askError ? ' has-error' : ''}`}>
          <label htmlFor={id}>{label}</label>
          <p className="hint" id={`${id}-hint`}>
            {kind === 'phone' ? t('notifications.profile.phoneHint') : t('notifications.profile.emailHint')}
          </p>
          {askError && (
            <p className="field-error" id={`${id}-error`} role="alert">
              {askError}
            </p>
          )}
          <input
            id={id}
            type={kind === 'phone' ? 'tel' : 'email'}
            autoComplete={kind === 'phone' ? 'tel' : 'email'}
            inputMode={kind === 'phone' ? 'tel' : 'email'}
            maxLength={254}
            value={value}
            aria-describedby={`${id}-hint${askError ? ` ${id}-error` : ''}`}
            aria-invalid={askError ? true : undefined}
            onChange={(e) => setValue(e.target.value)}
          />
        </div>
        <button type="submit" className="button-secondary" disabled={ask.isPending}>
          {t('notifications.profile.send')}
        </button>
      </form>
      {challenge && (
        <form
          noValidate
          onSubmit={(e: FormEvent) => {
            e.preventDefault();
            confirm.mutate();
          }}
        >
          <div className={`form-group${confirmError ? ' has-error' : ''}`}>
            <label htmlFor={`${id}-code`}>{t('notifications.profile.code')}</label>
            {confirmError && (
              <p className="field-error" id={`${id}-code-error`} role="alert">
                {confirmError}
              </p>
            )}
            <input
              id={`${id}-code`}
              ref={codeRef}
              inputMode="numeric"
              autoComplete="one-time-code"
              pattern="[0-9]*"
              maxLength={6}
              value={code}
              aria-describedby={confirmError ? `${id}-code-error` : undefined}
              aria-invalid={confirmError ? true : undefined}
              onChange={(e) => setCode(e.target.value.replace(/\D/g, ''))}
            />
          </div>
          <button type="submit" disabled={confirm.isPending}>
            {t('notifications.profile.confirm')}
          </button>
        </form>
      )}
      <p role="status" className={message ? 'panel-info' : undefined}>
        {message}
      </p>
    </div>
  );
}

function PreferencesForm({ prefs }: { prefs: Preferences }) {
  const { t } = useTranslation();
  const qc = useQueryClient();
  const [choice, setChoice] = useState(prefs);
  const save = useMutation({
    mutationFn: () => api<Preferences>('/api/my/notification-preferences', { method: 'PUT', body: choice }),
    onSuccess: (p) => qc.setQueryData(preferencesKey, p),
  });
  return (
    <form
      noValidate
      onSubmit={(e) => {
        e.preventDefault();
        save.mutate();
      }}
    >
      <fieldset>
        <legend>{t('notifications.profile.preferences')}</legend>
        <p className="hint">{t('notifications.profile.preferencesLead')}</p>
        <div className="admin-check">
          <input id="pref-zns" type="checkbox" checked={choice.zns} onChange={(e) => setChoice({ ...choice, zns: e.target.checked })} />
          <label htmlFor="pref-zns">{t('notifications.profile.zns')}</label>
        </div>
        <div className="admin-check">
          <input id="pref-email" type="checkbox" checked={choice.email} onChange={(e) => setChoice({ ...choice, email: e.target.checked })} />
          <label htmlFor="pref-email">{t('notifications.profile.emailPref')}</label>
        </div>
        <div className="admin-check">
          <input
            id="pref-life-events"
            type="checkbox"
            aria-describedby="pref-life-events-hint"
            checked={choice.lifeEvents === true}
            onChange={(e) => setChoice({ ...choice, lifeEvents: e.target.checked })}
          />
          <label htmlFor="pref-life-events">{t('notifications.profile.lifeEvents')}</label>
        </div>
        <p id="pref-life-events-hint" className="hint">
          {t('notifications.profile.lifeEventsHint')}
        </p>
      </fieldset>
      {save.error && (
        <div className="error-box" role="alert">
          {errorText(save.error, t('notifications.profile.error'))}
        </div>
      )}
      <button type="submit" disabled={save.isPending}>
        {t('notifications.profile.save')}
      </button>
      <p role="status" className={save.isSuccess ? 'panel-info' : undefined}>
        {save.isSuccess ? t('notifications.profile.saved') : ''}
      </p>
    </form>
  );
}

export function ProfilePage() {
  const { t } = useTranslation();
  const { session } = useSession();
  const heading = usePageTitle(t('notifications.profile.title'));
  const signedIn = !!session?.authenticated;
  const contacts = useQuery({ ...apiQuery<MyContacts>(contactsKey, '/api/my/contacts'), enabled: signedIn });
  const prefs = useQuery({ ...apiQuery<Preferences>(preferencesKey, '/api/my/notification-preferences'), enabled: signedIn });
  if (session && !signedIn) {
    return (
      <section>
        <h1 ref={heading} tabIndex={-1}>
          {t('notifications.profile.title')}
        </h1>
        <p>
          <a href={loginHref('/tai-khoan')}>{t('nav.login')}</a>
        </p>
      </section>
    );
  }
  const error = contacts.error ?? prefs.error;
  return (
    <section className="profile-page">
      <h1 ref={heading} tabIndex={-1}>
        {t('notifications.profile.title')}
      </h1>
      <p className="lead">{t('notifications.profile.lead')}</p>
      {error && (
        <div className="error-box" role="alert">
          {errorText(error, t('notifications.profile.loadError'))}
        </div>
      )}
      {contacts.data && (
        <>
          <h2>{t('notifications.profile.contacts')}</h2>
          <ContactForm kind="phone" current={contacts.data.phone} />
          <ContactForm kind="email" current={contacts.data.email} />
        </>
      )}
      {prefs.data && <PreferencesForm prefs={prefs.data} />}
    </section>
  );
}
