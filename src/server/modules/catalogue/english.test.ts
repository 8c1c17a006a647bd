/**
 * Procedure content in English (issue 18 item 7): the catalogue API answers in the language asked for (?lang=,
 * Accept-Language) with a flag saying how much English exists; the Vietnamese definition, the legal text, is always
 * there; a translation that disagrees with the Vietnamese is refused when written.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ProcedureContent, ProcedureDetail } from '../../../contract/catalogue.ts';
import { startTestApp, TestClient, testDatabaseKind, type TestApp } from '../../testing/harness.ts';
import { readCatalogueFiles, seedCatalogue } from './service.ts';

describe(`procedure content in English on ${testDatabaseKind}`, () => {
  let t: TestApp;
  let admin: TestClient;
  beforeAll(async () => {
    t = await startTestApp({ seed: false });
    await seedCatalogue(t.ctx.db);
    admin = new TestClient(t.app);
    await admin.loginAs(t.ctx.db, 'official', { userId: 'a1', username: 'quantri', fullName: 'Quản trị', roles: ['catalogue_admin'], unitIds: [] });
  });
  afterAll(async () => t?.close());

  const detail = async (url: string, headers: Record<string, string> = {}) => {
    const r = await t.app.inject({ method: 'GET', url, headers });
    expect(r.statusCode, url).toBe(200);
    return r.json() as ProcedureDetail;
  };

  it('gives the marital-status certificate in English when asked, the Vietnamese definition beside it', async () => {
    const r = await t.app.inject({ method: 'GET', url: '/api/procedures/1.004873?lang=en' });
    expect(r.statusCode).toBe(200);
    expect(r.headers.vary).toContain('Accept-Language');
    const body = r.json() as ProcedureDetail;
    expect(body.content).toMatchObject({
      lang: 'en',
      english: 'full',
      textLang: 'en',
      name: 'Marital status certificate',
      fieldName: { text: 'Civil status', lang: 'en' },
    });
    expect(body.content.guide.steps).toHaveLength(body.definition.guide.steps.length);
    expect(body.content.guide.steps[0]).toBe('Sign in and state what the certificate is for.');
    expect(body.content.legalBasis[0]).toEqual({ number: 'Luật Hộ tịch số 60/2014/QH13', title: { text: 'Law on Civil Status', lang: 'en' } });
    // The legal text stays Vietnamese.
    expect(body.definition.name).toBe('Cấp Giấy xác nhận tình trạng hôn nhân');
    expect(body.definition.cases[0].result).toMatchObject({ name: 'Giấy xác nhận tình trạng hôn nhân', nameEn: 'Marital status certificate' });
  });

  it('reads Accept-Language when there is no ?lang=, and ?lang= wins over it', async () => {
    const byHeader = await detail('/api/procedures/1.001193', { 'accept-language': 'en-GB,en;q=0.9,vi;q=0.5' });
    expect(byHeader.content).toMatchObject({ lang: 'en', textLang: 'en', english: 'full', name: 'Birth registration' });
    const vi = await detail('/api/procedures/1.001193?lang=vi', { 'accept-language': 'en' });
    expect(vi.content).toMatchObject({ lang: 'vi', textLang: 'vi', english: 'full', name: 'Đăng ký khai sinh' });
    expect(vi.content.guide).toEqual(vi.definition.guide);
    const none = await detail('/api/procedures/1.001193');
    expect(none.content.lang).toBe('vi');
  });

  it('says when a procedure has no English, and gives its Vietnamese', async () => {
    const body = await detail('/api/procedures/1.000656?lang=en');
    expect(body.definition.en).toBeUndefined();
    expect(body.content).toMatchObject({ lang: 'en', english: 'none', textLang: 'vi', name: body.definition.name, guide: body.definition.guide });
    expect(body.content.fieldName.lang).toBe('vi');
    expect(body.content.legalBasis.every((l: ProcedureContent['legalBasis'][number]) => l.title.lang === 'vi')).toBe(true);
  });

  it('names the procedures of a search in the language asked for, saying which', async () => {
    const r = await t.app.inject({ method: 'GET', url: '/api/procedures?pageSize=100&lang=en' });
    expect(r.statusCode).toBe(200);
    const items = r.json().items as { code: string; name: string; nameLang: string }[];
    expect(items.find((i) => i.code === '1.004873')).toMatchObject({ name: 'Marital status certificate', nameLang: 'en' });
    expect(items.find((i) => i.code === '1.000656')).toMatchObject({ nameLang: 'vi' });
    const vi = (await t.app.inject({ method: 'GET', url: '/api/procedures?q=1.004873', headers: { 'accept-language': 'vi' } })).json();
    expect(vi.items[0]).toMatchObject({ name: 'Cấp Giấy xác nhận tình trạng hôn nhân', nameLang: 'vi' });
  });

  it('answers any other ?lang= or Accept-Language in Vietnamese, never an error', async () => {
    for (const lang of ['fr', 'xx-YY', 'english', '%F0%9F%98%80', '%3Cscript%3E', '1', '']) {
      const body = await detail(`/api/procedures/1.004873?lang=${lang}`);
      expect(body.content, lang).toMatchObject({ lang: 'vi', name: 'Cấp Giấy xác nhận tình trạng hôn nhân' });
    }
    for (const header of ['*', 'en;q=0', 'de-DE,fr;q=0.5', ';;;,,,q=', 'x'.repeat(4000)]) {
      const body = await detail('/api/procedures/1.004873', { 'accept-language': header });
      expect(body.content.lang, header).toBe('vi');
    }
  });

  it('refuses a huge, repeated or NUL-bearing ?lang= with a Vietnamese 400', async () => {
    for (const url of [
      '/api/procedures/1.004873?lang=%00',
      '/api/procedures/1.004873?lang=en%00',
      `/api/procedures/1.004873?lang=${'e'.repeat(5000)}`,
      '/api/procedures/1.004873?lang=en&lang=vi',
      `/api/procedures?lang=${'e'.repeat(5000)}`,
    ]) {
      const r = await t.app.inject({ method: 'GET', url });
      expect(r.statusCode, url.slice(0, 60)).toBe(400);
      expect(r.json().error.code).toMatch(/VALIDATION_FAILED|NUL|INVALID/);
      expect(r.json().error.message).toMatch(/[ăâđêôơưạảấầẩẫậắằẳẵặẹẻẽếềểễệỉịọỏốồổỗộớờởỡợụủứừửữựỳỵỷỹ]/i);
    }
  });

  it('refuses a translation that disagrees with the Vietnamese, and writes nothing', async () => {
    const def = readCatalogueFiles().find((d) => d.code === '1.004873');
    if (!def?.en) throw new Error('1.004873 has English in the catalogue');
    const before = (await t.ctx.db.query<{ n: number }>('SELECT count(*)::int AS n FROM procedure_versions')).rows[0].n;
    const r = await admin.put('/api/admin/procedures/1.004873', { ...def, en: { ...def.en, guide: { ...def.en.guide, steps: ['Only one step'] } } });
    expect(r.statusCode).toBe(400);
    expect(r.json().error.code).toBe('VALIDATION_FAILED');
    expect(r.json().error.details.issues[0]).toMatchObject({
      path: 'en.guide.steps',
      message: 'Bản tiếng Anh có 1 bước, bản tiếng Việt có 3 bước: phải bằng nhau',
    });
    const extra = await admin.put('/api/admin/procedures/1.004873', { ...def, en: { ...def.en, title: 'x' } });
    expect(extra.statusCode).toBe(400);
    expect((await t.ctx.db.query<{ n: number }>('SELECT count(*)::int AS n FROM procedure_versions')).rows[0].n).toBe(before);
  });
});
