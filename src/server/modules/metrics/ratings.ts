/**
 * Satisfaction ratings (Rất hài lòng / Hài lòng / Không hài lòng, optional comment) given after the result: by the
 * owner online, or on the counter tablet with the citizen present. One rating per dossier; the same rating sent
 * again (a retry) returns the stored one; a different one is refused. The rating attaches to the dossier (an entry
 * in its action log, which also feeds the counters) and to every official who handled it.
 */
import { RatingInput, type Rating } from '../../../contract/metrics.ts';
import type { AppContext } from '../../context.ts';
import type { Database } from '../../db/database.ts';
import { AppError, notFound } from '../../http/errors.ts';
import { prepareTransition, transition, type TransitionActor } from '../dossiers/index.ts';

export { RatingInput };

interface RatingRow {
  dossier_id: string;
  rating: Rating['rating'];
  comment: string | null;
  channel: Rating['channel'];
  rated_at: Date;
}
const toRating = (r: RatingRow): Rating => ({
  dossierId: r.dossier_id,
  rating: r.rating,
  ...(r.comment ? { comment: r.comment } : {}),
  channel: r.channel,
  ratedAt: new Date(r.rated_at).toISOString(),
});

export async function getRating(db: Database, dossierId: string): Promise<Rating | null> {
  const r = (await db.query<RatingRow>('SELECT dossier_id, rating, comment, channel, rated_at FROM dossier_ratings WHERE dossier_id = $1', [dossierId]))
    .rows[0];
  return r ? toRating(r) : null;
}

/**
 * Records a rating through the dossier's transition path (action `rate`: the log entry, the domain event).
 * `check` runs first under the dossier's row lock and throws when the rater may not rate it (not the owner, not an
 * official of the counter…); a retry with the same rating returns the stored one.
 */
export async function rateDossier(
  ctx: AppContext,
  dossierId: string,
  input: RatingInput,
  rater: TransitionActor,
  channel: Rating['channel'],
  check: (d: { owner_citizen_id: string | null; applicant_id_number: string | null; receiving_unit_id: string; unit_ids: string[] }) => void,
): Promise<{ rating: Rating; created: boolean }> {
  const env = await prepareTransition(ctx, dossierId, 'rate');
  return ctx.db.transaction(async (tx) => {
    const d = (
      await tx.query<{ owner_citizen_id: string | null; applicant_id_number: string | null; receiving_unit_id: string; unit_ids: string[] }>(
        'SELECT owner_citizen_id, applicant_id_number, receiving_unit_id, unit_ids FROM dossiers WHERE id = $1 FOR UPDATE',
        [dossierId],
      )
    ).rows[0];
    if (!d) throw notFound('Không tìm thấy hồ sơ.');
    check(d);
    const existing = (
      await tx.query<RatingRow>('SELECT dossier_id, rating, comment, channel, rated_at FROM dossier_ratings WHERE dossier_id = $1', [dossierId])
    ).rows[0];
    if (existing) {
      if (existing.rating === input.rating && (existing.comment ?? '') === (input.comment ?? '')) return { rating: toRating(existing), created: false };
      throw new AppError('ALREADY_RATED', 'Hồ sơ này đã được đánh giá; mỗi hồ sơ chỉ được đánh giá một lần.', 409);
    }
    await transition(tx, env, dossierId, { action: 'rate', rating: input.rating, comment: input.comment, channel }, rater);
    const row = (await tx.query<RatingRow>('SELECT dossier_id, rating, comment, channel, rated_at FROM dossier_ratings WHERE dossier_id = $1', [dossierId]))
      .rows[0];
    return { rating: toRating(row), created: true };
  });
}
