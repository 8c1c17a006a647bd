/** Server-rendered markup of the one date input: an ISO value shown as dd/mm/yyyy, in a text field, described. */
import { createInstance } from 'i18next';
import type { ReactElement } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { I18nextProvider, initReactI18next } from 'react-i18next';
import { beforeAll, describe, expect, it } from 'vitest';
import { portalVi } from '../i18n/portal.vi.ts';
import { DateInput } from './DateInput.tsx';

const i18n = createInstance();
beforeAll(async () => {
  await i18n.use(initReactI18next).init({
    lng: 'vi',
    resources: { vi: { translation: { ...portalVi } } },
    interpolation: { escapeValue: false },
    showSupportNotice: false,
  });
});
const render = (el: ReactElement) => renderToStaticMarkup(<I18nextProvider i18n={i18n}>{el}</I18nextProvider>);
const input = (html: string, id: string) => html.match(new RegExp(`<input[^>]*id="${id}"[^>]*>`))?.[0] ?? '';
const attr = (tag: string, name: string) => tag.match(new RegExp(` ${name}="([^"]*)"`))?.[1] ?? null;

describe('DateInput', () => {
  it('shows an ISO date as dd/mm/yyyy in a text field with the format hint', () => {
    const html = render(<DateInput id="s-from" value="2026-02-03" onChange={() => {}} aria-describedby="h-from" />);
    const tag = input(html, 's-from');
    expect(attr(tag, 'type')).toBe('text');
    expect(attr(tag, 'value')).toBe('03/02/2026');
    expect(attr(tag, 'placeholder')).toBe('dd/mm/yyyy');
    expect(attr(tag, 'inputMode') ?? attr(tag, 'inputmode')).toBe('numeric');
    expect(attr(tag, 'aria-describedby')).toBe('h-from s-from-format');
    expect(attr(tag, 'aria-invalid')).toBeNull();
    expect(html).toContain('id="s-from-format">Nhập theo dạng ngày/tháng/năm, ví dụ 25/11/2026.</p>');
    // The calendar button is named; the browser's own picker behind it is out of the tab order and hidden.
    expect(html).toContain('Chọn ngày trên lịch');
    expect(html).toMatch(/<input type="date" class="date-picker-input" tabindex="-1" aria-hidden="true"/);
  });
  it('says at once that an impossible day does not exist, and marks the field invalid', () => {
    const html = render(<DateInput id="d" value="31/02/2026" onChange={() => {}} />);
    const tag = input(html, 'd');
    expect(attr(tag, 'value')).toBe('31/02/2026');
    expect(attr(tag, 'aria-invalid')).toBe('true');
    expect(attr(tag, 'aria-describedby')).toBe('d-format d-date');
    expect(html).toContain('id="d-date">Không có ngày 31/2/2026: tháng 2 năm 2026 chỉ có 28 ngày.</p>');
  });
  it('read-only: no calendar button', () => {
    const html = render(<DateInput id="r" value="" onChange={() => {}} readOnly />);
    expect(attr(input(html, 'r'), 'value')).toBe('');
    expect(html).not.toContain('calendar-button');
  });
});
