import { type Kysely, sql } from 'kysely';
import type { Database } from '../../db/tables';

/**
 * Writes one pending pause for every Temporal schedule of the user's tasks. Call it with the
 * transaction of the deactivation itself: the pauses are owed exactly when the deactivation commits.
 * Returns how many were written.
 */
export async function enqueueSchedulePauses(trx: Kysely<Database>, userId: string, note: string): Promise<number> {
  const inserted = await trx
    .insertInto('schedule_pause_outbox')
    .columns(['schedule_id', 'task_id', 'user_id', 'note'])
    .expression((eb) =>
      eb
        .selectFrom('tasks')
        .select((inner) => ['temporal_schedule_id', 'id', 'user_id', inner.val(note).as('note')])
        .where('user_id', '=', userId)
        .where('temporal_schedule_id', 'is not', null),
    )
    .returning('id')
    .execute();
  return inserted.length;
}

/** The note Temporal shows on a schedule paused by a deactivation: who did it, and why. */
export function deactivationPauseNote(actor: string, userEmail: string): string {
  return `Paused by ${actor} through the admin gateway: user ${userEmail} deactivated`;
}

/**
 * Pauses not yet accepted by Temporal, and the age in seconds of the oldest (null when there is none), by the
 * database clock. One index-only pass over `schedule_pause_outbox_state` (state, created_at).
 */
export async function pendingPauseBacklog(db: Kysely<Database>): Promise<{ pending: number; oldestAgeSeconds: number | null }> {
  const row = await db
    .selectFrom('schedule_pause_outbox')
    .select([
      sql<number>`count(*)::int`.as('pending'),
      sql<number | null>`extract(epoch from now() - min(created_at))::float8`.as('oldestAgeSeconds'),
    ])
    .where('state', '=', 'pending')
    .executeTakeFirstOrThrow();
  return { pending: row.pending, oldestAgeSeconds: row.oldestAgeSeconds };
}
