/**
 * Satisfaction ratings (Rất hài lòng / Hài lòng / Không hài lòng, optional comment) given after the result: by the
 * owner online, or on the counter tablet with the citizen present. One rating per dossier; the same rating sent
 * again (a retry) returns the stored one; a different one is refused. The rating attaches to the dossier (an entry
 * in its action log, which also feeds the counters) and to every official who handled it.
 */
import { RatingInput, type Rating } from '../../../contract/metrics.ts';
import { now } from '../../clock.ts';
import type { Database } from '../../db/database.ts';
import { AppError, notFound } from '../../http/errors.ts';
import { appendAction } from '../dossiers/action-log.ts';

export { RatingInput };

const RATED_STATUSES = new Set([9, 10]);

interface RatingRow {
  dossier_id: string;
  rating: Rating['rating'];
  comment: string | null;
  channel: Rating['channel'];
  rated_at: Date;
}
const toRating = (r: RatingRow): Rating => ({
  dossierId: r.dossier_id, rating: r.rating, ...(r.comment ? { comment: r.comment } : {}), channel: r.channel, ratedAt: new Date(r.rated_at).toISOString(),
});

export async function getRating(db: Database, dossierId: string): Promise<Rating | null> {
  const r = (await db.query<RatingRow>('SELECT dossier_id, rating, comment, channel, rated_at FROM dossier_ratings WHERE dossier_id = $1', [dossierId])).rows[0];
  return r ? toRating(r) : null;
}

export interface Rater {
  kind: 'citizen' | 'official';
  id: string;
  name: string;
}

/**
 * Records a rating. `check` runs under the dossier's row lock with the dossier row and throws when the rater may
 * not rate it (not the owner, not an official of the counter…).
 */
export async function rateDossier(
  db: Database,
  dossierId: string,
  input: RatingInput,
  rater: Rater,
  channel: Rating['channel'],
  check: (d: { owner_citizen_id: string | null; applicant_id_number: string | null; receiving_unit_id: string; unit_ids: string[] }) => void,
): Promise<{ rating: Rating; created: boolean }> {
  if (!/^[0-9a-f-]{36}$/i.test(dossierId)) throw notFound('Không tìm thấy hồ sơ.');
  return db.transaction(async (tx) => {
    const d = (await tx.query<{ status: number; owner_citizen_id: string | null; applicant_id_number: string | null; receiving_unit_id: string; unit_ids: string[] }>(
      'SELECT status, owner_citizen_id, applicant_id_number, receiving_unit_id, unit_ids FROM dossiers WHERE id = $1 FOR UPDATE',
      [dossierId],
    )).rows[0];
    if (!d) throw notFound('Không tìm thấy hồ sơ.');
    check(d);
    const existing = (await tx.query<RatingRow>('SELECT dossier_id, rating, comment, channel, rated_at FROM dossier_ratings WHERE dossier_id = $1', [dossierId])).rows[0];
    if (existing) {
      if (existing.rating === input.rating && (existing.comment ?? '') === (input.comment ?? '')) return { rating: toRating(existing), created: false };
      throw new AppError('ALREADY_RATED', 'Hồ sơ này đã được đánh giá; mỗi hồ sơ chỉ được đánh giá một lần.', 409);
    }
    if (!RATED_STATUSES.has(Number(d.status))) throw new AppError('NOT_YET_RATABLE', 'Chỉ đánh giá được sau khi hồ sơ đã có kết quả giải quyết.', 409);
    const at = now();
    await tx.query('INSERT INTO dossier_ratings (dossier_id, rating, comment, channel, rated_by, rated_at) VALUES ($1, $2, $3, $4, $5, $6)', [
      dossierId, input.rating, input.comment || null, channel, `${rater.kind}:${rater.id}`, at,
    ]);
    // Every official who handled the dossier: task assignees and finishers, and the counter official of an intake.
    await tx.query(
      `INSERT INTO dossier_rating_officials (dossier_id, official_id)
       SELECT $1, o.id FROM officials o WHERE o.id IN (
         SELECT completed_by FROM dossier_tasks WHERE dossier_id = $1 AND completed_by IS NOT NULL
         UNION SELECT assignee_id FROM dossier_tasks WHERE dossier_id = $1 AND assignee_id IS NOT NULL
         UNION SELECT (intake ->> 'officialId')::uuid FROM dossiers WHERE id = $1 AND intake ->> 'officialId' ~ '^[0-9a-f-]{36}$')
       ON CONFLICT DO NOTHING`,
      [dossierId],
    );
    await appendAction(tx, dossierId, {
      actorKind: rater.kind, actorId: rater.id, actorName: rater.name, actorRole: rater.kind === 'citizen' ? 'applicant' : 'reception', action: 'rated',
      fromStatus: null, toStatus: null, data: { rating: input.rating, channel }, at,
    });
    const row = (await tx.query<RatingRow>('SELECT dossier_id, rating, comment, channel, rated_at FROM dossier_ratings WHERE dossier_id = $1', [dossierId])).rows[0];
    return { rating: toRating(row), created: true };
  });
}
