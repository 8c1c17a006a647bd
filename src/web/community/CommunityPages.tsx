/**
 * The community digital team's pages in the back office (/can-bo/cong-dong/…; docs/community.md), phone first:
 * the helper's areas and assisted dossiers, the visit list of a village, the visit checklist (kept on the phone and
 * re-sent with its own key when the connection drops), the assisted session, representation with the resident's
 * consent, and the supervisors' coverage dashboard per village.
 */
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useCallback, useEffect, useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams, useSearchParams } from 'react-router';
import { ApiError, api } from '../api/client.ts';
import { DateInput } from '../components/DateInput.tsx';
import { apiQuery } from '../data/query.ts';
import { LoadError } from '../staff/bits.tsx';
import { errorMessage } from '../staff/format.ts';
import { usePageTitle } from '../usePageTitle.ts';

interface Area {
  id: string;
  name: string;
  households: number;
  coveredHouseholds: number;
}
interface Household {
  householdNo: string;
  areaId: string;
  address: string;
  headName: string;
  covered: boolean;
  lastVisit: { at: string; outcome: string } | null;
  members: { idNumber: string; fullName: string; relation: string; birthYear: number; adult: boolean; usesOnlineServices: boolean; skills: string[] }[];
}
interface AssistedDossier {
  id: string;
  code: string;
  procedureName: string;
  applicantName: string;
  mode: 'assisted' | 'on_behalf';
  at: string;
}
interface Representation {
  id: string;
  idNumber: string;
  residentName: string;
  status: 'pending' | 'active' | 'revoked';
  procedureCodes: string[];
  phoneMasked: string | null;
  expiresAt: string;
}
interface Dashboard {
  from: string;
  to: string;
  areas: (Area & {
    adults: number;
    adultsOnline: number;
    visits: number;
    assistedDossiers: number;
    helpers: { name: string; visits: number; assistedDossiers: number }[];
    weeks: { weekStart: string; coveredHouseholds: number; adultsOnline: number; visits: number; assistedDossiers: number }[];
  })[];
}

const SKILLS = ['eid_login', 'online_submission', 'online_payment', 'digital_signature'] as const;
const OUTCOMES = ['done', 'needs_device', 'not_home', 'refused'] as const;
const vnDateTime = (iso: string, lang: string) =>
  new Intl.DateTimeFormat(lang.startsWith('en') ? 'en-GB' : 'vi-VN', { timeZone: 'Asia/Ho_Chi_Minh', dateStyle: 'short', timeStyle: 'short' }).format(
    new Date(iso),
  );
const vnDate = (iso: string, lang: string) =>
  new Intl.DateTimeFormat(lang.startsWith('en') ? 'en-GB' : 'vi-VN', { timeZone: 'Asia/Ho_Chi_Minh', dateStyle: 'short' }).format(new Date(iso));
const pct = (n: number, d: number) => (d === 0 ? '–' : `${Math.round((1000 * n) / d) / 10}%`);

/* ---------- visits kept on the phone until sent (poor connection) ---------- */

interface PendingVisit {
  clientKey: string;
  householdNo: string;
  visitedAt: string;
  outcome: string;
  checklist: { idNumber: string; skills: string[] }[];
  note?: string;
}
const PENDING_KEY = 'motcua.community.pendingVisits';
const readPending = (): PendingVisit[] => {
  try {
    return JSON.parse(localStorage.getItem(PENDING_KEY) ?? '[]') as PendingVisit[];
  } catch {
    return [];
  }
};
const writePending = (v: PendingVisit[]) => localStorage.setItem(PENDING_KEY, JSON.stringify(v));

/** Sends the visits kept on the phone; each keeps its key, so a visit the server already has is not doubled. */
async function flushPending(): Promise<{ sent: number; left: number }> {
  let sent = 0;
  for (const v of readPending()) {
    try {
      await api('/api/community/visits', { method: 'POST', body: v });
      sent += 1;
      writePending(readPending().filter((x) => x.clientKey !== v.clientKey));
    } catch (err) {
      // A refusal (4xx) will not get better by retrying: drop it; a network failure stays for later.
      if (err instanceof ApiError && err.status >= 400 && err.status < 500) writePending(readPending().filter((x) => x.clientKey !== v.clientKey));
    }
  }
  return { sent, left: readPending().length };
}

