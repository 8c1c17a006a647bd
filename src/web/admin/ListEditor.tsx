/**
 * An editable list: one fieldset per item with its own legend, add and remove, and (optionally) move up and down.
 * After each change the focus goes somewhere sensible and the change is announced.
 */
import { useEffect, useRef, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { fieldPath, useAdmin } from './ui.tsx';

export function ListEditor<T>({
  path,
  legend,
  hint,
  items,
  onChange,
  itemName,
  render,
  make,
  firstField,
  movable = false,
  shortName,
  addLabel,
  level = 'list',
}: {
  /** The list's field path; item i is `${path}-${i}`. */
  path: string;
  legend: string;
  hint?: ReactNode;
  items: T[];
  onChange: (items: T[]) => void;
  /** The item's name in legends and button labels, e.g. "Bước 2: Thẩm định". */
  itemName: (item: T, index: number) => string;
  /** The item in announcements of a move or a removal, e.g. «Thẩm định»; the item name by default. */
  shortName?: (item: T) => string;
  render: (item: T, index: number, update: (next: T) => void, itemPath: string) => ReactNode;
  make: () => T;
  /** The field focused when an item is added (its path suffix). */
  firstField: string;
  movable?: boolean;
  addLabel: string;
  level?: 'list' | 'nested';
}) {
  const { t } = useTranslation();
  const { announce } = useAdmin();
  const focusNext = useRef<string | null>(null);
  useEffect(() => {
    if (!focusNext.current) return;
    const el = document.getElementById(focusNext.current);
    focusNext.current = null;
    el?.focus();
  });

  const update = (i: number) => (next: T) => onChange(items.map((x, j) => (j === i ? next : x)));
  function add() {
    const next = [...items, make()];
    focusNext.current = `f-${fieldPath(path, items.length, firstField)}`;
    onChange(next);
    announce(t('admin.list.added', { name: itemName(next[next.length - 1], items.length) }));
  }
  function remove(i: number) {
    const name = shortName ? shortName(items[i]) : itemName(items[i], i);
    focusNext.current = items.length > 1 ? `f-${fieldPath(path, Math.min(i, items.length - 2))}` : `${fieldPath(path)}-add`;
    onChange(items.filter((_, j) => j !== i));
    announce(t('admin.list.removed', { name }));
  }
  function move(i: number, by: -1 | 1) {
    const j = i + by;
    if (j < 0 || j >= items.length) return;
    const next = [...items];
    [next[i], next[j]] = [next[j], next[i]];
    const dir = by < 0 ? 'up' : 'down';
    // Keep the focus on the same button of the moved item, or on the other one at either end.
    const atEnd = (by < 0 && j === 0) || (by > 0 && j === items.length - 1);
    focusNext.current = `${fieldPath(path, j)}-${atEnd ? (dir === 'up' ? 'down' : 'up') : dir}`;
    onChange(next);
    announce(t('admin.list.moved', { name: shortName ? shortName(items[i]) : itemName(items[i], j), position: j + 1, count: items.length }));
  }

  return (
    <fieldset className={`admin-list admin-list-${level}`} id={`f-${path}`} tabIndex={-1}>
      <legend>{legend}</legend>
      {hint && <div className="hint">{hint}</div>}
      {items.length === 0 && <p className="muted">{t('admin.list.empty')}</p>}
      {items.map((item, i) => {
        const itemPath = fieldPath(path, i);
        const name = itemName(item, i);
        return (
          <fieldset key={i} className="admin-item" id={`f-${itemPath}`} tabIndex={-1}>
            <legend>{name}</legend>
            {render(item, i, update(i), itemPath)}
            <div className="button-row admin-item-actions">
              {movable && (
                <>
                  <button type="button" className="button button-secondary" id={`${itemPath}-up`} onClick={() => move(i, -1)} disabled={i === 0}>
                    {t('admin.list.up')}
                    <span className="visually-hidden"> {name}</span>
                  </button>
                  <button
                    type="button"
                    className="button button-secondary"
                    id={`${itemPath}-down`}
                    onClick={() => move(i, 1)}
                    disabled={i === items.length - 1}
                  >
                    {t('admin.list.down')}
                    <span className="visually-hidden"> {name}</span>
                  </button>
                </>
              )}
              <button type="button" className="button button-secondary admin-danger" onClick={() => remove(i)}>
                {t('admin.list.remove')}
                <span className="visually-hidden"> {name}</span>
              </button>
            </div>
          </fieldset>
        );
      })}
      <button type="button" className="button button-secondary" id={`${fieldPath(path)}-add`} onClick={add}>
        {addLabel}
      </button>
    </fieldset>
  );
}
