import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../../support/database';
import { startTestGateway, type TestGateway } from '../../support/gateway';
import { walkConnection } from '../../support/paging';
import { globalId, HOUR, insertScenario, newestFirst, type Scenario } from '../../support/scenario';

let database: TestDatabase;
let gateway: TestGateway;
let scenario: Scenario;

beforeAll(async () => {
  database = await createTestDatabase();
  scenario = await insertScenario(database.db, { userCount: 8 });
  gateway = await startTestGateway(database);
});
afterAll(async () => {
  await gateway?.stop();
  await database?.close();
});

const ERRORS = `query Errors($first: Int, $after: String, $last: Int, $before: String, $filter: ErrorFilter) {
  errors(first: $first, after: $after, last: $last, before: $before, filter: $filter) {
    totalCount
    errorTypes { errorType count }
    edges { cursor node { executionId userEmail searchQuery errorMessage errorType retryCount willRetry occurredAt
      execution { id status } task { databaseId } user { databaseId } } }
    pageInfo { hasNextPage hasPreviousPage startCursor endCursor }
  }
}`;

type Execution = Scenario['executions'][number];

function expectedErrors(keep: (row: Execution) => boolean) {
  const rows = newestFirst(scenario.executions.filter((row) => row.status === 'failed' && keep(row)), (row) => row.started_at);
  const types = new Map<string, number>();
  for (const row of rows) types.set(row.error_type!, (types.get(row.error_type!) ?? 0) + 1);
  const errorTypes = [...types].map(([errorType, count]) => ({ errorType, count }))
    .sort((a, b) => b.count - a.count || (a.errorType < b.errorType ? -1 : 1));
  return { rows, errorTypes };
}

const within = (hours: number) => (row: Execution) => row.started_at.getTime() >= scenario.now.getTime() - hours * HOUR;

describe('Query.errors', () => {
  it('defaults to the last 24 hours and answers every field', async () => {
    const response: any = await gateway.graphql(ERRORS, { first: 100 });
    expect(response.errors).toBeUndefined();
    const { rows, errorTypes } = expectedErrors(within(24));
    expect(rows.length).toBeGreaterThan(3);
    expect(response.data.errors.totalCount).toBe(rows.length);
    expect(response.data.errors.errorTypes).toEqual(errorTypes);
    expect(response.data.errors.edges.map((edge: any) => edge.node)).toEqual(rows.map((row) => {
      const task = scenario.tasks.find((candidate) => candidate.id === row.task_id)!;
      const user = scenario.users.find((candidate) => candidate.id === row.user_id)!;
      return {
        executionId: row.id,
        userEmail: user.email,
        searchQuery: task.search_query,
        errorMessage: row.error_message,
        errorType: row.error_type,
        retryCount: row.retry_count,
        willRetry: row.will_retry,
        occurredAt: row.started_at.toISOString(),
        execution: { id: globalId('Execution', row.id), status: 'FAILED' },
        task: { databaseId: task.id },
        user: { databaseId: user.id },
      };
    }));
  });

  it('filters by hours, since/until, error type, user and task; errorTypes follow the filter', async () => {
    const { now, users, tasks } = scenario;
    const user = users.find((candidate) => scenario.executions.some((row) => row.user_id === candidate.id && row.status === 'failed'))!;
    const task = tasks.find((candidate) => scenario.executions.filter((row) => row.task_id === candidate.id && row.status === 'failed').length > 1)!;
    const since = new Date(now.getTime() - 100 * HOUR);
    const until = new Date(now.getTime() - 6 * HOUR);
    const cases: [Record<string, unknown>, (row: Execution) => boolean][] = [
      [{ hours: 6 }, within(6)],
      [{ hours: 8760 }, within(8760)],
      [{ hours: 8760, errorType: 'RateLimitError' }, (row) => within(8760)(row) && row.error_type === 'RateLimitError'],
      [{ errorType: 'TimeoutError' }, (row) => within(24)(row) && row.error_type === 'TimeoutError'],
      [{ since: since.toISOString(), until: until.toISOString() }, (row) => row.started_at >= since && row.started_at < until],
      [{ since: since.toISOString() }, (row) => row.started_at >= since],
      [{ hours: 8760, userId: globalId('User', user.id) }, (row) => row.user_id === user.id],
      [{ hours: 8760, taskId: globalId('Task', task.id) }, (row) => row.task_id === task.id],
      [{ hours: 24, errorType: 'NoSuchError' }, () => false],
    ];
    for (const [filter, keep] of cases) {
      const { rows, errorTypes } = expectedErrors(keep);
      const seen = (await walkConnection(async (page) => {
        const response = await gateway.graphql(ERRORS, { ...page, filter });
        expect(response.errors, JSON.stringify(filter)).toBeUndefined();
        const connection = response.data.errors;
        expect({ filter, totalCount: connection.totalCount, errorTypes: connection.errorTypes }).toEqual({ filter, totalCount: rows.length, errorTypes });
        return connection;
      }, { size: 3 })).map((node) => node.executionId);
      expect({ filter, seen }).toEqual({ filter, seen: rows.map((row) => row.id) });
    }
  });

  it('pages backwards from the end', async () => {
    const { rows } = expectedErrors(within(8760));
    const seen = (await walkConnection(async (page) => (await gateway.graphql(ERRORS, { ...page, filter: { hours: 8760 } })).data.errors, { size: 4, backward: true }))
      .map((node) => node.executionId);
    expect(seen).toEqual(rows.map((row) => row.id));
  });

  it('orders oldest first on request', async () => {
    const response: any = await gateway.graphql('{ errors(first: 100, orderBy: OLDEST_FIRST, filter: { hours: 8760 }) { edges { node { executionId } } } }');
    expect(response.data.errors.edges.map((edge: any) => edge.node.executionId)).toEqual(expectedErrors(within(8760)).rows.reverse().map((row) => row.id));
  });

  it('rejects bad arguments, naming them', async () => {
    const cases: [Record<string, unknown>, string][] = [
      [{ first: 1000 }, 'first: must be between 0 and 100, got 1000'],
      [{ filter: { hours: -5 } }, 'filter.hours: must be between 1 and 8760, got -5'],
      [{ filter: { hours: 2, until: '2024-01-01T00:00:00Z' } }, 'filter.hours: cannot be combined with filter.since or filter.until'],
      [{ filter: { since: '2024-01-01T00:00:00Z', until: '2024-01-01T00:00:00Z' } }, 'filter.until: must be later than filter.since'],
      [{ filter: { errorType: '  ' } }, 'filter.errorType: must be a non-empty error type name'],
      [{ filter: { userId: 'VXNlcjpub3QtYS11dWlk' } }, 'filter.userId: is not a User ID (use the id field of a User)'],
      [{ filter: { taskId: globalId('User', scenario.users[0]!.id) } }, 'filter.taskId: is not a Task ID (use the id field of a Task)'],
    ];
    for (const [variables, message] of cases) {
      const response = await gateway.graphql(ERRORS, variables);
      expect(response.errors?.[0], JSON.stringify(variables)).toMatchObject({ message, extensions: { code: 'BAD_USER_INPUT' } });
    }
  });
});
