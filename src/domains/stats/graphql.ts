import { sql } from 'kysely';
import { builder } from '../../core/builder';
import type { GatewayContext } from '../../core/context';
import { badInput } from '../../core/errors';
import { hoursBefore } from '../../core/filters';

const UserStats = builder.objectRef<{ total: number; active_30d: number; new_7d: number }>('UserStats').implement({
  fields: (t) => ({
    total: t.exposeInt('total'),
    active30d: t.exposeInt('active_30d', { description: 'Users who logged in within the last 30 days.' }),
    new7d: t.exposeInt('new_7d', { description: 'Users created within the last 7 days.' }),
  }),
});

const TaskStats = builder.objectRef<{ total: number; active: number; paused: number }>('TaskStats').implement({
  fields: (t) => ({ total: t.exposeInt('total'), active: t.exposeInt('active'), paused: t.exposeInt('paused') }),
});

const ExecutionStats = builder
  .objectRef<{ total_24h: number; success_24h: number; failed_24h: number; avg_duration_ms: number | null }>('ExecutionStats')
  .implement({
    description: 'Executions started in the last 24 hours.',
    fields: (t) => ({
      total24h: t.exposeInt('total_24h'),
      success24h: t.exposeInt('success_24h'),
      failed24h: t.exposeInt('failed_24h'),
      avgDurationMs: t.exposeInt('avg_duration_ms', { nullable: true, description: 'Mean duration of those that recorded one; null when none did.' }),
    }),
  });

const NotificationStats = builder.objectRef<{ sent_24h: number; sent_7d: number }>('NotificationStats').implement({
  description: 'Notifications sent to users (not platform alerts).',
  fields: (t) => ({ sent24h: t.exposeInt('sent_24h'), sent7d: t.exposeInt('sent_7d') }),
});

const PopularQuery = builder.objectRef<{ query: string; count: number }>('PopularQuery').implement({
  fields: (t) => ({
    query: t.exposeString('query'),
    count: t.exposeInt('count', { description: 'Tasks watching this search query.' }),
  }),
});

const MAX_POPULAR_QUERIES = 100;

/** Each part runs only when selected, as one statement. */
const PlatformStats = builder.objectRef<Record<string, never>>('PlatformStats').implement({
  description: 'Platform-wide figures at the time of the request.',
  fields: (t) => ({
    users: t.field({
      type: UserStats,
      resolve: (_stats, _args, { db, now }: GatewayContext) =>
        db.selectFrom('users').select([
          sql<number>`count(*)::int`.as('total'),
          sql<number>`(count(*) filter (where last_login_at >= ${hoursBefore(now, 24 * 30)}))::int`.as('active_30d'),
          sql<number>`(count(*) filter (where created_at >= ${hoursBefore(now, 24 * 7)}))::int`.as('new_7d'),
        ]).executeTakeFirstOrThrow(),
    }),
    tasks: t.field({
      type: TaskStats,
      resolve: (_stats, _args, { db }) =>
        db.selectFrom('tasks').select([
          sql<number>`count(*)::int`.as('total'),
          sql<number>`(count(*) filter (where state = 'active'))::int`.as('active'),
          sql<number>`(count(*) filter (where state = 'paused'))::int`.as('paused'),
        ]).executeTakeFirstOrThrow(),
    }),
    executions: t.field({
      type: ExecutionStats,
      resolve: (_stats, _args, { db, now }) =>
        db.selectFrom('executions').where('started_at', '>=', hoursBefore(now, 24)).select([
          sql<number>`count(*)::int`.as('total_24h'),
          sql<number>`(count(*) filter (where status = 'success'))::int`.as('success_24h'),
          sql<number>`(count(*) filter (where status = 'failed'))::int`.as('failed_24h'),
          sql<number | null>`round(avg(duration_ms))::int`.as('avg_duration_ms'),
        ]).executeTakeFirstOrThrow(),
    }),
    notifications: t.field({
      type: NotificationStats,
      resolve: (_stats, _args, { db, now }) =>
        db.selectFrom('notifications').where('audience', '=', 'user').where('created_at', '>=', hoursBefore(now, 24 * 7)).select([
          sql<number>`(count(*) filter (where created_at >= ${hoursBefore(now, 24)}))::int`.as('sent_24h'),
          sql<number>`count(*)::int`.as('sent_7d'),
        ]).executeTakeFirstOrThrow(),
    }),
    popularQueries: t.field({
      type: [PopularQuery],
      description: 'Search queries watched by the most tasks, most first (ties by query text).',
      args: { limit: t.arg.int({ required: false, defaultValue: 10 }) },
      resolve: (_stats, { limit }, { db }) => {
        const size = limit ?? 10;
        if (size < 1 || size > MAX_POPULAR_QUERIES) throw badInput('limit', `must be between 1 and ${MAX_POPULAR_QUERIES}, got ${size}`);
        return db.selectFrom('tasks').groupBy('search_query')
          .select(['search_query as query', sql<number>`count(*)::int`.as('count')])
          .orderBy('count', 'desc').orderBy('search_query').limit(size).execute();
      },
    }),
  }),
});

builder.queryField('stats', (t) => t.field({ type: PlatformStats, description: 'Platform-wide figures.', resolve: () => ({}) }));