function usePendingVisits() {
  const [count, setCount] = useState(() => readPending().length);
  const qc = useQueryClient();
  const flush = useCallback(async () => {
    const r = await flushPending();
    setCount(r.left);
    if (r.sent > 0) await qc.invalidateQueries({ queryKey: ['community'] });
  }, [qc]);
  useEffect(() => {
    void flush();
    window.addEventListener('online', flush);
    return () => window.removeEventListener('online', flush);
  }, [flush]);
  return { count, flush, refresh: () => setCount(readPending().length) };
}

/* ---------- pages ---------- */

export function CommunityHomePage() {
  const { t, i18n } = useTranslation();
  const heading = usePageTitle(t('community.home.title'));
  const areas = useQuery(apiQuery<{ items: Area[] }>(['community', 'areas'], '/api/community/areas'));
  const dossiers = useQuery(apiQuery<{ items: AssistedDossier[] }>(['community', 'dossiers'], '/api/community/dossiers'));
  const pending = usePendingVisits();
  const error = areas.error ?? dossiers.error;
  return (
    <section className="narrow">
      <h1 ref={heading} tabIndex={-1}>
        {t('community.home.title')}
      </h1>
      <p className="lead">{t('community.home.lead')}</p>
      {error && <LoadError message={errorMessage(error, t('error.generic'))} />}
      {pending.count > 0 && <p role="status">{t('community.visits.pending', { count: pending.count })}</p>}
      <p className="actions">
        <Link className="button" to="/can-bo/cong-dong/phien-ho-tro">
          {t('community.home.startSession')}
        </Link>{' '}
        <Link className="button secondary" to="/can-bo/cong-dong/uy-quyen">
          {t('community.home.representation')}
        </Link>
      </p>
      <h2>{t('community.home.areas')}</h2>
      {areas.data && areas.data.items.length === 0 && <p>{t('community.home.noAreas')}</p>}
      <ul className="card-list" data-testid="areas">
        {areas.data?.items.map((a) => (
          <li key={a.id} className="card">
            <h3>{a.name}</h3>
            <p>{t('community.home.covered', { covered: a.coveredHouseholds, total: a.households })}</p>
            <Link to={`/can-bo/cong-dong/thon/${encodeURIComponent(a.id)}`} aria-label={`${t('community.home.visitList')}: ${a.name}`}>
              {t('community.home.visitList')}
            </Link>
          </li>
        ))}
      </ul>
      <h2>{t('community.home.assisted')}</h2>
      {dossiers.data && dossiers.data.items.length === 0 && <p>{t('community.home.noDossiers')}</p>}
      <ul className="card-list" data-testid="assisted-dossiers">
        {dossiers.data?.items.map((d) => (
          <li key={d.id} className="card">
            <strong>{d.code}</strong> – {d.procedureName}
            <br />
            {d.applicantName} · {d.mode === 'assisted' ? t('community.home.modeAssisted') : t('community.home.modeOnBehalf')} ·{' '}
            {vnDateTime(d.at, i18n.language)}
          </li>
        ))}
      </ul>
    </section>
  );
}

