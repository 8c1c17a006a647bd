/**
 * Lịch làm việc (/can-bo/quan-tri/lich): a year's holidays, compensatory days off and make-up working days with
 * their name, source and lunar date, and the working hours with the same-day cutoff (the 15:00 rule). The system
 * administrator adds, edits and deletes days (with a reason) and edits the hours; unit administrators and
 * supervisors read.
 */
import { useQuery } from '@tanstack/react-query';
import { useEffect, useRef, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useSearchParams } from 'react-router';
import { lunarOfIso } from '../../../core/calendar/lunar.ts';
import { api } from '../../api/client.ts';
import { useStaff } from '../../staff/StaffSession.tsx';
import { CALENDAR_WRITERS, PAGE_ROLES } from '../access.ts';
import { CALENDAR_KINDS, type CalendarDay, type CalendarKind, type LunarDate, type WorkingTime } from '../types.ts';
import {
  AdminPage,
  ConfirmPanel,
  fieldPath,
  formatDay,
  Loading,
  optionalText,
  QueryError,
  reasonProblem,
  ReasonField,
  SelectField,
  TextField,
  useAdmin,
  useSubmit,
  vnToday,
  type ShownError,
} from '../ui.tsx';
import { adminQueries, adminReferenceQueries } from '../queries.ts';

export function CalendarPage() {
  const { t } = useTranslation();
  return (
    <AdminPage title={t('admin.calendar.title')} roles={PAGE_ROLES.calendar} lead={t('admin.calendar.lead')}>
      <CalendarYear />
      <WorkingHours />
    </AdminPage>
  );
}

export function lunarText(t: (k: string, o?: Record<string, unknown>) => string, l: LunarDate): string {
  return t(l.leap ? 'admin.calendar.lunarLeap' : 'admin.calendar.lunar', { day: l.day, month: l.month });
}

function CalendarYear() {
  const { t } = useTranslation();
  const { hasRole } = useStaff();
  const [params] = useSearchParams();
  const thisYear = Number(vnToday().slice(0, 4));
  const year = Math.min(2100, Math.max(2000, Number(params.get('nam')) || thisYear));
  const days = useQuery(adminQueries.calendar(year));
  const lunar = useQuery(adminReferenceQueries.publicCalendar(year));
  const [editing, setEditing] = useState<{ day: CalendarDay; mode: 'edit' | 'delete' } | null>(null);
  const writer = hasRole(...CALENDAR_WRITERS);
  const reload = () => {
    void days.refetch();
    void lunar.refetch();
  };
  const lunarOf = (day: string) => lunar.data?.find((d) => d.day === day)?.lunar ?? lunarOfIso(day);
  return (
    <section aria-labelledby="days-heading">
      <h2 id="days-heading" tabIndex={-1}>
        {t('admin.calendar.daysOf', { year })}
      </h2>
      <nav className="pagination" aria-label={t('admin.calendar.years')}>
        <Link to={`?nam=${year - 1}`}>{t('admin.calendar.prevYear', { year: year - 1 })}</Link>
        {year !== thisYear && <Link to="?">{t('admin.calendar.thisYear')}</Link>}
        <Link to={`?nam=${year + 1}`}>{t('admin.calendar.nextYear', { year: year + 1 })}</Link>
      </nav>
      {!writer && <p className="panel-info">{t('admin.common.readOnly')}</p>}
      <QueryError error={days.error} />
      {!days.data && !days.error && <Loading />}
      {days.data && (
        <>
          <p role="status">{t('admin.calendar.count', { count: days.data.days.length, year })}</p>
          <table className="table admin-table" data-testid="calendar-days">
            <caption className="visually-hidden">{t('admin.calendar.daysOf', { year })}</caption>
            <thead>
              <tr>
                <th scope="col">{t('admin.calendar.col.day')}</th>
                <th scope="col">{t('admin.calendar.col.lunar')}</th>
                <th scope="col">{t('admin.calendar.col.kind')}</th>
                <th scope="col">{t('admin.calendar.col.name')}</th>
                <th scope="col">{t('admin.calendar.col.source')}</th>
                {writer && <th scope="col">{t('admin.calendar.col.actions')}</th>}
              </tr>
            </thead>
            <tbody>
              {days.data.days.map((d) => (
                <tr key={d.day} data-testid={`day-${d.day}`}>
                  <td data-label={t('admin.calendar.col.day')}>
                    <time dateTime={d.day}>
                      {t(`admin.weekday.w${d.weekday}`)}, {formatDay(d.day)}
                    </time>
                  </td>
                  <td data-label={t('admin.calendar.col.lunar')}>{lunarText(t, lunarOf(d.day))}</td>
                  <td data-label={t('admin.calendar.col.kind')}>{t(`admin.enum.${d.kind}`)}</td>
                  <td data-label={t('admin.calendar.col.name')}>{d.name}</td>
                  <td data-label={t('admin.calendar.col.source')}>{t(`admin.enum.${d.source}`, { defaultValue: d.source })}</td>
                  {writer && (
                    <td data-label={t('admin.calendar.col.actions')}>
                      <div className="button-row">
                        <button type="button" className="link-button" onClick={() => setEditing({ day: d, mode: 'edit' })}>
                          {t('admin.calendar.edit')}
                          <span className="visually-hidden"> {formatDay(d.day)}</span>
                        </button>
                        {d.source !== 'rule' && (
                          <button type="button" className="link-button admin-danger" onClick={() => setEditing({ day: d, mode: 'delete' })}>
                            {t('admin.calendar.delete')}
                            <span className="visually-hidden"> {formatDay(d.day)}</span>
                          </button>
                        )}
                      </div>
                    </td>
                  )}
                </tr>
              ))}
            </tbody>
          </table>
          {writer && <p className="hint">{t('admin.calendar.ruleNote')}</p>}
        </>
      )}
      {writer && editing && (
        <DayChange
          key={`${editing.day.day}-${editing.mode}`}
          day={editing.day}
          mode={editing.mode}
          onDone={(changed) => {
            setEditing(null);
            if (changed) reload();
          }}
        />
      )}
      {writer && <AddDay onAdded={reload} />}
    </section>
  );
}

