/**
 * Building blocks of the administration pages: the page frame (role check, heading that takes focus, one error
 * summary, one live region for confirmations), labelled form fields that show their own error, the loading and
 * error states of queries (queries.ts), and the mapping of the server's validation issues onto the fields.
 */
import { createContext, useCallback, useContext, useEffect, useRef, useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useLocation } from 'react-router';
import { useQueryClient } from '@tanstack/react-query';
import { ApiError } from '../api/client.ts';
import { DateInput } from '../components/DateInput.tsx';
import { errorText } from '../data/errors.ts';
import { keys } from '../data/keys.ts';
import { ErrorSummary, type ShownError } from '../journey/ErrorSummary.tsx';
import { useStaff } from '../staff/StaffSession.tsx';
import { usePageTitle } from '../usePageTitle.ts';
import type { ValidationIssue } from './types.ts';

export type { ShownError };

interface AdminPageState {
  errors: ShownError[];
  setErrors: (errors: ShownError[]) => void;
  announce: (message: string) => void;
}

const AdminCtx = createContext<AdminPageState>({ errors: [], setErrors: () => undefined, announce: () => undefined });

/** The page's errors and its live region. */
export const useAdmin = () => useContext(AdminCtx);

/**
 * An administration page: refused with an explanation unless the official holds one of `roles`; otherwise the
 * heading (focused after navigation), the page's error summary and its confirmation live region.
 */
export function AdminPage({
  title,
  roles,
  lead,
  children,
  wide = false,
}: {
  title: string;
  roles: readonly string[];
  lead?: ReactNode;
  children: ReactNode;
  wide?: boolean;
}) {
  const { hasRole } = useStaff();
  const { pathname } = useLocation();
  if (!hasRole(...roles)) return <Refusal roles={roles} />;
  // Another address (another unit, official, procedure) is another page: fresh errors, focus on its heading.
  return (
    <AllowedPage key={pathname} title={title} lead={lead} wide={wide}>
      {children}
    </AllowedPage>
  );
}

function AllowedPage({ title, lead, children, wide }: { title: string; lead?: ReactNode; children: ReactNode; wide: boolean }) {
  const heading = usePageTitle(title);
  const [errors, setErrors] = useState<ShownError[]>([]);
  const [message, setMessage] = useState('');
  const timer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);
  const announce = useCallback((m: string) => {
    // Emptied first, so the same sentence twice is announced twice.
    setMessage('');
    clearTimeout(timer.current);
    timer.current = setTimeout(() => setMessage(m), 60);
  }, []);
  useEffect(() => () => clearTimeout(timer.current), []);
  const location = useLocation();
  const flash = (location.state as { flash?: string } | null)?.flash;
  useEffect(() => {
    if (flash) announce(flash);
  }, [flash, location.key, announce]);
  return (
    <AdminCtx.Provider value={{ errors, setErrors, announce }}>
      <section className={`admin-page${wide ? ' admin-page-wide' : ''}`}>
        <h1 ref={heading} tabIndex={-1}>
          {title}
        </h1>
        <div role="status" aria-live="polite" className="admin-announce" data-testid="admin-announcement">
          {message}
        </div>
        {lead && <div className="lead admin-lead">{lead}</div>}
        <ErrorSummary errors={errors} />
        {children}
      </section>
    </AdminCtx.Provider>
  );
}

/** What an official without the page's roles sees, also when they type the address. */
function Refusal({ roles }: { roles: readonly string[] }) {
  const { t } = useTranslation();
  const { user } = useStaff();
  const heading = usePageTitle(t('admin.refusal.title'));
  return (
    <section className="admin-page">
      <h1 ref={heading} tabIndex={-1}>
        {t('admin.refusal.title')}
      </h1>
      <div className="error-box admin-refusal" role="alert" data-testid="admin-refusal">
        <p>{t('admin.refusal.body', { roles: roles.map((r) => t(`admin.role.${r}`)).join(', ') })}</p>
        <p>
          {t('admin.refusal.yours', {
            name: user?.fullName ?? '',
            roles: (user?.roles ?? []).map((r) => t(`admin.role.${r.code}`, { defaultValue: r.name })).join(', ') || '—',
          })}
        </p>
        <p>{t('admin.refusal.ask')}</p>
      </div>
      <p>
        <Link to="/can-bo">{t('admin.refusal.back')}</Link>
      </p>
    </section>
  );
}

export function Loading() {
  const { t } = useTranslation();
  return (
    <p role="status" className="admin-loading">
      {t('common.loading')}
    </p>
  );
}

