/** Renders one e-form field of any supported type, with its label, hint, error and prefill marker. */
import { useQuery } from '@tanstack/react-query';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { FormField } from '../../core/catalogue/schema.ts';
import { referenceQueries } from '../data/queries.ts';
import i18n from '../i18n/index.ts';
import '../i18n/journey.ts';
import { hintOf, labelOf, optionalName, useFormLanguage } from './labels.ts';
import { DateInput } from '../components/DateInput.tsx';
import { LockIcon } from '../components/icons.tsx';

export interface FieldProps {
  field: FormField;
  value: unknown;
  error?: string;
  prefilled: boolean;
  onChange: (v: unknown) => void;
  /**
   * Prefilled from a national database under the catalogue's `prefillPolicy: locked`: shown read-only (the
   * group's note says how to have it corrected).
   */
  locked?: boolean;
  /**
   * The id of the page's one note on prefilled data ("Thông tin lấy từ CSDL quốc gia về dân cư", once per group):
   * the field refers to it instead of repeating it.
   */
  groupNoteId?: string;
}

function Describe({ id, hint, error, prefilled }: { id: string; hint: string | undefined; error?: string; prefilled: boolean | 'group' }) {
  const { t } = useTranslation();
  return (
    <>
      {hint && (
        <p className="hint" id={`${id}-hint`}>
          {hint}
        </p>
      )}
      {prefilled === true && (
        <p className="prefilled" id={`${id}-src`}>
          {t('journey.field.prefilled')}
        </p>
      )}
      {error && (
        <p className="field-error" id={`${id}-error`}>
          <span className="visually-hidden">{t('journey.field.errorPrefix')}</span>
          {error}
        </p>
      )}
    </>
  );
}

function describedBy(id: string, hint: string | undefined, error: string | undefined, prefilled: boolean, groupNoteId?: string) {
  const source = prefilled ? (groupNoteId ?? `${id}-src`) : undefined;
  return [hint && `${id}-hint`, source, error && `${id}-error`].filter(Boolean).join(' ') || undefined;
}

function AddressInput({
  id,
  value,
  onChange,
  invalid,
  locked,
}: {
  id: string;
  value: Record<string, string> | undefined;
  onChange: (v: unknown) => void;
  invalid: boolean;
  locked: boolean;
}) {
  const { t } = useTranslation();
  const v = value ?? { provinceCode: '', communeCode: '', detail: '' };
  // Without the lists the selects stay empty; the form's own validation then says what is missing.
  const ps = useQuery(referenceQueries.adminUnits(null)).data ?? [];
  const cs = useQuery({ ...referenceQueries.adminUnits(v.provinceCode || null), enabled: !!v.provinceCode }).data ?? [];
  return (
    <div className="address">
      <label htmlFor={`${id}-p`}>{t('journey.field.province')}</label>
      <select
        id={`${id}-p`}
        value={v.provinceCode}
        aria-invalid={invalid}
        disabled={locked}
        onChange={(e) => onChange({ ...v, provinceCode: e.target.value, communeCode: '' })}
      >
        <option value="">{t('journey.field.choose')}</option>
        {ps.map((p) => (
          <option key={p.code} value={p.code}>
            {p.name}
          </option>
        ))}
      </select>
      <label htmlFor={`${id}-c`}>{t('journey.field.commune')}</label>
      <select id={`${id}-c`} value={v.communeCode} aria-invalid={invalid} disabled={locked} onChange={(e) => onChange({ ...v, communeCode: e.target.value })}>
        <option value="">{t('journey.field.choose')}</option>
        {(v.provinceCode ? cs : []).map((c) => (
          <option key={c.code} value={c.code}>
            {c.name}
          </option>
        ))}
      </select>
      <label htmlFor={id}>{t('journey.field.detail')}</label>
      <input id={id} type="text" value={v.detail} aria-invalid={invalid} readOnly={locked} onChange={(e) => onChange({ ...v, detail: e.target.value })} />
    </div>
  );
}

