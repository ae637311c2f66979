import { graphql } from '../../generated/gql';
import { hours, oneOf, paging } from '../../rest/parameters';
import { route } from '../../rest/route';
import { afterPage, lower, integer, string, dateTime, nullable, object, pageOf, uuid, boolean_ } from '../../rest/shapes';

export const executions = route({
  method: 'GET',
  path: '/admin/executions',
  operationId: 'listExecutions',
  tag: 'Monitoring',
  summary: 'Execution history across all users, newest first',
  parameters: {
    status: oneOf({ description: 'Filter by status: success, failed (also pending, running).', values: ['success', 'failed', 'pending', 'running'] as const }),
    hours,
    ...paging,
  },
  document: graphql(`
    query RestAdminExecutions($first: Int!, $after: String, $filter: ExecutionFilter) {
      executions(first: $first, after: $after, filter: $filter) {
        totalCount
        edges {
          node {
            databaseId status conditionMet durationMs startedAt completedAt
            task { databaseId searchQuery }
            user { email }
          }
        }
      }
    }
  `),
  variables: ({ status, hours, page, limit }) => ({
    first: limit,
    after: afterPage(page, limit),
    filter: { hours, ...(status ? { status: status.toUpperCase() as Uppercase<typeof status> } : {}) },
  }),
  shape: (data, { page, limit }) => ({
    executions: data.executions.edges.map(({ node }) => ({
      id: node.databaseId,
      task_id: node.task.databaseId,
      user_email: node.user.email,
      search_query: node.task.searchQuery,
      status: lower(node.status),
      condition_met: node.conditionMet ?? null,
      duration_ms: node.durationMs ?? null,
      started_at: node.startedAt,
      completed_at: node.completedAt ?? null,
    })),
    total: data.executions.totalCount,
    page,
    limit,
  }),
  argumentParameters: { first: 'limit', after: 'page', 'filter.hours': 'hours', 'filter.status': 'status' },
  response: {
    description: 'A page of executions started in the last `hours` hours.',
    example: {
      executions: [{
        id: '770e8400-e29b-41d4-a716-446655440000', task_id: '550e8400-e29b-41d4-a716-446655440000', user_email: 'user@example.com',
        search_query: 'When is the next iPhone release?', status: 'success', condition_met: true, duration_ms: 4100,
        started_at: '2024-01-15T09:00:00.000Z', completed_at: '2024-01-15T09:00:04.100Z',
      }],
      total: 15623,
      page: 1,
      limit: 50,
    },
    schema: pageOf(
      'executions',
      object({
        id: uuid,
        task_id: uuid,
        user_email: string,
        search_query: string,
        status: { type: 'string', enum: ['pending', 'running', 'success', 'failed'] },
        condition_met: nullable(boolean_),
        duration_ms: nullable(integer),
        started_at: dateTime,
        completed_at: nullable(dateTime),
      }),
    ),
  },
});

export const errors = route({
  method: 'GET',
  path: '/admin/errors',
  operationId: 'listErrors',
  tag: 'Monitoring',
  summary: 'Recent failed executions, with a count per error type',
  parameters: { hours, limit: paging.limit },
  document: graphql(`
    query RestAdminErrors($first: Int!, $filter: ErrorFilter) {
      errors(first: $first, filter: $filter) {
        totalCount
        errorTypes { errorType count }
        edges {
          node {
            executionId userEmail searchQuery errorMessage errorType retryCount willRetry occurredAt
            task { databaseId }
          }
        }
      }
    }
  `),
  variables: ({ hours, limit }) => ({ first: limit, filter: { hours } }),
  shape: (data) => ({
    errors: data.errors.edges.map(({ node }) => ({
      execution_id: node.executionId,
      task_id: node.task.databaseId,
      user_email: node.userEmail,
      search_query: node.searchQuery,
      error_message: node.errorMessage,
      error_type: node.errorType,
      retry_count: node.retryCount,
      will_retry: node.willRetry,
      occurred_at: node.occurredAt,
    })),
    total: data.errors.totalCount,
    error_types: Object.fromEntries(data.errors.errorTypes.map((type) => [type.errorType, type.count])),
  }),
  argumentParameters: { first: 'limit', 'filter.hours': 'hours' },
  response: {
    description: 'The most recent failures of the last `hours` hours; `total` and `error_types` count all of them.',
    example: {
      errors: [{
        execution_id: '880e8400-e29b-41d4-a716-446655440000', task_id: '550e8400-e29b-41d4-a716-446655440000', user_email: 'user@example.com',
        search_query: 'When is the next iPhone release?', error_message: 'Rate limit exceeded for Google Search API', error_type: 'RateLimitError',
        retry_count: 2, will_retry: true, occurred_at: '2024-01-15T10:23:15.000Z',
      }],
      total: 422,
      error_types: { RateLimitError: 312, TimeoutError: 89, ValidationError: 21 },
    },
    schema: object({
      errors: {
        type: 'array',
        items: object({
          execution_id: uuid,
          task_id: uuid,
          user_email: string,
          search_query: string,
          error_message: string,
          error_type: string,
          retry_count: integer,
          will_retry: boolean_,
          occurred_at: dateTime,
        }),
      },
      total: integer,
      error_types: { type: 'object', additionalProperties: integer, description: 'Failures per error type; the counts sum to total.' },
    }),
  },
});
