/** The dossier's action log as a timeline: when, who (and in which role), what, the status change, and the details that matter. */
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { nationalStatusName, type NationalStatus } from '../../../core/dossiers/status.ts';
import type { StaffDossier, StaffLogEntry } from '../../api/types.ts';
import { When } from '../bits.tsx';

interface Handover {
  to?: { stepName?: string; unitName?: string; assigneeName?: string | null; dueAt?: string } | null;
}

function Details({ e }: { e: StaffLogEntry }) {
  const { t } = useTranslation();
  const data = e.data;
  const items = Array.isArray(data.items) ? (data.items as { name: string; reason: string }[]) : [];
  const handover = data.handover as Handover | undefined;
  const delivery = data.delivery as { method?: string; receiverName?: string; receiverIdNumber?: string; waybill?: string } | undefined;
  const lines: ReactNode[] = [];
  if (typeof data.reason === 'string')
    lines.push(
      <>
        {t('staff.dossier.reason')}: {data.reason}
      </>,
    );
  if (typeof data.note === 'string')
    lines.push(
      <>
        {t('staff.action.note')}: {data.note}
      </>,
    );
  if (handover?.to) {
    lines.push(
      <>
        {t('staff.log.handedTo', { step: handover.to.stepName ?? '', unit: handover.to.unitName ?? '' })}
        {handover.to.assigneeName ? ` – ${handover.to.assigneeName}` : ''}
        {handover.to.dueAt && (
          <>
            {' '}
            ({t('staff.dossier.due').toLowerCase()} <When at={handover.to.dueAt} />)
          </>
        )}
      </>,
    );
  }
  if (typeof data.dueAt === 'string' && e.action === 'received')
    lines.push(
      <>
        {t('staff.dossier.dueAt')}: <When at={data.dueAt} />
      </>,
    );
  if (typeof data.pausedWorkingMinutes === 'number' && data.pausedWorkingMinutes > 0) lines.push(t('staff.log.paused', { minutes: data.pausedWorkingMinutes }));
  if (typeof data.dueBefore === 'string' && typeof data.dueAfter === 'string' && data.dueBefore !== data.dueAfter) {
    lines.push(
      <>
        {t('staff.dossier.dueMoved')} <When at={data.dueBefore} /> → <When at={data.dueAfter} />
      </>,
    );
  }
  if (typeof data.waybill === 'string')
    lines.push(
      <>
        {t('staff.action.waybill')}: {data.waybill}
      </>,
    );
  if (typeof data.resultNumber === 'string')
    lines.push(
      <>
        {t('staff.action.resultNumber')}: {data.resultNumber}
      </>,
    );
  if (typeof data.amount === 'number')
    lines.push(
      <>
        {t('staff.action.amount')}: {data.amount.toLocaleString('vi-VN')} đ
      </>,
    );
  const component = data.component as { name?: string } | undefined;
  if (e.action === 'original_confirmed' && component?.name && typeof data.photoSha256 === 'string' && typeof data.markedSha256 === 'string')
    lines.push(
      t('staff.log.originalConfirmed', {
        name: component.name,
        photo: data.photoSha256.slice(0, 12),
        marked: data.markedSha256.slice(0, 12),
        certificate: typeof data.certificate === 'string' ? data.certificate : '',
      }),
    );
  if (typeof data.toAssigneeName === 'string') lines.push(t('staff.log.reassignedTo', { name: data.toAssigneeName }));
  if (delivery?.receiverName)
    lines.push(
      <>
        {t('staff.action.receiverName')}: {delivery.receiverName}
        {delivery.receiverIdNumber ? ` (${delivery.receiverIdNumber})` : ''}
      </>,
    );
  if (delivery?.waybill)
    lines.push(
      <>
        {t('staff.action.waybill')}: {delivery.waybill}
      </>,
    );
  return (
    <>
      {lines.map((l, i) => (
        <p key={i} className="log-line">
          {l}
        </p>
      ))}
      {items.length > 0 && (
        <ul className="log-items">
          {items.map((it, i) => (
            <li key={i}>
              {it.name}: {it.reason}
            </li>
          ))}
        </ul>
      )}
      {e.attachments.length > 0 && (
        <p className="log-line">
          {t('staff.log.attachments')}: {e.attachments.map((a) => a.name).join(', ')}
        </p>
      )}
    </>
  );
}

export function ActionLog({ d }: { d: StaffDossier }) {
  const { t, i18n } = useTranslation();
  const status = (code: number | null) => (code ? (nationalStatusName[code as NationalStatus]?.[i18n.language === 'en' ? 'en' : 'vi'] ?? String(code)) : null);
  return (
    <section aria-labelledby="log-title">
      <h2 id="log-title">{t('staff.dossier.log')}</h2>
      <ol className="timeline staff-log">
        {d.log.map((e) => (
          <li key={e.seq}>
            <p className="log-head">
              <When at={e.at} /> — <strong>{t(`staff.logAction.${e.action}`, { defaultValue: e.label })}</strong>
            </p>
            <p className="log-line muted">
              {e.actorName}
              {e.actorRole ? ` (${t(`staff.role.${e.actorRole}`, { defaultValue: e.actorRole })})` : ''}
              {e.toStatus && e.toStatus !== e.fromStatus ? ` · ${e.fromStatus ? `${status(e.fromStatus)} → ` : ''}${status(e.toStatus)}` : ''}
            </p>
            <Details e={e} />
          </li>
        ))}
      </ol>
    </section>
  );
}
