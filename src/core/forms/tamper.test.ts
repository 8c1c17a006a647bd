import { describe, expect, it } from 'vitest';
import { canonicalJson } from '../canonical-json.ts';
import { resolvePrefill } from './prefill.ts';
import { createHmac } from 'node:crypto';
import { checkPrefill, sealPrefill, type SyncHmac } from './tamper.ts';
import { normaliseValues } from './values.ts';
import { birthForm, brideMarriageRoles, maiBirthRoles, maiClaims, marriageForm, SECRET } from './test-fixtures.ts';

const filled = resolvePrefill(birthForm, { eid: maiClaims, population: maiBirthRoles });
const answers: Record<string, unknown> = { ...filled.values, noiSinh: 'Trạm Y tế xã Phú Riềng', dienThoai: '0912345678' };
const seal = () => sealPrefill(filled.values, filled.provenance, SECRET, { formId: birthForm.id, scope: 'draft-1' });
/** node:crypto's HMAC-SHA256 with the test secret, as the server passes it (SyncHmac), counting its calls. */
function countingHmac(): { hmac: SyncHmac; calls: number } {
  const counted = {
    calls: 0,
    hmac: {
      hmacSha256: (text: string) => {
        counted.calls++;
        return new Uint8Array(createHmac('sha256', SECRET).update(text, 'utf8').digest());
      },
    },
  };
  return counted;
}
const check = async (values: Record<string, unknown>, s?: string, secret = SECRET, scope = 'draft-1') =>
  checkPrefill(birthForm, values, s ?? (await seal()), secret, { scope });

describe('sealing prefilled values', () => {
  it('makes a token with no value in clear', async () => {
    const token = await seal();
    expect(token).toMatch(/^mcp1\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]{43}$/);
    const payload = atob(token.split('.')[1].replace(/-/g, '+').replace(/_/g, '/'));
    expect(payload).not.toContain('075195012346');
    expect(payload).not.toContain(filled.provenance.soDinhDanhMe.hash);
    expect(await seal()).toBe(token);
  });

  it('refuses to seal values that differ from their provenance', async () => {
    await expect(sealPrefill({ ...filled.values, hoTenMe: 'Khác' }, filled.provenance, SECRET)).rejects.toThrow(/hoTenMe/);
    await expect(sealPrefill({}, filled.provenance, SECRET)).rejects.toThrow(/no value/);
    await expect(sealPrefill(filled.values, filled.provenance, 'short')).rejects.toThrow(/at least 16 bytes/);
  });
});

