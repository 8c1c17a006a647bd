/** The stand-in's storage pieces on the real database: signing keys, provider adapter, accounts. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../db/database.ts';
import { migrate } from '../../db/migrate.ts';
import { openTestDatabase, testDatabaseKind } from '../../testing/harness.ts';
import { accountByIdNumber, accountBySub, authenticate, passwordMatches, residentClaims } from './accounts.ts';
import { databaseAdapterFactory } from './adapter.ts';
import { loadOrCreateSigningKeys, publicJwks } from './keys.ts';

describe(`VNeID stand-in storage (${testDatabaseKind})`, () => {
  let db: Database;
  let drop: () => Promise<void>;

  beforeAll(async () => {
    ({ db, drop } = await openTestDatabase());
    await migrate(db);
    const address = {
      maTinhThanh: '01',
      maPhuongXa: '00004',
      tenTinhThanh: 'Thành phố Hà Nội',
      tenPhuongXa: 'Phường Ba Đình',
      chiTiet: 'Số 2',
      quocGia: 'Việt Nam',
    };
    await db.query(
      `INSERT INTO standin_residents (id_number, family_name, middle_name, given_name, full_name, birth_date, sex, marital_status,
         birth_place, home_town, permanent_address, current_address, phone, deceased_on)
       VALUES ('001085012345', 'Nguyễn', 'Thị', 'Hoà', 'Nguyễn Thị Hoà', '1985-03-07', 'Nữ', 'Độc thân', $1, $1, $1, $1, '0912345678', NULL),
              ('001040000001', 'Phạm', '', 'Bình', 'Phạm Bình', '1940-05-01', 'Nam', 'Goá', $1, $1, $1, $1, NULL, '2024-01-01')`,
      [address],
    );
  });
  afterAll(async () => drop?.());

  it('creates signing keys once and returns the same keys to every caller, even concurrent ones', async () => {
    const [a, b] = await Promise.all([loadOrCreateSigningKeys(db), loadOrCreateSigningKeys(db)]);
    const c = await loadOrCreateSigningKeys(db);
    expect(a.keys.map((k) => k.kid)).toEqual(c.keys.map((k) => k.kid));
    expect(b.keys.map((k) => k.kid)).toEqual(c.keys.map((k) => k.kid));
    expect(c.keys.map((k) => [k.kty, k.alg])).toEqual([
      ['RSA', 'RS256'],
      ['EC', 'ES256'],
    ]);
    expect(c.keys[0].d).toBeTruthy();
    expect(publicJwks(c).keys.some((k) => 'd' in k || 'p' in k)).toBe(false);
  });

  it('stores provider models in the database: find, uid and user-code lookups, consume, expiry, grant revocation', async () => {
    const factory = databaseAdapterFactory(db);
    const sessions = factory('Session');
    const codes = factory('AuthorizationCode');
    const tokens = factory('AccessToken');

    await sessions.upsert('s1', { uid: 'u1', accountId: 'acc', loginTs: 1 }, 3600);
    expect(await sessions.find('s1')).toMatchObject({ uid: 'u1', accountId: 'acc' });
    expect(await sessions.findByUid('u1')).toMatchObject({ accountId: 'acc' });
    expect(await codes.find('s1')).toBeUndefined(); // models are separate namespaces

    await codes.upsert('c1', { grantId: 'g1', accountId: 'acc' }, 60);
    expect((await codes.find('c1'))?.consumed).toBeUndefined();
    await codes.consume('c1');
    expect((await codes.find('c1'))?.consumed).toEqual(expect.any(Number));

    await tokens.upsert('t1', { grantId: 'g1' }, 600);
    await tokens.upsert('t2', { grantId: 'g2' }, 600);
    await tokens.revokeByGrantId('g1');
    expect(await codes.find('c1')).toBeUndefined();
    expect(await tokens.find('t1')).toBeUndefined();
    expect(await tokens.find('t2')).toBeDefined();

    await tokens.upsert('old', { grantId: 'g3' }, -1);
    expect(await tokens.find('old')).toBeUndefined();

    const devices = factory('DeviceCode');
    await devices.upsert('d1', { userCode: 'ABCD-EFGH' }, 600);
    expect(await devices.findByUserCode('ABCD-EFGH')).toMatchObject({ userCode: 'ABCD-EFGH' });

    await sessions.destroy('s1');
    expect(await sessions.find('s1')).toBeUndefined();
  });

  it('gives each resident a stable subject that is not the id number, and refuses deceased residents', async () => {
    const first = await accountByIdNumber(db, '001085012345');
    const again = await accountByIdNumber(db, '001085012345');
    expect(first?.sub).toMatch(/^[0-9a-f-]{36}$/);
    expect(again?.sub).toBe(first?.sub);
    expect(again?.techId).toBe(first?.techId);
    expect((await accountBySub(db, first!.sub))?.idNumber).toBe('001085012345');
    expect(await accountBySub(db, '001085012345')).toBeNull();
    expect(await accountByIdNumber(db, '001040000001')).toBeNull();
    expect(await accountByIdNumber(db, '999999999999')).toBeNull();

    const claims = residentClaims(first!);
    expect(claims).toMatchObject({
      HoVaTen: 'Nguyễn Thị Hoà',
      SoDinhDanh: '001085012345',
      NgayThangNamSinh: '19850307',
      LoaiTaiKhoan: '1',
      loginIdp: 'BCA',
      SoDienThoai: '0912345678',
      GioiTinh: 'Nữ',
    });
    expect('Email' in claims).toBe(false);
  });

  it('checks the demo password in constant time and locks an id number after 5 failures', async () => {
    expect(passwordMatches('123456')).toBe(true);
    expect(passwordMatches('1234567')).toBe(false);
    expect(passwordMatches('')).toBe(false);

    expect(await authenticate(db, '001085012345', '123456')).toMatchObject({ ok: true });
    expect(await authenticate(db, '001085012345', 'x')).toEqual({ ok: false, reason: 'invalid_credentials', remaining: 4 });
    // A success clears the count.
    expect(await authenticate(db, '001085012345', '123456')).toMatchObject({ ok: true });
    for (let remaining = 4; remaining >= 1; remaining--) {
      expect(await authenticate(db, '001085012345', 'x')).toEqual({ ok: false, reason: 'invalid_credentials', remaining });
    }
    const locked = await authenticate(db, '001085012345', 'x');
    expect(locked).toMatchObject({ ok: false, reason: 'locked' });
    expect(await authenticate(db, '001085012345', '123456')).toMatchObject({ ok: false, reason: 'locked' });
    // Unknown numbers count the same way (nothing tells them apart from registered ones).
    expect(await authenticate(db, '123456789012', '123456')).toEqual({ ok: false, reason: 'invalid_credentials', remaining: 4 });
    // When the lock has passed, the right password works again.
    await db.query(
      "UPDATE standin_eid_login_failures SET locked_until = now() - interval '1 second', window_start = now() - interval '1 hour' WHERE id_number = '001085012345'",
    );
    expect(await authenticate(db, '001085012345', '123456')).toMatchObject({ ok: true });
  });
});
