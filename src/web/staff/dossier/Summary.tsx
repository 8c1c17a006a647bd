/** The dossier at a glance (code, procedure, status, due time and its urgency, pauses, register) and the applicant. */
import { useTranslation } from 'react-i18next';
import type { StaffDossier } from '../../api/types.ts';
import { formatMoney } from '../../format.ts';
import { UrgencyBadge, When } from '../bits.tsx';
import { channelName, statusName } from '../format.ts';

export function Summary({ d }: { d: StaffDossier }) {
  const { t, i18n } = useTranslation();
  const dueChanged = d.originalDueAt && d.dueAt && d.originalDueAt !== d.dueAt;
  return (
    <section aria-labelledby="summary-title">
      <h2 id="summary-title" className="visually-hidden">
        {t('staff.dossier.summary')}
      </h2>
      <dl className="summary-list dossier-facts">
        <div>
          <dt>{t('staff.dossier.status')}</dt>
          <dd data-testid="dossier-status">
            <strong>{statusName(i18n.language, d.status)}</strong>
            {d.pausedSince && (
              <>
                {' '}
                · <UrgencyBadge urgency={null} paused />
              </>
            )}
          </dd>
        </div>
        <div>
          <dt>{t('staff.dossier.procedure')}</dt>
          <dd>
            {d.procedureCode} – {d.procedureName}
            <br />
            <span className="muted">{d.caseName}</span>
          </dd>
        </div>
        <div>
          <dt>{t('staff.dossier.dueAt')}</dt>
          <dd>
            <span data-testid="due-at">
              <When at={d.dueAt} />
            </span>
            {d.dossierUrgency && (
              <>
                {' '}
                <UrgencyBadge urgency={d.dossierUrgency} />
              </>
            )}
          </dd>
        </div>
        {dueChanged && (
          <div>
            <dt>{t('staff.dossier.originalDueAt')}</dt>
            <dd data-testid="original-due-at">
              <When at={d.originalDueAt} />
            </dd>
          </div>
        )}
        {d.pausedSince && (
          <div>
            <dt>{t('staff.dossier.pausedSince')}</dt>
            <dd>
              <When at={d.pausedSince} /> – {t('staff.dossier.pausedNote')}
            </dd>
          </div>
        )}
        <div>
          <dt>{t('staff.dossier.channel')}</dt>
          <dd>
            {channelName(t, d.channel)}
            {d.intake?.waybill ? ` – ${t('staff.intake.procedure.waybill')}: ${d.intake.waybill}` : ''}
          </dd>
        </div>
        <div>
          <dt>{t('staff.dossier.submittedAt')}</dt>
          <dd>
            <When at={d.submittedAt} />
          </dd>
        </div>
        {d.receivedAt && (
          <div>
            <dt>{t('staff.dossier.receivedAt')}</dt>
            <dd>
              <When at={d.receivedAt} />
            </dd>
          </div>
        )}
        {d.register && (
          <div>
            <dt>{t('staff.dossier.register')}</dt>
            <dd>{t('staff.dossier.registerValue', { book: d.register.book ?? '', number: d.register.number })}</dd>
          </div>
        )}
        <div>
          <dt>{t('staff.dossier.receivingUnit')}</dt>
          <dd>{d.receivingUnit.name ?? d.receivingUnit.id}</dd>
        </div>
        {d.competentUnit && (
          <div>
            <dt>{t('staff.dossier.competentUnit')}</dt>
            <dd>{d.competentUnit.name ?? d.competentUnit.id}</dd>
          </div>
        )}
        <div>
          <dt>{t('staff.dossier.fee')}</dt>
          <dd>
            {d.feeTotal > 0 ? formatMoney(d.feeTotal) : t('staff.intake.review.free')}
            {d.feeTotal > 0 && d.paymentState ? ` – ${t(`staff.payment.${d.paymentState}`, { defaultValue: d.paymentState })}` : ''}
          </dd>
        </div>
        <div>
          <dt>{t('staff.dossier.resultDelivery')}</dt>
          <dd>{t(`staff.delivery.${d.resultDelivery}`, { defaultValue: d.resultDelivery })}</dd>
        </div>
        {d.finishedAt && (
          <div>
            <dt>{t('staff.dossier.finishedAt')}</dt>
            <dd>
              <When at={d.finishedAt} />
            </dd>
          </div>
        )}
        {d.returnedAt && (
          <div>
            <dt>{t('staff.dossier.returnedAt')}</dt>
            <dd>
              <When at={d.returnedAt} />
            </dd>
          </div>
        )}
      </dl>
    </section>
  );
}

export function Applicant({ d }: { d: StaffDossier }) {
  const { t } = useTranslation();
  const a = d.applicant;
  const address = typeof a.address === 'string' ? a.address : null;
  const check = d.intake?.identityCheck;
  return (
    <section aria-labelledby="applicant-title">
      <h2 id="applicant-title">{t('staff.dossier.applicant')}</h2>
      <dl className="summary-list">
        <div>
          <dt>{t('staff.intake.identity.fullName')}</dt>
          <dd>{a.fullName}</dd>
        </div>
        {a.idNumber && (
          <div>
            <dt>{t('staff.intake.identity.idNumber')}</dt>
            <dd>{a.idNumber}</dd>
          </div>
        )}
        {address && (
          <div>
            <dt>{t('staff.intake.identity.address')}</dt>
            <dd>{address}</dd>
          </div>
        )}
        <div>
          <dt>{t('staff.intake.contact.phone')}</dt>
          <dd>{a.phone ?? '—'}</dd>
        </div>
        <div>
          <dt>{t('staff.intake.contact.email')}</dt>
          <dd>{a.email ?? '—'}</dd>
        </div>
        <div>
          <dt>{t('staff.dossier.identity')}</dt>
          <dd>
            {check
              ? t('staff.dossier.identityChecked', { by: d.intake?.officialName ?? '', at: '' })
              : d.flags.vneidAuthenticated
                ? t('staff.dossier.identityVneid')
                : t('staff.dossier.identityNone')}
            {check && (
              <>
                {' '}
                <When at={check.checkedAt} />
              </>
            )}
          </dd>
        </div>
      </dl>
      {d.delivery && (
        <>
          <h3>{t('staff.dossier.delivery')}</h3>
          <dl className="summary-list">
            <div>
              <dt>{t('staff.action.deliveryMethod')}</dt>
              <dd>{t(`staff.action.delivery.${d.delivery.method ?? 'in_person'}`)}</dd>
            </div>
            {d.delivery.receiverName && (
              <div>
                <dt>{t('staff.action.receiverName')}</dt>
                <dd>
                  {d.delivery.receiverName}
                  {d.delivery.receiverIdNumber ? ` (${d.delivery.receiverIdNumber})` : ''}
                </dd>
              </div>
            )}
            {d.delivery.waybill && (
              <div>
                <dt>{t('staff.action.waybill')}</dt>
                <dd>{d.delivery.waybill}</dd>
              </div>
            )}
            {d.delivery.at && (
              <div>
                <dt>{t('staff.dossier.returnedAt')}</dt>
                <dd>
                  <When at={d.delivery.at} />
                  {d.delivery.officialName ? ` – ${d.delivery.officialName}` : ''}
                </dd>
              </div>
            )}
          </dl>
        </>
      )}
    </section>
  );
}
