import { sql } from 'kysely';
import { builder } from '../../core/builder';
import { keysetConnection } from '../../core/pagination';

interface SearchQueryStatsRow {
  search_query: string;
  total_tasks: number;
  active_tasks: number;
  total_executions: number;
  succeeded: number;
  failed: number;
  duration_sum: number;
  duration_count: number;
}

const SearchQueryStats = builder.objectRef<SearchQueryStatsRow>('SearchQueryStats').implement({
  description: 'The tasks watching one search query, and how their executions went.',
  fields: (t) => ({
    searchQuery: t.exposeString('search_query'),
    totalTasks: t.exposeInt('total_tasks'),
    activeTasks: t.exposeInt('active_tasks'),
    totalExecutions: t.exposeInt('total_executions'),
    successRate: t.float({
      nullable: true,
      description: 'Successful executions over finished (successful or failed) ones, 0..1; null when none finished.',
      resolve: (row) => (row.succeeded + row.failed === 0 ? null : row.succeeded / (row.succeeded + row.failed)),
    }),
    avgDurationMs: t.int({
      nullable: true,
      description: 'Mean duration of the executions that recorded one; null when none did.',
      resolve: (row) => (row.duration_count === 0 ? null : Math.round(row.duration_sum / row.duration_count)),
    }),
  }),
});

const SearchQueryStatsConnection = builder.connectionObject(
  {
    type: SearchQueryStats,
    name: 'SearchQueryStatsConnection',
    fields: (t) => ({
      totalCount: t.int({ description: 'Distinct search queries.', resolve: (connection) => connection.totalCount() }),
    }),
  },
  { name: 'SearchQueryStatsEdge' },
);

builder.queryField('searchQueries', (t) =>
  t.connection({
    type: SearchQueryStats,
    description: 'Every distinct search query with its task and execution statistics, most watched first (ties by query text).',
    resolve: (_root, args, { db }) => {
      const perQuery = db
        .selectFrom('tasks')
        .leftJoin('task_execution_totals as totals', 'totals.task_id', 'tasks.id')
        .groupBy('tasks.search_query')
        .select([
          'tasks.search_query',
          sql<number>`count(*)::int`.as('total_tasks'),
          sql<number>`(count(*) filter (where tasks.state = 'active'))::int`.as('active_tasks'),
          sql<number>`coalesce(sum(totals.executions), 0)::int8`.as('total_executions'),
          sql<number>`coalesce(sum(totals.succeeded), 0)::int8`.as('succeeded'),
          sql<number>`coalesce(sum(totals.failed), 0)::int8`.as('failed'),
          sql<number>`coalesce(sum(totals.duration_sum), 0)::int8`.as('duration_sum'),
          sql<number>`coalesce(sum(totals.duration_count), 0)::int8`.as('duration_count'),
        ]);
      return keysetConnection<SearchQueryStatsRow>({
        rows: db.selectFrom(perQuery.as('stats')).selectAll('stats'),
        // "total_tasks desc, search_query asc" as one ascending keyset, so one row comparison seeks it.
        ordering: { list: 'searchQueries', direction: 'asc', keys: [{ expression: '(-stats.total_tasks)', type: 'integer' }, { expression: 'stats.search_query', type: 'text' }] },
        args,
        count: db.selectFrom('tasks').select(sql<number>`count(distinct tasks.search_query)::int`.as('count')),
      });
    },
  }, SearchQueryStatsConnection),
);
