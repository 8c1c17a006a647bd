/**
 * Routes no other integration test calls, called here so that their answers too are checked against the contract
 * (the harness fails the file on any mismatch): deleting a draft, the development clock and mailbox, editing plan
 * targets and campaigns. (The payment attempt and the stored file are exercised by the browser tests.)
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testDatabaseKind } from '../../testing/harness.ts';
import { startBackOffice, type BackOffice } from '../../testing/back-office.ts';

describe(`routes checked against the contract on ${testDatabaseKind}`, () => {
  let b: BackOffice;
  beforeAll(async () => {
    b = await startBackOffice();
  });
  afterAll(async () => b?.close());

  it('deletes a draft', async () => {
    const draft = (await b.citizen.post('/api/drafts', { procedureCode: '1.001193', caseCode: 'dung-han' })).json();
    const res = await b.citizen.delete(`/api/drafts/${draft.id}`);
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toEqual({ ok: true });
    expect((await b.citizen.get('/api/drafts')).json().items.map((d: { id: string }) => d.id)).not.toContain(draft.id);
  });

  it('reads and sets the business clock (development and tests only)', async () => {
    const before = await b.citizen.get('/api/dev/clock');
    expect(before.statusCode).toBe(200);
    const at = new Date(Date.parse(before.json().now) + 3_600_000).toISOString();
    const set = await b.citizen.post('/api/dev/clock', { at, frozen: true });
    expect(set.statusCode, set.body).toBe(200);
    expect(set.json().now).toBe(at);
  });

  it('lists the local mailbox (development only)', async () => {
    const res = await b.citizen.get('/api/dev/mailbox?limit=5');
    expect(res.statusCode, res.body).toBe(200);
    expect(Array.isArray(res.json())).toBe(true);
  });

  it('edits a plan target, and creates, lists, edits and deletes a campaign', async () => {
    const admin = await b.staff('quantri.phurieng');
    const target = await admin.post('/api/admin/targets', {
      unitId: 'dni.phurieng.ubnd',
      metric: 'online_dossier_rate',
      value: 70,
      effectiveFrom: '2025-01-01',
    });
    expect(target.statusCode, target.body).toBe(201);
    const edited = await admin.put(`/api/admin/targets/${target.json().id}`, {
      unitId: 'dni.phurieng.ubnd',
      metric: 'online_dossier_rate',
      value: 75,
      effectiveFrom: '2025-01-01',
    });
    expect(edited.statusCode, edited.body).toBe(200);
    expect(edited.json().value).toBe(75);

    const campaign = await admin.post('/api/admin/campaigns', { unitId: 'dni.phurieng.ubnd', name: 'Tháng cao điểm', from: '2025-03-01', to: '2025-03-31' });
    expect(campaign.statusCode, campaign.body).toBe(201);
    const id = campaign.json().id;
    const listed = await admin.get('/api/metrics/campaigns');
    expect(listed.statusCode, listed.body).toBe(200);
    expect(listed.json().map((c: { id: string }) => c.id)).toContain(id);
    const renamed = await admin.put(`/api/admin/campaigns/${id}`, {
      unitId: 'dni.phurieng.ubnd',
      name: 'Tháng cao điểm 3',
      from: '2025-03-01',
      to: '2025-03-31',
    });
    expect(renamed.statusCode, renamed.body).toBe(200);
    expect(renamed.json().name).toBe('Tháng cao điểm 3');
    const deleted = await admin.delete(`/api/admin/campaigns/${id}`);
    expect(deleted.statusCode, deleted.body).toBe(200);
    expect((await admin.get('/api/metrics/campaigns')).json().map((c: { id: string }) => c.id)).not.toContain(id);
  });
});
