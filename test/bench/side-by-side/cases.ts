/**
 * The cases of the side-by-side benchmark: for each, the request every server answers it with, and how each
 * answer is reduced to the same plain rows, so that the runner can check that all servers agree before timing.
 */
export type ServerName = 'ours' | 'postgraphile' | 'floor';

export interface CaseRequest {
  method: 'GET' | 'POST';
  path: string;
  body?: string;
  /** The answer reduced to rows comparable across servers. */
  rows(answer: any): unknown;
}

export interface BenchCase {
  name: string;
  servers: Partial<Record<ServerName, CaseRequest>> & { ours: CaseRequest; floor: CaseRequest };
}

const graphql = (query: string, rows: (data: any) => unknown): CaseRequest => ({
  method: 'POST',
  path: '/graphql',
  body: JSON.stringify({ query }),
  rows: (answer) => {
    if (answer.errors) throw new Error(`GraphQL errors: ${JSON.stringify(answer.errors).slice(0, 500)}`);
    return rows(answer.data);
  },
});
const get = (path: string, rows: (answer: any) => unknown = (answer) => answer): CaseRequest => ({ method: 'GET', path, rows });

/** An instant as ISO milliseconds, whatever precision or offset a server prints it with. */
const instant = (value: string | null) => (value === null ? null : new Date(value).toISOString());
const rounded = (value: number | null) => (value === null ? null : Math.round(value * 1e9) / 1e9);
/** Timestamps and numbers in REST bodies normalised the same way (keys ending in _at). */
function restRows(answer: any): unknown {
  return JSON.parse(JSON.stringify(answer), (key, value) => (key.endsWith('_at') && typeof value === 'string' ? instant(value) : value));
}

const executionRow = (row: { id: string; status: string; startedAt: string; durationMs: number | null; searchQuery: string; email: string }) => ({
  ...row,
  status: row.status.toLowerCase(),
  startedAt: instant(row.startedAt),
});

const userRow = (row: { id: string; email: string; tasksCount: number; activeTasksCount: number; executions24h: number; notifications7d: number }) => ({
  id: row.id, email: row.email, tasksCount: row.tasksCount, activeTasksCount: row.activeTasksCount, executions24h: row.executions24h, notifications7d: row.notifications7d,
});

const errorRow = (row: Record<string, unknown>) => ({ ...row, occurredAt: instant(row.occurredAt as string) });

const searchQueryRow = (row: Record<string, unknown>) => ({
  ...row,
  totalExecutions: Number(row.totalExecutions),
  successRate: rounded(row.successRate as number | null),
});

