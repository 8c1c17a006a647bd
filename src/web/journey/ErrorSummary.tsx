import { useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';

export interface ShownError {
  path: string;
  message: string;
}

/** GOV.UK-style error summary: announced, focused, each error links to its field. */
export function ErrorSummary({ errors }: { errors: ShownError[] }) {
  const { t } = useTranslation();
  const ref = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (errors.length) ref.current?.focus();
  }, [errors]);
  if (errors.length === 0) return null;
  return (
    <div className="error-summary" role="alert" tabIndex={-1} ref={ref} aria-labelledby="error-summary-title">
      <h2 id="error-summary-title">{t('errorSummary.title', { count: errors.length })}</h2>
      <ul>
        {errors.map((e) => (
          <li key={e.path + e.message}>
            <a
              href={`#f-${e.path.split(/[.[]/)[0]}`}
              onClick={(ev) => {
                const target = document.getElementById(`f-${e.path.split(/[.[]/)[0]}`);
                if (target) {
                  ev.preventDefault();
                  target.focus();
                }
              }}
            >
              {e.message}
            </a>
          </li>
        ))}
      </ul>
    </div>
  );
}