export function VisitListPage() {
  const { t, i18n } = useTranslation();
  const { areaId = '' } = useParams();
  const [search, setSearch] = useSearchParams();
  // Local state answers the click at once; the address keeps the choice for a reload.
  const [onlyUncovered, setOnlyUncovered] = useState(search.get('chua-phu') !== '0');
  const areas = useQuery(apiQuery<{ items: Area[] }>(['community', 'areas'], '/api/community/areas'));
  const area = areas.data?.items.find((a) => a.id === areaId);
  const heading = usePageTitle(t('community.visits.title', { area: area?.name ?? '' }));
  const list = useQuery(
    apiQuery<{ items: Household[] }>(
      ['community', 'households', areaId, onlyUncovered],
      `/api/community/areas/${encodeURIComponent(areaId)}/households${onlyUncovered ? '?uncovered=1' : ''}`,
    ),
  );
  const pending = usePendingVisits();
  const toggleId = useId();
  return (
    <section className="narrow">
      <h1 ref={heading} tabIndex={-1}>
        {t('community.visits.title', { area: area?.name ?? '' })}
      </h1>
      {list.error && <LoadError message={errorMessage(list.error, t('error.generic'))} />}
      {pending.count > 0 && <p role="status">{t('community.visits.pending', { count: pending.count })}</p>}
      <div className="form-group checkbox">
        <input
          id={toggleId}
          type="checkbox"
          checked={onlyUncovered}
          onChange={(e) => {
            setOnlyUncovered(e.target.checked);
            setSearch(e.target.checked ? {} : { 'chua-phu': '0' }, { replace: true });
          }}
        />
        <label htmlFor={toggleId}>{t('community.visits.onlyUncovered')}</label>
      </div>
      {list.data && list.data.items.length === 0 && <p>{t('community.visits.empty')}</p>}
      <ol className="card-list" data-testid="visit-list">
        {list.data?.items.map((h) => (
          <li key={h.householdNo} className="card" data-household={h.householdNo}>
            <h2 className="card-title">{h.address}</h2>
            <p>
              {t('community.visits.head')}: {h.headName} · <strong>{h.covered ? t('community.visits.covered') : t('community.visits.uncovered')}</strong>
            </p>
            {h.lastVisit && (
              <p>
                {t('community.visits.lastVisit', {
                  at: vnDateTime(h.lastVisit.at, i18n.language),
                  outcome: t(`community.checklist.outcomes.${h.lastVisit.outcome}`),
                })}
              </p>
            )}
            <Link to={`/can-bo/cong-dong/tham-ho/${encodeURIComponent(h.householdNo)}?thon=${encodeURIComponent(areaId)}`}>
              {t('community.visits.visit', { address: h.address })}
            </Link>
          </li>
        ))}
      </ol>
    </section>
  );
}