export function LoadError({ message }: { message: string }) {
  return (
    <div className="error-box" role="alert">
      {message}
    </div>
  );
}

/** A failed query's message (the server's, or the generic one); nothing when there is no error. */
export function QueryError({ error }: { error: unknown }) {
  const { t } = useTranslation();
  if (!error) return null;
  return <LoadError message={errorText(error, t('error.generic'))} />;
}

/** Field paths are the id of the control without its `f-` prefix; dots and brackets are not used (ErrorSummary splits on them). */
export const fieldPath = (...parts: (string | number)[]) => parts.join('-');

/**
 * The server's issues (or its single message) as shown errors. Each issue's path (`cases.0.workflow`) becomes the
 * deepest field of that path present on the page, prefixed by `prefix` (the form's own fields); `label` names the
 * place for the reader ("Trường hợp 1 › Quy trình nội bộ").
 */
export function errorsFromApi(
  err: unknown,
  opts: { prefix?: string; fallbackPath: string; label?: (segments: string[]) => string; generic: string },
): ShownError[] {
  if (err instanceof ApiError) {
    const issues = (err.details as { issues?: ValidationIssue[] } | undefined)?.issues;
    if (err.code === 'VALIDATION_FAILED' && Array.isArray(issues) && issues.length > 0) {
      return issues.map((i) => {
        const segments = i.path ? i.path.split('.') : [];
        const where = opts.label && segments.length ? opts.label(segments) : '';
        return { path: nearestField(opts.prefix, segments) ?? opts.fallbackPath, message: where ? `${where}: ${i.message}` : i.message };
      });
    }
    return [{ path: opts.fallbackPath, message: err.message }];
  }
  return [{ path: opts.fallbackPath, message: err instanceof Error ? err.message : opts.generic }];
}

function nearestField(prefix: string | undefined, segments: string[]): string | undefined {
  for (let n = segments.length; n >= 0; n--) {
    const parts = [...(prefix ? [prefix] : []), ...segments.slice(0, n)];
    if (parts.length === 0) return undefined;
    const path = fieldPath(...parts);
    if (document.getElementById(`f-${path}`)) return path;
  }
  return undefined;
}

function useFieldError(path: string): string | undefined {
  const { errors } = useAdmin();
  const own = errors.filter((e) => e.path === path).map((e) => e.message);
  return own.length ? own.join(' ') : undefined;
}

interface FieldProps {
  path: string;
  label: string;
  hint?: string;
  optional?: boolean;
}

function describedBy(path: string, hint?: string, error?: string): string | undefined {
  const ids = [hint ? `h-${path}` : '', error ? `e-${path}` : ''].filter(Boolean).join(' ');
  return ids || undefined;
}

function FieldFrame({ path, label, hint, optional, error, children }: FieldProps & { error?: string; children: ReactNode }) {
  const { t } = useTranslation();
  return (
    <div className={`form-group admin-field${error ? ' has-error' : ''}`}>
      <label htmlFor={`f-${path}`}>
        {label}
        {optional && <span className="admin-optional"> {t('admin.common.optional')}</span>}
      </label>
      {hint && (
        <p className="hint" id={`h-${path}`}>
          {hint}
        </p>
      )}
      {error && (
        <p className="field-error" id={`e-${path}`}>
          {error}
        </p>
      )}
      {children}
    </div>
  );
}

export function TextField(
  props: FieldProps & {
    value: string;
    onChange: (v: string) => void;
    type?: 'text' | 'email' | 'tel' | 'password' | 'date' | 'time' | 'search';
    autoComplete?: string;
    inputMode?: 'text' | 'numeric' | 'email' | 'tel';
    readOnly?: boolean;
    list?: string;
    spellCheck?: boolean;
  },
) {
  const error = useFieldError(props.path);
  if (props.type === 'date')
    // dd/mm/yyyy as everywhere in the app (components/DateInput.tsx); the value stays ISO yyyy-mm-dd.
    return (
      <FieldFrame {...props} error={error}>
        <DateInput
          id={`f-${props.path}`}
          value={props.value}
          onChange={props.onChange}
          readOnly={props.readOnly}
          aria-invalid={error ? true : undefined}
          aria-describedby={describedBy(props.path, props.hint, error)}
          className={error ? 'input-error' : undefined}
        />
      </FieldFrame>
    );
  return (
    <FieldFrame {...props} error={error}>
      <input
        id={`f-${props.path}`}
        type={props.type ?? 'text'}
        value={props.value}
        onChange={(e) => props.onChange(e.target.value)}
        autoComplete={props.autoComplete ?? 'off'}
        inputMode={props.inputMode}
        readOnly={props.readOnly}
        list={props.list}
        spellCheck={props.spellCheck}
        aria-invalid={error ? true : undefined}
        aria-describedby={describedBy(props.path, props.hint, error)}
        className={error ? 'input-error' : undefined}
      />
    </FieldFrame>
  );
}

