/** The portal session in the database, shared by every server process (national_sync_sessions). */
import type { SessionStore } from '../../adapters/dvcqg.ts';
import type { Queryable } from '../../db/database.ts';

export function databaseSessionStore(db: Queryable, target = 'dvcqg'): SessionStore {
  return {
    async get() {
      return (await db.query<{ session: string }>('SELECT session FROM national_sync_sessions WHERE target = $1', [target])).rows[0]?.session ?? null;
    },
    async set(session) {
      await db.query(
        'INSERT INTO national_sync_sessions (target, session) VALUES ($1, $2) ON CONFLICT (target) DO UPDATE SET session = EXCLUDED.session, obtained_at = now()',
        [target, session],
      );
    },
    async clear(session) {
      await db.query('DELETE FROM national_sync_sessions WHERE target = $1 AND session = $2', [target, session]);
    },
  };
}
