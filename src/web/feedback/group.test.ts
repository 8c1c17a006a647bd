import { describe, expect, it } from 'vitest';
import { groupQa, searchWords } from './group.ts';
import type { Qa } from './types.ts';

const qa = (id: string, category: string | null, procedureCode: string | null): Qa => ({
  id,
  kind: 'question',
  title: id,
  question: 'q',
  answer: 'a',
  category,
  procedureCode,
  publishedAt: '2026-05-01T00:00:00.000Z',
  likes: 0,
  dislikes: 0,
});

describe('the public Q&A page', () => {
  it('groups by field, then by procedure, in the order of first appearance; unclassified under "other" and "general"', () => {
    const g = groupQa(
      [qa('1', 'Hộ tịch', '1.001193'), qa('2', 'Đất đai', null), qa('3', 'Hộ tịch', '1.004873'), qa('4', 'Hộ tịch', '1.001193'), qa('5', null, null)],
      'Khác',
      'Chung',
    );
    expect(g.map((x) => x.field)).toEqual(['Hộ tịch', 'Đất đai', 'Khác']);
    expect(g[0].procedures.map((p) => [p.code, p.items.map((i) => i.id)])).toEqual([
      ['1.001193', ['1', '4']],
      ['1.004873', ['3']],
    ]);
    expect(g[1].procedures[0].code).toBe('Chung');
  });

  it('searches similar questions with at most five words of three letters or more', () => {
    expect(searchWords('Làm giấy khai sinh cho con ở xã nào, bao lâu?')).toBe('Làm giấy khai sinh cho');
    expect(searchWords('a b')).toBe('');
  });
});
