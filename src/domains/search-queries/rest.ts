import { graphql } from '../../generated/gql';
import { paging } from '../../rest/parameters';
import { route } from '../../rest/route';
import { afterPage, integer, string, nullable, object, pageOf, number } from '../../rest/shapes';

export const queries = route({
  method: 'GET',
  path: '/admin/queries',
  operationId: 'listSearchQueries',
  tag: 'Monitoring',
  summary: 'All user search queries with statistics',
  parameters: { ...paging },
  document: graphql(`
    query RestAdminQueries($first: Int!, $after: String) {
      searchQueries(first: $first, after: $after) {
        totalCount
        edges {
          node { searchQuery totalTasks activeTasks totalExecutions successRate avgDurationMs }
        }
      }
    }
  `),
  variables: ({ page, limit }) => ({ first: limit, after: afterPage(page, limit) }),
  shape: (data, { page, limit }) => ({
    queries: data.searchQueries.edges.map(({ node }) => ({
      search_query: node.searchQuery,
      total_tasks: node.totalTasks,
      active_tasks: node.activeTasks,
      total_executions: node.totalExecutions,
      success_rate: node.successRate ?? null,
      avg_duration_ms: node.avgDurationMs ?? null,
    })),
    total: data.searchQueries.totalCount,
    page,
    limit,
  }),
  argumentParameters: { first: 'limit', after: 'page' },
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
        success_rate: { ...nullable(number), minimum: 0, maximum: 1, description: 'Fraction of executions that succeeded (null without executions).' },
        avg_duration_ms: nullable(integer),
      }),
    ),
  },
});