function kindOptions(t: (k: string) => string) {
  return CALENDAR_KINDS.map((k) => ({ value: k, label: t(`admin.enum.${k}`) }));
}

function AddDay({ onAdded }: { onAdded: () => void }) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const [params] = useSearchParams();
  const { run, busy } = useSubmit();
  const [v, setV] = useState({ day: '', kind: 'compensatory_day_off' as CalendarKind, name: '', reason: '' });
  const lunar = /^\d{4}-\d{2}-\d{2}$/.test(v.day) ? lunarOfIso(v.day) : null;
  function submit(e: FormEvent) {
    e.preventDefault();
    void run({
      check: () => {
        const errs: ShownError[] = [];
        if (!/^\d{4}-\d{2}-\d{2}$/.test(v.day)) errs.push({ path: 'add-day', message: t('admin.calendar.dayRequired') });
        if (!v.name.trim()) errs.push({ path: 'add-name', message: t('admin.calendar.nameRequired') });
        const r = reasonProblem(t, v.reason);
        if (r) errs.push({ path: 'add-reason', message: r });
        return errs;
      },
      action: async () => {
        const added = await api<CalendarDay>('/api/admin/calendar/days', {
          method: 'POST',
          body: { day: v.day, kind: v.kind, name: v.name.trim(), reason: v.reason.trim() },
        });
        setV({ day: '', kind: v.kind, name: '', reason: '' });
        // Show the year of the day added.
        if (added.day.slice(0, 4) !== (params.get('nam') ?? vnToday().slice(0, 4))) navigate(`?nam=${added.day.slice(0, 4)}`);
        else onAdded();
        return t('admin.calendar.added', { day: formatDay(added.day), kind: t(`admin.enum.${added.kind}`), name: added.name });
      },
      prefix: 'add',
      fallbackPath: 'add-day',
      codePaths: { MAKEUP_DAY_NOT_WEEKEND: 'add-kind', DAY_OFF_ON_WEEKEND: 'add-kind' },
    });
  }
  return (
    <section aria-labelledby="add-heading" className="admin-section">
      <h2 id="add-heading">{t('admin.calendar.add')}</h2>
      <form onSubmit={submit} noValidate className="admin-form">
        <TextField
          path="add-day"
          type="date"
          label={t('admin.calendar.col.day')}
          hint={lunar ? lunarText(t, lunar) : t('admin.calendar.dayHint')}
          value={v.day}
          onChange={(d) => setV({ ...v, day: d })}
        />
        <SelectField
          path="add-kind"
          label={t('admin.calendar.col.kind')}
          hint={t('admin.calendar.kindHint')}
          value={v.kind}
          onChange={(k) => setV({ ...v, kind: k as CalendarKind })}
          options={kindOptions(t)}
        />
        <TextField path="add-name" label={t('admin.calendar.col.name')} value={v.name} onChange={(n) => setV({ ...v, name: n })} />
        <ReasonField path="add-reason" value={v.reason} onChange={(r) => setV({ ...v, reason: r })} />
        <button type="submit" className="button" disabled={busy}>
          {t('admin.calendar.addSubmit')}
        </button>
      </form>
    </section>
  );
}

