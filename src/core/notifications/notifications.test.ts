import { describe, expect, it } from 'vitest';
import { DOSSIER_EVENTS } from '../dossiers/transitions.ts';
import { NOTIFICATION_CHANNELS } from './channels.ts';
import { CONFIRMATION_MAX_ATTEMPTS, checkConfirmation, confirmationMessage, confirmationSmsFits, normaliseContact } from './contacts.ts';
import { normalisePhone } from './phone.ts';
import { planNotifications, reachesOutsideApp } from './policy.ts';
import { checkSwitch, DEFAULT_RULES, resolveRule, type NotificationSwitch } from './rules.ts';
import { measureSms, withoutDiacritics } from './sms-text.ts';
import { baselineTemplate, checkTemplate, render, TEMPLATE_CODES } from './templates.ts';

describe('SMS text', () => {
  it('removes Vietnamese diacritics, đ included, and measures GSM-7 against UCS-2', () => {
    expect(withoutDiacritics('Hồ sơ đã được tiếp nhận, Đồng Nai')).toBe('Ho so da duoc tiep nhan, Dong Nai');
    expect(measureSms('Ho so da duoc tiep nhan')).toMatchObject({ encoding: 'gsm7', length: 23, singleSegmentLimit: 160, segments: 1 });
    expect(measureSms('Hồ sơ')).toMatchObject({ encoding: 'ucs2', singleSegmentLimit: 70 });
    expect(measureSms('a{b}').length).toBe(6); // extension characters take two septets
    expect(measureSms('x'.repeat(161)).segments).toBe(2);
  });
});

describe('phone numbers', () => {
  it('normalises a Vietnamese mobile number for SMS (E.164) and Zalo (no plus)', () => {
    expect(normalisePhone('0912 345 678')).toEqual({ e164: '+84912345678', zalo: '84912345678', mobile: true });
    expect(normalisePhone('+84 91 234 5678')?.e164).toBe('+84912345678');
  });
  it('refuses what is not a number', () => {
    for (const bad of ['', '123', 'abc', '0912 345 678 999 999', '\u0000', 'x'.repeat(100)]) expect(normalisePhone(bad)).toBeNull();
  });
});

describe('templates', () => {
  it('every baseline template exists for every channel and language and passes the save check (SMS ≤ 160 GSM-7)', () => {
    for (const code of TEMPLATE_CODES) {
      for (const channel of NOTIFICATION_CHANNELS) {
        for (const locale of ['vi', 'en'] as const) {
          const t = baselineTemplate(code, channel, locale);
          expect(t, `${code} ${channel} ${locale}`).not.toBeNull();
          expect(checkTemplate(t!), `${code} ${channel} ${locale}`).toEqual([]);
        }
      }
    }
  });
  it('every rule names a template that exists', () => {
    for (const r of DEFAULT_RULES) expect(TEMPLATE_CODES).toContain(r.template);
  });
  it('renders the SMS without diacritics and within one segment even with the longest values', () => {
    const t = baselineTemplate('dossier.received', 'sms', 'vi')!;
    const m = render(t, { code: 'H49.12-251206-0001', dueDate: '09/12/2026', link: 'http://localhost:3000/tra-cuu', name: 'Trần Thị Mai' });
    expect(m.body).toBe('MotCua: Ho so H49.12-251206-0001 da duoc tiep nhan, hen tra 09/12/2026. Tra cuu: http://localhost:3000/tra-cuu');
    expect(measureSms(m.body)).toMatchObject({ encoding: 'gsm7', segments: 1 });
    const long = render(baselineTemplate('dossier.rescheduled', 'sms', 'vi')!, {
      code: 'C'.repeat(80),
      reason: 'Thiếu giấy tờ '.repeat(20),
      link: 'l'.repeat(90),
    });
    expect(measureSms(long.body)).toMatchObject({ encoding: 'gsm7', segments: 1 });
  });
  it('refuses at save an SMS over budget, a Unicode SMS and an unknown variable', () => {
    expect(checkTemplate({ channel: 'sms', subject: '', body: `${'x'.repeat(100)} {{reason}} {{link}}` })[0]).toMatch(/vượt quá 160/);
    expect(checkTemplate({ channel: 'sms', subject: '', body: 'Mã hồ sơ 你好' })[0]).toMatch(/GSM-7/);
    expect(checkTemplate({ channel: 'email', subject: 'x', body: 'Xin chào {{password}}' })[0]).toMatch(/password/);
    expect(checkTemplate({ channel: 'sms', subject: '', body: 'Hồ sơ {{code}} đã được tiếp nhận' })).toEqual([]); // diacritics are removed at send
  });
});

