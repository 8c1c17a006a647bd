import fs from 'node:fs';
import { describe, expect, it } from 'vitest';
import { type CitizenRecords, LifeEventRules, suggest } from './suggest.ts';

const rules = LifeEventRules.parse(JSON.parse(fs.readFileSync(new URL('../../../data/life-events/rules.json', import.meta.url), 'utf8')));
const TODAY = '2026-12-06';
const base: CitizenRecords = { self: { name: 'Trần Thị An', birthDate: '1990-05-10' }, children: [], deaths: [], documents: [] };

describe('life-event suggestions', () => {
  it('a child turning 14 next month: the identity-card suggestion with the reason', () => {
    const records = { ...base, children: [{ name: 'Lê Minh Khang', birthDate: '2013-01-15', birthRegistered: true }] };
    const s = suggest(rules, records, TODAY);
    expect(s).toHaveLength(1);
    expect(s[0]).toMatchObject({ ruleId: 'child-identity-card', title: 'Làm thẻ căn cước cho Lê Minh Khang', dueBy: '2027-02-14' });
    expect(s[0].reason).toContain('Lê Minh Khang sẽ đủ 14 tuổi vào ngày 15/01/2027');
    expect(s[0].reason).toContain('Luật Căn cước 2023');
    // Too early (more than 60 days before) or long after: nothing.
    expect(suggest(rules, { ...base, children: [{ name: 'X', birthDate: '2013-06-15', birthRegistered: true }] }, TODAY)).toEqual([]);
  });

  it('changing the rule’s age with a future effective date changes nothing today, and applies from its day', () => {
    const records = { ...base, children: [{ name: 'Lê Minh Khang', birthDate: '2013-01-15', birthRegistered: true }] };
    const changed = structuredClone(rules);
    const rule = changed.rules.find((r) => r.id === 'child-identity-card')!;
    rule.versions.push({ ...rule.versions[0], effectiveFrom: '2027-01-01', ages: [15] } as (typeof rule.versions)[number]);
    expect(suggest(changed, records, TODAY)).toEqual(suggest(rules, records, TODAY));
    expect(suggest(changed, records, '2027-01-05').filter((x) => x.ruleId === 'child-identity-card')).toEqual([]);
  });

  it('card renewal at 25, 40 and 60 for the citizen themselves', () => {
    const s = suggest(rules, { ...base, self: { name: 'A', birthDate: '1987-01-20' } }, TODAY);
    expect(s.map((x) => x.title)).toEqual(['Đổi thẻ căn cước khi đủ 40 tuổi']);
    expect(s[0].reason).toContain('Bạn sẽ đủ 40 tuổi vào ngày 20/01/2027');
  });

  it('a newborn not registered within 60 days, a death in the household, an expiring marital-status certificate', () => {
    const s = suggest(
      rules,
      {
        ...base,
        children: [
          { name: 'Bé Na', birthDate: '2026-11-20', birthRegistered: false },
          { name: 'Bé Cũ', birthDate: '2026-01-01', birthRegistered: false }, // past 60 days: the on-time case no longer applies
          { name: 'Bé Đã', birthDate: '2026-11-25', birthRegistered: true },
        ],
        deaths: [{ name: 'Lê Văn Ba', deathDate: '2026-12-01', deathRegistered: false }],
        documents: [{ type: 'xac-nhan-tinh-trang-hon-nhan', name: 'Giấy xác nhận tình trạng hôn nhân', issuedOn: '2026-06-20' }],
      },
      TODAY,
    );
    expect(s.map((x) => [x.ruleId, x.dueBy, x.procedureCode])).toEqual(
      [
        ['marital-status-expiring', '2026-12-20', '1.004873'],
        ['death-in-household', '2026-12-16', '1.006714'],
        ['newborn-unregistered', '2027-01-19', '1.001193'],
      ].sort((a, b) => String(a[1]).localeCompare(String(b[1]))),
    );
    expect(s.find((x) => x.ruleId === 'newborn-unregistered')!.reason).toContain('Bé Na sinh ngày 20/11/2026 chưa được đăng ký khai sinh');
  });
});
