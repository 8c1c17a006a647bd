import { execFileSync, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testDatabaseKind } from '../../testing/harness.ts';
import { startBackOffice, type BackOffice } from '../../testing/back-office.ts';

/** The text of a PDF (pdftotext), or null where poppler-utils is not installed. */
function pdfText(bytes: Buffer): string | null {
  if (spawnSync('pdftotext', ['-v']).status === null) return null;
  const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'preview-')), 'p.pdf');
  fs.writeFileSync(file, bytes);
  return execFileSync('pdftotext', [file, '-'], { encoding: 'utf8' }).replace(/\s+/g, ' ');
}

describe(`the leader sees what they sign, on ${testDatabaseKind}`, () => {
  let b: BackOffice;
  beforeAll(async () => {
    b = await startBackOffice();
  });
  afterAll(async () => b?.close());

  it('previews the result before signing: the dossier’s data, the leader as signer, no number, nothing recorded', async () => {
    const d = await b.submitBirthRegistration();
    const act = async (user: string, action: string, body?: unknown) => (await b.staff(user)).post(`/api/staff/dossiers/${d.id}/${action}`, body);
    expect((await act('tiepnhan.phurieng', 'accept')).statusCode).toBe(200);
    const detail = (await (await b.staff('tiepnhan.phurieng')).get(`/api/staff/dossiers/${d.id}`)).json();
    const specialist = detail.tasks[1].assigneeName === 'Nguyễn Thị Thu Trang' ? 'chuyenvien.vhxh' : 'chuyenvien2.vhxh';
    b.at('09:00');
    expect((await act(specialist, 'forward', { note: 'Trình ký' })).statusCode).toBe(200);

    const leader = await b.staff('lanhdao.phurieng');
    const res = await leader.get(`/api/staff/dossiers/${d.id}/result-preview.pdf`);
    expect(res.statusCode, res.body).toBe(200);
    expect(res.headers['content-type']).toContain('application/pdf');
    expect(res.rawPayload.subarray(0, 5).toString()).toBe('%PDF-');
    // Not signed, and nothing recorded: the result is made only when the leader signs.
    expect(res.rawPayload.includes(Buffer.from('/ByteRange'))).toBe(false);
    expect((await b.t.ctx.db.query('SELECT 1 FROM results WHERE dossier_id = $1', [d.id])).rowCount).toBe(0);
    const text = pdfText(res.rawPayload);
    if (text !== null) {
      expect(text).toContain('NGUYỄN MINH KHANG');
      expect(text).toContain('Nơi sinh: Trạm Y tế xã Phú Riềng');
      expect(text).toContain('Võ Minh Tâm');
      expect(text).toContain('BẢN MẪU – KHÔNG CÓ GIÁ TRỊ PHÁP LÝ');
      expect(text).toMatch(/Số: …\/\d{4}\/HT-KS/);
    }

    // The dossier holds the parents' ethnicity and nationality: no dotted blank anywhere (issue 18).
    if (text !== null) expect(text).not.toContain('……');

    // A dossier lacking a fact the document prints is refused with the fields named, in Vietnamese, not signed.
    await b.t.ctx.db.query(`UPDATE dossiers SET form_values = form_values - 'quocTichMe' WHERE id = $1`, [d.id]);
    const refused = await leader.get(`/api/staff/dossiers/${d.id}/result-preview.pdf`);
    expect(refused.statusCode).toBe(409);
    expect(refused.json().error).toMatchObject({ code: 'RESULT_INCOMPLETE', message: expect.stringContaining('Người mẹ – Quốc tịch') });
    const signing = await leader.post(`/api/staff/dossiers/${d.id}/forward`, {});
    expect(signing.statusCode).toBe(409);
    expect(signing.json().error.code).toBe('RESULT_INCOMPLETE');
    expect((await b.t.ctx.db.query('SELECT 1 FROM results WHERE dossier_id = $1', [d.id])).rowCount).toBe(0);

    // Access: anonymous, a citizen and an official of another commune are refused; a malformed id is a 4xx.
    const { TestClient } = await import('../../testing/harness.ts');
    expect((await new TestClient(b.t.app).get(`/api/staff/dossiers/${d.id}/result-preview.pdf`)).statusCode).toBe(401);
    expect([401, 403]).toContain((await b.citizen.get(`/api/staff/dossiers/${d.id}/result-preview.pdf`)).statusCode);
    expect((await (await b.staff('tiepnhan.xuanthanh')).get(`/api/staff/dossiers/${d.id}/result-preview.pdf`)).statusCode).toBe(404);
    for (const bad of ['abc', 'x'.repeat(3000), '%00']) {
      const r = await leader.get(`/api/staff/dossiers/${bad}/result-preview.pdf`);
      expect(r.statusCode).toBeGreaterThanOrEqual(400);
      expect(r.statusCode).toBeLessThan(500);
    }
  });
});
