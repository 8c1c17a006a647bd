/** Renders one e-form field of any supported type, with its label, hint, error and prefill marker. */
import { useEffect, useState, type ReactNode } from 'react';
import type { FormField } from '../../core/catalogue/schema.ts';
import { api } from '../api/client.ts';

interface Unit {
  code: string;
  name: string;
}

let provincesCache: Promise<Unit[]> | null = null;
const communesCache = new Map<string, Promise<Unit[]>>();
const provinces = () => (provincesCache ??= api<Unit[]>('/api/admin-units?level=province'));
const communesOf = (p: string) => {
  if (!communesCache.has(p)) communesCache.set(p, api<Unit[]>(`/api/admin-units?parent=${p}`));
  return communesCache.get(p)!;
};

export interface FieldProps {
  field: FormField;
  value: unknown;
  error?: string;
  prefilled: boolean;
  onChange: (v: unknown) => void;
}

function Describe({ id, field, error, prefilled }: { id: string; field: FormField; error?: string; prefilled: boolean }) {
  return (
    <>
      {field.hint && <p className="hint" id={`${id}-hint`}>{field.hint}</p>}
      {prefilled && <p className="prefilled" id={`${id}-src`}>Thông tin lấy từ Cơ sở dữ liệu quốc gia về dân cư</p>}
      {error && <p className="field-error" id={`${id}-error`}><span className="visually-hidden">Lỗi: </span>{error}</p>}
    </>
  );
}

function describedBy(id: string, field: FormField, error: string | undefined, prefilled: boolean) {
  return [field.hint && `${id}-hint`, prefilled && `${id}-src`, error && `${id}-error`].filter(Boolean).join(' ') || undefined;
}

function AddressInput({ id, value, onChange, invalid }: { id: string; value: Record<string, string> | undefined; onChange: (v: unknown) => void; invalid: boolean }) {
  const [ps, setPs] = useState<Unit[]>([]);
  const [cs, setCs] = useState<Unit[]>([]);
  const v = value ?? { provinceCode: '', communeCode: '', detail: '' };
  useEffect(() => {
    provinces().then(setPs, () => setPs([]));
  }, []);
  useEffect(() => {
    if (v.provinceCode) communesOf(v.provinceCode).then(setCs, () => setCs([]));
    else setCs([]);
  }, [v.provinceCode]);
  return (
    <div className="address">
      <label htmlFor={`${id}-p`}>Tỉnh, thành phố</label>
      <select id={`${id}-p`} value={v.provinceCode} aria-invalid={invalid} onChange={(e) => onChange({ ...v, provinceCode: e.target.value, communeCode: '' })}>
        <option value="">– Chọn –</option>
        {ps.map((p) => <option key={p.code} value={p.code}>{p.name}</option>)}
      </select>
      <label htmlFor={`${id}-c`}>Xã, phường</label>
      <select id={`${id}-c`} value={v.communeCode} aria-invalid={invalid} onChange={(e) => onChange({ ...v, communeCode: e.target.value })}>
        <option value="">– Chọn –</option>
        {cs.map((c) => <option key={c.code} value={c.code}>{c.name}</option>)}
      </select>
      <label htmlFor={id}>Số nhà, thôn/ấp, đường</label>
      <input id={id} type="text" value={v.detail} aria-invalid={invalid} onChange={(e) => onChange({ ...v, detail: e.target.value })} />
    </div>
  );
}