export function VisitChecklistPage() {
  const { t } = useTranslation();
  const heading = usePageTitle(t('community.checklist.title'));
  const { householdNo = '' } = useParams();
  const [search] = useSearchParams();
  const areaId = search.get('thon') ?? '';
  const list = useQuery(
    apiQuery<{ items: Household[] }>(['community', 'households', areaId, false], `/api/community/areas/${encodeURIComponent(areaId)}/households`),
  );
  const household = list.data?.items.find((h) => h.householdNo === householdNo);
  const [outcome, setOutcome] = useState<string>('done');
  const [skills, setSkills] = useState<Record<string, string[]>>({});
  const [note, setNote] = useState('');
  const [status, setStatus] = useState<'idle' | 'saving' | 'saved' | 'queued'>('idle');
  const [error, setError] = useState<string | null>(null);
  // One key per visit, made on the phone before the first try: every retry sends the same key.
  const [clientKey] = useState(() => `visit-${crypto.randomUUID()}`);
  const qc = useQueryClient();

  const toggle = (idNumber: string, skill: string, on: boolean) =>
    setSkills((s) => ({ ...s, [idNumber]: on ? [...new Set([...(s[idNumber] ?? []), skill])] : (s[idNumber] ?? []).filter((x) => x !== skill) }));

  async function submit(e: FormEvent) {
    e.preventDefault();
    setError(null);
    setStatus('saving');
    const visit: PendingVisit = {
      clientKey,
      householdNo,
      visitedAt: new Date().toISOString(),
      outcome,
      checklist: Object.entries(skills)
        .filter(([, s]) => s.length > 0)
        .map(([idNumber, s]) => ({ idNumber, skills: s })),
      ...(note.trim() ? { note: note.trim() } : {}),
    };
    writePending([...readPending().filter((v) => v.clientKey !== clientKey), visit]);
    try {
      await api('/api/community/visits', { method: 'POST', body: visit });
      writePending(readPending().filter((v) => v.clientKey !== clientKey));
      setStatus('saved');
      await qc.invalidateQueries({ queryKey: ['community'] });
    } catch (err) {
      if (err instanceof ApiError && err.status === 0) {
        setStatus('queued');
        return;
      }
      writePending(readPending().filter((v) => v.clientKey !== clientKey));
      setStatus('idle');
      setError(errorMessage(err, t('error.generic')));
    }
  }

  return (
    <section className="narrow">
      <h1 ref={heading} tabIndex={-1}>
        {t('community.checklist.title')}
      </h1>
      {list.error && <LoadError message={errorMessage(list.error, t('error.generic'))} />}
      {household && <p className="lead">{t('community.checklist.household', { head: household.headName, address: household.address })}</p>}
      {error && (
        <div className="error-box" role="alert">
          {error}
        </div>
      )}
      {status === 'saved' || status === 'queued' ? (
        <div role="status" className="notice">
          <p>{status === 'saved' ? t('community.checklist.saved') : t('community.checklist.queued')}</p>
          <Link to={`/can-bo/cong-dong/thon/${encodeURIComponent(areaId)}`}>{t('community.checklist.back')}</Link>
        </div>
      ) : (
        <form onSubmit={submit} noValidate>
          <fieldset className="form-group">
            <legend>{t('community.checklist.outcome')}</legend>
            {OUTCOMES.map((o) => (
              <div key={o} className="radio">
                <input id={`outcome-${o}`} type="radio" name="outcome" value={o} checked={outcome === o} onChange={() => setOutcome(o)} />
                <label htmlFor={`outcome-${o}`}>{t(`community.checklist.outcomes.${o}`)}</label>
              </div>
            ))}
          </fieldset>
          {household?.members.map((m) => (
            <fieldset key={m.idNumber} className="form-group">
              <legend>
                {m.fullName} ({m.relation || '–'}, {m.birthYear})
              </legend>
              <p className="hint">{t('community.checklist.skills')}</p>
              {SKILLS.map((s) => (
                <div key={s} className="checkbox">
                  <input
                    id={`skill-${m.idNumber}-${s}`}
                    type="checkbox"
                    checked={m.skills.includes(s) || (skills[m.idNumber] ?? []).includes(s)}
                    disabled={m.skills.includes(s)}
                    onChange={(e) => toggle(m.idNumber, s, e.target.checked)}
                  />
                  <label htmlFor={`skill-${m.idNumber}-${s}`}>{t(`community.checklist.skill.${s}`)}</label>
                </div>
              ))}
            </fieldset>
          ))}
          <div className="form-group">
            <label htmlFor="visit-note">{t('community.checklist.note')}</label>
            <textarea id="visit-note" maxLength={1000} value={note} onChange={(e) => setNote(e.target.value)} />
          </div>
          <button type="submit" disabled={status === 'saving' || !household}>
            {t('community.checklist.save')}
          </button>
        </form>
      )}
    </section>
  );
}

export function AssistedSessionPage() {
  const { t } = useTranslation();
  const heading = usePageTitle(t('community.session.title'));
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  async function start() {
    setBusy(true);
    setError(null);
    try {
      const s = await api<{ loginUrl: string }>('/api/community/assisted-sessions', { method: 'POST', body: { returnTo: '/ho-so-cua-toi' } });
      window.location.assign(s.loginUrl);
    } catch (err) {
      setBusy(false);
      setError(errorMessage(err, t('error.generic')));
    }
  }
  return (
    <section className="narrow">
      <h1 ref={heading} tabIndex={-1}>
        {t('community.session.title')}
      </h1>
      <p className="lead">{t('community.session.lead')}</p>
      <ol>
        <li>{t('community.session.step1')}</li>
        <li>{t('community.session.step2')}</li>
        <li>{t('community.session.step3')}</li>
      </ol>
      {error && (
        <div className="error-box" role="alert">
          {error}
        </div>
      )}
      <button type="button" onClick={start} disabled={busy}>
        {t('community.session.start')}
      </button>
    </section>
  );
}

