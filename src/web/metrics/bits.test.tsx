/** Server-rendered markup of the charts and progress bars: what a screen reader gets, and no made-up values. */
import { createInstance } from 'i18next';
import { renderToStaticMarkup } from 'react-dom/server';
import { I18nextProvider, initReactI18next } from 'react-i18next';
import type { ReactElement } from 'react';
import { beforeAll, describe, expect, it } from 'vitest';
import { metricsVi } from '../i18n/metrics.vi.ts';
import { TargetBar } from './bits.tsx';
import { BarChart, LineChart } from './Charts.tsx';

const i18n = createInstance();
beforeAll(async () => {
  await i18n.use(initReactI18next).init({
    lng: 'vi',
    resources: { vi: { translation: { metrics: metricsVi, common: { loading: 'Đang tải…' } } } },
    interpolation: { escapeValue: false },
    showSupportNotice: false,
  });
});
const render = (el: ReactElement) => renderToStaticMarkup(<I18nextProvider i18n={i18n}>{el}</I18nextProvider>);
const attr = (html: string, name: string) => html.match(new RegExp(`${name}="([^"]*)"`))?.[1] ?? null;

describe('progress bar against a target', () => {
  it('exposes the value, its range and a sentence saying whether the target is met', () => {
    const html = render(<TargetBar id="t1" label="Tỷ lệ hồ sơ nộp trực tuyến" actual={72.5} target={70} comparison="at_least" unit="%" met={true} />);
    expect(attr(html, 'role')).toBe('progressbar');
    expect(attr(html, 'aria-valuenow')).toBe('72.5');
    expect(attr(html, 'aria-valuemin')).toBe('0');
    expect(attr(html, 'aria-valuemax')).toBe('100');
    expect(attr(html, 'aria-valuetext')).toBe('72,5 % (mục tiêu ≥ 70 %) – đạt');
    expect(attr(html, 'aria-labelledby')).toBe('t1-label');
  });
  it('without data has no value at all (not 0) and says so', () => {
    const html = render(<TargetBar id="t2" label="Tỷ lệ hài lòng" actual={null} target={90} comparison="at_least" unit="%" met={null} />);
    expect(html).not.toContain('aria-valuenow');
    expect(attr(html, 'aria-valuetext')).toBe('Chưa có dữ liệu (mục tiêu ≥ 90 %)');
  });
  it('for minutes (at most) scales to the larger of target and actual and says "chưa đạt" above the target', () => {
    const html = render(<TargetBar id="t3" label="Thời gian" actual={10} target={8} comparison="at_most" unit="min" met={false} />);
    expect(Number(attr(html, 'aria-valuemax'))).toBe(12.5);
    expect(attr(html, 'aria-valuetext')).toBe('10 phút (mục tiêu ≤ 8 phút) – chưa đạt');
  });
});

describe('charts', () => {
  it('a line chart speaks its latest known values and breaks the line where a period has no data', () => {
    const html = render(
      <LineChart
        title="Xu hướng"
        labels={['01/2026', '02/2026', '03/2026', '04/2026']}
        series={[
          { name: 'Tổng điểm', values: [40, null, 55.5, 60] },
          { name: 'Đúng hạn', values: [null, null, null, null] },
        ]}
        unit="điểm"
      />,
    );
    expect(attr(html, 'aria-label')).toBe('Xu hướng. Tổng điểm: 04/2026: 60 điểm; Đúng hạn: Chưa có dữ liệu');
    // Two segments for "Tổng điểm" (before and after the gap), none for the empty series.
    expect(html.match(/<path d="M/g)?.length).toBe(2);
    // The same figures as a table, with "no data" in words.
    expect(html).toContain('<th scope="row">02/2026</th><td>Chưa có dữ liệu</td>');
    expect(html).toContain('<td>55,5</td>');
  });
  it('a bar chart lists every bar in its summary and table', () => {
    const html = render(
      <BarChart
        title="Điểm theo đơn vị"
        bars={[
          { label: 'Xã Phú Riềng', value: 81.25 },
          { label: 'Xã Xuân Thành', value: null },
        ]}
        unit="điểm"
      />,
    );
    expect(attr(html, 'aria-label')).toBe('Điểm theo đơn vị. Xã Phú Riềng: 81,25 điểm; Xã Xuân Thành: Chưa có dữ liệu');
    expect(html).toContain('<th scope="row">Xã Xuân Thành</th><td>Chưa có dữ liệu</td>');
  });
});
