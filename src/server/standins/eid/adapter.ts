/**
 * oidc-provider storage in PostgreSQL (table standin_oidc_store) instead of process memory, so that
 * several server processes can take part in one login (the interaction on one, the token request on
 * another) and a restart does not lose sessions or codes.
 */
import type { Adapter, AdapterPayload } from 'oidc-provider';
import type { Queryable } from '../../db/database.ts';

const CLEANUP_EVERY = 200;

interface StoreRow {
  payload: AdapterPayload;
  consumed_at: Date | string | null;
}

/** A factory for oidc-provider's `adapter` option: one adapter per model name, all over one table. */
export function databaseAdapterFactory(db: Queryable): (model: string) => Adapter {
  let writes = 0;

  const toPayload = (row: StoreRow | undefined): AdapterPayload | undefined => {
    if (!row) return undefined;
    const payload = { ...row.payload };
    if (row.consumed_at) payload.consumed = Math.floor(new Date(row.consumed_at).getTime() / 1000);
    return payload;
  };

  const live = '(expires_at IS NULL OR expires_at > now())';

  return (model: string): Adapter => ({
    async upsert(id, payload, expiresIn) {
      const expiresAt = typeof expiresIn === 'number' ? new Date(Date.now() + expiresIn * 1000) : null;
      await db.query(
        `INSERT INTO standin_oidc_store (model, id, payload, grant_id, uid, user_code, expires_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7)
         ON CONFLICT (model, id) DO UPDATE SET payload = EXCLUDED.payload, grant_id = EXCLUDED.grant_id,
           uid = EXCLUDED.uid, user_code = EXCLUDED.user_code, expires_at = EXCLUDED.expires_at`,
        [model, id, payload, payload.grantId ?? null, payload.uid ?? null, payload.userCode ?? null, expiresAt],
      );
      // Expired rows are useless to oidc-provider (find ignores them); sweep them now and then.
      if (++writes % CLEANUP_EVERY === 0) {
        await db.query("DELETE FROM standin_oidc_store WHERE expires_at < now() - interval '1 hour'");
      }
    },

    async find(id) {
      const { rows } = await db.query<StoreRow>(`SELECT payload, consumed_at FROM standin_oidc_store WHERE model = $1 AND id = $2 AND ${live}`, [model, id]);
      return toPayload(rows[0]);
    },

    async findByUid(uid) {
      const { rows } = await db.query<StoreRow>(`SELECT payload, consumed_at FROM standin_oidc_store WHERE model = $1 AND uid = $2 AND ${live}`, [model, uid]);
      return toPayload(rows[0]);
    },

    async findByUserCode(userCode) {
      const { rows } = await db.query<StoreRow>(`SELECT payload, consumed_at FROM standin_oidc_store WHERE model = $1 AND user_code = $2 AND ${live}`, [
        model,
        userCode,
      ]);
      return toPayload(rows[0]);
    },

    async consume(id) {
      await db.query('UPDATE standin_oidc_store SET consumed_at = now() WHERE model = $1 AND id = $2 AND consumed_at IS NULL', [model, id]);
    },

    async destroy(id) {
      await db.query('DELETE FROM standin_oidc_store WHERE model = $1 AND id = $2', [model, id]);
    },

    async revokeByGrantId(grantId) {
      // Every token, code and session-bound artefact issued under the grant.
      await db.query('DELETE FROM standin_oidc_store WHERE grant_id = $1', [grantId]);
    },
  });
}
