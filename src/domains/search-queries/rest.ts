import { graphql } from '../../generated/gql';
import { boolean } from '../../rest/parameters';
import { pagedRoute } from '../../rest/route';
import { integer, string, nullable, object, pageFields, pageOf, number } from '../../rest/shapes';

export const queries = pagedRoute({
  path: '/admin/queries',
  operationId: 'listSearchQueries',
  tag: 'Monitoring',
  summary: 'All user search queries with statistics',
  parameters: {
    active_only: boolean({ description: 'Only queries with at least one active task (default: false).', default: false }),
  },
  document: graphql(`
    query RestAdminQueries($first: Int!, $offset: Int, $activeOnly: Boolean) {
      searchQueries(first: $first, offset: $offset, activeOnly: $activeOnly) {
        totalCount
        edges {
          node { searchQuery totalTasks activeTasks totalExecutions successRate avgDurationMs }
        }
      }
    }
  `),
  filters: ({ active_only }) => ({ activeOnly: active_only }),
  shape: (data, paged) => ({
    queries: data.searchQueries.edges.map(({ node }) => ({
      search_query: node.searchQuery,
      total_tasks: node.totalTasks,
      active_tasks: node.activeTasks,
      total_executions: node.totalExecutions,
      success_rate: node.successRate ?? null,
      avg_duration_ms: node.avgDurationMs ?? null,
    })),
    ...pageFields(data.searchQueries, paged),
  }),
  argumentParameters: { activeOnly: 'active_only' },
  response: {
    description: 'A page of distinct search queries, most tasks first.',
    example: {
      queries: [{ search_query: 'When is the next iPhone being released?', total_tasks: 234, active_tasks: 189, total_executions: 1456, success_rate: 0.98, avg_duration_ms: 3800 }],
      total: 1247,
      page: 1,
      limit: 50,
    },
    schema: pageOf(
      'queries',
      object({
        search_query: string,
        total_tasks: integer,
        active_tasks: integer,
        total_executions: integer,
        success_rate: number.min(0).max(1).nullable().describe('Fraction of executions that succeeded (null without executions).'),
        avg_duration_ms: nullable(integer),
      }),
    ),
  },
});
