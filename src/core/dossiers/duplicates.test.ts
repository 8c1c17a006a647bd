import { describe, expect, it } from 'vitest';
import { DUPLICATE_RULES, RECENT_DAYS, standsInTheWay, subjectKeys } from './duplicates.ts';

const MOTHER = '070195012346';
const FATHER = '070090012345';
const birth = {
  hoTenTre: 'Nguyễn Minh Khang',
  ngaySinhTre: '2026-11-26',
  hoTenMe: 'Trần Thị Mai',
  soDinhDanhMe: MOTHER,
  hoTenCha: 'Nguyễn Văn Hùng',
  soDinhDanhCha: FATHER,
  soDinhDanhNguoiNop: MOTHER,
};

describe('duplicate dossiers: the subject', () => {
  it('names the child of a birth registration by mother, birth date and name, whoever applies', () => {
    const byMother = subjectKeys('1.001193', birth, MOTHER);
    expect(byMother).toEqual([`khai-sinh/id:${MOTHER}|tre:nguyen minh khang:2026-11-26`]);
    // The father applying for the same child, with the name typed in another case and spacing: the same subject.
    expect(subjectKeys('1.001193', { ...birth, hoTenTre: '  NGUYỄN  Minh Khang ', soDinhDanhNguoiNop: FATHER }, FATHER)).toEqual(byMother);
    // The linked procedure (birth + residence + health insurance) registers the same birth.
    expect(subjectKeys('2.000986', birth, MOTHER)).toEqual(byMother);
    // Another child of the same mother (a twin has another name) is another subject.
    expect(subjectKeys('1.001193', { ...birth, hoTenTre: 'Nguyễn Minh An' }, MOTHER)).not.toEqual(byMother);
  });

  it('names a mother without an id number by her name and birth date, and gives no key when the form does not say', () => {
    expect(subjectKeys('1.001193', { ...birth, soDinhDanhMe: '', ngaySinhMe: '1995-03-02' }, MOTHER)).toEqual([
      'khai-sinh/name:tran thi mai:1995-03-02|tre:nguyen minh khang:2026-11-26',
    ]);
    expect(subjectKeys('1.001193', { ...birth, soDinhDanhMe: '' }, MOTHER)).toEqual([]);
    expect(subjectKeys('1.001193', { ...birth, ngaySinhTre: undefined }, MOTHER)).toEqual([]);
  });

  it('names a couple in either order', () => {
    const a = subjectKeys('1.000894', { soDinhDanhNu: '070198034567', soDinhDanhNam: '070096023456' }, '070198034567');
    const b = subjectKeys('1.000894', { soDinhDanhNu: '070198034567', soDinhDanhNam: '070096023456' }, '070096023456');
    expect(a).toEqual(['ket-hon/id:070096023456|id:070198034567']);
    expect(b).toEqual(a);
  });

  it('names the deceased, the same in the death registration and its linked procedure', () => {
    expect(subjectKeys('1.000656', { soDinhDanhNguoiChet: '070045045678' }, MOTHER)).toEqual(['khai-tu/id:070045045678']);
    expect(subjectKeys('1.006714', { soDinhDanhNguoiChet: '070045045678' }, FATHER)).toEqual(['khai-tu/id:070045045678']);
  });

  it('names the person certified by the marital-status certificate: the applicant', () => {
    expect(subjectKeys('1.004873', { mucDichSuDung: 'Kết hôn' }, MOTHER)).toEqual([`tinh-trang-hon-nhan/id:${MOTHER}`]);
    expect(subjectKeys('1.004873', {}, null)).toEqual([]);
  });

  it('never flags procedures that are normally repeated (certified copies) or unknown ones', () => {
    expect(subjectKeys('2.000907', { tenGiayTo: 'Bằng tốt nghiệp' }, MOTHER)).toEqual([]);
    expect(subjectKeys('9.999999', birth, MOTHER)).toEqual([]);
  });

  it('keeps each procedure in one group only', () => {
    const all = DUPLICATE_RULES.flatMap((r) => r.procedures);
    expect(new Set(all).size).toBe(all.length);
  });
});

describe('duplicate dossiers: an earlier dossier stands in the way', () => {
  const now = new Date('2026-12-06T10:00:00Z');
  const daysAgo = (n: number) => new Date(now.getTime() - n * 86_400_000);

  it('while it is open, in any open state', () => {
    for (const status of [1, 2, 4, 5, 6]) expect(standsInTheWay({ status, finishedAt: null }, now)).toBe(true);
  });

  it('not when it was refused, withdrawn or stopped', () => {
    for (const status of [3, 7, 8]) expect(standsInTheWay({ status, finishedAt: null }, now)).toBe(false);
  });

  it(`for ${RECENT_DAYS} days after its result was issued, then no more`, () => {
    expect(standsInTheWay({ status: 9, finishedAt: daysAgo(1) }, now)).toBe(true);
    expect(standsInTheWay({ status: 10, finishedAt: daysAgo(RECENT_DAYS - 1) }, now)).toBe(true);
    expect(standsInTheWay({ status: 10, finishedAt: daysAgo(RECENT_DAYS) }, now)).toBe(false);
    expect(standsInTheWay({ status: 10, finishedAt: daysAgo(400) }, now)).toBe(false);
  });
});
