import type { Kysely } from 'kysely';
import type { Database } from '../db/tables';
import { createApiKey, findApiKey } from './api-keys';

/**
 * Makes sure an active admin user with the given email exists and owns an API key.
 * With `key`, that exact key is provisioned (idempotently); without, a new one is created.
 */
export async function provisionAdmin(db: Kysely<Database>, email: string, key?: string): Promise<{ userId: string; key?: string }> {
  return db.transaction().execute(async (trx) => {
    const user = await trx
      .insertInto('users')
      .values({ email, role: 'admin' })
      .onConflict((conflict) => conflict.column('email').doUpdateSet({ role: 'admin', state: 'active', deactivated_at: null }))
      .returning('id')
      .executeTakeFirstOrThrow();
    if (key) {
      const existing = await findApiKey(trx, key);
      if (existing && existing.user_id !== user.id) throw new Error('ADMIN_API_KEY already belongs to another user');
      if (existing) {
        await trx.updateTable('api_keys').set({ revoked_at: null }).where('id', '=', existing.id).execute();
        return { userId: user.id, key };
      }
    }
    const created = await createApiKey(trx, user.id, { name: 'bootstrap admin', key });
    return { userId: user.id, key: created.key };
  });
}
