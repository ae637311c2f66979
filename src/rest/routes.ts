import { encodeGlobalID } from '@pothos/plugin-relay';
import { graphql } from '../generated/gql';
import { positionCursor } from '../graphql/pagination';
import { boolean, hours, oneOf, paging, uuidInPath } from './parameters';
import { type JsonSchema, type Route, route } from './route';
import { connectorEventRoutes } from '../domains/connector-events/rest-routes';
import { feedbackRoutes } from '../domains/feedback/rest-routes';
import { walletRoutes } from '../domains/wallets/rest-routes';

/** Run by routes that read no data (the OpenAPI document) so that the GraphQL auth and limits still decide. */
export const AUTH_CHECK = graphql(`
  query RestAuthCheck {
    __typename
  }
`);

/** Keyset cursor "after the rows of the earlier pages": REST page/limit onto any connection. */
const afterPage = (page: number, limit: number) => (page > 1 ? positionCursor((page - 1) * limit) : null);
const lower = <Value extends string | null | undefined>(value: Value) => value?.toLowerCase() as Value;

const integer: JsonSchema = { type: 'integer' };
const string: JsonSchema = { type: 'string' };
const dateTime: JsonSchema = { type: 'string', format: 'date-time' };
const nullable = (schema: JsonSchema): JsonSchema => ({ ...schema, type: [schema.type as string, 'null'] });
const object = (properties: Record<string, JsonSchema>): JsonSchema => ({
  type: 'object',
  properties,
  required: Object.keys(properties),
  additionalProperties: false,
});
const pageOf = (key: string, item: JsonSchema): JsonSchema =>
  object({ [key]: { type: 'array', items: item }, total: { ...integer, description: 'Rows matching the filter (not the page length).' }, page: integer, limit: integer });

const uuid: JsonSchema = { type: 'string', format: 'uuid' };
const number: JsonSchema = { type: 'number' };
const boolean_: JsonSchema = { type: 'boolean' };

const stats = route({
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

const queries = route({
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

const executions = route({
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

const errors = route({
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

const users = route({
  method: 'GET',
  path: '/admin/users',
  operationId: 'listUsers',
  tag: 'Users',
  summary: 'All users with activity statistics, newest first',
  parameters: {
    active_only: boolean({ description: 'Show only active users (default: false).', default: false }),
    ...paging,
  },
  document: graphql(`
    query RestAdminUsers($first: Int!, $after: String, $filter: UserFilter) {
      users(first: $first, after: $after, filter: $filter) {
        totalCount
        edges {
          node {
            databaseId email clerkUserId state createdAt lastLogin
            tasksCount activeTasksCount executions24h notifications7d
          }
        }
      }
    }
  `),
  variables: ({ active_only, page, limit }) => ({ first: limit, after: afterPage(page, limit), filter: active_only ? { activeOnly: true } : null }),
  shape: (data, { page, limit }) => ({
    users: data.users.edges.map(({ node }) => ({
      id: node.databaseId,
      email: node.email,
      clerk_user_id: node.clerkUserId ?? null,
      state: lower(node.state),
      tasks_count: node.tasksCount,
      active_tasks_count: node.activeTasksCount,
      executions_24h: node.executions24h,
      notifications_7d: node.notifications7d,
      created_at: node.createdAt,
      last_login: node.lastLogin ?? null,
    })),
    total: data.users.totalCount,
    page,
    limit,
  }),
  argumentParameters: { first: 'limit', after: 'page', 'filter.activeOnly': 'active_only' },
  response: {
    description: 'A page of users, newest first.',
    example: {
      users: [{
        id: '660e8400-e29b-41d4-a716-446655440000', email: 'user@example.com', clerk_user_id: 'user_2abc', state: 'active', tasks_count: 8,
        active_tasks_count: 5, executions_24h: 45, notifications_7d: 12, created_at: '2024-01-10T08:30:00.000Z', last_login: '2024-01-15T09:00:00.000Z',
      }],
      total: 1250,
      page: 1,
      limit: 50,
    },
    schema: pageOf(
      'users',
      object({
        id: uuid,
        email: string,
        clerk_user_id: nullable(string),
        state: { type: 'string', enum: ['active', 'deactivated'] },
        tasks_count: integer,
        active_tasks_count: integer,
        executions_24h: integer,
        notifications_7d: integer,
        created_at: dateTime,
        last_login: nullable(dateTime),
      }),
    ),
  },
});

const deactivateUser = route({
  method: 'PATCH',
  path: '/admin/users/{id}/deactivate',
  operationId: 'deactivateUser',
  tag: 'Users',
  summary: 'Deactivate a user account (soft delete)',
  description: 'Pauses all of the user\'s tasks and revokes their API keys; no data is deleted. Audited. Deactivating an already deactivated user answers 200 with tasks_paused 0.',
  parameters: { id: uuidInPath({ description: 'The user id (UUID).' }) },
  document: graphql(`
    mutation RestDeactivateUser($id: ID!) {
      deactivateUser(id: $id) {
        user { databaseId }
        tasksPaused
      }
    }
  `),
  variables: ({ id }) => ({ id: encodeGlobalID('User', id) }),
  shape: (data) => ({ message: 'User deactivated successfully', user_id: data.deactivateUser.user.databaseId, tasks_paused: data.deactivateUser.tasksPaused }),
  argumentParameters: { id: 'id' },
  notFoundDetail: 'User not found',
  response: {
    description: 'The user is deactivated.',
    example: { message: 'User deactivated successfully', user_id: '660e8400-e29b-41d4-a716-446655440000', tasks_paused: 8 },
    schema: object({ message: { type: 'string', const: 'User deactivated successfully' }, user_id: uuid, tasks_paused: integer }),
  },
});

/** Every /admin route; a new route is one entry here (and its document). */
export const routes: Route[] = [
  stats, queries, executions, errors, users, deactivateUser, ...feedbackRoutes, ...connectorEventRoutes, ...walletRoutes,
] as Route[];