describe('checking a submission against the seal', () => {
  it('accepts unchanged prefilled values, each marked as from its source', async () => {
    const r = await check(answers);
    expect(r.valid).toBe(true);
    expect(r.errors).toEqual([]);
    expect(r.fields.hoTenMe).toEqual({ source: 'population', path: 'mother.hoTen', policy: 'locked', status: 'unchanged', declaredByCitizen: false });
    expect(r.provenance['thanhVien[2].soDinhDanh']).toEqual({ source: 'population', path: 'household.members[2].soDinhDanh', declaredByCitizen: false });
    expect(r.provenance.hoTenNguoiNop).toEqual({ source: 'eid', path: 'HoVaTen', declaredByCitizen: false });
    expect(Object.keys(r.fields).sort()).toEqual(Object.keys(filled.provenance).sort());
  });

  it('refuses a changed locked value (PREFILL_TAMPERED)', async () => {
    const r = await check({ ...answers, soDinhDanhMe: '075195099999' });
    expect(r.valid).toBe(false);
    expect(r.errors).toEqual([
      {
        path: 'soDinhDanhMe',
        code: 'PREFILL_TAMPERED',
        page: 'me',
        message:
          'Số định danh cá nhân của mẹ: thông tin lấy từ Cơ sở dữ liệu quốc gia về dân cư không được sửa. Nếu thông tin chưa đúng, vui lòng liên hệ cơ quan quản lý dữ liệu dân cư để điều chỉnh.',
      },
    ]);
    expect(r.fields.soDinhDanhMe.status).toBe('changed');
    expect(r.provenance.soDinhDanhMe).toBeUndefined();
  });

  it('refuses a removed locked value, a changed person, a changed group item and a changed e-ID claim', async () => {
    const { hoTenMe: _, ...withoutMother } = answers;
    expect((await check(withoutMother)).errors.map((e) => e.path)).toEqual(['hoTenMe']);
    expect(
      (await check({ ...answers, cha: { idNumber: '075090012345', fullName: 'Nguyễn Văn Hưng', birthDate: '1990-03-15' } })).errors.map((e) => e.path),
    ).toEqual(['cha']);
    const members = structuredClone(answers.thanhVien) as Record<string, unknown>[];
    members[1].hoTen = 'Trần Thị Mơ';
    expect((await check({ ...answers, thanhVien: members })).errors.map((e) => e.path)).toEqual(['thanhVien[1].hoTen']);
    expect((await check({ ...answers, thanhVien: members.slice(0, 1) })).errors.map((e) => e.path)).toEqual([
      'thanhVien[1].hoTen',
      'thanhVien[1].soDinhDanh',
      'thanhVien[2].hoTen',
      'thanhVien[2].soDinhDanh',
    ]);
    const eid = await check({ ...answers, hoTenNguoiNop: 'Người Khác' });
    expect(eid.errors[0].message).toMatch(/^Họ và tên người yêu cầu: thông tin lấy từ tài khoản định danh điện tử \(VNeID\) không được sửa/);
  });

  it('accepts a changed declared value and marks it as declared by the citizen', async () => {
    const members = structuredClone(answers.thanhVien) as Record<string, unknown>[];
    members[0].quanHe = 'Chồng';
    const r = await check({
      ...answers,
      danTocMe: 'Tày',
      noiCuTruMe: { provinceCode: '01', communeCode: '00004', detail: 'Số 5 phố Đội Cấn' },
      thanhVien: members,
    });
    expect(r.valid).toBe(true);
    expect(r.provenance.danTocMe).toEqual({ source: 'population', path: 'mother.danToc', declaredByCitizen: true });
    expect(r.provenance.noiCuTruMe.declaredByCitizen).toBe(true);
    expect(r.provenance['thanhVien[0].quanHe'].declaredByCitizen).toBe(true);
    expect(r.provenance.hoTenMe.declaredByCitizen).toBe(false);
    expect(r.fields.danTocMe).toMatchObject({ policy: 'declared', status: 'changed', declaredByCitizen: true });
  });

  it('does not check a prefilled field hidden by the citizen’s answers', async () => {
    // The citizen says the father is not known: his prefilled (locked) details are hidden, stripped, not checked.
    const noFather = { ...answers, coCha: false, cha: { idNumber: '075090099999', fullName: 'Ai Đó' } };
    const r = await check(noFather);
    expect(r.valid).toBe(true);
    expect(r.fields.cha.status).toBe('hidden');
    expect(r.fields.coCha).toMatchObject({ status: 'changed', declaredByCitizen: true });
    expect(r.provenance.cha).toBeUndefined();
    const submitted = normaliseValues(birthForm, noFather);
    expect(submitted.cha).toBeUndefined();
    expect((await check(submitted)).valid).toBe(true);
  });

  it('compares canonically: NFD text, spacing, phone forms and key order are the same value', async () => {
    const nfd = {
      ...answers,
      hoTenMe: 'Trần  Thị Mai '.normalize('NFD'),
      noiCuTruMe: { detail: 'Số 12, Thôn Phú Bình'.normalize('NFD'), communeCode: '25252', provinceCode: '75' },
      cha: { birthDate: '1990-03-15', fullName: 'Nguyễn Văn Hùng'.normalize('NFD'), idNumber: '075090012345' },
    };
    expect('Trần Thị Mai'.normalize('NFD')).not.toBe('Trần Thị Mai');
    const r = await check(nfd);
    expect(r.errors).toEqual([]);
    expect(r.provenance.noiCuTruMe.declaredByCitizen).toBe(false);
    expect(canonicalJson({ b: 'Thị'.normalize('NFD'), a: [1, { d: undefined, c: true }] })).toBe('{"a":[1,{"c":true}],"b":"Thị"}');
  });

  it('refuses a seal that was altered, made with another secret, for another draft or another form', async () => {
    const token = await seal();
    const [prefix, body, mac] = token.split('.');
    const forged = JSON.parse(atob(body.replace(/-/g, '+').replace(/_/g, '/')));
    delete forged.fields.soDinhDanhMe;
    const forgedBody = btoa(JSON.stringify(forged)).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
    const invalid = async (p: Promise<{ valid: boolean; errors: { code: string }[] }>) => {
      const r = await p;
      expect(r.valid).toBe(false);
      expect(r.errors.map((e) => e.code)).toEqual(['PREFILL_SEAL_INVALID']);
    };
    await invalid(check({ ...answers, soDinhDanhMe: '075195099999' }, `${prefix}.${forgedBody}.${mac}`));
    await invalid(check(answers, `${prefix}.${body}.${mac.slice(0, -2)}AA`));
    await invalid(check(answers, token, 'another-secret-of-sufficient-length'));
    await invalid(check(answers, token, SECRET, 'draft-2'));
    await invalid(check(answers, 'garbage'));
    await invalid(checkPrefill({ ...marriageForm }, answers, token, SECRET, { scope: 'draft-1' }));
  });

  it('works with a CryptoKey as the secret', async () => {
    const key = await crypto.subtle.importKey('raw', new TextEncoder().encode(SECRET), { name: 'HMAC', hash: 'SHA-256' }, false, ['sign', 'verify']);
    const token = await sealPrefill(filled.values, filled.provenance, key);
    expect(token).toBe(await sealPrefill(filled.values, filled.provenance, SECRET));
    expect((await checkPrefill(birthForm, answers, token, key)).valid).toBe(true);
  });

  it('works with the platform’s synchronous HMAC (SyncHmac): the same seals, the same refusals', async () => {
    const counted = countingHmac();
    const { hmac } = counted;
    const token = await sealPrefill(filled.values, filled.provenance, hmac, { formId: birthForm.id, scope: 'draft-1' });
    expect(token).toBe(await seal());
    expect((await checkPrefill(birthForm, answers, await seal(), hmac, { scope: 'draft-1' })).valid).toBe(true);
    expect(counted.calls).toBeGreaterThan(Object.keys(filled.provenance).length);
    const tampered = await checkPrefill(birthForm, { ...answers, soDinhDanhMe: '075195099999' }, token, hmac, { scope: 'draft-1' });
    expect(tampered.errors.map((e) => e.code)).toEqual(['PREFILL_TAMPERED']);
    const [prefix, body, mac] = token.split('.');
    const flipped = `${prefix}.${body}.${mac[0] === 'A' ? 'B' : 'A'}${mac.slice(1)}`;
    expect((await checkPrefill(birthForm, answers, flipped, hmac, { scope: 'draft-1' })).errors[0].code).toBe('PREFILL_SEAL_INVALID');
    const other: SyncHmac = { hmacSha256: (text) => new Uint8Array(createHmac('sha256', `${SECRET}-other`).update(text).digest()) };
    expect((await checkPrefill(birthForm, answers, token, other, { scope: 'draft-1' })).errors[0].code).toBe('PREFILL_SEAL_INVALID');
    // A platform's base64url encoder, when given, is used instead of the bytes: the same seals, the same checks.
    const encoded: SyncHmac = {
      hmacSha256: () => {
        throw new Error('not used when hmacSha256Base64Url is given');
      },
      hmacSha256Base64Url: (text) => createHmac('sha256', SECRET).update(text, 'utf8').digest('base64url'),
    };
    expect(await sealPrefill(filled.values, filled.provenance, encoded, { formId: birthForm.id, scope: 'draft-1' })).toBe(token);
    expect((await checkPrefill(birthForm, answers, token, encoded, { scope: 'draft-1' })).valid).toBe(true);
    expect((await checkPrefill(birthForm, { ...answers, soDinhDanhMe: '075195099999' }, token, encoded, { scope: 'draft-1' })).errors[0].code).toBe(
      'PREFILL_TAMPERED',
    );
  });

  it('checks an unchanged form with one MAC, a changed one field by field, and a token sealed before that MAC alike', async () => {
    const counted = countingHmac();
    const { hmac } = counted;
    const token = await seal();
    // The same token without `all`, signed again: what a draft sealed before it holds.
    const [prefix, body] = token.split('.');
    const payload = JSON.parse(Buffer.from(body, 'base64url').toString('utf8'));
    expect(typeof payload.all).toBe('string');
    delete payload.all;
    const oldBody = Buffer.from(JSON.stringify(payload)).toString('base64url');
    const oldToken = `${prefix}.${oldBody}.${createHmac('sha256', SECRET).update(`${prefix}.${oldBody}`).digest('base64url')}`;
    const fields = Object.keys(filled.provenance).length;
    const run = async (values: Record<string, unknown>, t: string) => {
      counted.calls = 0;
      const r = await checkPrefill(birthForm, values, t, hmac, { scope: 'draft-1' });
      return { r, calls: counted.calls };
    };

    const unchanged = await run(answers, token);
    expect(unchanged.r.valid).toBe(true);
    expect(unchanged.calls).toBe(2); // the token, then every field at once
    const unchangedOld = await run(answers, oldToken);
    expect(unchangedOld.calls).toBe(1 + fields);
    expect(unchangedOld.r).toEqual(unchanged.r);

    const tampered = { ...answers, soDinhDanhMe: '075195099999' };
    const changed = await run(tampered, token);
    expect(changed.calls).toBe(2 + fields);
    expect(changed.r.errors.map((e) => `${e.path}:${e.code}`)).toEqual(['soDinhDanhMe:PREFILL_TAMPERED']);
    expect(changed.r.fields.soDinhDanhMe.status).toBe('changed');
    expect(changed.r.fields.hoTenMe.status).toBe('unchanged');
    expect((await run(tampered, oldToken)).r).toEqual(changed.r);
  });

  it('protects a marriage applicant’s marital status', async () => {
    const m = resolvePrefill(marriageForm, { population: brideMarriageRoles });
    const token = await sealPrefill(m.values, m.provenance, SECRET);
    const r = await checkPrefill(marriageForm, { ...m.values, tinhTrangHonNhanNu: 'ly-hon' }, token, SECRET);
    expect(r.errors.map((e) => `${e.path}:${e.code}`)).toEqual(['tinhTrangHonNhanNu:PREFILL_TAMPERED']);
    const moved = await checkPrefill(
      marriageForm,
      { ...m.values, noiCuTruNu: { provinceCode: '75', communeCode: '25252', detail: 'Thôn Phú Bình' } },
      token,
      SECRET,
    );
    expect(moved.valid).toBe(true);
    expect(moved.provenance.noiCuTruNu.declaredByCitizen).toBe(true);
  });
});