export function Field({ field, value, error, prefilled: isPrefilled, onChange, locked = false, groupNoteId }: FieldProps) {
  const { t } = useTranslation();
  const lang = useFormLanguage();
  const id = `f-${field.key}`;
  const hint = hintOf(field, lang);
  const by = describedBy(id, hint, error, isPrefilled, groupNoteId);
  // With the page's note, a prefilled field does not repeat where its value comes from.
  const prefilled: boolean | 'group' = isPrefilled && groupNoteId ? 'group' : isPrefilled;
  const label = field.required ? labelOf(field, lang) : optionalName(labelOf(field, lang), t('journey.field.optional'));
  const common = {
    id,
    'aria-describedby': by,
    'aria-invalid': error ? true : undefined,
    className: [error && 'input-error', locked && 'input-locked'].filter(Boolean).join(' ') || undefined,
  };
  const lock = locked ? <LockedMark /> : null;
  if (field.type === 'yes_no') {
    return (
      <fieldset className={`form-group${error ? ' has-error' : ''}`} aria-describedby={by}>
        <legend>
          {label}
          {lock}
        </legend>
        <Describe id={id} hint={hint} error={error} prefilled={prefilled} />
        <div className="radios">
          <label>
            <input type="radio" name={field.key} id={id} checked={value === true} disabled={locked} onChange={() => onChange(true)} /> {t('journey.field.yes')}
          </label>
          <label>
            <input type="radio" name={field.key} checked={value === false} disabled={locked} onChange={() => onChange(false)} /> {t('journey.field.no')}
          </label>
        </div>
      </fieldset>
    );
  }
  if (field.type === 'address') {
    return (
      <fieldset className={`form-group${error ? ' has-error' : ''}`} aria-describedby={by}>
        <legend>
          {label}
          {lock}
        </legend>
        <Describe id={id} hint={hint} error={error} prefilled={prefilled} />
        <AddressInput id={id} value={value as Record<string, string> | undefined} onChange={onChange} invalid={!!error} locked={locked} />
      </fieldset>
    );
  }
  if (field.type === 'person') {
    const p = (value ?? {}) as { idNumber?: string; fullName?: string };
    return (
      <fieldset className={`form-group${error ? ' has-error' : ''}`} aria-describedby={by}>
        <legend>
          {label}
          {lock}
        </legend>
        <Describe id={id} hint={hint} error={error} prefilled={prefilled} />
        <label htmlFor={id}>{t('journey.field.idNumber')}</label>
        <input
          {...common}
          inputMode="numeric"
          maxLength={12}
          readOnly={locked}
          value={p.idNumber ?? ''}
          onChange={(e) => onChange({ ...p, idNumber: e.target.value.trim() })}
        />
        <label htmlFor={`${id}-name`}>{t('journey.field.fullName')}</label>
        <input
          id={`${id}-name`}
          type="text"
          readOnly={locked}
          className={locked ? 'input-locked' : undefined}
          value={p.fullName ?? ''}
          onChange={(e) => onChange({ ...p, fullName: e.target.value })}
        />
      </fieldset>
    );
  }
  let input: ReactNode;
  const str = value === undefined || value === null ? '' : String(value);
  switch (field.type) {
    case 'textarea':
      input = <textarea {...common} rows={4} readOnly={locked} value={str} onChange={(e) => onChange(e.target.value)} />;
      break;
    case 'select':
      // A locked choice is shown as its words in a read-only box (a select cannot be read-only).
      input = locked ? (
        <input {...common} type="text" readOnly value={displayValue(field, value, lang)} />
      ) : (
        <select {...common} value={str} onChange={(e) => onChange(e.target.value)}>
          <option value="">{t('journey.field.choose')}</option>
          {(field.options ?? []).map((o) => (
            <option key={o.value} value={o.value}>
              {labelOf(o, lang)}
            </option>
          ))}
        </select>
      );
      break;
    case 'number':
      input = (
        <input
          {...common}
          type="number"
          inputMode="numeric"
          readOnly={locked}
          value={str}
          onChange={(e) => onChange(e.target.value === '' ? undefined : Number(e.target.value))}
        />
      );
      break;
    case 'date':
      input = (
        // The form engine says what a half-typed date is ("… không phải ngày hợp lệ"): no second message on leaving.
        <DateInput {...common} value={typeof value === 'string' ? value : ''} onChange={onChange} readOnly={locked} checkOnBlur={false} />
      );
      break;
    case 'id_number':
      input = (
        <input
          {...common}
          type="text"
          inputMode="numeric"
          autoComplete="off"
          maxLength={12}
          readOnly={locked}
          value={str}
          onChange={(e) => onChange(e.target.value.trim())}
        />
      );
      break;
    case 'phone':
      input = <input {...common} type="tel" autoComplete="tel" readOnly={locked} value={str} onChange={(e) => onChange(e.target.value)} />;
      break;
    case 'email':
      input = <input {...common} type="email" autoComplete="email" readOnly={locked} value={str} onChange={(e) => onChange(e.target.value)} />;
      break;
    default:
      input = <input {...common} type="text" readOnly={locked} value={str} onChange={(e) => onChange(e.target.value)} />;
  }
  return (
    <div className={`form-group${error ? ' has-error' : ''}`}>
      <label htmlFor={id}>
        {label}
        {lock}
      </label>
      <Describe id={id} hint={hint} error={error} prefilled={prefilled} />
      {input}
    </div>
  );
}

