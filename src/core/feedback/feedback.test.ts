import fs from 'node:fs';
import { describe, expect, it } from 'vitest';
import { buildCalendar, calendarMap, parseHolidayData } from '../calendar/holidays.ts';
import { formatVn, parseInstant, workCalendar, workingHoursFrom } from '../deadlines/deadlines.ts';
import { FeedbackDeadlineRules, feedbackDue, ruleOn } from './deadlines.ts';
import { moderate, personalDataLeft } from './moderation.ts';
import { type FeedbackFacts, indicator52, indicator53, indicator54, isLate, isUnsatisfied } from './satisfaction.ts';

const data = parseHolidayData(JSON.parse(fs.readFileSync(new URL('../../../data/holidays.json', import.meta.url), 'utf8')));
const cal = workCalendar(calendarMap(buildCalendar(data, [2025, 2026, 2027])), workingHoursFrom(data.workingTime));
const { rules } = FeedbackDeadlineRules.parse(JSON.parse(fs.readFileSync(new URL('../../../data/feedback/deadlines.json', import.meta.url), 'utf8')));
const at = parseInstant;

// Worked by hand on the 2026 calendar: Sun 26/4 Hùng Kings' day, Mon 27/4 its day off, Thu 30/4 and Fri 1/5 holidays.
const FRIDAY_BEFORE = at('2026-04-24T16:00:00+07:00');

describe('feedback deadlines in working days (766 indicator 5.2)', () => {
  it('skips the weekend and the holidays', () => {
    expect(formatVn(feedbackDue('refuse', FRIDAY_BEFORE, rules, cal))).toBe('2026-04-29T17:30:00+07:00'); // Tue 28, Wed 29
    expect(formatVn(feedbackDue('askMore', FRIDAY_BEFORE, rules, cal))).toBe('2026-05-06T17:30:00+07:00'); // 28, 29, 4/5, 5/5, 6/5
    expect(formatVn(feedbackDue('answer', FRIDAY_BEFORE, rules, cal))).toBe('2026-05-20T17:30:00+07:00'); // 15 working days
    expect(formatVn(feedbackDue('publish', at('2026-04-29T10:00:00+07:00'), rules, cal))).toBe('2026-05-05T17:30:00+07:00'); // Thu 30/4, Fri 1/5 off: Mon 4/5, Tue 5/5
  });

  it('applies a changed rule only from its effective date', () => {
    const changed = [...rules, { ...rules[0], effectiveFrom: '2027-01-01', answerDays: 10 }];
    expect(ruleOn(changed, '2026-12-31').answerDays).toBe(15);
    expect(feedbackDue('answer', FRIDAY_BEFORE, changed, cal)).toEqual(feedbackDue('answer', FRIDAY_BEFORE, rules, cal));
    expect(ruleOn(changed, '2027-01-01').answerDays).toBe(10);
  });
});

describe('indicators 5.2–5.4 from feedback data', () => {
  const received = at('2026-03-02T09:00:00+07:00'); // Monday
  const now = at('2026-06-01T09:00:00+07:00');
  const base: FeedbackFacts = { receivedAt: received, likes: 0, dislikes: 0, reopened: false };
  const answeredOnTime: FeedbackFacts = { ...base, answeredAt: at('2026-03-10T10:00:00+07:00'), publishedAt: at('2026-03-11T10:00:00+07:00'), likes: 2 };

  it('a refusal after 3 working days is late in 5.2; after 2 it is not', () => {
    expect(isLate({ ...base, refusedAt: at('2026-03-05T10:00:00+07:00') }, rules, cal, now)).toBe(true); // Tue, Wed, Thu = 3rd day
    expect(isLate({ ...base, refusedAt: at('2026-03-04T17:00:00+07:00') }, rules, cal, now)).toBe(false);
    expect(indicator52([answeredOnTime, { ...base, refusedAt: at('2026-03-05T10:00:00+07:00') }], rules, cal, now)).toEqual({
      numerator: 1,
      denominator: 2,
      percent: 50,
    });
  });

  it('an answer published late, or never answered past its deadline, is late', () => {
    expect(isLate({ ...answeredOnTime, publishedAt: at('2026-03-16T10:00:00+07:00') }, rules, cal, now)).toBe(true);
    expect(isLate(base, rules, cal, now)).toBe(true);
    expect(isLate(base, rules, cal, at('2026-03-05T09:00:00+07:00'))).toBe(false);
  });

  it('more dislikes than likes, or a reopening, counts as unsatisfied in 5.3', () => {
    expect(isUnsatisfied({ ...answeredOnTime, likes: 1, dislikes: 3 }, rules, cal, now)).toBe(true);
    expect(isUnsatisfied({ ...answeredOnTime, likes: 2, dislikes: 2 }, rules, cal, now)).toBe(false);
    expect(isUnsatisfied({ ...answeredOnTime, reopened: true }, rules, cal, now)).toBe(true);
    expect(indicator53([answeredOnTime, { ...answeredOnTime, likes: 1, dislikes: 3 }, answeredOnTime, answeredOnTime], rules, cal, now).percent).toBe(75);
    expect(indicator53([], rules, cal, now).percent).toBeNull();
  });

  it('5.4 is 100 % minus the overdue rate and the rate of dossiers with a PAKN or a dislike', () => {
    expect(indicator54({ dossiers: 200, overdue: 6, withFeedbackOrDislike: 4 }).percent).toBe(95);
    expect(indicator54({ dossiers: 0, overdue: 0, withFeedbackOrDislike: 0 }).percent).toBeNull();
  });
});

describe('moderation before publication', () => {
  it('turns names into initials and removes phone numbers, e-mail addresses and identity numbers', () => {
    const text =
      'Tôi là Nguyễn Văn An, CCCD 001203004567, điện thoại 0912.345.678 hoặc +84 912 345 678, email an.nguyen@example.vn. Hồ sơ của anh Trần Thị Bình bị chậm.';
    const out = moderate(text, ['Nguyễn Văn An', 'Trần Thị Bình']);
    expect(out).toBe('Tôi là N.V.A., CCCD [đã ẩn], điện thoại [đã ẩn] hoặc [đã ẩn], email [đã ẩn]. Hồ sơ của anh T.T.B. bị chậm.');
    expect(personalDataLeft(out)).toEqual([]);
    expect(personalDataLeft(text)).toEqual(['email', 'number']);
    expect(moderate('nguyễn văn an gọi 0912345678', ['Nguyễn Văn An'])).toBe('N.V.A. gọi [đã ẩn]');
  });
});
