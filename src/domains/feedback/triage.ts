import type { Kysely } from 'kysely';
import { type AuditActor, recordAudit } from '../../access/audit';
import type { Database, FeedbackRow, FeedbackState } from '../../db/tables';

/**
 * The triage workflow: open → triaged → in_progress → done → archived. A report may skip ahead (a
 * probe goes straight from open to done) but never back, and only a done report can be archived.
 */
export const NEXT_STATES: Record<FeedbackState, readonly FeedbackState[]> = {
  open: ['triaged', 'in_progress', 'done'],
  triaged: ['in_progress', 'done'],
  in_progress: ['done'],
  done: ['archived'],
  archived: [],
};

export function isLegalMove(from: FeedbackState, to: FeedbackState): boolean {
  return NEXT_STATES[from].includes(to);
}

export class IllegalFeedbackMove extends Error {
  constructor(
    readonly from: FeedbackState,
    readonly to: FeedbackState,
    readonly feedbackId: string,
  ) {
    const allowed = NEXT_STATES[from];
    super(`cannot move feedback from ${from} to ${to} (from ${from}: ${allowed.length ? allowed.join(', ') : 'no further state'})`);
  }
}

export class FeedbackTargetNotFound extends Error {}

export type TriageTarget = { feedbackId: string } | { groupKey: string };

export interface TriageResult {
  state: FeedbackState;
  /** The report moved, when one was named by id. */
  feedbackId: string | null;
  groupKey: string | null;
  /** Rows moved, as they are now. */
  changed: FeedbackRow[];
  /** Rows that were already in the target state (left alone, not audited). */
  unchanged: number;
}

/**
 * Moves one report, or every report of a duplicate group, to `state` in one transaction: the rows are
 * locked, every move is checked before any is written (one illegal move refuses the whole group), and
 * each moved row gets its audit entry in the same transaction. A row already in `state` is left alone.
 */
export async function moveFeedback(db: Kysely<Database>, actor: AuditActor, target: TriageTarget, state: FeedbackState): Promise<TriageResult> {
  return db.transaction().execute(async (trx) => {
    const rows = await trx
      .selectFrom('feedback')
      .select(['id', 'state', 'duplicate_fingerprint'])
      .$if('feedbackId' in target, (query) => query.where('id', '=', (target as { feedbackId: string }).feedbackId))
      .$if('groupKey' in target, (query) => query.where('duplicate_fingerprint', '=', (target as { groupKey: string }).groupKey))
      .orderBy('id')
      .forUpdate()
      .execute();
    if (rows.length === 0) throw new FeedbackTargetNotFound('feedbackId' in target ? 'Feedback' : 'Feedback group');
    const moving = rows.filter((row) => row.state !== state);
    const illegal = moving.find((row) => !isLegalMove(row.state, state));
    if (illegal) throw new IllegalFeedbackMove(illegal.state, state, illegal.id);
    const groupKey = 'groupKey' in target ? target.groupKey : (rows[0]!.duplicate_fingerprint ?? null);
    const changed = moving.length === 0
      ? []
      : await trx
          .updateTable('feedback')
          .set({ state, updated_at: new Date() })
          .where('id', 'in', moving.map((row) => row.id))
          .returningAll()
          .execute();
    const before = new Map(moving.map((row) => [row.id, row.state]));
    for (const row of changed) {
      await recordAudit(trx, actor, {
        action: 'feedback.state_change',
        targetType: 'feedback',
        targetId: row.id,
        before: { state: before.get(row.id) },
        after: { state: row.state, ...('groupKey' in target ? { groupKey: target.groupKey } : {}) },
      });
    }
    const feedbackId = 'feedbackId' in target ? target.feedbackId : null;
    return { state, feedbackId, groupKey, changed, unchanged: rows.length - moving.length };
  });
}
