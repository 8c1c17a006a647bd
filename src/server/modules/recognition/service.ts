/**
 * Recognition in the background: a request stores a pending row and answers at once; a worker (the scheduled job
 * `recognition.jobs`, one warm OCR engine per process) claims pending rows with FOR UPDATE SKIP LOCKED and a lease,
 * recognises the upload and stores the result or a Vietnamese error. A repeated request for the same upload and type
 * returns the same row (idempotent). Only the owner of the upload can request and read it.
 */
import crypto from 'node:crypto';
import type { RecognitionRequest, RecognitionView } from '../../../contract/recognition.ts';
import type { RecognitionResult } from '../../../core/recognition/fields.ts';
import type { RecognisableType } from '../../../core/recognition/templates.ts';
import { now } from '../../clock.ts';
import type { AppContext } from '../../context.ts';
import { kysely, type Selectable, sql, type DB } from '../../db/kysely.ts';
import type { Actor } from '../../http/actor.ts';
import { notFound } from '../../http/errors.ts';
import type { JobDefinition, JobLogger } from '../../jobs/scheduler.ts';
import { findOwnUpload } from '../documents/index.ts';
import { createRecogniser, type Recogniser, RecognitionInputError } from './recogniser.ts';

/** A claim lasts this long; a worker that dies mid-page leaves the row to be claimed again after it. */
const LEASE_MS = 5 * 60_000;
/** After this many claims a row that keeps failing (e.g. crashes the engine) is marked failed. */
const MAX_ATTEMPTS = 3;

function view(r: Selectable<DB['recognitions']>): RecognitionView {
  return {
    id: r.id,
    uploadId: r.upload_id,
    requestedType: r.requested_type === '' ? null : (r.requested_type as RecognisableType),
    status: r.status as RecognitionView['status'],
    result: (r.result as RecognitionResult | null) ?? null,
    error: r.error,
    createdAt: new Date(r.created_at).toISOString(),
    finishedAt: r.finished_at ? new Date(r.finished_at).toISOString() : null,
  };
}

export async function requestRecognition(ctx: AppContext, actor: Actor, req: RecognitionRequest): Promise<RecognitionView> {
  const upload = await findOwnUpload(ctx, actor, req.uploadId);
  if (!upload) throw notFound('Không tìm thấy tệp đã gửi lên.');
  const q = kysely(ctx.db);
  await q
    .insertInto('recognitions')
    .values({ id: crypto.randomUUID(), owner_kind: actor.kind, owner_id: actor.id, upload_id: upload.id, requested_type: req.type ?? '', created_at: now() })
    .onConflict((oc) => oc.columns(['owner_kind', 'owner_id', 'upload_id', 'requested_type']).doNothing())
    .execute();
  const row = await q
    .selectFrom('recognitions')
    .selectAll()
    .where('owner_kind', '=', actor.kind)
    .where('owner_id', '=', actor.id)
    .where('upload_id', '=', upload.id)
    .where('requested_type', '=', req.type ?? '')
    .executeTakeFirstOrThrow();
  return view(row);
}

export async function findRecognition(ctx: AppContext, actor: Actor, id: string): Promise<RecognitionView> {
  const row = await kysely(ctx.db)
    .selectFrom('recognitions')
    .selectAll()
    .where('id', '=', id)
    .where('owner_kind', '=', actor.kind)
    .where('owner_id', '=', actor.id)
    .executeTakeFirst();
  if (!row) throw notFound('Không tìm thấy yêu cầu nhận dạng.');
  return view(row);
}

/** Claims up to `limit` pending rows (SKIP LOCKED, lease), recognises each, stores the outcome. Returns how many finished. */
export async function runRecognitionBatch(ctx: AppContext, recogniser: Recogniser, limit = 4): Promise<number> {
  const claimed = await ctx.db.transaction(async (tx) => {
    const rows = await kysely(tx)
      .selectFrom('recognitions')
      .innerJoin('uploads', 'uploads.id', 'recognitions.upload_id')
      .select(['recognitions.id', 'recognitions.requested_type', 'recognitions.attempts', 'uploads.sha256'])
      .where('recognitions.status', '=', 'pending')
      .where((eb) => eb.or([eb('recognitions.lease_until', 'is', null), eb('recognitions.lease_until', '<', now())]))
      .orderBy('recognitions.created_at')
      .limit(limit)
      .forUpdate('recognitions')
      .skipLocked()
      .execute();
    for (const r of rows)
      await kysely(tx)
        .updateTable('recognitions')
        .set({ lease_until: new Date(now().getTime() + LEASE_MS), attempts: sql`attempts + 1` })
        .where('id', '=', r.id)
        .execute();
    return rows;
  });
  let finished = 0;
  for (const r of claimed) {
    let outcome: { status: 'done'; result: RecognitionResult } | { status: 'failed'; error: string };
    try {
      const bytes = await ctx.files.get(r.sha256);
      outcome = { status: 'done', result: await recogniser.recognise(bytes, { type: r.requested_type || undefined }) };
    } catch (err) {
      if (err instanceof RecognitionInputError) outcome = { status: 'failed', error: err.message };
      else if (r.attempts + 1 >= MAX_ATTEMPTS)
        outcome = { status: 'failed', error: 'Không nhận dạng được tệp này sau nhiều lần thử; vui lòng nhập thông tin bằng tay.' };
      else continue; // the lease expires and another run tries again
    }
    await kysely(ctx.db)
      .updateTable('recognitions')
      .set({
        status: outcome.status,
        result: outcome.status === 'done' ? JSON.stringify(outcome.result) : null,
        error: outcome.status === 'failed' ? outcome.error : null,
        finished_at: now(),
        lease_until: null,
      })
      .where('id', '=', r.id)
      .where('status', '=', 'pending')
      .execute();
    finished++;
  }
  return finished;
}

/** The scheduled job: one recogniser (one warm tesseract worker) per process. */
export function recognitionJob(ctx: AppContext, log: Pick<JobLogger, 'warn'>): JobDefinition {
  let recogniser: Recogniser | null = null;
  return {
    name: 'recognition.jobs',
    everyMs: 1000,
    runImmediately: true,
    run: async (signal) => {
      recogniser ??= createRecogniser();
      let done = 0;
      for (let round = 0; round < 25 && !signal.aborted; round++) {
        const n = await runRecognitionBatch(ctx, recogniser).catch((err: unknown) => {
          log.warn({ err, job: 'recognition.jobs' }, 'recognition batch failed');
          return 0;
        });
        done += n;
        if (n === 0) break;
      }
      return { recognised: done };
    },
  };
}
