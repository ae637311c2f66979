import { graphql } from '../../generated/gql';
import { route } from '../../rest/route';
import { integer, string, nullable, object } from '../../rest/shapes';

export const stats = route({
  method: 'GET',
  path: '/admin/stats',
  operationId: 'getPlatformStats',
  tag: 'Monitoring',
  summary: 'Overview of platform usage',
  parameters: {},
  document: graphql(`
    query RestAdminStats {
      stats {
        users { total active30d new7d }
        tasks { total active paused }
        executions { total24h success24h failed24h avgDurationMs }
        notifications { sent24h sent7d }
        popularQueries(limit: 10) { query count }
      }
    }
  `),
  variables: () => ({}),
  shape: ({ stats: s }) => ({
    users: { total: s.users.total, active_30d: s.users.active30d, new_7d: s.users.new7d },
    tasks: { total: s.tasks.total, active: s.tasks.active, paused: s.tasks.paused },
    executions: {
      total_24h: s.executions.total24h,
      success_24h: s.executions.success24h,
      failed_24h: s.executions.failed24h,
      avg_duration_ms: s.executions.avgDurationMs ?? null,
    },
    notifications: { sent_24h: s.notifications.sent24h, sent_7d: s.notifications.sent7d },
    popular_queries: s.popularQueries.map((popular) => ({ query: popular.query, count: popular.count })),
  }),
  response: {
    description: 'Platform totals; executions and notifications over the last 24 hours and 7 days.',
    example: {
      users: { total: 1250, active_30d: 823, new_7d: 45 },
      tasks: { total: 5420, active: 3891, paused: 1529 },
      executions: { total_24h: 15623, success_24h: 15201, failed_24h: 422, avg_duration_ms: 4200 },
      notifications: { sent_24h: 892, sent_7d: 5234 },
      popular_queries: [{ query: 'iPhone release date', count: 234 }, { query: 'PS5 stock', count: 198 }],
    },
    schema: object({
      users: object({ total: integer, active_30d: integer, new_7d: integer }),
      tasks: object({ total: integer, active: integer, paused: integer }),
      executions: object({ total_24h: integer, success_24h: integer, failed_24h: integer, avg_duration_ms: nullable(integer) }),
      notifications: object({ sent_24h: integer, sent_7d: integer }),
      popular_queries: { type: 'array', items: object({ query: string, count: integer }), description: 'Search queries with the most tasks (at most 10).' },
    }),
  },
});