export function RepresentationPage() {
  const { t, i18n } = useTranslation();
  const heading = usePageTitle(t('community.representation.title'));
  const list = useQuery(apiQuery<{ items: Representation[] }>(['community', 'representations'], '/api/community/representations'));
  const qc = useQueryClient();
  const [idNumber, setIdNumber] = useState('');
  const [procedure, setProcedure] = useState('*');
  const [days, setDays] = useState('30');
  const [pending, setPending] = useState<Representation | null>(null);
  const [code, setCode] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [message, setMessage] = useState<string | null>(null);

  const run = async (f: () => Promise<void>) => {
    setError(null);
    try {
      await f();
      await qc.invalidateQueries({ queryKey: ['community', 'representations'] });
    } catch (err) {
      setError(errorMessage(err, t('error.generic')));
    }
  };
  const create = (e: FormEvent) => {
    e.preventDefault();
    void run(async () => {
      const r = await api<Representation>('/api/community/representations', {
        method: 'POST',
        body: { idNumber: idNumber.trim(), basis: 'otp', procedureCodes: [procedure.trim()], days: Number(days) },
      });
      setPending(r);
      setMessage(t('community.representation.sent', { phone: r.phoneMasked ?? '' }));
    });
  };
  const confirm = (e: FormEvent) => {
    e.preventDefault();
    if (!pending) return;
    void run(async () => {
      const r = await api<Representation>(`/api/community/representations/${pending.id}/confirm`, { method: 'POST', body: { code: code.trim() } });
      setPending(null);
      setCode('');
      setMessage(t(`community.representation.status.${r.status}`));
    });
  };
  const revoke = (id: string) => void run(async () => void (await api(`/api/community/representations/${id}/revoke`, { method: 'POST' })));

  return (
    <section className="narrow">
      <h1 ref={heading} tabIndex={-1}>
        {t('community.representation.title')}
      </h1>
      <p className="lead">{t('community.representation.lead')}</p>
      {error && (
        <div className="error-box" role="alert">
          {error}
        </div>
      )}
      {message && <p role="status">{message}</p>}
      {pending ? (
        <form onSubmit={confirm} noValidate>
          <div className="form-group">
            <label htmlFor="rep-code">{t('community.representation.code')}</label>
            <input id="rep-code" inputMode="numeric" autoComplete="one-time-code" maxLength={6} value={code} onChange={(e) => setCode(e.target.value)} />
          </div>
          <button type="submit">{t('community.representation.confirm')}</button>
        </form>
      ) : (
        <form onSubmit={create} noValidate>
          <div className="form-group">
            <label htmlFor="rep-id">{t('community.representation.idNumber')}</label>
            <input id="rep-id" inputMode="numeric" maxLength={12} value={idNumber} onChange={(e) => setIdNumber(e.target.value)} />
          </div>
          <div className="form-group">
            <label htmlFor="rep-proc">{t('community.representation.procedure')}</label>
            <input id="rep-proc" maxLength={64} value={procedure} onChange={(e) => setProcedure(e.target.value)} />
          </div>
          <div className="form-group">
            <label htmlFor="rep-days">{t('community.representation.days')}</label>
            <input id="rep-days" type="number" min={1} max={90} value={days} onChange={(e) => setDays(e.target.value)} />
          </div>
          <button type="submit">{t('community.representation.create')}</button>
        </form>
      )}
      <h2>{t('community.representation.list')}</h2>
      {list.data && list.data.items.length === 0 && <p>{t('community.representation.none')}</p>}
      <ul className="card-list" data-testid="representations">
        {list.data?.items.map((r) => (
          <li key={r.id} className="card">
            <strong>{r.residentName}</strong> · {r.procedureCodes.join(', ')} · {t(`community.representation.status.${r.status}`)} ·{' '}
            {t('community.representation.until', { date: vnDate(r.expiresAt, i18n.language) })}
            {r.status !== 'revoked' && (
              <p>
                <button type="button" className="secondary" onClick={() => revoke(r.id)}>
                  {t('community.representation.revoke', { name: r.residentName })}
                </button>
              </p>
            )}
          </li>
        ))}
      </ul>
    </section>
  );
}