export const CASES: BenchCase[] = [
  {
    name: 'executions(first: 50) + task, user',
    servers: {
      ours: graphql(
        `{ executions(first: 50) { edges { cursor node { databaseId status startedAt durationMs task { searchQuery } user { email } } } pageInfo { hasNextPage endCursor } } }`,
        (data) => ({
          hasNextPage: data.executions.pageInfo.hasNextPage,
          rows: data.executions.edges.map(({ node }: any) =>
            executionRow({ id: node.databaseId, status: node.status, startedAt: node.startedAt, durationMs: node.durationMs, searchQuery: node.task.searchQuery, email: node.user.email })),
        }),
      ),
      postgraphile: graphql(
        `{ allExecutions(first: 50, orderBy: [STARTED_AT_DESC, ROW_ID_DESC]) { edges { cursor node { rowId status startedAt durationMs taskByTaskId { searchQuery } userByUserId { email } } } pageInfo { hasNextPage endCursor } } }`,
        (data) => ({
          hasNextPage: data.allExecutions.pageInfo.hasNextPage,
          rows: data.allExecutions.edges.map(({ node }: any) =>
            executionRow({ id: node.rowId, status: node.status, startedAt: node.startedAt, durationMs: node.durationMs, searchQuery: node.taskByTaskId.searchQuery, email: node.userByUserId.email })),
        }),
      ),
      floor: get('/executions', (answer) => ({
        hasNextPage: answer.hasNextPage,
        rows: answer.rows.map((row: any) =>
          executionRow({ id: row.id, status: row.status, startedAt: row.started_at, durationMs: row.duration_ms, searchQuery: row.search_query, email: row.email })),
      })),
    },
  },
  {
    name: 'users(first: 50) + 4 counts',
    servers: {
      ours: graphql(
        `{ users(first: 50) { edges { cursor node { databaseId email tasksCount activeTasksCount executions24h notifications7d } } pageInfo { hasNextPage endCursor } } }`,
        (data) => ({
          hasNextPage: data.users.pageInfo.hasNextPage,
          rows: data.users.edges.map(({ node }: any) => userRow({ ...node, id: node.databaseId })),
        }),
      ),
      postgraphile: graphql(
        `{ allUsers(first: 50, orderBy: [CREATED_AT_DESC, ROW_ID_DESC]) { edges { cursor node { rowId email tasksByUserId { totalCount }
             activeTasks: tasksByUserId(condition: { state: "active" }) { totalCount } executions24H notifications7D } } pageInfo { hasNextPage endCursor } } }`,
        (data) => ({
          hasNextPage: data.allUsers.pageInfo.hasNextPage,
          rows: data.allUsers.edges.map(({ node }: any) => userRow({
            id: node.rowId, email: node.email, tasksCount: node.tasksByUserId.totalCount, activeTasksCount: node.activeTasks.totalCount,
            executions24h: node.executions24H, notifications7d: node.notifications7D,
          })),
        }),
      ),
      floor: get('/users', (answer) => ({
        hasNextPage: answer.hasNextPage,
        rows: answer.rows.map((row: any) => userRow({
          id: row.id, email: row.email, tasksCount: row.tasks_count, activeTasksCount: row.active_tasks_count,
          executions24h: row.executions_24h, notifications7d: row.notifications_7d,
        })),
      })),
    },
  },
  {
    name: 'stats',
    servers: {
      ours: graphql(
        `{ stats { users { total active30d new7d } tasks { total active paused } executions { total24h success24h failed24h avgDurationMs }
             notifications { sent24h sent7d } popularQueries(limit: 10) { query count } } }`,
        (data) => data.stats,
      ),
      postgraphile: graphql(
        `{ postgraphilePeerPlatformStats { usersTotal usersActive30D usersNew7D tasksTotal tasksActive tasksPaused executionsTotal24H executionsSuccess24H
             executionsFailed24H executionsAvgDurationMs notificationsSent24H notificationsSent7D } postgraphilePeerPopularQueries(lim: 10) { nodes { query count } } }`,
        ({ postgraphilePeerPlatformStats: s, postgraphilePeerPopularQueries: popular }) => ({
          users: { total: s.usersTotal, active30d: s.usersActive30D, new7d: s.usersNew7D },
          tasks: { total: s.tasksTotal, active: s.tasksActive, paused: s.tasksPaused },
          executions: { total24h: s.executionsTotal24H, success24h: s.executionsSuccess24H, failed24h: s.executionsFailed24H, avgDurationMs: s.executionsAvgDurationMs },
          notifications: { sent24h: s.notificationsSent24H, sent7d: s.notificationsSent7D },
          popularQueries: popular.nodes,
        }),
      ),
      floor: get('/stats'),
    },
  },
  {
    name: 'errors(hours: 24, first: 50) + errorTypes',
    servers: {
      ours: graphql(
        `{ errors(first: 50, filter: { hours: 24 }) { totalCount errorTypes { errorType count } edges { node { executionId userEmail searchQuery
             errorMessage errorType retryCount willRetry occurredAt task { databaseId } } } pageInfo { hasNextPage } } }`,
        ({ errors }) => ({
          totalCount: errors.totalCount,
          errorTypes: errors.errorTypes,
          hasNextPage: errors.pageInfo.hasNextPage,
          rows: errors.edges.map(({ node: { task, ...node } }: any) => errorRow({ ...node, taskId: task.databaseId })),
        }),
      ),
      postgraphile: graphql(
        `{ postgraphilePeerRecentErrors(hours: 24, first: 50) { totalCount edges { node { rowId taskId userByUserId { email } taskByTaskId { searchQuery }
             errorMessage errorType retryCount willRetry startedAt } } pageInfo { hasNextPage } }
           postgraphilePeerRecentErrorTypes(hours: 24) { nodes { errorType count } } }`,
        ({ postgraphilePeerRecentErrors: errors, postgraphilePeerRecentErrorTypes: types }) => ({
          totalCount: errors.totalCount,
          errorTypes: types.nodes,
          hasNextPage: errors.pageInfo.hasNextPage,
          rows: errors.edges.map(({ node }: any) => errorRow({
            executionId: node.rowId, userEmail: node.userByUserId.email, searchQuery: node.taskByTaskId.searchQuery, errorMessage: node.errorMessage,
            errorType: node.errorType, retryCount: node.retryCount, willRetry: node.willRetry, occurredAt: node.startedAt, taskId: node.taskId,
          })),
        }),
      ),
      floor: get('/errors', (answer) => ({
        totalCount: answer.totalCount,
        errorTypes: answer.errorTypes.map((type: any) => ({ errorType: type.error_type, count: type.count })),
        hasNextPage: answer.hasNextPage,
        rows: answer.rows.map((row: any) => errorRow({
          executionId: row.execution_id, userEmail: row.user_email, searchQuery: row.search_query, errorMessage: row.error_message, errorType: row.error_type,
          retryCount: row.retry_count, willRetry: row.will_retry, occurredAt: row.occurred_at, taskId: row.task_id,
        })),
      })),
    },
  },
  {
    name: 'searchQueries(first: 50)',
    servers: {
      ours: graphql(
        `{ searchQueries(first: 50) { totalCount edges { node { searchQuery totalTasks activeTasks totalExecutions successRate avgDurationMs } } pageInfo { hasNextPage } } }`,
        ({ searchQueries: list }) => ({ totalCount: list.totalCount, hasNextPage: list.pageInfo.hasNextPage, rows: list.edges.map(({ node }: any) => searchQueryRow(node)) }),
      ),
      postgraphile: graphql(
        `{ postgraphilePeerSearchQueryStats(first: 50) { totalCount edges { node { searchQuery totalTasks activeTasks totalExecutions successRate avgDurationMs } } pageInfo { hasNextPage } } }`,
        ({ postgraphilePeerSearchQueryStats: list }) => ({ totalCount: list.totalCount, hasNextPage: list.pageInfo.hasNextPage, rows: list.edges.map(({ node }: any) => searchQueryRow(node)) }),
      ),
      floor: get('/search-queries', (answer) => ({
        totalCount: answer.totalCount,
        hasNextPage: answer.hasNextPage,
        rows: answer.rows.map((row: any) => searchQueryRow({
          searchQuery: row.search_query, totalTasks: row.total_tasks, activeTasks: row.active_tasks, totalExecutions: row.total_executions,
          successRate: row.succeeded + row.failed === 0 ? null : row.succeeded / (row.succeeded + row.failed),
          avgDurationMs: row.duration_count === 0 ? null : Math.round(row.duration_sum / row.duration_count),
        })),
      })),
    },
  },
  { name: 'REST /admin/executions page 1', servers: { ours: get('/admin/executions?limit=50&page=1', restRows), floor: get('/admin/executions?limit=50&page=1', restRows) } },
  { name: 'REST /admin/executions page 200', servers: { ours: get('/admin/executions?limit=50&page=200', restRows), floor: get('/admin/executions?limit=50&page=200', restRows) } },
  { name: 'REST /admin/errors', servers: { ours: get('/admin/errors', restRows), floor: get('/admin/errors', restRows) } },
];
