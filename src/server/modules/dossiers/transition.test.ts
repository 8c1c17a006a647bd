/**
 * The one transition path, action by action: every action of the vocabulary (src/core/dossiers/transitions.ts) is
 * run through it on a real dossier at the right stage, and must leave exactly three traces in one transaction — the
 * status, one action-log entry under the action's event name, and one domain event in the outbox — and, when the
 * transaction fails after the update (a subscriber throws), none of the three.
 */
import crypto from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DossierEvent } from '../../../core/dossiers/events.ts';
import { ACTION_RULES, DOSSIER_ACTIONS, type DossierAction } from '../../../core/dossiers/transitions.ts';
import type { CitizenActor } from '../../http/actor.ts';
import { testDatabaseKind } from '../../testing/harness.ts';
import { DEMO_MOTHER_ID, PDF_BYTES, startBackOffice, type BackOffice } from '../../testing/back-office.ts';
import { loadStaff } from '../officials/index.ts';
import { DOSSIER_EVENT_TOPIC } from './events.ts';
import { prepareTransition, transition, type TransitionActor } from './transition.ts';
import type { TransitionInput } from './transition-input.ts';

type Stage = 'none' | 'new' | 'specialist' | 'leader' | 'clerk' | 'issued' | 'returned' | 'supplement' | 'payment';

interface Row {
  action: DossierAction;
  stage: Stage;
  /** A username, '$specialist' (the step's assignee), 'citizen' or 'gateway'. */
  who: string;
  input?: (b: BackOffice, id: string) => Promise<Omit<TransitionInput, 'action'>>;
  to: number;
}

const ROWS: Row[] = [
  { action: 'submit', stage: 'none', who: 'citizen', to: 1 },
  { action: 'accept', stage: 'new', who: 'tiepnhan.phurieng', to: 2 },
  {
    action: 'request_completion',
    stage: 'new',
    who: 'tiepnhan.phurieng',
    input: async () => ({ reason: 'Ảnh giấy chứng sinh bị mờ', items: [{ name: 'Giấy chứng sinh', reason: 'Ảnh mờ' }] }),
    to: 1,
  },
  { action: 'refuse', stage: 'new', who: 'tiepnhan.phurieng', input: async () => ({ reason: 'Không thuộc thẩm quyền của xã' }), to: 3 },
  { action: 'forward', stage: 'specialist', who: '$specialist', to: 4 },
  { action: 'send_back', stage: 'leader', who: 'lanhdao.phurieng', input: async () => ({ reason: 'Sai tên người cha, đề nghị sửa' }), to: 4 },
  { action: 'request_supplement', stage: 'specialist', who: '$specialist', input: async () => ({ reason: 'Thiếu bản rõ nét giấy chứng sinh' }), to: 5 },
  {
    action: 'provide_supplement',
    stage: 'supplement',
    who: 'citizen',
    to: 4,
    input: async (b) => ({
      documents: [{ requirementCode: 'GCS', uploadId: (await b.citizen.upload('/api/uploads', 'bo-sung.pdf', 'application/pdf', PDF_BYTES)).json().id }],
    }),
  },
  { action: 'request_payment', stage: 'specialist', who: 'tiepnhan.phurieng', input: async () => ({ amount: 8000 }), to: 6 },
  { action: 'record_payment', stage: 'payment', who: 'gateway', input: async () => ({ payment: { amount: 8000, method: 'online', gateway: 'vnpay' } }), to: 4 },
  {
    action: 'reschedule',
    stage: 'specialist',
    who: 'lanhdao.phurieng',
    input: async (b) => ({ reason: 'Cần xác minh nơi sinh', newDueAt: b.instant('17:30', 3).toISOString() }),
    to: 2,
  },
  { action: 'stop', stage: 'specialist', who: 'lanhdao.phurieng', input: async () => ({ reason: 'Người dân đã đăng ký tại nơi khác' }), to: 8 },
  { action: 'withdraw', stage: 'specialist', who: 'citizen', input: async () => ({ reason: 'Tôi không còn nhu cầu' }), to: 7 },
  { action: 'issue_result', stage: 'clerk', who: 'vanthu.phurieng', to: 9 },
  { action: 'return_result', stage: 'issued', who: 'tiepnhan.phurieng', input: async () => ({ delivery: { method: 'electronic' } }), to: 10 },
  { action: 'reassign', stage: 'specialist', who: 'lanhdao.phurieng', input: async (b, id) => ({ assigneeId: await otherSpecialist(b, id) }), to: 2 },
  {
    action: 'record_linked_receipt',
    stage: 'new',
    who: 'gateway',
    input: async () => ({ agency: { code: 'CUTRU', name: 'Công an xã' }, reference: 'CT-1', timeLimit: { amount: 7, unit: 'working_days' } }),
    to: 2,
  },
  {
    action: 'record_linked_result',
    stage: 'specialist',
    who: 'gateway',
    input: async () => ({ agency: { code: 'BHXH', name: 'Bảo hiểm xã hội' }, reference: 'BH-1', resultNumber: 'TE6-0001' }),
    to: 9,
  },
  { action: 'rate', stage: 'returned', who: 'citizen', input: async () => ({ rating: 'satisfied', channel: 'online' }), to: 10 },
  {
    // The self-digitisation module stamps and signs the component first (self-digitisation.test.ts); here, the entry alone.
    action: 'confirm_original',
    stage: 'specialist',
    who: 'tiepnhan.phurieng',
    input: async (b, id) => {
      const doc = (await b.t.ctx.db.query<{ id: string; sha256: string }>('SELECT id, sha256 FROM dossier_documents WHERE dossier_id = $1 LIMIT 1', [id]))
        .rows[0];
      return {
        documentId: doc.id,
        requirementCode: 'GCS',
        name: 'Giấy chứng sinh',
        photoSha256: doc.sha256,
        markedSha256: 'b'.repeat(64),
        certificate: 'CN=Trung tâm Phục vụ hành chính công xã Phú Riềng',
        unitId: 'dni.phurieng.ttpvhcc',
        storeDocumentId: null,
      };
    },
    to: 2,
  },
];

