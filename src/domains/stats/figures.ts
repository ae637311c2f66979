import { type Kysely, sql } from 'kysely';
import { jsonArrayFrom, jsonObjectFrom } from 'kysely/helpers/postgres';
import { hoursBefore } from '../../core/filters';
import type { Database } from '../../db/tables';

/**
 * The platform figures, from the totals that migration 0044's triggers keep. A window [since, now] is the whole
 * hours from `wholeHoursFrom(since)` on, read from an hourly totals table (at most one row per hour of the window),
 * plus the rows of the part-hour before them, read from the table itself: exact, and as cheap at ten million
 * executions as at one.
 */
const HOUR_MS = 3_600_000;
const wholeHoursFrom = (since: Date) => new Date(Math.ceil(since.getTime() / HOUR_MS) * HOUR_MS);

type Db = Kysely<Database>;

function executions(db: Db, now: Date) {
  const since = hoursBefore(now, 24);
  const hours = wholeHoursFrom(since);
  const parts = db.selectFrom('execution_hourly_totals').where('hour', '>=', hours)
    .select(['executions', 'succeeded', 'failed', 'duration_sum', 'duration_count'])
    .unionAll(db.selectFrom('executions').where('started_at', '>=', since).where('started_at', '<', hours).select([
      sql<number>`1`.as('executions'),
      sql<number>`(status = 'success')::int`.as('succeeded'),
      sql<number>`(status = 'failed')::int`.as('failed'),
      sql<number>`coalesce(duration_ms, 0)`.as('duration_sum'),
      sql<number>`(duration_ms is not null)::int`.as('duration_count'),
    ]));
  return db.selectFrom(parts.as('parts')).select([
    sql<number>`coalesce(sum(executions), 0)::int`.as('total24h'),
    sql<number>`coalesce(sum(succeeded), 0)::int`.as('success24h'),
    sql<number>`coalesce(sum(failed), 0)::int`.as('failed24h'),
    sql<number | null>`round(sum(duration_sum)::numeric / nullif(sum(duration_count), 0))::int`.as('avgDurationMs'),
  ]);
}

/** How many users signed up, or last logged in, since `since`. */
function usersSince(db: Db, column: 'created_at' | 'last_login_at', since: Date) {
  const hours = wholeHoursFrom(since);
  const table = column === 'created_at' ? 'user_signup_hourly_totals' : 'user_login_hourly_totals';
  const parts = db.selectFrom(table).where('hour', '>=', hours).select('users')
    .unionAll(db.selectFrom('users').where(column, '>=', since).where(column, '<', hours).select(sql<number>`1`.as('users')));
  return db.selectFrom(parts.as('parts')).select(sql<number>`coalesce(sum(users), 0)::int`.as('count'));
}

function users(db: Db, now: Date) {
  return db.selectNoFrom([
    db.selectFrom('user_signup_hourly_totals').select(sql<number>`coalesce(sum(users), 0)::int`.as('count')).as('total'),
    usersSince(db, 'last_login_at', hoursBefore(now, 24 * 30)).as('active30d'),
    usersSince(db, 'created_at', hoursBefore(now, 24 * 7)).as('new7d'),
  ]);
}

function notificationsSince(db: Db, since: Date) {
  const hours = wholeHoursFrom(since);
  const parts = db.selectFrom('user_notification_hourly_totals').where('hour', '>=', hours).select('notifications')
    .unionAll(db.selectFrom('notifications').where('audience', '=', 'user').where('created_at', '>=', since).where('created_at', '<', hours)
      .select(sql<number>`1`.as('notifications')));
  return db.selectFrom(parts.as('parts')).select(sql<number>`coalesce(sum(notifications), 0)::int`.as('count'));
}

function notifications(db: Db, now: Date) {
  return db.selectNoFrom([notificationsSince(db, hoursBefore(now, 24)).as('sent24h'), notificationsSince(db, hoursBefore(now, 24 * 7)).as('sent7d')]);
}

function tasks(db: Db) {
  return db.selectFrom('task_state_totals').select([
    sql<number>`coalesce(sum(tasks), 0)::int`.as('total'),
    sql<number>`coalesce(sum(tasks) filter (where state = 'active'), 0)::int`.as('active'),
    sql<number>`coalesce(sum(tasks) filter (where state = 'paused'), 0)::int`.as('paused'),
  ]);
}

function popularQueries(db: Db, limit: number) {
  return db.selectFrom('search_query_task_totals').where('tasks', '>', 0)
    .select(['search_query as query', sql<number>`tasks::int`.as('count')])
    .orderBy('tasks', 'desc').orderBy('search_query').limit(limit);
}

export type UserFigures = { total: number; active30d: number; new7d: number };
export type TaskFigures = { total: number; active: number; paused: number };
export type ExecutionFigures = { total24h: number; success24h: number; failed24h: number; avgDurationMs: number | null };
export type NotificationFigures = { sent24h: number; sent7d: number };
export type PopularQuery = { query: string; count: number };

/** A part of Query.stats: `popularQueries:<limit>` for the most watched search queries. */
export type FigureKey = 'users' | 'tasks' | 'executions' | 'notifications' | `popularQueries:${number}`;
export type Figure = UserFigures | TaskFigures | ExecutionFigures | NotificationFigures | PopularQuery[];
export type FigureOf<Key extends FigureKey> = Key extends 'users' ? UserFigures : Key extends 'tasks' ? TaskFigures
  : Key extends 'executions' ? ExecutionFigures : Key extends 'notifications' ? NotificationFigures : PopularQuery[];

/** The asked-for parts of Query.stats in one statement, one value per key, in key order. */
export async function readFigures(db: Db, now: Date, keys: readonly FigureKey[]): Promise<Figure[]> {
  const columns = keys.map((key, index) => {
    const alias = `f${index}`;
    if (key === 'users') return jsonObjectFrom(users(db, now)).as(alias);
    if (key === 'tasks') return jsonObjectFrom(tasks(db)).as(alias);
    if (key === 'executions') return jsonObjectFrom(executions(db, now)).as(alias);
    if (key === 'notifications') return jsonObjectFrom(notifications(db, now)).as(alias);
    return jsonArrayFrom(popularQueries(db, Number(key.slice('popularQueries:'.length)))).as(alias);
  });
  const row = (await db.selectNoFrom(columns).executeTakeFirstOrThrow()) as Record<string, Figure>;
  return keys.map((_, index) => row[`f${index}`]!);
}