export function Field({ field, value, error, prefilled, onChange }: FieldProps) {
  const id = `f-${field.key}`;
  const by = describedBy(id, field, error, prefilled);
  const label = `${field.label}${field.required ? '' : ' (không bắt buộc)'}`;
  const common = { id, 'aria-describedby': by, 'aria-invalid': error ? true : undefined, className: error ? 'input-error' : undefined };
  if (field.type === 'yes_no') {
    return (
      <fieldset className={`form-group${error ? ' has-error' : ''}`} aria-describedby={by}>
        <legend>{label}</legend>
        <Describe id={id} field={field} error={error} prefilled={prefilled} />
        <div className="radios">
          <label><input type="radio" name={field.key} id={id} checked={value === true} onChange={() => onChange(true)} /> Có</label>
          <label><input type="radio" name={field.key} checked={value === false} onChange={() => onChange(false)} /> Không</label>
        </div>
      </fieldset>
    );
  }
  if (field.type === 'address') {
    return (
      <fieldset className={`form-group${error ? ' has-error' : ''}`} aria-describedby={by}>
        <legend>{label}</legend>
        <Describe id={id} field={field} error={error} prefilled={prefilled} />
        <AddressInput id={id} value={value as Record<string, string> | undefined} onChange={onChange} invalid={!!error} />
      </fieldset>
    );
  }
  if (field.type === 'person') {
    const p = (value ?? {}) as { idNumber?: string; fullName?: string };
    return (
      <fieldset className={`form-group${error ? ' has-error' : ''}`} aria-describedby={by}>
        <legend>{label}</legend>
        <Describe id={id} field={field} error={error} prefilled={prefilled} />
        <label htmlFor={id}>Số định danh cá nhân</label>
        <input {...common} inputMode="numeric" maxLength={12} value={p.idNumber ?? ''} onChange={(e) => onChange({ ...p, idNumber: e.target.value.trim() })} />
        <label htmlFor={`${id}-name`}>Họ và tên</label>
        <input id={`${id}-name`} type="text" value={p.fullName ?? ''} onChange={(e) => onChange({ ...p, fullName: e.target.value })} />
      </fieldset>
    );
  }
  let input: ReactNode;
  const str = value === undefined || value === null ? '' : String(value);
  switch (field.type) {
    case 'textarea':
      input = <textarea {...common} rows={4} value={str} onChange={(e) => onChange(e.target.value)} />;
      break;
    case 'select':
      input = (
        <select {...common} value={str} onChange={(e) => onChange(e.target.value)}>
          <option value="">– Chọn –</option>
          {(field.options ?? []).map((o) => <option key={o.value} value={o.value}>{o.label}</option>)}
        </select>
      );
      break;
    case 'number':
      input = <input {...common} type="number" inputMode="numeric" value={str} onChange={(e) => onChange(e.target.value === '' ? undefined : Number(e.target.value))} />;
      break;
    case 'date':
      input = <input {...common} type="date" value={str} onChange={(e) => onChange(e.target.value)} />;
      break;
    case 'id_number':
      input = <input {...common} type="text" inputMode="numeric" autoComplete="off" maxLength={12} value={str} onChange={(e) => onChange(e.target.value.trim())} />;
      break;
    case 'phone':
      input = <input {...common} type="tel" autoComplete="tel" value={str} onChange={(e) => onChange(e.target.value)} />;
      break;
    case 'email':
      input = <input {...common} type="email" autoComplete="email" value={str} onChange={(e) => onChange(e.target.value)} />;
      break;
    default:
      input = <input {...common} type="text" value={str} onChange={(e) => onChange(e.target.value)} />;
  }
  return (
    <div className={`form-group${error ? ' has-error' : ''}`}>
      <label htmlFor={id}>{label}</label>
      <Describe id={id} field={field} error={error} prefilled={prefilled} />
      {input}
    </div>
  );
}

/** The value as a person reads it on the "check your answers" page. */
export function displayValue(field: FormField, value: unknown): string {
  if (value === undefined || value === null || value === '') return '—';
  if (field.type === 'yes_no') return value ? 'Có' : 'Không';
  if (field.type === 'select') return field.options?.find((o) => o.value === value)?.label ?? String(value);
  if (field.type === 'date' && typeof value === 'string') return value.split('-').reverse().join('/');
  if (field.type === 'address') {
    const a = value as { detail?: string; communeCode?: string; provinceCode?: string };
    return [a.detail, a.communeCode && `mã xã ${a.communeCode}`, a.provinceCode && `mã tỉnh ${a.provinceCode}`].filter(Boolean).join(', ');
  }
  if (field.type === 'person') {
    const p = value as { fullName?: string; idNumber?: string };
    return `${p.fullName ?? ''} (${p.idNumber ?? ''})`;
  }
  return String(value);
}
