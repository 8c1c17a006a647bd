import { describe, expect, it } from 'vitest';
import type { FormDefinition } from '../catalogue/schema.ts';
import { fieldAnchor, firstPageWithErrors, isFieldVisible, nextPage, pageErrors, pageOf, previousPage, visibleFields, visiblePages } from './pages.ts';
import { validateForm } from './validate.ts';
import { birthForm, ctx } from './test-fixtures.ts';

const def: FormDefinition = {
  id: 'journey',
  version: 1,
  pages: [
    {
      key: 'ban-la-ai',
      title: 'Bạn là ai?',
      fields: [
        {
          key: 'vaiTro',
          type: 'select',
          label: 'Bạn là',
          required: true,
          options: [
            { value: 'me', label: 'Mẹ' },
            { value: 'nguoi-than', label: 'Người thân' },
          ],
        },
      ],
    },
    {
      key: 'uy-quyen',
      title: 'Giấy ủy quyền',
      fields: [{ key: 'nguoiUyQuyen', type: 'text', label: 'Người ủy quyền', required: true, showIf: { field: 'vaiTro', equals: 'nguoi-than' } }],
    },
    {
      key: 'tre',
      title: 'Thông tin trẻ',
      fields: [
        { key: 'hoTenTre', type: 'text', label: 'Họ và tên của trẻ', required: true },
        { key: 'ngaySinhTre', type: 'date', label: 'Ngày sinh của trẻ', required: true },
      ],
    },
  ],
};

describe('one question group per page', () => {
  it('skips pages whose questions are all hidden', () => {
    expect(visiblePages(def, { vaiTro: 'me' }).map((p) => p.key)).toEqual(['ban-la-ai', 'tre']);
    expect(visiblePages(def, { vaiTro: 'nguoi-than' }).map((p) => p.key)).toEqual(['ban-la-ai', 'uy-quyen', 'tre']);
    expect(nextPage(def, { vaiTro: 'me' }, 'ban-la-ai')).toBe('tre');
    expect(nextPage(def, { vaiTro: 'nguoi-than' }, 'ban-la-ai')).toBe('uy-quyen');
    expect(previousPage(def, { vaiTro: 'me' }, 'tre')).toBe('ban-la-ai');
    expect(nextPage(def, {}, 'tre')).toBeNull();
    expect(previousPage(def, {}, { key: 'ban-la-ai' })).toBeNull();
  });

  it('lists a page’s visible questions', () => {
    expect(visibleFields(birthForm, 'cha', { coCha: false }).map((f) => f.key)).toEqual(['coCha']);
    expect(visibleFields(birthForm, 'cha', { coCha: true }).map((f) => f.key)).toEqual(['coCha', 'cha', 'ngaySinhCha', 'hoTenChaTuKhai']);
    expect(visibleFields(birthForm, 'cha', { coCha: true, cha: { idNumber: '075090012345', fullName: 'Nguyễn Văn Hùng' } }).map((f) => f.key)).toEqual([
      'coCha',
      'cha',
      'ngaySinhCha',
    ]);
    expect(isFieldVisible(birthForm, { coCha: true }, 'cha')).toBe(true);
    expect(isFieldVisible(birthForm, {}, 'khongCo')).toBe(false);
  });

  it('gives the errors of one page for its error summary, and finds where errors are', () => {
    const r = pageErrors('tre', def, { vaiTro: 'me', hoTenTre: 'Khang', ngaySinhTre: '2026-02-30' }, ctx);
    expect(r.valid).toBe(false);
    expect(r.errors).toEqual([
      {
        path: 'ngaySinhTre',
        code: 'date',
        message: 'Ngày sinh của trẻ không phải ngày hợp lệ.',
        page: 'tre',
        messageKey: 'date',
        params: { label: 'Ngày sinh của trẻ', field: 'ngaySinhTre' },
      },
    ]);
    expect(pageErrors({ key: 'ban-la-ai' }, def, { vaiTro: 'me' }, ctx).valid).toBe(true);
    const all = validateForm(def, { vaiTro: 'nguoi-than' }, ctx).errors;
    expect(all.map((e) => e.page)).toEqual(['uy-quyen', 'tre', 'tre']);
    expect(firstPageWithErrors(def, all)).toBe('uy-quyen');
    expect(firstPageWithErrors(def, [{ path: 'hoTenTre', code: 'required', message: '' }])).toBe('tre');
    expect(firstPageWithErrors(def, [])).toBeNull();
    expect(pageOf(birthForm, 'thanhVien[2].hoTen')).toBe('ho');
    expect(pageOf(birthForm, 'khongCo')).toBeNull();
  });

  it('names inputs for links from the error summary', () => {
    expect(fieldAnchor('hoTenMe')).toBe('f-hoTenMe');
    expect(fieldAnchor('thanhVien[1].hoTen')).toBe('f-thanhVien-1-hoTen');
    expect(fieldAnchor('noiCuTruMe', 'communeCode')).toBe('f-noiCuTruMe-communeCode');
  });
});
