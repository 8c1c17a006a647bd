import { describe, expect, it } from 'vitest';
import type { FormDefinition } from '../catalogue/schema.ts';
import { evaluateCompiled, isEmpty, parseCondition } from './conditions.ts';
import { compileForm, FormDefinitionError } from './definition.ts';
import { checkFormDefinition, ConditionSchema } from './definition-schema.ts';
import { parseFieldRef } from './paths.ts';
import { isFieldVisible, visibleFields } from './pages.ts';
import { validateForm } from './validate.ts';
import { ctx } from './test-fixtures.ts';

/** Evaluates a condition against flat values (top-level references only). */
function holds(cond: unknown, values: Record<string, unknown>): boolean {
  const r = parseCondition(cond);
  if (!r.ok) throw new Error(r.problems.join('\n'));
  return evaluateCompiled(r.condition, (ref) => values[ref.key]);
}

describe('condition language', () => {
  it('evaluates every operator', () => {
    expect(holds({ field: 'hasFather', equals: true }, { hasFather: true })).toBe(true);
    expect(holds({ field: 'hasFather', equals: true }, { hasFather: 'true' })).toBe(false);
    expect(holds({ field: 'x', equals: null }, {})).toBe(true);
    expect(holds({ field: 'kind', in: ['a', 'b'] }, { kind: 'b' })).toBe(true);
    expect(holds({ field: 'kind', in: ['a', 'b'] }, { kind: 'c' })).toBe(false);
    expect(holds({ field: 'x', notEmpty: true }, { x: '  ' })).toBe(false);
    expect(holds({ field: 'x', notEmpty: true }, { x: 0 })).toBe(true);
    expect(holds({ field: 'x', notEmpty: false }, { x: { provinceCode: '', communeCode: '', detail: '' } })).toBe(true);
    expect(holds({ field: 'n', gte: 2 }, { n: 2 })).toBe(true);
    expect(holds({ field: 'n', gt: 2 }, { n: 2 })).toBe(false);
    expect(holds({ field: 'n', lt: 2 }, { n: 'abc' })).toBe(false);
    expect(holds({ field: 'd', lt: '2016-01-01' }, { d: '2015-12-31' })).toBe(true);
    expect(holds({ field: 'd', lte: '2016-01-01' }, { d: '2016-01-02' })).toBe(false);
    expect(
      holds(
        {
          all: [
            { field: 'a', equals: 1 },
            { field: 'b', equals: 2 },
          ],
        },
        { a: 1, b: 2 },
      ),
    ).toBe(true);
    expect(
      holds(
        {
          all: [
            { field: 'a', equals: 1 },
            { field: 'b', equals: 2 },
          ],
        },
        { a: 1, b: 3 },
      ),
    ).toBe(false);
    expect(
      holds(
        {
          any: [
            { field: 'a', equals: 1 },
            { field: 'b', equals: 2 },
          ],
        },
        { a: 0, b: 2 },
      ),
    ).toBe(true);
    expect(holds({ not: { field: 'a', equals: 1 } }, { a: 1 })).toBe(false);
  });

  it('compares strings in Unicode NFC, so a decomposed answer still matches', () => {
    expect(holds({ field: 'danToc', equals: 'Mường' }, { danToc: 'Mường'.normalize('NFD') })).toBe(true);
    expect(holds({ field: 'danToc', in: ['Tày', 'Mường'.normalize('NFD')] }, { danToc: 'Mường' })).toBe(true);
  });

  it('refuses malformed conditions with a message saying where and why', () => {
    const problems = (c: unknown) => {
      const r = parseCondition(c, 'trường "x", showIf');
      return r.ok ? [] : r.problems;
    };
    expect(problems({ field: 'x', bogus: 1 })[0]).toMatch(/trường "x", showIf: toán tử không được hỗ trợ "bogus"/);
    expect(problems({ field: 'x' })[0]).toMatch(/thiếu toán tử/);
    expect(problems({ field: 'x', equals: 1, in: [1] })[0]).toMatch(/chỉ có một toán tử/);
    expect(problems({ field: '1x', equals: 1 })[0]).toMatch(/"field" phải là tên trường hợp lệ/);
    expect(problems({ field: 'x', in: [] })[0]).toMatch(/"in" phải là danh sách không rỗng/);
    expect(problems({ field: 'x', equals: { a: 1 } })[0]).toMatch(/"equals" so sánh với một giá trị đơn/);
    expect(problems({ field: 'x', notEmpty: 'yes' })[0]).toMatch(/"notEmpty" nhận true hoặc false/);
    expect(problems({ field: 'x', gt: '5 tuổi' })[0]).toMatch(/"gt" so sánh với một số hoặc một ngày/);
    expect(problems({ all: [{ field: 'a', equals: 1 }, { any: 'x' }] })[0]).toMatch(/tại all\[1\]: "any" phải là một danh sách/);
    expect(problems({ not: { field: 'a', equals: 1 }, field: 'b' })[0]).toMatch(/"not" phải đứng một mình/);
    expect(problems('coCha == true')[0]).toMatch(/phải là một đối tượng JSON/);
    expect(problems({ field: 'a', equals: 1 })).toEqual([]);
  });

  it('is available as a zod schema with the same messages', () => {
    expect(ConditionSchema.safeParse({ any: [{ field: 'a', in: ['x'] }] }).success).toBe(true);
    const bad = ConditionSchema.safeParse({ field: 'a', contains: 'x' });
    expect(bad.success).toBe(false);
    expect(bad.error!.issues[0].message).toMatch(/toán tử không được hỗ trợ "contains"/);
  });

  it('treats blank answers as empty, false and 0 as answers', () => {
    expect([undefined, null, '', ' ', [], {}, { a: '' }].every(isEmpty)).toBe(true);
    expect([false, 0, 'a', [{}], { a: 'x' }].some(isEmpty)).toBe(false);
  });
});

