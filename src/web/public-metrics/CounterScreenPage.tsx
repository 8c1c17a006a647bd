/**
 * Màn hình tại quầy (/man-hinh-quay?unit=<code>): the TV at the one-stop counter. Large type, no login; rotates
 * today's figures, the month's figures and the procedure guides every few seconds (with a pause button, and paused
 * while a pointer or focus is on it), and reloads the live figures every minute.
 */
import { PaperlessToday } from '../components/PaperlessToday.tsx';
import { useQuery } from '@tanstack/react-query';
import { useEffect, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router';
import type { CounterScreen } from '../api/metrics-types.ts';
import { formatCount, formatNumber, formatPercent } from '../metrics/period.ts';
import { publicMetricsQueries, shown } from '../metrics/queries.ts';
import { vnClock } from '../staff/format.ts';
import { usePageTitle } from '../usePageTitle.ts';
import '../metrics/metrics.css';
import '../i18n/metrics.ts';

const ROTATE_MS = 12_000;
const REFRESH_MS = 60_000;
const GUIDES_PER_SLIDE = 3;

export function CounterScreenPage() {
  const { t, i18n } = useTranslation();
  const [params] = useSearchParams();
  const unit = params.get('unit') ?? '';
  // The live figures are asked again every minute.
  const screen = shown(useQuery({ ...publicMetricsQueries.screen({ unit }), refetchInterval: REFRESH_MS }), t('error.generic'));
  const heading = usePageTitle(screen.data ? t('metrics.screen.title', { unit: screen.data.unit.name }) : t('metrics.screen.titleShort'));
  const [slide, setSlide] = useState(0);
  const [paused, setPaused] = useState(false);
  const [hold, setHold] = useState(false);
  const [now, setNow] = useState(() => new Date().toISOString());
  useEffect(() => {
    const timer = window.setInterval(() => setNow(new Date().toISOString()), 15_000);
    return () => window.clearInterval(timer);
  }, []);

  const guideSlides = useMemo(() => {
    const g = screen.data?.guides ?? [];
    const out: CounterScreen['guides'][] = [];
    for (let i = 0; i < g.length; i += GUIDES_PER_SLIDE) out.push(g.slice(i, i + GUIDES_PER_SLIDE));
    return out;
  }, [screen.data]);
  const count = 2 + guideSlides.length;
  useEffect(() => {
    if (paused || hold) return;
    const timer = window.setInterval(() => setSlide((s) => (s + 1) % count), ROTATE_MS);
    return () => window.clearInterval(timer);
  }, [paused, hold, count]);
  const current = slide % count;
  const pct = (v: number | null) => formatPercent(i18n.language, v) ?? t('metrics.noData');
  const d = screen.data;

  return (
    <main
      id="main"
      className="counter-screen"
      tabIndex={-1}
      onMouseEnter={() => setHold(true)}
      onMouseLeave={() => setHold(false)}
      onFocus={() => setHold(true)}
      onBlur={() => setHold(false)}
    >
      <header className="counter-screen-head">
        <h1 ref={heading} tabIndex={-1}>
          {d ? d.unit.name : t('metrics.screen.titleShort')}
        </h1>
        <p className="counter-screen-clock">
          <time dateTime={now}>{vnClock(now)}</time>
        </p>
      </header>
      {unit && <PaperlessToday unit={unit} />}
      {screen.error && (
        <div className="error-box" role="alert">
          {screen.error}
        </div>
      )}
      {!d ? (
        !screen.error && <p role="status">{t('common.loading')}</p>
      ) : (
        <>
          <section
            className="counter-slide"
            aria-roledescription={t('metrics.screen.slide')}
            aria-label={t('metrics.screen.slideOf', { n: current + 1, count })}
            data-testid="screen-slide"
            data-slide={current}
          >
            {current === 0 && (
              <>
                <h2>{t('metrics.screen.today')}</h2>
                <ul className="counter-figures">
                  <li>
                    <span className="counter-number" data-testid="screen-received">
                      {formatCount(i18n.language, d.today.received)}
                    </span>{' '}
                    {t('metrics.screen.received')}
                  </li>
                  <li>
                    <span className="counter-number">{formatCount(i18n.language, d.today.online)}</span> {t('metrics.screen.online')}
                  </li>
                  <li>
                    <span className="counter-number">{formatCount(i18n.language, d.today.returned)}</span> {t('metrics.screen.returned')}
                  </li>
                  <li>
                    <span className="counter-number">{formatCount(i18n.language, d.today.waitingToday)}</span> {t('metrics.screen.waiting')}
                  </li>
                </ul>
              </>
            )}
            {current === 1 && (
              <>
                <h2>{t('metrics.screen.month')}</h2>
                <ul className="counter-figures">
                  <li>
                    <span className="counter-number">{formatNumber(i18n.language, d.month.score)}</span> {t('metrics.screen.score')}
                  </li>
                  <li>
                    <span className="counter-number">{pct(d.month.onTimeRate)}</span> {t('metrics.screen.onTime')}
                  </li>
                  <li>
                    <span className="counter-number">{pct(d.month.onlineRate)}</span> {t('metrics.screen.onlineRate')}
                  </li>
                  <li>
                    <span className="counter-number">{pct(d.month.satisfactionRate)}</span> {t('metrics.screen.satisfied')}
                  </li>
                </ul>
              </>
            )}
            {current >= 2 && (
              <>
                <h2>{t('metrics.screen.guides')}</h2>
                <ul className="counter-guides">
                  {guideSlides[current - 2]?.map((g) => (
                    <li key={g.code}>
                      <h3>{g.name}</h3>
                      <p>
                        {t('metrics.screen.deadline')}: <strong>{g.deadline}</strong> · {t('metrics.screen.fee')}: <strong>{g.fee}</strong>
                      </p>
                      <p>{g.online ? t('metrics.screen.canOnline') : t('metrics.screen.atCounter')}</p>
                    </li>
                  ))}
                </ul>
              </>
            )}
          </section>
          <div className="counter-controls">
            <button type="button" className="button button-secondary" onClick={() => setSlide((s) => (s - 1 + count) % count)}>
              {t('metrics.screen.previous')}
            </button>
            <button type="button" className="button button-secondary" aria-pressed={paused} onClick={() => setPaused((p) => !p)}>
              {paused ? t('metrics.screen.play') : t('metrics.screen.pause')}
            </button>
            <button type="button" className="button button-secondary" onClick={() => setSlide((s) => (s + 1) % count)}>
              {t('metrics.screen.next')}
            </button>
          </div>
          <footer className="counter-screen-foot">{t('metrics.screen.footer')}</footer>
        </>
      )}
    </main>
  );
}
