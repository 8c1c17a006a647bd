/**
 * The one date input of the web app (issue 18): a date typed as dd/mm/yyyy (digits only: the slashes come by
 * themselves) or picked on the calendar, handed to the page as ISO yyyy-mm-dd — the value every API expects. Used by
 * the citizen's e-forms (journey/fields.tsx) and by every staff, admin and dashboard page that asks for a date.
 *
 * What the page receives: the ISO date once the text is a whole real date, '' when the field is emptied, and otherwise
 * the text as typed (so a form's own validation or the server refuses it with its message) — or nothing at all with
 * `wholeDatesOnly`, for filters that query as the value changes. An impossible day (31/02, month 13) is said at once
 * with the month's last day; a half-typed date is said when the field is left (`checkOnBlur`, on by default; the
 * citizen's form turns it off because its engine already says "… không phải ngày hợp lệ").
 */
import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { isoToDmy, maskDmy, parseDmy } from '../journey/dates.ts';
import { CalendarIcon } from './icons.tsx';

export interface DateInputProps {
  id: string;
  /** ISO yyyy-mm-dd, '' or text typed earlier. */
  value: string;
  onChange: (value: string) => void;
  readOnly?: boolean;
  'aria-describedby'?: string;
  'aria-invalid'?: boolean;
  className?: string;
  /** Only whole dates (and '') reach onChange; a half-typed one stays in the field with its message. */
  wholeDatesOnly?: boolean;
  /** Say that a half-typed date is not a date when the field is left (default true). */
  checkOnBlur?: boolean;
}

export function DateInput({
  id,
  value,
  onChange,
  readOnly = false,
  wholeDatesOnly = false,
  checkOnBlur = true,
  className,
  'aria-describedby': outerDescribedBy,
  'aria-invalid': outerInvalid,
}: DateInputProps) {
  const { t } = useTranslation();
  const [text, setText] = useState(() => isoToDmy(value));
  const [left, setLeft] = useState(false);
  const picker = useRef<HTMLInputElement>(null);
  const parsed = parseDmy(text);
  const current = parsed.kind === 'date' ? parsed.iso : parsed.kind === 'empty' ? '' : text.trim();
  // A value changed elsewhere (another device, a reloaded draft, a reset filter) replaces what is shown.
  // biome-ignore lint/correctness/useExhaustiveDependencies: only an outside change of the value matters
  useEffect(() => {
    if (value !== current && !(wholeDatesOnly && parsed.kind !== 'date' && parsed.kind !== 'empty')) setText(isoToDmy(value));
  }, [value]);
  const set = (next: string) => {
    setText(next);
    setLeft(false);
    const p = parseDmy(next);
    if (p.kind === 'date') onChange(p.iso);
    else if (p.kind === 'empty') onChange('');
    else if (!wholeDatesOnly) onChange(next.trim());
  };
  const problemId = `${id}-date`;
  const problem =
    parsed.kind === 'impossible'
      ? parsed.lastDay === null
        ? t('portal.date.noSuchMonth', { month: parsed.month })
        : t('portal.date.noSuchDay', { day: parsed.day, month: parsed.month, year: parsed.year, lastDay: parsed.lastDay })
      : parsed.kind === 'incomplete' && left && checkOnBlur
        ? t('portal.date.incomplete', { text: text.trim() })
        : null;
  const describedBy = [outerDescribedBy, `${id}-format`, problem && problemId].filter(Boolean).join(' ');
  return (
    <>
      <p className="hint" id={`${id}-format`}>
        {t('portal.date.format')}
      </p>
      <div className="date-input">
        <input
          id={id}
          className={className}
          aria-describedby={describedBy}
          aria-invalid={outerInvalid || (problem ? true : undefined)}
          type="text"
          inputMode="numeric"
          autoComplete="off"
          placeholder={t('portal.date.placeholder')}
          maxLength={10}
          readOnly={readOnly}
          value={text}
          onChange={(e) => set(maskDmy(e.target.value, text))}
          onBlur={() => setLeft(true)}
        />
        {!readOnly && (
          <>
            <button
              type="button"
              className="button button-secondary calendar-button"
              onClick={() => {
                const el = picker.current;
                if (!el) return;
                el.value = parsed.kind === 'date' ? parsed.iso : '';
                try {
                  el.showPicker();
                } catch {
                  el.focus();
                }
              }}
            >
              <CalendarIcon />
              <span className="visually-hidden">{t('portal.date.calendar')}</span>
            </button>
            <input
              ref={picker}
              type="date"
              className="date-picker-input"
              tabIndex={-1}
              aria-hidden="true"
              onChange={(e) => e.target.value && set(isoToDmy(e.target.value))}
            />
          </>
        )}
      </div>
      {problem && (
        <p className="field-error" id={problemId}>
          {problem}
        </p>
      )}
    </>
  );
}