async function otherSpecialist(b: BackOffice, dossierId: string): Promise<string> {
  const { rows } = await b.t.ctx.db.query<{ id: string }>(
    `SELECT o.id FROM officials o JOIN official_memberships m ON m.official_id = o.id AND m.role = 'specialist'
      JOIN dossier_tasks t ON t.dossier_id = $1 AND t.completed_at IS NULL AND t.unit_id = m.unit_id
     WHERE o.id <> t.assignee_id ORDER BY o.username LIMIT 1`,
    [dossierId],
  );
  return rows[0].id;
}

describe(`the one transition path, every action, on ${testDatabaseKind}`, () => {
  let b: BackOffice;
  let citizen: CitizenActor;
  beforeAll(async () => {
    b = await startBackOffice();
    // The owner (her session's id is read from each dossier: uploads are hers by that id).
    citizen = { kind: 'citizen', id: crypto.randomUUID(), idNumber: DEMO_MOTHER_ID, fullName: 'Trần Thị Mai' } as CitizenActor;
  });
  afterAll(async () => b?.close());

  it('covers the whole vocabulary', () => {
    expect(ROWS.map((r) => r.action).sort()).toEqual([...DOSSIER_ACTIONS].sort());
  });

  const act = async (user: string, id: string, slug: string, body: Record<string, unknown> = {}) => {
    const res = await (await b.staff(user)).post(`/api/staff/dossiers/${id}/${slug}`, body);
    expect(res.statusCode, res.body).toBe(200);
  };
  const assignee = async (id: string) => {
    const { rows } = await b.t.ctx.db.query<{ username: string }>(
      'SELECT o.username FROM dossier_tasks t JOIN officials o ON o.id = t.assignee_id WHERE t.dossier_id = $1 AND t.completed_at IS NULL',
      [id],
    );
    return rows[0].username;
  };
  async function dossierAt(stage: Exclude<Stage, 'none'>): Promise<string> {
    b.at('08:00');
    const { id } = await b.submitBirthRegistration();
    if (stage === 'new') return id;
    await act('tiepnhan.phurieng', id, 'accept');
    if (stage === 'specialist') return id;
    if (stage === 'supplement') {
      await act(await assignee(id), id, 'request-supplement', { reason: 'Thiếu giấy chứng sinh rõ nét' });
      return id;
    }
    if (stage === 'payment') {
      await act('tiepnhan.phurieng', id, 'request-payment', { amount: 8000 });
      return id;
    }
    await act(await assignee(id), id, 'forward');
    if (stage === 'leader') return id;
    await act('lanhdao.phurieng', id, 'forward');
    if (stage === 'clerk') return id;
    await act('vanthu.phurieng', id, 'issue-result');
    if (stage === 'issued') return id;
    await act('tiepnhan.phurieng', id, 'return-result', { delivery: { method: 'electronic' } });
    return id;
  }

  const traces = async (id: string) => {
    const db = b.t.ctx.db;
    const status = (await db.query<{ status: number }>('SELECT status FROM dossiers WHERE id = $1', [id])).rows[0]?.status;
    const log = (
      await db.query<{ seq: number; action: string; from_status: number | null; to_status: number | null; hash: string }>(
        'SELECT seq, action, from_status, to_status, hash FROM dossier_actions WHERE dossier_id = $1 ORDER BY seq',
        [id],
      )
    ).rows;
    const events = (
      await db.query<{ payload: DossierEvent }>("SELECT payload FROM outbox WHERE topic = $1 AND payload ->> 'dossierId' = $2 ORDER BY id", [
        DOSSIER_EVENT_TOPIC,
        id,
      ])
    ).rows.map((r) => r.payload);
    return { status, log, events };
  };

  const actorOf = async (who: string, id: string): Promise<TransitionActor> => {
    if (who === 'citizen') {
      const owner = (await b.t.ctx.db.query<{ owner_citizen_id: string }>('SELECT owner_citizen_id FROM dossiers WHERE id = $1', [id])).rows[0]
        .owner_citizen_id;
      return { kind: 'citizen', citizen: { ...citizen, id: owner } };
    }
    if (who === 'gateway') return { kind: 'system', id: 'vnpay', name: 'Cổng thanh toán VNPay (của tỉnh)', role: 'payment_gateway' };
    const username = who === '$specialist' ? await assignee(id) : who;
    const official = (await b.t.ctx.db.query<{ id: string }>('SELECT id FROM officials WHERE username = $1', [username])).rows[0];
    return { kind: 'official', staff: (await loadStaff(b.t.ctx, { id: official.id, username }))! };
  };

  for (const row of ROWS) {
    it(`${row.action}: status ${row.to}, one "${ACTION_RULES[row.action].event}" entry and one event in one transaction; nothing when it fails`, async () => {
      if (row.action === 'submit') {
        const { id, code } = await b.submitBirthRegistration();
        const after = await traces(id);
        expect(after.status).toBe(1);
        expect(after.log.map((l) => [l.seq, l.action, l.from_status, l.to_status])).toEqual([[1, 'submitted', null, 1]]);
        expect(after.events).toHaveLength(1);
        expect(after.events[0]).toMatchObject({
          id: `${id}:1`,
          type: 'submitted',
          action: 'submit',
          code,
          seq: 1,
          status: { before: null, after: 1 },
          channel: 2,
          logHash: after.log[0].hash,
        });
        return;
      }
      const id = await dossierAt(row.stage as Exclude<Stage, 'none'>);
      const before = await traces(id);
      const input = { action: row.action, ...(row.input ? await row.input(b, id) : {}) } as TransitionInput;
      const actor = await actorOf(row.who, id);
      const env = await prepareTransition(b.t.ctx, id, row.action);

      // A failure after the update (here: a subscriber of the event throws) rolls back all three traces.
      const failing = {
        ...env,
        ctx: {
          ...env.ctx,
          dossierSubscribers: [
            async () => {
              throw new Error('forced failure after the update');
            },
          ],
        },
      };
      await expect(b.t.ctx.db.transaction((tx) => transition(tx, failing, id, input, actor))).rejects.toThrow('forced failure');
      expect(await traces(id)).toEqual(before);

      const result = await b.t.ctx.db.transaction((tx) =>
        transition(tx, env, id, input, actor, row.action === 'record_payment' ? { record: { reference: 'TEST-1' } } : {}),
      );
      const after = await traces(id);
      expect(result.status).toBe(row.to);
      expect(after.status).toBe(row.to);
      expect(after.log.slice(0, -1)).toEqual(before.log);
      const entry = after.log.at(-1)!;
      expect(entry).toMatchObject({ seq: before.log.length + 1, action: ACTION_RULES[row.action].event, from_status: before.status, to_status: row.to });
      expect(after.events.slice(0, -1)).toEqual(before.events);
      expect(after.events).toHaveLength(before.events.length + 1);
      const event = after.events.at(-1)!;
      expect(event).toMatchObject({
        id: `${id}:${entry.seq}`,
        type: ACTION_RULES[row.action].event,
        action: row.action,
        seq: entry.seq,
        status: { before: before.status, after: row.to },
        logHash: entry.hash,
        procedure: { code: '1.001193' },
      });
      expect(event.code).toMatch(/^000\.01\.52\.H19-\d{6}-\d{4}$/);
      expect(event).toEqual(result.event);
    });
  }

  it('refuses what the rules refuse, and a refused attempt leaves no trace', async () => {
    const id = await dossierAt('new');
    const before = await traces(id);
    const env = await prepareTransition(b.t.ctx, id, 'issue_result');
    const clerk = await actorOf('vanthu.phurieng', id);
    await expect(b.t.ctx.db.transaction((tx) => transition(tx, env, id, { action: 'issue_result' }, clerk))).rejects.toMatchObject({ status: 409 });
    await expect(
      b.t.ctx.db.transaction(async (tx) =>
        transition(
          tx,
          env,
          id,
          { action: 'withdraw', reason: 'Không phải hồ sơ của tôi' },
          { kind: 'citizen', citizen: { ...citizen, id: crypto.randomUUID(), idNumber: '070195099999' } },
        ),
      ),
    ).rejects.toMatchObject({ status: 404 });
    expect(await traces(id)).toEqual(before);
  });
});