export function CoverageDashboardPage() {
  const { t } = useTranslation();
  const heading = usePageTitle(t('community.dashboard.title'));
  const [from, setFrom] = useState('');
  const [to, setTo] = useState('');
  const qs = new URLSearchParams({ ...(from ? { from } : {}), ...(to ? { to } : {}) }).toString();
  const data = useQuery(apiQuery<Dashboard>(['community', 'dashboard', from, to], `/api/community/dashboard${qs ? `?${qs}` : ''}`));
  const [open, setOpen] = useState<string | null>(null);
  return (
    <section>
      <h1 ref={heading} tabIndex={-1}>
        {t('community.dashboard.title')}
      </h1>
      <p className="lead">{t('community.dashboard.lead')}</p>
      {data.error && <LoadError message={errorMessage(data.error, t('error.generic'))} />}
      <div className="form-row">
        <div className="form-group">
          <label htmlFor="cd-from">{t('community.dashboard.from')}</label>
          <DateInput id="cd-from" wholeDatesOnly value={from || data.data?.from || ''} onChange={setFrom} />
        </div>
        <div className="form-group">
          <label htmlFor="cd-to">{t('community.dashboard.to')}</label>
          <DateInput id="cd-to" wholeDatesOnly value={to || data.data?.to || ''} onChange={setTo} />
        </div>
      </div>
      <div className="table-scroll">
        <table data-testid="coverage-table">
          <caption className="visually-hidden">{t('community.dashboard.title')}</caption>
          <thead>
            <ColumnHeads keys={['area', 'households', 'covered', 'adults', 'adultsOnline', 'visits', 'assisted']} />
          </thead>
          <tbody>
            {data.data?.areas.map((a) => (
              <tr key={a.id} data-area={a.id}>
                <th scope="row">
                  <button type="button" className="link" aria-expanded={open === a.id} onClick={() => setOpen(open === a.id ? null : a.id)}>
                    {a.name}
                  </button>
                </th>
                <td>{a.households}</td>
                <td data-col="covered">
                  {a.coveredHouseholds} ({pct(a.coveredHouseholds, a.households)})
                </td>
                <td>{a.adults}</td>
                <td data-col="adultsOnline">
                  {a.adultsOnline} ({pct(a.adultsOnline, a.adults)})
                </td>
                <td data-col="visits">{a.visits}</td>
                <td data-col="assisted">{a.assistedDossiers}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {data.data?.areas
        .filter((a) => a.id === open)
        .map((a) => (
          <div key={a.id} className="table-scroll">
            <table data-testid="weekly-table">
              <caption>{t('community.dashboard.weekly', { area: a.name })}</caption>
              <thead>
                <ColumnHeads keys={['week', 'covered', 'adultsOnline', 'visits', 'assisted']} />
              </thead>
              <tbody>
                {a.weeks.map((w) => (
                  <tr key={w.weekStart}>
                    <th scope="row">{w.weekStart.split('-').reverse().join('/')}</th>
                    <td>{w.coveredHouseholds}</td>
                    <td>{w.adultsOnline}</td>
                    <td>{w.visits}</td>
                    <td>{w.assistedDossiers}</td>
                  </tr>
                ))}
              </tbody>
            </table>
            {a.helpers.length > 0 && (
              <p>
                {t('community.dashboard.helpers')}: {a.helpers.map((h) => `${h.name} (${h.visits} / ${h.assistedDossiers})`).join('; ')}
              </p>
            )}
          </div>
        ))}
    </section>
  );
}

/** A header row of the dashboard's tables: one column per `community.dashboard.<key>` label. */
function ColumnHeads({ keys }: { keys: readonly string[] }) {
  const { t } = useTranslation();
  return (
    <tr>
      {keys.map((k) => (
        <th key={k} scope="col">
          {t(`community.dashboard.${k}`)}
        </th>
      ))}
    </tr>
  );
}