function DayChange({ day, mode, onDone }: { day: CalendarDay; mode: 'edit' | 'delete'; onDone: (changed: boolean) => void }) {
  const { t } = useTranslation();
  const { run, busy } = useSubmit();
  const { setErrors } = useAdmin();
  const heading = useRef<HTMLHeadingElement>(null);
  useEffect(() => heading.current?.focus(), []);
  const [v, setV] = useState({ kind: day.kind, name: day.name, reason: '' });
  const [confirming, setConfirming] = useState(false);
  const p = (f: string) => fieldPath('day', f);
  function submit(e: FormEvent) {
    e.preventDefault();
    const errs: ShownError[] = [];
    if (mode === 'edit' && !v.name.trim()) errs.push({ path: p('name'), message: t('admin.calendar.nameRequired') });
    const r = reasonProblem(t, v.reason);
    if (r) errs.push({ path: p('reason'), message: r });
    if (errs.length) {
      setErrors(errs);
      return;
    }
    setErrors([]);
    if (mode === 'delete') setConfirming(true);
    else void save();
  }
  async function save() {
    const ok = await run({
      action: async () => {
        if (mode === 'delete') {
          await api(`/api/admin/calendar/days/${day.day}`, { method: 'DELETE', body: { reason: v.reason.trim() } });
          return t('admin.calendar.deleted', { day: formatDay(day.day) });
        }
        const saved = await api<CalendarDay>(`/api/admin/calendar/days/${day.day}`, {
          method: 'PUT',
          body: { kind: v.kind, name: v.name.trim(), reason: v.reason.trim() },
        });
        return t('admin.calendar.saved', { day: formatDay(saved.day) });
      },
      prefix: 'day',
      fallbackPath: mode === 'delete' ? p('reason') : p('kind'),
    });
    setConfirming(false);
    if (ok) {
      onDone(true);
      document.getElementById('days-heading')?.focus();
    }
  }
  const title = mode === 'edit' ? t('admin.calendar.editTitle', { day: formatDay(day.day) }) : t('admin.calendar.deleteTitle', { day: formatDay(day.day) });
  return (
    <section aria-labelledby="day-change-heading" className="admin-section admin-panel">
      <h2 id="day-change-heading" ref={heading} tabIndex={-1}>
        {title}
      </h2>
      <p>
        {day.name} · {t(`admin.enum.${day.kind}`)} · {t(`admin.enum.${day.source}`, { defaultValue: day.source })}
      </p>
      {mode === 'edit' && day.source === 'rule' && <p className="hint">{t('admin.calendar.editRuleNote')}</p>}
      <form onSubmit={submit} noValidate className="admin-form">
        {mode === 'edit' && (
          <>
            <SelectField
              path={p('kind')}
              label={t('admin.calendar.col.kind')}
              value={v.kind}
              onChange={(k) => setV({ ...v, kind: k as CalendarKind })}
              options={kindOptions(t)}
            />
            <TextField path={p('name')} label={t('admin.calendar.col.name')} value={v.name} onChange={(n) => setV({ ...v, name: n })} />
          </>
        )}
        <ReasonField
          path={p('reason')}
          value={v.reason}
          onChange={(r) => {
            setV({ ...v, reason: r });
            setConfirming(false);
          }}
        />
        {!confirming && (
          <div className="button-row">
            <button type="submit" className={mode === 'delete' ? 'button admin-danger-solid' : 'button'} disabled={busy}>
              {mode === 'delete' ? t('admin.calendar.delete') : t('admin.common.save')}
            </button>
            <button
              type="button"
              className="button button-secondary"
              onClick={() => {
                setErrors([]);
                onDone(false);
              }}
            >
              {t('admin.common.cancel')}
            </button>
          </div>
        )}
        {confirming && (
          <ConfirmPanel
            title={t('admin.calendar.deleteConfirm', { day: formatDay(day.day), name: day.name })}
            confirmLabel={t('admin.calendar.delete')}
            onConfirm={() => void save()}
            onBack={() => setConfirming(false)}
            busy={busy}
          />
        )}
      </form>
    </section>
  );
}

function WorkingHours() {
  const { t } = useTranslation();
  const { hasRole } = useStaff();
  const { data, error, refetch } = useQuery(adminQueries.workingTime());
  const reload = () => void refetch();
  return (
    <section aria-labelledby="gio-lam-viec" className="admin-section">
      <h2 id="gio-lam-viec" tabIndex={-1}>
        {t('admin.hours.title')}
      </h2>
      <QueryError error={error} />
      {!data && !error && <Loading />}
      {data && (
        <>
          <dl className="summary-list admin-dl" data-testid="working-time">
            <div>
              <dt>{t('admin.hours.intervals')}</dt>
              <dd>{data.workingTime.intervals.map(([s, e]) => `${s}–${e}`).join('; ')}</dd>
            </div>
            <div>
              <dt>{t('admin.hours.cutoff')}</dt>
              <dd>{data.workingTime.sameDayCutoff}</dd>
            </div>
            <div>
              <dt>{t('admin.hours.source')}</dt>
              <dd>{data.workingTime.source ?? '—'}</dd>
            </div>
            <div>
              <dt>{t('admin.hours.origin')}</dt>
              <dd>{t(`admin.enum.${data.origin}`)}</dd>
            </div>
          </dl>
          <p className="hint">{t('admin.hours.cutoffExplain', { cutoff: data.workingTime.sameDayCutoff })}</p>
          {hasRole(...CALENDAR_WRITERS) && <HoursForm key={JSON.stringify(data)} current={data} onSaved={reload} />}
        </>
      )}
    </section>
  );
}