/** A number field; empty gives undefined. */
export function NumberField(props: FieldProps & { value: number | undefined; onChange: (v: number | undefined) => void; min?: number; step?: number | 'any' }) {
  const error = useFieldError(props.path);
  const [text, setText] = useState(props.value === undefined ? '' : String(props.value));
  // Follow outside changes (a step moved, a reload) without fighting the user's typing.
  useEffect(() => {
    setText((current) =>
      current.trim() !== '' && Number(current.replace(',', '.')) === props.value ? current : props.value === undefined ? '' : String(props.value),
    );
  }, [props.value]);
  return (
    <FieldFrame {...props} error={error}>
      <input
        id={`f-${props.path}`}
        type="number"
        inputMode={props.step === 'any' ? 'decimal' : 'numeric'}
        min={props.min ?? 0}
        step={props.step ?? 1}
        value={text}
        onChange={(e) => {
          setText(e.target.value);
          const v = e.target.value.trim();
          props.onChange(v === '' || Number.isNaN(Number(v)) ? undefined : Number(v));
        }}
        aria-invalid={error ? true : undefined}
        aria-describedby={describedBy(props.path, props.hint, error)}
        className={error ? 'input-error' : undefined}
      />
    </FieldFrame>
  );
}

export function SelectField(
  props: FieldProps & { value: string; onChange: (v: string) => void; options: { value: string; label: string }[]; placeholder?: string },
) {
  const error = useFieldError(props.path);
  return (
    <FieldFrame {...props} error={error}>
      <select
        id={`f-${props.path}`}
        value={props.value}
        onChange={(e) => props.onChange(e.target.value)}
        aria-invalid={error ? true : undefined}
        aria-describedby={describedBy(props.path, props.hint, error)}
        className={error ? 'input-error' : undefined}
      >
        {props.placeholder !== undefined && <option value="">{props.placeholder}</option>}
        {props.options.map((o) => (
          <option key={o.value} value={o.value}>
            {o.label}
          </option>
        ))}
      </select>
    </FieldFrame>
  );
}

export function TextAreaField(props: FieldProps & { value: string; onChange: (v: string) => void; rows?: number; code?: boolean }) {
  const error = useFieldError(props.path);
  return (
    <FieldFrame {...props} error={error}>
      <textarea
        id={`f-${props.path}`}
        rows={props.rows ?? 3}
        value={props.value}
        onChange={(e) => props.onChange(e.target.value)}
        spellCheck={props.code ? false : undefined}
        className={[props.code ? 'admin-code' : '', error ? 'input-error' : ''].filter(Boolean).join(' ') || undefined}
        aria-invalid={error ? true : undefined}
        aria-describedby={describedBy(props.path, props.hint, error)}
      />
    </FieldFrame>
  );
}

export function CheckboxField({
  path,
  label,
  hint,
  checked,
  onChange,
}: {
  path: string;
  label: string;
  hint?: string;
  checked: boolean;
  onChange: (v: boolean) => void;
}) {
  const error = useFieldError(path);
  return (
    <div className={`admin-check${error ? ' has-error' : ''}`}>
      <input
        id={`f-${path}`}
        type="checkbox"
        checked={checked}
        onChange={(e) => onChange(e.target.checked)}
        aria-describedby={describedBy(path, hint, error)}
      />
      <label htmlFor={`f-${path}`}>{label}</label>
      {hint && (
        <p className="hint" id={`h-${path}`}>
          {hint}
        </p>
      )}
      {error && (
        <p className="field-error" id={`e-${path}`}>
          {error}
        </p>
      )}
    </div>
  );
}

/** A reason for the change log (5–2000 characters on the server). */
export function ReasonField({ path, value, onChange, optional = false }: { path: string; value: string; onChange: (v: string) => void; optional?: boolean }) {
  const { t } = useTranslation();
  return (
    <TextAreaField
      path={path}
      label={t('admin.common.reason')}
      hint={t('admin.common.reasonHint')}
      optional={optional}
      value={value}
      onChange={onChange}
      rows={2}
    />
  );
}

