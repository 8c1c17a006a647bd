/**
 * Xử lý hồ sơ: exactly the actions the API says this official may take now, each a button that opens its form
 * in place (one at a time). Nothing to do is said in words, with the reason when the dossier is elsewhere.
 */
import { useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { StaffAction } from '../../../core/workflow/permissions.ts';
import type { StaffActionResult, StaffDossier } from '../../api/types.ts';
import { ActionForm } from './ActionForm.tsx';

/** An action to open at once, with its reason written (a duplicate's refusal from the reception queue). */
export interface ActionPreset {
  action: StaffAction;
  reason: string;
}

export function ActionPanel({
  d,
  onDone,
  preset,
}: {
  d: StaffDossier;
  onDone: (result: StaffActionResult, actionName: string, note?: string) => void;
  preset?: ActionPreset;
}) {
  const { t } = useTranslation();
  const usablePreset = preset && d.actions.some((a) => a.code === preset.action) ? preset : undefined;
  const [open, setOpen] = useState<StaffAction | null>(usablePreset?.action ?? null);
  const buttons = useRef(new Map<StaffAction, HTMLButtonElement | null>());
  const current = d.tasks.find((x) => x.current);
  // At the leader's step, forwarding approves and signs the result with the agency's certificate: said as such.
  const signs = (code: StaffAction) => code === 'forward' && current?.role === 'leader';
  const name = (a: { code: StaffAction; name: string }) =>
    signs(a.code) ? t('staff.actionName.approveAndSign') : t(`staff.actionName.${a.code}`, { defaultValue: a.name });
  const openAction = d.actions.find((a) => a.code === open);
  const close = (code: StaffAction) => {
    setOpen(null);
    buttons.current.get(code)?.focus();
  };
  return (
    <section className="action-panel" aria-labelledby="actions-title">
      <h2 id="actions-title">{t('staff.dossier.actions')}</h2>
      {d.actions.length === 0 ? (
        <p>{current ? t('staff.dossier.noActionsAt', { step: current.stepName, unit: current.unitName ?? '' }) : t('staff.dossier.noActions')}</p>
      ) : (
        <ul className="action-list">
          {d.actions.map((a) => (
            <li key={a.code}>
              <button
                type="button"
                ref={(el) => {
                  buttons.current.set(a.code, el);
                }}
                className={`button ${open === a.code ? '' : 'button-secondary'} action-${a.code}`}
                aria-expanded={open === a.code}
                aria-controls={open === a.code ? 'action-form' : undefined}
                onClick={() => setOpen(open === a.code ? null : a.code)}
              >
                {name(a)}
              </button>
            </li>
          ))}
        </ul>
      )}
      {openAction && (
        <div id="action-form">
          <ActionForm
            key={openAction.code}
            d={d}
            action={openAction}
            actionName={name(openAction)}
            signs={signs(openAction.code)}
            initialReason={usablePreset?.action === openAction.code ? usablePreset.reason : undefined}
            onCancel={() => close(openAction.code)}
            onDone={(r, note) => {
              setOpen(null);
              onDone(r, name(openAction), note);
            }}
          />
        </div>
      )}
    </section>
  );
}
