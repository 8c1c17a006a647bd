/** Step 6 of a counter intake: everything on one page to check with the applicant, each part with a link back to change it, then receive. */
import { useTranslation } from 'react-i18next';
import { isFieldVisible, visiblePages } from '../../../core/forms/index.ts';
import { ErrorSummary } from '../../journey/ErrorSummary.tsx';
import { AnswerValue } from '../../journey/fields.tsx';
import { formatMoney } from '../../format.ts';
import { channelName } from '../format.ts';
import { STEPS, type StepKey, type StepProps } from './state.ts';

interface ReviewProps extends StepProps {
  goTo: (step: StepKey) => void;
  submitting: boolean;
  submit: () => void;
  procedureName: string;
  caseName: string;
  feeTotal: number | null;
}

function Change({ step, what, goTo }: { step: StepKey; what: string; goTo: (s: StepKey) => void }) {
  const { t } = useTranslation();
  return (
    <button type="button" className="link-button" onClick={() => goTo(step)}>
      {t('staff.intake.review.change')}
      <span className="visually-hidden"> {what}</span>
    </button>
  );
}

export function ReviewStep({ state, errors, goTo, submitting, submit, procedureName, caseName, feeTotal }: ReviewProps) {
  const { t } = useTranslation();
  const prefill = state.prefill!;
  const person = state.identity!.person;
  const general = errors.filter((e) => e.path === 'submit');
  return (
    <div>
      <ErrorSummary errors={errors} />
      <h2>{t('staff.intake.review.applicant')}</h2>
      <dl className="summary-list">
        <div>
          <dt>{t('staff.intake.identity.fullName')}</dt>
          <dd>
            {person.fullName} ({person.idNumber})
          </dd>
          <dd>
            <Change step={STEPS[0]} what={t('staff.intake.review.applicant')} goTo={goTo} />
          </dd>
        </div>
        <div>
          <dt>{t('staff.intake.review.channel')}</dt>
          <dd>
            {channelName(t, state.channel)}
            {state.channel === 3 ? ` – ${t('staff.intake.procedure.waybill')}: ${state.waybill}` : ''}
          </dd>
          <dd>
            <Change step="procedure" what={t('staff.intake.review.channel')} goTo={goTo} />
          </dd>
        </div>
        <div>
          <dt>{t('staff.intake.review.procedure')}</dt>
          <dd>
            {prefill.procedureCode} – {procedureName}
            <br />
            {caseName}
          </dd>
          <dd>
            <Change step="procedure" what={t('staff.intake.review.procedure')} goTo={goTo} />
          </dd>
        </div>
      </dl>
      {visiblePages(prefill.form, state.values).map((page) => (
        <section key={page.key} aria-labelledby={`sum-${page.key}`}>
          <h2 id={`sum-${page.key}`}>{page.title}</h2>
          <dl className="summary-list">
            {page.fields
              .filter((f) => isFieldVisible(prefill.form, state.values, f.key))
              .map((f) => (
                <div key={f.key}>
                  <dt>{f.label}</dt>
                  <dd>
                    <AnswerValue field={f} value={state.values[f.key]} />
                  </dd>
                  <dd>
                    <Change step="form" what={f.label} goTo={goTo} />
                  </dd>
                </div>
              ))}
          </dl>
        </section>
      ))}
      <h2>{t('staff.intake.review.scans')}</h2>
      <dl className="summary-list">
        {prefill.documents
          .filter((d) => !d.providedByForm)
          .map((d) => (
            <div key={d.code}>
              <dt>{d.name}</dt>
              <dd>
                {[
                  ...(state.scans[d.code] ?? []).map((s) => s.name),
                  ...(state.stored[d.code] ?? []).map((s) => t('staff.intake.scans.fromStore', { title: s.title })),
                ].join(', ') || t('staff.intake.scans.none')}
              </dd>
              <dd>
                <Change step="scans" what={d.name} goTo={goTo} />
              </dd>
            </div>
          ))}
      </dl>
      <h2>{t('staff.intake.review.contact')}</h2>
      <dl className="summary-list">
        <div>
          <dt>{t('staff.intake.contact.phone')}</dt>
          <dd>{state.phone || '—'}</dd>
          <dd>
            <Change step="contact" what={t('staff.intake.contact.phone')} goTo={goTo} />
          </dd>
        </div>
        <div>
          <dt>{t('staff.intake.contact.email')}</dt>
          <dd>{state.email || '—'}</dd>
          <dd>
            <Change step="contact" what={t('staff.intake.contact.email')} goTo={goTo} />
          </dd>
        </div>
        <div>
          <dt>{t('staff.intake.contact.delivery')}</dt>
          <dd>{t(`staff.delivery.${state.resultDelivery}`)}</dd>
          <dd>
            <Change step="contact" what={t('staff.intake.contact.delivery')} goTo={goTo} />
          </dd>
        </div>
        {state.note.trim() && (
          <div>
            <dt>{t('staff.intake.contact.note')}</dt>
            <dd>{state.note}</dd>
            <dd>
              <Change step="contact" what={t('staff.intake.contact.note')} goTo={goTo} />
            </dd>
          </div>
        )}
      </dl>
      {feeTotal !== null && (
        <>
          <h2>{t('staff.intake.review.fee')}</h2>
          <p>{feeTotal === 0 ? t('staff.intake.review.free') : formatMoney(feeTotal)}</p>
        </>
      )}
      {general.length === 0 && <p className="note">{t('staff.intake.review.confirmNote')}</p>}
      <button type="button" id="f-submit" className="button button-primary" disabled={submitting} onClick={submit}>
        {submitting ? t('staff.intake.review.receiving') : t('staff.intake.review.receive')}
      </button>
    </div>
  );
}