describe('field references', () => {
  it('parses the reference syntax', () => {
    expect(parseFieldRef('x')).toMatchObject({ anchor: 'lexical', key: 'x', tail: [] });
    expect(parseFieldRef('./x')).toMatchObject({ anchor: 'current', key: 'x' });
    expect(parseFieldRef('../../x')).toMatchObject({ anchor: 'up', up: 2, key: 'x' });
    expect(parseFieldRef('/con[1].ngaySinh')).toMatchObject({ anchor: 'root', key: 'con', tail: [1, 'ngaySinh'] });
    expect(parseFieldRef('noiCuTru.provinceCode')).toMatchObject({ key: 'noiCuTru', tail: ['provinceCode'] });
    for (const bad of ['', '.x', 'x.', 'x..y', 'x[a]', '[0]', 'x[0', '/./x', 'x y']) expect(parseFieldRef(bad)).toBeNull();
  });

  const def: FormDefinition = {
    id: 'refs',
    version: 1,
    pages: [
      {
        key: 'p',
        title: 'P',
        fields: [
          {
            key: 'loai',
            type: 'select',
            label: 'Loại',
            options: [
              { value: 'a', label: 'A' },
              { value: 'b', label: 'B' },
            ],
          },
          { key: 'ghiChu', type: 'text', label: 'Ghi chú chung' },
          { key: 'noiCuTru', type: 'address', label: 'Nơi cư trú' },
          { key: 'ngoaiTinh', type: 'text', label: 'Lý do cư trú ngoài tỉnh', showIf: { not: { field: 'noiCuTru.provinceCode', in: ['75'] } } },
          {
            key: 'con',
            type: 'group',
            label: 'Các con',
            fields: [
              { key: 'hoTen', type: 'text', label: 'Họ tên con' },
              { key: 'ngaySinh', type: 'date', label: 'Ngày sinh con' },
              // Item-relative: this item's birth date.
              { key: 'truongHoc', type: 'text', label: 'Trường đang học', showIf: { field: './ngaySinh', lte: '2020-11-23' } },
              // Lexical: "ghiChu" is not an item field, so it is the top-level one.
              { key: 'ghiChuCon', type: 'text', label: 'Ghi chú về con', showIf: { field: 'ghiChu', notEmpty: true } },
              // A same-named item field shadows the top level; "/loai" reaches past it.
              { key: 'loai', type: 'text', label: 'Loại (của con)' },
              {
                key: 'chiLoaiA',
                type: 'text',
                label: 'Chỉ cho loại A',
                showIf: {
                  all: [
                    { field: '/loai', equals: 'a' },
                    { field: 'loai', equals: 'x' },
                  ],
                },
              },
            ],
          },
          { key: 'conDauLong', type: 'text', label: 'Về con đầu', showIf: { field: 'con[0].hoTen', notEmpty: true } },
        ],
      },
    ],
  };

  it('resolves item-relative, lexical, absolute and indexed references', () => {
    const values = {
      loai: 'a',
      noiCuTru: { provinceCode: '01', communeCode: '00004', detail: 'x' },
      con: [
        { hoTen: 'An', ngaySinh: '2019-01-01', loai: 'x' },
        { hoTen: 'Bình', ngaySinh: '2022-06-01', loai: 'y' },
      ],
    };
    expect(isFieldVisible(def, values, 'ngoaiTinh')).toBe(true);
    expect(isFieldVisible(def, { ...values, noiCuTru: { provinceCode: '75' } }, 'ngoaiTinh')).toBe(false);
    expect(isFieldVisible(def, values, 'con[0].truongHoc')).toBe(true);
    expect(isFieldVisible(def, values, 'con[1].truongHoc')).toBe(false);
    expect(isFieldVisible(def, values, 'con[0].ghiChuCon')).toBe(false);
    expect(isFieldVisible(def, { ...values, ghiChu: 'có' }, 'con[1].ghiChuCon')).toBe(true);
    expect(isFieldVisible(def, values, 'con[0].chiLoaiA')).toBe(true);
    expect(isFieldVisible(def, values, 'con[1].chiLoaiA')).toBe(false);
    expect(isFieldVisible(def, { ...values, loai: 'b' }, 'con[0].chiLoaiA')).toBe(false);
    expect(isFieldVisible(def, values, 'conDauLong')).toBe(true);
    expect(isFieldVisible(def, { ...values, con: [] }, 'conDauLong')).toBe(false);
  });

  it('treats a hidden field as unanswered, so chains of conditions follow', () => {
    const chain: FormDefinition = {
      id: 'chain',
      version: 1,
      pages: [
        {
          key: 'p',
          title: 'P',
          fields: [
            { key: 'coCha', type: 'yes_no', label: 'Có cha?' },
            { key: 'chaConSong', type: 'yes_no', label: 'Cha còn sống?', showIf: { field: 'coCha', equals: true } },
            { key: 'diaChiCha', type: 'text', label: 'Địa chỉ cha', required: true, showIf: { field: 'chaConSong', equals: true } },
          ],
        },
      ],
    };
    // A stale "chaConSong: true" left from before the citizen said there is no father.
    const values = { coCha: false, chaConSong: true };
    expect(visibleFields(chain, 'p', values).map((f) => f.key)).toEqual(['coCha']);
    expect(validateForm(chain, values, ctx).errors).toEqual([]);
    expect(validateForm(chain, { ...values, coCha: true }, ctx).errors.map((e) => e.path)).toEqual(['diaChiCha']);
  });

  it('refuses references to fields that do not exist, and circular conditions', () => {
    const bad = (fields: FormDefinition['pages'][number]['fields']) =>
      checkFormDefinition({ id: 'bad', version: 1, pages: [{ key: 'p', title: 'P', fields }] });
    expect(bad([{ key: 'a', type: 'text', label: 'A', showIf: { field: 'khongCo', equals: 1 } }])[0]).toMatch(
      /trường "a", showIf: tham chiếu "khongCo" không trỏ tới trường nào/,
    );
    expect(bad([{ key: 'a', type: 'text', label: 'A', showIf: { field: 'a', notEmpty: true } }])[0]).toMatch(/không được tham chiếu chính trường này/);
    expect(
      bad([
        { key: 'a', type: 'text', label: 'A', showIf: { field: 'b', notEmpty: true } },
        { key: 'b', type: 'text', label: 'B', showIf: { field: 'a', notEmpty: true } },
      ])[0],
    ).toMatch(/phụ thuộc vòng tròn: "a" → "b" → "a"/);
    expect(
      bad([
        { key: 'g', type: 'group', label: 'G', fields: [{ key: 'x', type: 'text', label: 'X' }] },
        { key: 'y', type: 'text', label: 'Y', showIf: { field: './x', notEmpty: true } },
      ])[0],
    ).toMatch(/"\.\/x" không trỏ tới trường nào/);
    expect(
      bad([
        { key: 'g', type: 'group', label: 'G', fields: [{ key: 'x', type: 'text', label: 'X' }] },
        { key: 'y', type: 'text', label: 'Y', showIf: { field: 'g.x', notEmpty: true } },
      ])[0],
    ).toMatch(/sau nhóm "g" phải là chỉ số mục/);
    expect(
      bad([
        { key: 'd', type: 'address', label: 'D' },
        { key: 'y', type: 'text', label: 'Y', showIf: { field: 'd.ward', notEmpty: true } },
      ])[0],
    ).toMatch(/chỉ có các phần provinceCode, communeCode, detail/);
  });

  it('throws a FormDefinitionError naming the form when an engine function meets a malformed condition', () => {
    const def2: FormDefinition = {
      id: 'hong',
      version: 1,
      pages: [
        {
          key: 'p',
          title: 'P',
          fields: [
            { key: 'a', type: 'text', label: 'A', requireIf: { field: 'b', bogus: true } },
            { key: 'b', type: 'text', label: 'B' },
          ],
        },
      ],
    };
    expect(() => validateForm(def2, {}, ctx)).toThrow(FormDefinitionError);
    expect(() => compileForm(def2)).toThrow(/Biểu mẫu "hong" không hợp lệ:\n- trang "p", trường "a", requireIf: toán tử không được hỗ trợ "bogus"/);
  });
});
