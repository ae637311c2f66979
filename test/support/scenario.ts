import { type Kysely, sql } from 'kysely';
import { createApiKey } from '../../src/access/api-keys';
import type { Database, ExecutionRow, NotificationRow, TaskRow, UserRow } from '../../src/db/tables';

export const HOUR = 3_600_000;

/** A Relay global ID, built by hand so tests do not depend on the code under test. */
export const globalId = (typename: string, id: string) => Buffer.from(`${typename}:${id}`).toString('base64');

/** A user with one API key (role `user` unless asked): for tests of who may call. */
export async function userWithKey(db: Kysely<Database>, email: string, role: 'admin' | 'user' = 'user') {
  const user = await db.insertInto('users').values({ email, role }).returning('id').executeTakeFirstOrThrow();
  const { key, row } = await createApiKey(db, user.id);
  return { userId: user.id, key, keyId: row.id };
}

/** Per search query, straight from tasks and executions (not from the totals the code keeps), most watched first. */
export function searchQueryStatsBySql(db: Kysely<Database>) {
  return db.selectFrom('tasks').leftJoin('executions', 'executions.task_id', 'tasks.id')
    .select([
      'tasks.search_query',
      sql<number>`count(distinct tasks.id)::int`.as('total_tasks'),
      sql<number>`count(distinct tasks.id) filter (where tasks.state = 'active')::int`.as('active_tasks'),
      sql<number>`count(executions.id)::int`.as('total_executions'),
      sql<number | null>`(count(*) filter (where executions.status = 'success'))::float8 / nullif(count(*) filter (where executions.status in ('success', 'failed')), 0)`.as('success_rate'),
      sql<number | null>`round(avg(executions.duration_ms))::int`.as('avg_duration_ms'),
    ])
    .groupBy('tasks.search_query').orderBy('total_tasks', 'desc').orderBy('tasks.search_query').execute();
}

export interface Scenario {
  now: Date;
  users: UserRow[];
  tasks: TaskRow[];
  executions: ExecutionRow[];
  notifications: NotificationRow[];
}

const QUERIES = ['PS5 stock', 'iPhone release date', 'Bitcoin above 100k', 'ps5 STOCK at target'];
const ERROR_TYPES = ['RateLimitError', 'TimeoutError', 'ValidationError', 'RateLimitError'];
// Hours before now; none close to the 24 h or 7 d boundaries, so the server's later clock does not matter.
const EXECUTION_AGES = [0.5, 1.5, 3, 5, 7, 11, 19, 23, 30, 47, 90, 200, 400];
const NOTIFICATION_AGES = [0.5, 5, 30, 100, 160, 200, 400];

/**
 * A small deterministic data set: `userCount` users (every fourth deactivated), 1–3 tasks each,
 * executions of every status at known ages, user and platform notifications.
 */
export async function insertScenario(db: Kysely<Database>, { userCount = 6, executionsPerTask = EXECUTION_AGES.length, tag = 's' } = {}): Promise<Scenario> {
  const now = new Date();
  const ago = (hours: number) => new Date(now.getTime() - hours * HOUR);
  const users = await db.insertInto('users').values(
    Array.from({ length: userCount }, (_, u) => ({
      email: `${tag}-user${u}@example.com`,
      clerk_user_id: u % 2 === 0 ? `user_${tag}${u}` : null,
      state: u % 4 === 3 ? ('deactivated' as const) : ('active' as const),
      deactivated_at: u % 4 === 3 ? ago(2) : null,
      created_at: ago(1000 - u * 37),
      last_login_at: u % 3 === 0 ? null : ago(u * 200),
    })),
  ).returningAll().execute();

  const tasks = await db.insertInto('tasks').values(
    users.flatMap((user, u) => Array.from({ length: 1 + (u % 3) }, (_, k) => ({
      user_id: user.id,
      name: `${tag} task ${u}.${k}`,
      search_query: QUERIES[(u + k) % QUERIES.length] as string,
      condition_description: `condition ${u}.${k}`,
      schedule: k % 2 ? '0 9 * * *' : '*/30 * * * *',
      state: (u + k) % 3 === 1 ? ('paused' as const) : ('active' as const),
      temporal_schedule_id: k === 0 ? `sched-${tag}-${u}` : null,
      created_at: ago(900 - u * 20 - k),
    }))),
  ).returningAll().execute();

  const statuses = ['success', 'failed', 'success', 'running', 'failed', 'pending', 'success'] as const;
  let n = 0;
  const executionValues = tasks.flatMap((task, t) => EXECUTION_AGES.slice(0, executionsPerTask).map((age, a) => {
    n += 1;
    const status = statuses[(t + a) % statuses.length] as (typeof statuses)[number];
    const finished = status === 'success' || status === 'failed';
    const duration = finished ? 1000 + ((n * 397) % 9000) : null;
    const startedAt = ago(age + t * 0.001);
    return {
      task_id: task.id,
      user_id: task.user_id,
      status,
      condition_met: status === 'success' ? n % 2 === 0 : null,
      started_at: startedAt,
      completed_at: finished ? new Date(startedAt.getTime() + (duration as number)) : null,
      duration_ms: duration,
      error_message: status === 'failed' ? `failure #${n}` : null,
      error_type: status === 'failed' ? (ERROR_TYPES[n % ERROR_TYPES.length] as string) : null,
      retry_count: status === 'failed' ? n % 4 : 0,
      will_retry: status === 'failed' && n % 4 < 3,
    };
  }));
  const executions = executionValues.length ? await db.insertInto('executions').values(executionValues).returningAll().execute() : [];

  const notifications = await db.insertInto('notifications').values(
    users.flatMap((user, u) => NOTIFICATION_AGES.slice(0, 2 + (u % NOTIFICATION_AGES.length)).flatMap((age, i) => [
      { audience: 'user' as const, kind: 'condition_met' as const, user_id: user.id, channel: 'email' as const, subject: `n${u}.${i}`, created_at: ago(age) },
      ...(i % 2 ? [{ audience: 'platform' as const, kind: 'usage_event' as const, user_id: user.id, subject: `p${u}.${i}`, created_at: ago(age) }] : []),
    ])),
  ).returningAll().execute();

  return { now, users, tasks, executions, notifications };
}

/** Newest first by a timestamp, ties broken by id descending (the lists' order). */
export function newestFirst<Row extends { id: string }>(rows: Row[], at: (row: Row) => Date): Row[] {
  return [...rows].sort((a, b) => at(b).getTime() - at(a).getTime() || (a.id < b.id ? 1 : a.id > b.id ? -1 : 0));
}