function HoursForm({ current, onSaved }: { current: WorkingTime; onSaved: () => void }) {
  const { t } = useTranslation();
  const { run, busy } = useSubmit();
  const [intervals, setIntervals] = useState<[string, string][]>(current.workingTime.intervals.map(([s, e]) => [s, e]));
  const [cutoff, setCutoff] = useState(current.workingTime.sameDayCutoff);
  const [source, setSource] = useState(current.workingTime.source ?? '');
  const [reason, setReason] = useState('');
  const setAt = (i: number, j: 0 | 1, v: string) => setIntervals(intervals.map((x, k) => (k === i ? (j === 0 ? [v, x[1]] : [x[0], v]) : x)));
  function submit(e: FormEvent) {
    e.preventDefault();
    void run({
      check: () => {
        const errs: ShownError[] = [];
        intervals.forEach(([s, en], i) => {
          if (!/^\d{2}:\d{2}$/.test(s) || !/^\d{2}:\d{2}$/.test(en) || en <= s)
            errs.push({ path: fieldPath('hours', 'intervals', i, 0), message: t('admin.hours.intervalInvalid', { n: i + 1 }) });
        });
        if (!/^\d{2}:\d{2}$/.test(cutoff)) errs.push({ path: 'hours-sameDayCutoff', message: t('admin.hours.cutoffRequired') });
        const r = reasonProblem(t, reason);
        if (r) errs.push({ path: 'hours-reason', message: r });
        return errs;
      },
      action: async () => {
        await api<WorkingTime>('/api/admin/working-time', {
          method: 'PUT',
          body: { intervals, sameDayCutoff: cutoff, source: optionalText(source), reason: reason.trim() },
        });
        onSaved();
        return t('admin.hours.saved');
      },
      prefix: 'hours',
      fallbackPath: 'hours-intervals',
      codePaths: { CUTOFF_OUTSIDE_HOURS: 'hours-sameDayCutoff' },
    });
  }
  return (
    <form onSubmit={submit} noValidate className="admin-form">
      <h3>{t('admin.hours.edit')}</h3>
      <fieldset className="admin-list" id="f-hours-intervals" tabIndex={-1}>
        <legend>{t('admin.hours.intervals')}</legend>
        {intervals.map(([s, e], i) => (
          <fieldset key={i} className="admin-item" id={`f-${fieldPath('hours', 'intervals', i)}`} tabIndex={-1}>
            <legend>{t('admin.hours.intervalN', { n: i + 1 })}</legend>
            <div className="admin-grid">
              <TextField path={fieldPath('hours', 'intervals', i, 0)} type="time" label={t('admin.hours.start')} value={s} onChange={(v) => setAt(i, 0, v)} />
              <TextField path={fieldPath('hours', 'intervals', i, 1)} type="time" label={t('admin.hours.end')} value={e} onChange={(v) => setAt(i, 1, v)} />
            </div>
            {intervals.length > 1 && (
              <button type="button" className="button button-secondary admin-danger" onClick={() => setIntervals(intervals.filter((_, k) => k !== i))}>
                {t('admin.list.remove')}
                <span className="visually-hidden"> {t('admin.hours.intervalN', { n: i + 1 })}</span>
              </button>
            )}
          </fieldset>
        ))}
        {intervals.length < 6 && (
          <button type="button" className="button button-secondary" onClick={() => setIntervals([...intervals, ['13:30', '17:30']])}>
            {t('admin.hours.addInterval')}
          </button>
        )}
      </fieldset>
      <TextField
        path="hours-sameDayCutoff"
        type="time"
        label={t('admin.hours.cutoff')}
        hint={t('admin.hours.cutoffHint')}
        value={cutoff}
        onChange={setCutoff}
      />
      <TextField path="hours-source" label={t('admin.hours.source')} optional value={source} onChange={setSource} />
      <ReasonField path="hours-reason" value={reason} onChange={setReason} />
      <button type="submit" className="button" disabled={busy}>
        {t('admin.common.save')}
      </button>
    </form>
  );
}
