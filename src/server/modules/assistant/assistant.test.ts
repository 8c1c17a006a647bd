import crypto from 'node:crypto';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../db/database.ts';
import { startTestApp, TestClient, testDatabaseKind, type TestApp } from '../../testing/harness.ts';
import { seedCatalogue } from '../catalogue/index.ts';
import { OpenAiCompatibleGenerator } from './generator.ts';
import { assistantFor } from './service.ts';

async function insertDossier(db: Database, o: { code: string; owner: string | null; idNumber: string; status: number; procedure: [string, string] }) {
  await db.query(
    `INSERT INTO dossiers (id, code, procedure_code, procedure_version, case_code, procedure_name, status, channel, owner_citizen_id, applicant, applicant_name,
       applicant_id_number, summary, form_values, receiving_unit_id, submitted_at, due_at)
     VALUES ($1, $2, $3, 1, 'mac-dinh', $4, $5, 2, $6, '{}', 'Người nộp', $7, 'thử', '{}', 'U', now(), now() + interval '3 days')`,
    [crypto.randomUUID(), o.code, o.procedure[0], o.procedure[1], o.status, o.owner, o.idNumber],
  );
}

const citizenA = { citizenId: crypto.randomUUID(), idNumber: '001090000001', fullName: 'Trần Thị An' };
const citizenB = { citizenId: crypto.randomUUID(), idNumber: '001090000002', fullName: 'Lê Văn Bình' };
const CODE_A = '000.00.12.H35-260105-0001';
const CODE_B = '000.00.12.H35-260105-0002';

