import type { Kysely } from 'kysely';
import { sql } from 'kysely';
import type { Database, ExecutionRow } from '../db/tables';
import type { Logger } from '../core/logger';

const FAILURES = [
  { type: 'RateLimitError', message: 'Rate limit exceeded for Google Search API' },
  { type: 'TimeoutError', message: 'Search request timed out after 30000 ms' },
  { type: 'ValidationError', message: 'Model response did not match the condition schema' },
] as const;

const FEEDBACK = [
  { body: 'Alerts are great, but please let me snooze a task for a day', signal_category: 'actionable', classification: null },
  { body: 'Digest email?', signal_category: 'short_actionable', classification: null },
  { body: '{{7*7}}', signal_category: 'security_probe', classification: 'template' },
  { body: '../../../../etc/passwd', signal_category: 'security_probe', classification: 'path' },
] as const;

const pick = <T>(items: readonly T[]): T => items[Math.floor(Math.random() * items.length)] as T;

/** Writes one finished execution of a random active task (failed when asked), as the platform's workers would. */
export async function writeSimulatedExecution(db: Kysely<Database>, { failed }: { failed: boolean }): Promise<ExecutionRow | undefined> {
  const task = await db
    .selectFrom('tasks')
    .select(['id', 'user_id', 'search_query'])
    .where('state', '=', 'active')
    .orderBy(sql`random()`)
    .limit(1)
    .executeTakeFirst();
  if (!task) return undefined;
  const durationMs = 800 + Math.floor(Math.random() * 9_000);
  const failure = failed ? pick(FAILURES) : undefined;
  const retryCount = failed ? Math.floor(Math.random() * 3) : 0;
  const conditionMet = failed ? null : Math.random() < 0.3;
  return db.transaction().execute(async (trx) => {
    const execution = await trx
      .insertInto('executions')
      .values({
        task_id: task.id,
        user_id: task.user_id,
        status: failed ? 'failed' : 'success',
        condition_met: conditionMet,
        started_at: new Date(Date.now() - durationMs),
        completed_at: new Date(),
        duration_ms: durationMs,
        error_type: failure?.type ?? null,
        error_message: failure?.message ?? null,
        retry_count: retryCount,
        will_retry: failed && retryCount < 2,
      })
      .returningAll()
      .executeTakeFirstOrThrow();
    if (conditionMet) {
      await trx
        .insertInto('notifications')
        .values({ audience: 'user', kind: 'condition_met', channel: 'email', user_id: task.user_id, task_id: task.id, execution_id: execution.id, subject: `Condition met: ${task.search_query}` })
        .execute();
    } else if (failed && Math.random() < 0.5) {
      await trx
        .insertInto('notifications')
        .values({ audience: 'platform', kind: 'schedule_failed', task_id: task.id, execution_id: execution.id, subject: `${failure?.type}: ${task.search_query}` })
        .execute();
    }
    return execution;
  });
}

export async function writeSimulatedFeedback(db: Kysely<Database>): Promise<void> {
  const item = pick(FEEDBACK);
  const user = await db.selectFrom('users').select('id').where('role', '=', 'user').orderBy(sql`random()`).limit(1).executeTakeFirst();
  await db
    .insertInto('feedback')
    .values({ ...item, user_id: user?.id ?? null, source: pick(['web', 'api', 'extension', 'email'] as const), severity: item.classification ? 4 : 2 })
    .execute();
}

/**
 * Demo activity for the embedded database, so that a subscription in GraphiQL shows live data: every
 * `intervalMs` a finished execution (one in three failed, some with a notification), now and then a feedback report.
 */
export function startActivitySimulator({ db, log, intervalMs }: { db: Kysely<Database>; log: Logger; intervalMs: number }) {
  let ticks = 0;
  let running: Promise<void> = Promise.resolve();
  const timer = setInterval(() => {
    ticks += 1;
    running = (async () => {
      await writeSimulatedExecution(db, { failed: Math.random() < 1 / 3 });
      if (ticks % 4 === 0) await writeSimulatedFeedback(db);
    })().catch((error: unknown) => log.warn({ err: error }, 'activity simulator: write failed'));
  }, intervalMs);
  log.info({ intervalMs }, 'activity simulator on (SIMULATE_ACTIVITY=false turns it off)');
  return {
    async stop() {
      clearInterval(timer);
      await running;
    },
  };
}
