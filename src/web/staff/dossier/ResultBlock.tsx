/**
 * The dossier's electronic result as officials follow it: signed at the leader's approval (number, signer, time),
 * issued by the clerk into the owner's store, or cancelled (with the reason); the signed PDF and the public
 * verification page the QR code points to.
 */
import { useTranslation } from 'react-i18next';
import type { StaffDossier, StaffDossierResult } from '../../api/types.ts';
import { When } from '../bits.tsx';

const STATE_ICON = { valid: '✓', signed: '✎', cancelled: '⚠', replaced: '⚠' } as const;

function stateOf(r: StaffDossierResult): keyof typeof STATE_ICON {
  if (r.status === 'valid') return r.publishedAt ? 'valid' : 'signed';
  return r.status;
}

export function ResultBlock({ d }: { d: StaffDossier }) {
  const { t } = useTranslation();
  const r = d.result;
  if (!r) return null;
  const state = stateOf(r);
  return (
    <section aria-labelledby="result-title" className="result-block" data-testid="staff-result">
      <h2 id="result-title">{t('staff.result.title')}</h2>
      <dl className="summary-list dossier-facts">
        <div>
          <dt>{t('staff.result.docTitle')}</dt>
          <dd>{r.title}</dd>
        </div>
        <div>
          <dt>{t('staff.result.number')}</dt>
          <dd data-testid="result-number">
            <strong>{r.number}</strong>
          </dd>
        </div>
        <div>
          <dt>{t('staff.result.signer')}</dt>
          <dd>{r.signerName}</dd>
        </div>
        <div>
          <dt>{t('staff.result.signedAt')}</dt>
          <dd>
            <When at={r.signedAt} />
          </dd>
        </div>
        <div>
          <dt>{t('staff.result.publishedAt')}</dt>
          <dd data-testid="result-published">{r.publishedAt ? <When at={r.publishedAt} /> : t('staff.result.notPublished')}</dd>
        </div>
        <div>
          <dt>{t('staff.result.status')}</dt>
          <dd>
            <span className={`store-state store-state-${state === 'signed' ? 'expired' : state}`} data-testid="result-status">
              <span aria-hidden="true">{STATE_ICON[state]}</span> {t(`staff.result.state.${state}`)}
            </span>
            {r.statusReason && state !== 'valid' && (
              <span className="cell-note">
                {t('staff.result.reason')}: {r.statusReason}
              </span>
            )}
          </dd>
        </div>
      </dl>
      <ul className="forms-list">
        <li>
          <a href={`/api/staff/dossiers/${d.id}/result.pdf`} target="_blank" rel="noopener">
            {t('staff.result.pdf')}
            <span className="visually-hidden">
              {' '}
              {r.number} {t('staff.common.opensNewTab')}
            </span>
          </a>
        </li>
        <li>
          <a href={r.verifyPath} target="_blank" rel="noopener">
            {t('staff.result.verify')}
            <span className="visually-hidden">
              {' '}
              {r.number} {t('staff.common.opensNewTab')}
            </span>
          </a>
        </li>
      </ul>
    </section>
  );
}