describe(`assistant API on ${testDatabaseKind}`, () => {
  let t: TestApp;
  let anon: TestClient;
  let a: TestClient;
  let b: TestClient;
  let admin: TestClient;
  let clerk: TestClient;
  beforeAll(async () => {
    t = await startTestApp({ seed: false });
    await seedCatalogue(t.ctx.db);
    await insertDossier(t.ctx.db, {
      code: CODE_A,
      owner: citizenA.citizenId,
      idNumber: citizenA.idNumber,
      status: 4,
      procedure: ['1.004873', 'Cấp Giấy xác nhận tình trạng hôn nhân'],
    });
    await insertDossier(t.ctx.db, {
      code: CODE_B,
      owner: citizenB.citizenId,
      idNumber: citizenB.idNumber,
      status: 5,
      procedure: ['1.000894', 'Đăng ký kết hôn'],
    });
    anon = new TestClient(t.app);
    a = new TestClient(t.app);
    await a.loginAs(t.ctx.db, 'citizen', citizenA);
    b = new TestClient(t.app);
    await b.loginAs(t.ctx.db, 'citizen', citizenB);
    admin = new TestClient(t.app);
    await admin.loginAs(t.ctx.db, 'official', { userId: 'a1', username: 'quantri', fullName: 'Quản trị', roles: ['catalogue_admin'], unitIds: [] });
    clerk = new TestClient(t.app);
    await clerk.loginAs(t.ctx.db, 'official', { userId: 'c1', username: 'vanthu', fullName: 'Văn thư', roles: ['clerk'], unitIds: [] });
  });
  afterAll(async () => t?.close());

  it('answers from the catalogue, every source an existing procedure, with a link into the right case of the e-form', async () => {
    for (const [q, code, link] of [
      ['lam giay khai sinh cho con qua han', '1.001193', '/nop-ho-so/1.001193?truong-hop=qua-han'],
      ['xin xác nhận độc thân', '1.004873', '/nop-ho-so/1.004873?truong-hop=mac-dinh'],
      ['sang tên sổ đỏ', '2.001035', '/nop-ho-so/2.001035?truong-hop=mac-dinh'],
    ] as const) {
      const r = await anon.post('/api/assistant/ask', { question: q });
      expect(r.statusCode, q).toBe(200);
      const body = r.json();
      expect(body).toMatchObject({ confident: true, intent: 'procedure', generated: false });
      expect(body.procedures[0].code).toBe(code);
      expect(body.links.map((l: { href: string }) => l.href)).toContain(link);
      for (const s of body.sources) {
        const p = await anon.get(`/api/procedures/${encodeURIComponent(s.code)}`);
        expect(p.statusCode).toBe(200);
        expect(p.json().definition.name).toBe(s.title);
      }
    }
  });

  it('says it is not sure about "xin visa đi Mỹ", offers the hotline, and invents nothing', async () => {
    const body = (await anon.post('/api/assistant/ask', { question: 'xin visa đi Mỹ' })).json();
    expect(body).toMatchObject({ confident: false, intent: 'not_sure', procedures: [], sources: [] });
    expect(body.answer).toContain('1022');
    expect(body.links[0].href).toBe('tel:1022');
  });

  it('tells a logged-in citizen where their own dossier is, and nothing about anyone else’s', async () => {
    const mine = (await a.post('/api/assistant/ask', { question: 'hồ sơ của tôi đến đâu rồi' })).json();
    expect(mine.intent).toBe('status');
    expect(mine.answer).toContain(CODE_A);
    expect(mine.answer).toContain('Đang xử lý');
    expect(mine.answer).not.toContain(CODE_B);
    expect(mine.sources).toEqual([{ kind: 'dossier', code: CODE_A, title: 'Cấp Giấy xác nhận tình trạng hôn nhân' }]);

    const other = (await a.post('/api/assistant/ask', { question: `hồ sơ ${CODE_B} đến đâu rồi` })).json();
    expect(other.answer).toContain('chỉ có thể cho biết tình trạng hồ sơ của chính bạn');
    expect(other.answer).not.toMatch(/Đăng ký kết hôn|Yêu cầu bổ sung/);
    expect(other.sources).toEqual([]);
    // The same refusal for a code that does not exist: nothing tells whether B's exists.
    const none = (await a.post('/api/assistant/ask', { question: 'hồ sơ 000.00.12.H35-260105-0999 đến đâu rồi' })).json();
    expect(none.answer.replace('0999', '0002')).toBe(other.answer);

    const theirs = (await b.post('/api/assistant/ask', { question: `ho so ${CODE_B.toLowerCase()} den dau roi` })).json();
    expect(theirs.answer).toContain('Yêu cầu bổ sung giấy tờ');

    const anonymous = (await anon.post('/api/assistant/ask', { question: 'hồ sơ của tôi đến đâu rồi' })).json();
    expect(anonymous.sources).toEqual([]);
    expect(anonymous.answer).toContain('đăng nhập');
    const official = (await clerk.post('/api/assistant/ask', { question: `hồ sơ ${CODE_A} đến đâu rồi` })).json();
    expect(official.answer).not.toContain('Đang xử lý');
  });

  it('logs questions without the asker or personal data, and takes thumbs up/down', async () => {
    const r = (await a.post('/api/assistant/ask', { question: 'tôi số 0912345678, CCCD 001090000001, email an@example.vn, hồ sơ của tôi đến đâu rồi' })).json();
    const row = (await t.ctx.db.query<Record<string, unknown>>('SELECT * FROM assistant_log WHERE id = $1', [r.questionId])).rows[0];
    expect(JSON.stringify(row)).not.toMatch(/0912345678|001090000001|an@example|H35-260105|Trần Thị An/);
    expect(Object.keys(row)).not.toContain('citizen_id');
    expect((await anon.post('/api/assistant/feedback', { questionId: r.questionId, helpful: false })).statusCode).toBe(200);
    expect((await anon.post('/api/assistant/feedback', { questionId: r.questionId, chosenLink: '/tra-cuu' })).statusCode).toBe(200);
    const after = (
      await t.ctx.db.query<{ helpful: boolean; chosen_link: string }>('SELECT helpful, chosen_link FROM assistant_log WHERE id = $1', [r.questionId])
    ).rows[0];
    expect(after).toEqual({ helpful: false, chosen_link: '/tra-cuu' });
    expect((await anon.post('/api/assistant/feedback', { questionId: crypto.randomUUID(), helpful: true })).statusCode).toBe(404);
    expect((await anon.post('/api/assistant/feedback', { questionId: r.questionId, chosenLink: 'https://evil.example' })).statusCode).toBe(400);
  });

  it('refuses bad input with a clear Vietnamese message, never a 500', async () => {
    for (const body of [{}, { question: 42 }, { question: '' }, { question: 'a\u0000b' }, { question: 'x'.repeat(10_000) }, { question: 'ok', extra: 1 }, []]) {
      const r = await anon.post('/api/assistant/ask', body);
      expect(r.statusCode, JSON.stringify(body).slice(0, 40)).toBe(400);
      expect(['VALIDATION_FAILED', 'NUL_CHARACTER']).toContain(r.json().error.code); // NUL bytes are refused at the edge
      expect(r.json().error.message).toMatch(/[ăâđêôơư]/);
    }
    expect((await anon.post('/api/assistant/feedback', { questionId: 'nope', helpful: 'yes' })).statusCode).toBe(400);
  });

  it('lets only catalogue administrators edit phrasings and curated answers, which the assistant uses at once', async () => {
    const phrasing = { phrase: 'làm giấy ế vợ', procedureCode: '1.004873' };
    expect((await anon.post('/api/admin/assistant/phrasings', phrasing)).statusCode).toBe(401);
    expect((await a.post('/api/admin/assistant/phrasings', phrasing)).statusCode).toBe(403);
    expect((await clerk.post('/api/admin/assistant/phrasings', phrasing)).statusCode).toBe(403);
    expect((await clerk.get('/api/admin/assistant/phrasings')).statusCode).toBe(403);
    expect((await admin.post('/api/admin/assistant/phrasings', { ...phrasing, procedureCode: '9.999999' })).statusCode).toBe(422);
    expect((await admin.post('/api/admin/assistant/phrasings', { ...phrasing, caseCode: 'khong-co' })).statusCode).toBe(404);
    expect((await admin.post('/api/admin/assistant/phrasings', { ...phrasing, phrase: 'a\u0000' })).statusCode).toBe(400);
    const before = (await anon.post('/api/assistant/ask', { question: 'giấy ế vợ' })).json();
    expect(before.confident).toBe(false);
    const made = await admin.post('/api/admin/assistant/phrasings', phrasing);
    expect(made.statusCode).toBe(201);
    expect((await admin.post('/api/admin/assistant/phrasings', phrasing)).statusCode).toBe(409);
    const after = (await anon.post('/api/assistant/ask', { question: 'giấy ế vợ' })).json();
    expect(after.procedures[0].code).toBe('1.004873');
    const list = (await admin.get('/api/admin/assistant/phrasings')).json().items;
    expect(list.filter((p: { origin: string }) => p.origin === 'file').length).toBeGreaterThan(100);
    expect((await admin.delete(`/api/admin/assistant/phrasings/${made.json().id}`)).statusCode).toBe(200);
    expect((await admin.delete(`/api/admin/assistant/phrasings/${made.json().id}`)).statusCode).toBe(404);
    expect((await admin.delete('/api/admin/assistant/phrasings/abc')).statusCode).toBe(400);

    const qa = { question: 'giờ làm việc của bộ phận một cửa', answer: 'Bộ phận Một cửa làm việc từ thứ Hai đến thứ Sáu, sáng 7 giờ 30 đến 11 giờ 30.' };
    expect((await clerk.post('/api/admin/assistant/answers', qa)).statusCode).toBe(403);
    const c = await admin.post('/api/admin/assistant/answers', qa);
    expect(c.statusCode).toBe(201);
    const asked = (await anon.post('/api/assistant/ask', { question: 'gio lam viec cua bo phan mot cua' })).json();
    expect(asked).toMatchObject({ intent: 'qa', confident: true, answer: qa.answer });
    expect(asked.sources[0]).toEqual({ kind: 'qa', code: `TL-${c.json().id}`, title: qa.question });
    expect((await admin.put(`/api/admin/assistant/answers/${c.json().id}`, { ...qa, answer: 'Sửa lại câu trả lời.' })).json().answer).toBe(
      'Sửa lại câu trả lời.',
    );
    expect((await admin.put('/api/admin/assistant/answers/99999', qa)).statusCode).toBe(404);
    expect((await admin.get('/api/admin/assistant/answers')).json().items).toHaveLength(1);
    expect((await admin.delete(`/api/admin/assistant/answers/${c.json().id}`)).statusCode).toBe(200);

    const stats = (await admin.get('/api/admin/assistant/stats')).json();
    expect(stats.questions).toBeGreaterThan(5);
    expect(stats.unanswered.map((u: { question: string }) => u.question)).toContain('xin visa đi mỹ');
    expect((await a.get('/api/admin/assistant/stats')).statusCode).toBe(403);
  });

  it('lets a configured OpenAI-compatible model rephrase an answer, keeping its facts and sources, or falls back to the draft', async () => {
    let mode: 'faithful' | 'invents' | 'down' = 'faithful';
    const server = http.createServer((req, res) => {
      let raw = '';
      req.on('data', (c) => (raw += c));
      req.on('end', () => {
        const body = JSON.parse(raw) as { messages: { content: string }[] };
        const draft = body.messages[1].content.split('Câu trả lời nháp:\n')[1];
        if (mode === 'down') return res.writeHead(503).end();
        const content = mode === 'faithful' ? `Chào bạn! ${draft}` : `${draft}\nNgoài ra nộp thêm 200.000 đồng phí dịch vụ.`;
        res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ choices: [{ message: { role: 'assistant', content } }] }));
      });
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    try {
      const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/v1`;
      assistantFor(t.ctx, new OpenAiCompatibleGenerator({ url, model: 'test' }));
      const ok = (await anon.post('/api/assistant/ask', { question: 'xin xác nhận độc thân' })).json();
      expect(ok.generated).toBe(true);
      expect(ok.answer.startsWith('Chào bạn!')).toBe(true);
      expect(ok.sources[0].code).toBe('1.004873');
      mode = 'invents';
      const bad = (await anon.post('/api/assistant/ask', { question: 'xin xác nhận độc thân' })).json();
      expect(bad.generated).toBe(false);
      expect(bad.answer).not.toContain('200.000');
      mode = 'down';
      expect((await anon.post('/api/assistant/ask', { question: 'xin xác nhận độc thân' })).json().generated).toBe(false);
    } finally {
      assistantFor(t.ctx, null);
      server.close();
    }
  });
});