describe('rules as data', () => {
  const at = { provinceCode: '75', procedureCode: '1.001193', day: '2026-12-06' };
  const sw = (s: Partial<NotificationSwitch>): NotificationSwitch => ({
    provinceCode: '75',
    event: 'received',
    procedureCode: null,
    enabled: false,
    effectiveFrom: '2026-01-01',
    effectiveTo: null,
    ...s,
  });
  it('events the citizen is not told about have no rule', () => {
    for (const e of DOSSIER_EVENTS) expect(resolveRule(e, at, []) === null).toBe(!DEFAULT_RULES.some((r) => r.event === e));
  });
  it('a province switches a rule off from a date; a procedure switch wins over the province one', () => {
    expect(resolveRule('received', at, [sw({})])?.enabled).toBe(false);
    expect(resolveRule('received', at, [sw({ effectiveFrom: '2027-01-01' })])?.enabled).toBe(true);
    expect(resolveRule('received', at, [sw({ effectiveTo: '2026-12-01' })])?.enabled).toBe(true);
    expect(resolveRule('received', at, [sw({ provinceCode: '01' })])?.enabled).toBe(true);
    expect(resolveRule('received', at, [sw({}), sw({ procedureCode: '1.001193', enabled: true })])?.enabled).toBe(true);
    expect(resolveRule('received', at, [sw({}), sw({ procedureCode: '2.000001', enabled: true })])?.enabled).toBe(false);
  });
  it('a mandatory notice (Mẫu 02–05) cannot be switched off', () => {
    expect(resolveRule('refused', at, [sw({ event: 'refused' })])?.enabled).toBe(true);
    expect(checkSwitch({ event: 'refused', enabled: false })).toMatch(/bắt buộc/);
    expect(checkSwitch({ event: 'received', enabled: false })).toBeNull();
    expect(checkSwitch({ event: 'forwarded', enabled: false })).not.toBeNull();
  });
});

describe('channel policy', () => {
  const rule = { ...resolveRule('received', { provinceCode: '75', procedureCode: 'x', day: '2026-12-06' }, [])! };
  it('Zalo first when a phone is known, e-mail in parallel, in-app always', () => {
    const p = planNotifications(rule, { phone: '+84912345678', email: 'a@b.vn', inbox: 'c1' });
    expect(p.map((x) => [x.channel, x.recipient, x.state])).toEqual([
      ['zns', '+84912345678', 'queued'],
      ['email', 'a@b.vn', 'queued'],
      ['inapp', 'c1', 'queued'],
    ]);
  });
  it('switched off: everything suppressed; opted out: only that channel, never for a mandatory notice', () => {
    expect(planNotifications({ ...rule, enabled: false }, { phone: '+84912345678', email: null, inbox: 'c1' }).map((x) => x.state)).toEqual([
      'suppressed',
      'suppressed',
    ]);
    const out = planNotifications(rule, { phone: '+84912345678', email: 'a@b.vn', inbox: 'c1' }, new Set(['zns']));
    expect(out.map((x) => x.state)).toEqual(['suppressed', 'queued', 'queued']);
    const mandatory = { ...resolveRule('stopped', { provinceCode: '75', procedureCode: 'x', day: '2026-12-06' }, [])! };
    const m = planNotifications(mandatory, { phone: '+84912345678', email: null, inbox: 'c1' }, new Set(['zns', 'email']));
    expect(reachesOutsideApp(m)).toBe(true);
    expect(reachesOutsideApp(planNotifications(mandatory, { phone: null, email: null, inbox: 'c1' }))).toBe(false);
  });
});

describe('confirmed contacts', () => {
  it('normalises a mobile number to E.164 and refuses a landline or garbage', () => {
    expect(normaliseContact('phone', '0912 345 678')).toEqual({ ok: true, value: '+84912345678' });
    expect(normaliseContact('phone', '024 3825 3536')).toEqual({ ok: false, problem: 'phone_not_mobile' });
    expect(normaliseContact('phone', '12ab')).toEqual({ ok: false, problem: 'phone_invalid' });
  });
  it('normalises an e-mail address (domain in lower case) and refuses malformed ones', () => {
    expect(normaliseContact('email', '  An.Nguyen@Example.VN ')).toEqual({ ok: true, value: 'An.Nguyen@example.vn' });
    for (const bad of ['', 'a', 'a@', '@b.vn', 'a@b', 'a b@c.vn', 'a@@b.vn', 'a@b..vn', `a@b.vn\u0000`, `${'x'.repeat(65)}@b.vn`]) {
      expect(normaliseContact('email', bad).ok, bad).toBe(false);
    }
  });
  it('sends the phone code in one GSM-7 SMS segment, without diacritics, in both languages', () => {
    for (const locale of ['vi', 'en'] as const) {
      expect(confirmationSmsFits(locale)).toBe(true);
      const { body } = confirmationMessage('phone', '123456', locale);
      expect(body).toContain('123456');
      expect(withoutDiacritics(body)).toBe(body);
    }
  });
  it('accepts the right code once, within its life and its attempts', () => {
    const now = new Date('2026-12-01T03:00:00Z');
    const open = { attempts: 0, expiresAt: new Date(now.getTime() + 60_000), consumedAt: null };
    expect(checkConfirmation(open, true, now)).toBe('confirmed');
    expect(checkConfirmation(open, false, now)).toBe('wrong_code');
    expect(checkConfirmation({ ...open, attempts: CONFIRMATION_MAX_ATTEMPTS }, true, now)).toBe('too_many_attempts');
    expect(checkConfirmation({ ...open, expiresAt: now }, true, now)).toBe('expired');
    expect(checkConfirmation({ ...open, consumedAt: now }, true, now)).toBe('used');
  });
});
