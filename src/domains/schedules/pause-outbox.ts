import type { Kysely } from 'kysely';
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