/** The reason's own check, in the server's words. */
export function reasonProblem(t: (k: string) => string, reason: string, optional = false): string | undefined {
  const r = reason.trim();
  if (optional && r === '') return undefined;
  if (r.length < 5) return t('admin.common.reasonRequired');
  return undefined;
}

/** Today in Vietnam, yyyy-mm-dd. */
export { vnToday } from '../format.ts';

/** "2026-09-02" → "02/09/2026" (a calendar day, no time zone involved). */
export function formatDay(iso: string | null | undefined): string {
  if (!iso) return '';
  const [y, m, d] = iso.slice(0, 10).split('-');
  return `${d}/${m}/${y}`;
}

/** Trimmed text, or undefined when empty (optional fields left out of a body). */
export const optionalText = (v: string) => (v.trim() === '' ? undefined : v.trim());
/** Trimmed text, or null when empty (a PATCH clears the field). */
export const clearableText = (v: string) => (v.trim() === '' ? null : v.trim());

/** A confirmation step inside a form: its heading takes the focus; confirm or go back. */
export function ConfirmPanel({
  title,
  children,
  confirmLabel,
  onConfirm,
  onBack,
  busy,
}: {
  title: string;
  children?: ReactNode;
  confirmLabel: string;
  onConfirm: () => void;
  onBack: () => void;
  busy: boolean;
}) {
  const { t } = useTranslation();
  const heading = useRef<HTMLHeadingElement>(null);
  useEffect(() => heading.current?.focus(), []);
  return (
    <div className="confirm-box admin-confirm">
      <h3 ref={heading} tabIndex={-1}>
        {title}
      </h3>
      {children}
      <div className="button-row">
        <button type="button" className="button button-primary" onClick={onConfirm} disabled={busy}>
          {confirmLabel}
        </button>
        <button type="button" className="button button-secondary" onClick={onBack} disabled={busy}>
          {t('admin.common.back')}
        </button>
      </div>
    </div>
  );
}

/** Names the place of a server issue for people: `cases.0.workflow` → "Trường hợp 1 › Quy trình nội bộ". */
export function usePathLabel() {
  const { t } = useTranslation();
  return useCallback(
    (segments: string[]) => {
      const out: string[] = [];
      segments.forEach((s, i) => {
        if (/^\d+$/.test(s)) {
          const list = segments[i - 1] ?? '';
          const previous = out.pop() ?? '';
          out.push(t(`admin.item.${list}`, { n: Number(s) + 1, defaultValue: `${previous} ${Number(s) + 1}` }));
        } else out.push(t(`admin.field.${s}`, { defaultValue: s }));
      });
      return out.join(' › ');
    },
    [t],
  );
}

/**
 * Runs one form's submission: local checks first, then the request; on success the page's errors are cleared and
 * the returned sentence is announced; on failure the server's message or issues are shown against the fields
 * (`prefix` is the form's own prefix of field paths, `codePaths` sends an error code to the field it is about).
 */
export function useSubmit() {
  const { t } = useTranslation();
  const { setErrors, announce } = useAdmin();
  const label = usePathLabel();
  const qc = useQueryClient();
  const [busy, setBusy] = useState(false);
  const run = useCallback(
    async (opts: {
      check?: () => ShownError[];
      action: () => Promise<string>;
      prefix?: string;
      fallbackPath: string;
      codePaths?: Record<string, string>;
    }): Promise<boolean> => {
      const local = opts.check?.() ?? [];
      if (local.length) {
        setErrors(local);
        announce('');
        return false;
      }
      setBusy(true);
      try {
        const message = await opts.action();
        // An administrative change may show anywhere in the administration, the reference data and the catalogue.
        void qc.invalidateQueries({ queryKey: keys.admin.all });
        void qc.invalidateQueries({ queryKey: ['reference'] });
        void qc.invalidateQueries({ queryKey: keys.catalogue.all });
        setErrors([]);
        announce(message);
        return true;
      } catch (err) {
        const code = err instanceof ApiError ? err.code : '';
        setErrors(errorsFromApi(err, { prefix: opts.prefix, fallbackPath: opts.codePaths?.[code] ?? opts.fallbackPath, label, generic: t('error.generic') }));
        // A confirmation of an earlier change would read as the outcome of this one.
        announce('');
        return false;
      } finally {
        setBusy(false);
      }
    },
    [announce, label, qc, setErrors, t],
  );
  return { run, busy };
}