/** The lock after a locked field's label: seen as 🔒, heard as "không sửa được". */
function LockedMark() {
  const { t } = useTranslation();
  return (
    <span className="locked-mark">
      {' '}
      <LockIcon />
      <span className="visually-hidden">({t('portal.prefill.lockedShort')})</span>
    </span>
  );
}

/** An address with the names of its province and commune (the codes stand in until, or if not, the names come). */
export function AddressText({ value }: { value: { detail?: string; communeCode?: string; provinceCode?: string } }) {
  const { t } = useTranslation();
  const provinces = useQuery({ ...referenceQueries.adminUnits(null), enabled: !!value.provinceCode }).data;
  const communes = useQuery({ ...referenceQueries.adminUnits(value.provinceCode ?? null), enabled: !!value.provinceCode }).data;
  const names = {
    province: provinces?.find((p) => p.code === value.provinceCode)?.name,
    commune: value.communeCode ? communes?.find((c) => c.code === value.communeCode)?.name : undefined,
  };
  const parts = [
    value.detail,
    names.commune ?? (value.communeCode && t('journey.field.communeCode', { code: value.communeCode })),
    names.province ?? (value.provinceCode && t('journey.field.provinceCode', { code: value.provinceCode })),
  ];
  return <>{parts.filter(Boolean).join(', ') || '—'}</>;
}

/** An answer on a "check your answers" page: addresses by the names of their places, never by codes (issue 18). */
export function AnswerValue({ field, value, lng }: { field: FormField; value: unknown; lng?: string }) {
  if (field.type === 'address' && value && typeof value === 'object') return <AddressText value={value as Record<string, string>} />;
  return <>{displayValue(field, value, lng)}</>;
}

/** The value as a person reads it on the "check your answers" page, in the interface language. */
export function displayValue(field: FormField, value: unknown, lng: string = i18n.language): string {
  const t = i18n.getFixedT(lng);
  const lang = lng === 'en' ? 'en' : 'vi';
  if (value === undefined || value === null || value === '') return '—';
  if (field.type === 'yes_no') return value ? t('journey.field.yes') : t('journey.field.no');
  if (field.type === 'select') {
    const option = field.options?.find((o) => o.value === value);
    return option ? labelOf(option, lang) : String(value);
  }
  if (field.type === 'date' && typeof value === 'string') return value.split('-').reverse().join('/');
  if (field.type === 'address') {
    const a = value as { detail?: string; communeCode?: string; provinceCode?: string };
    return [
      a.detail,
      a.communeCode && t('journey.field.communeCode', { code: a.communeCode }),
      a.provinceCode && t('journey.field.provinceCode', { code: a.provinceCode }),
    ]
      .filter(Boolean)
      .join(', ');
  }
  if (field.type === 'person') {
    const p = value as { fullName?: string; idNumber?: string };
    return `${p.fullName ?? ''} (${p.idNumber ?? ''})`;
  }
  return String(value);
}
