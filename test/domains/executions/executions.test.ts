import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../../support/database';
import { startTestGateway, type TestGateway } from '../../support/gateway';
import { type PageRequest, walkConnection } from '../../support/paging';
import { globalId, HOUR, insertScenario, newestFirst, type Scenario } from '../../support/scenario';

let database: TestDatabase;
let gateway: TestGateway;
let scenario: Scenario;

beforeAll(async () => {
  database = await createTestDatabase();
  scenario = await insertScenario(database.db, { userCount: 6 });
  gateway = await startTestGateway(database);
});
afterAll(async () => {
  await gateway?.stop();
  await database?.close();
});

const EXECUTIONS = `query Executions($first: Int, $after: String, $last: Int, $before: String, $filter: ExecutionFilter) {
  executions(first: $first, after: $after, last: $last, before: $before, filter: $filter) {
    totalCount
    edges { cursor node { id databaseId status conditionMet durationMs startedAt completedAt
      task { id databaseId searchQuery } user { id databaseId email }
      error { executionId errorType errorMessage retryCount willRetry occurredAt userEmail searchQuery } } }
    pageInfo { hasNextPage hasPreviousPage startCursor endCursor }
  }
}`;

const iso = (date: Date | null) => (date ? date.toISOString() : null);

async function allIds(filter: Record<string, unknown>, pageSize = 100): Promise<{ ids: string[]; totalCount: number }> {
  let totalCount = 0;
  const nodes = await walkConnection(async (page) => {
    const response: any = await gateway.graphql(EXECUTIONS, { ...page, filter });
    expect(response.errors).toBeUndefined();
    totalCount = response.data.executions.totalCount;
    return response.data.executions;
  }, { size: pageSize });
  return { ids: nodes.map((node) => node.databaseId), totalCount };
}

describe('Query.executions', () => {
  it('answers every field from the stored row, its task and its owner', async () => {
    const response: any = await gateway.graphql(EXECUTIONS, { first: 100 });
    expect(response.errors).toBeUndefined();
    const expected = newestFirst(scenario.executions, (row) => row.started_at).slice(0, 100);
    expect(response.data.executions.totalCount).toBe(scenario.executions.length);
    expect(response.data.executions.edges.map((edge: any) => edge.node.databaseId)).toEqual(expected.map((row) => row.id));
    for (const [index, row] of expected.entries()) {
      const node = response.data.executions.edges[index].node;
      const task = scenario.tasks.find((candidate) => candidate.id === row.task_id)!;
      const owner = scenario.users.find((candidate) => candidate.id === row.user_id)!;
      expect(node).toEqual({
        id: globalId('Execution', row.id),
        databaseId: row.id,
        status: row.status.toUpperCase(),
        conditionMet: row.condition_met,
        durationMs: row.duration_ms,
        startedAt: iso(row.started_at),
        completedAt: iso(row.completed_at),
        task: { id: globalId('Task', task.id), databaseId: task.id, searchQuery: task.search_query },
        user: { id: globalId('User', owner.id), databaseId: owner.id, email: owner.email },
        error: row.status === 'failed'
          ? { executionId: row.id, errorType: row.error_type, errorMessage: row.error_message, retryCount: row.retry_count, willRetry: row.will_retry,
              occurredAt: iso(row.started_at), userEmail: owner.email, searchQuery: task.search_query }
          : null,
      });
    }
  });

  it('filters by status, hours, since/until, task and user, and counts the filter', async () => {
    const { executions, tasks, users, now } = scenario;
    const task = tasks[3]!;
    const user = users[2]!;
    const cases: [Record<string, unknown>, (row: (typeof executions)[number]) => boolean][] = [
      [{ status: 'FAILED' }, (row) => row.status === 'failed'],
      [{ status: 'RUNNING' }, (row) => row.status === 'running'],
      [{ hours: 6 }, (row) => row.started_at.getTime() >= now.getTime() - 6 * HOUR],
      [{ hours: 24, status: 'SUCCESS' }, (row) => row.status === 'success' && row.started_at.getTime() >= now.getTime() - 24 * HOUR],
      [{ since: new Date(now.getTime() - 50 * HOUR).toISOString(), until: new Date(now.getTime() - 4 * HOUR).toISOString() },
        (row) => row.started_at.getTime() >= now.getTime() - 50 * HOUR && row.started_at.getTime() < now.getTime() - 4 * HOUR],
      [{ until: new Date(now.getTime() - 100 * HOUR).toISOString() }, (row) => row.started_at.getTime() < now.getTime() - 100 * HOUR],
      [{ taskId: globalId('Task', task.id) }, (row) => row.task_id === task.id],
      [{ userId: globalId('User', user.id), status: 'SUCCESS' }, (row) => row.user_id === user.id && row.status === 'success'],
    ];
    for (const [filter, keep] of cases) {
      const expected = newestFirst(executions.filter(keep), (row) => row.started_at).map((row) => row.id);
      expect(expected.length, JSON.stringify(filter)).toBeGreaterThan(0);
      const { ids, totalCount } = await allIds(filter, 7);
      expect({ filter, ids, totalCount }).toEqual({ filter, ids: expected, totalCount: expected.length });
    }
  });

  it('pages forwards and backwards without gaps or repeats while rows are inserted', async () => {
    const inserted: string[] = [];
    const forwards = (await walkConnection(async (page) => (await gateway.graphql(EXECUTIONS, page)).data.executions, {
      size: 9,
      onPage: async (connection, { cursor, index, seen }) => {
        expect(connection.pageInfo.hasPreviousPage).toBe(cursor !== null);
        if (index !== 1) return;
        // One row newer than everything, one in the middle of what is still to come (same start as a row not yet seen).
        const unseen = newestFirst(scenario.executions, (row) => row.started_at)[seen.length + 5]!;
        const rows = await database.db.insertInto('executions').values([
          { task_id: unseen.task_id, user_id: unseen.user_id, status: 'running', started_at: new Date() },
          { task_id: unseen.task_id, user_id: unseen.user_id, status: 'running', started_at: unseen.started_at },
        ]).returning(['id', 'started_at']).execute();
        inserted.push(...rows.map((row) => row.id));
      },
    })).map((node) => node.databaseId);
    const stored = await database.db.selectFrom('executions').select(['id', 'started_at']).orderBy('started_at', 'desc').orderBy('id', 'desc').execute();
    // Everything that existed is seen exactly once; the row inserted ahead of the cursor is seen too, the one behind it is not.
    const newest = inserted[0]!;
    expect(forwards).toEqual(stored.map((row) => row.id).filter((id) => id !== newest));
    expect(new Set(forwards).size).toBe(forwards.length);

    const backwards = (await walkConnection(async (page) => (await gateway.graphql(EXECUTIONS, page)).data.executions, {
      size: 8,
      backward: true,
      onPage: (connection, { cursor }) => expect(connection.pageInfo.hasNextPage).toBe(cursor !== null),
    })).map((node) => node.databaseId);
    expect(backwards).toEqual(stored.map((row) => row.id));
    await database.db.deleteFrom('executions').where('id', 'in', inserted).execute();
  });

  it('orders oldest first on request, paging both ways', async () => {
    const QUERY = `query($first: Int, $after: String, $last: Int, $before: String) {
      executions(first: $first, after: $after, last: $last, before: $before, orderBy: OLDEST_FIRST, filter: { status: SUCCESS }) {
        edges { node { databaseId } } pageInfo { hasNextPage hasPreviousPage startCursor endCursor } } }`;
    const expected = newestFirst(scenario.executions.filter((row) => row.status === 'success'), (row) => row.started_at).reverse().map((row) => row.id);
    const fetchPage = async (page: PageRequest) => (await gateway.graphql(QUERY, page)).data.executions;
    const forwards = (await walkConnection(fetchPage, { size: 6 })).map((node) => node.databaseId);
    const backwards = (await walkConnection(fetchPage, { size: 6, backward: true })).map((node) => node.databaseId);
    expect(forwards).toEqual(expected);
    expect(backwards).toEqual(expected);
  });

  it('rejects bad arguments, naming them', async () => {
    const cases: [Record<string, unknown>, string][] = [
      [{ first: 101 }, 'first: must be between 0 and 100, got 101'],
      [{ last: -1 }, 'last: must be between 0 and 100, got -1'],
      [{ first: 5, filter: { hours: 0 } }, 'filter.hours: must be between 1 and 8760, got 0'],
      [{ first: 5, filter: { hours: 8761 } }, 'filter.hours: must be between 1 and 8760, got 8761'],
      [{ first: 5, filter: { hours: 3, since: '2024-01-01T00:00:00Z' } }, 'filter.hours: cannot be combined with filter.since or filter.until'],
      [{ first: 5, filter: { since: '2024-01-02T00:00:00Z', until: '2024-01-01T00:00:00Z' } }, 'filter.until: must be later than filter.since'],
      [{ first: 5, filter: { taskId: 'not-an-id' } }, 'filter.taskId: is not a Task ID (use the id field of a Task)'],
      [{ first: 5, filter: { userId: globalId('Task', scenario.tasks[0]!.id) } }, 'filter.userId: is not a User ID (use the id field of a User)'],
      [{ first: 5, after: 'garbage' }, 'after: is not a cursor of this list (use a cursor returned by the same field)'],
    ];
    for (const [variables, message] of cases) {
      const response = await gateway.graphql(EXECUTIONS, variables);
      expect(response.errors?.[0], JSON.stringify(variables)).toMatchObject({ message, extensions: { code: 'BAD_USER_INPUT' } });
    }
    const badDate = await gateway.graphql(EXECUTIONS, { first: 1, filter: { since: 'yesterday' } });
    expect(badDate.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
  });

  it('resolves executions, tasks and users through node and nodes', async () => {
    const execution = scenario.executions[4]!;
    const response: any = await gateway.graphql(`query($ids: [ID!]!) { nodes(ids: $ids) { __typename id
      ... on Execution { databaseId status } ... on Task { databaseId name } ... on User { databaseId email } } }`, {
      ids: [globalId('Execution', execution.id), globalId('Task', execution.task_id), globalId('User', execution.user_id)],
    });
    expect(response.errors).toBeUndefined();
    const task = scenario.tasks.find((row) => row.id === execution.task_id)!;
    const user = scenario.users.find((row) => row.id === execution.user_id)!;
    expect(response.data.nodes).toEqual([
      { __typename: 'Execution', id: globalId('Execution', execution.id), databaseId: execution.id, status: execution.status.toUpperCase() },
      { __typename: 'Task', id: globalId('Task', task.id), databaseId: task.id, name: task.name },
      { __typename: 'User', id: globalId('User', user.id), databaseId: user.id, email: user.email },
    ]);
  });

  it('answers NOT_FOUND for a node id whose row does not exist or is not a UUID', async () => {
    const missing = globalId('Execution', '00000000-0000-4000-8000-000000000000');
    const response: any = await gateway.graphql('query($ids: [ID!]!) { nodes(ids: $ids) { id } }', { ids: [missing, globalId('Task', 'abc'), globalId('User', scenario.users[0]!.id)] });
    expect(response.data.nodes).toEqual([null, null, { id: globalId('User', scenario.users[0]!.id) }]);
    expect(response.errors.map((error: any) => [error.path, error.extensions.code, error.message])).toEqual([
      [['nodes', 0], 'NOT_FOUND', 'Execution 00000000-0000-4000-8000-000000000000 not found'],
      [['nodes', 1], 'NOT_FOUND', 'Task abc not found'],
    ]);
  });

  it('lists a task’s and a user’s executions with the same filters', async () => {
    const task = scenario.tasks[2]!;
    const user = scenario.users[1]!;
    const response: any = await gateway.graphql(`query($task: ID!, $user: ID!) {
      task: node(id: $task) { ... on Task { executions(first: 100) { totalCount edges { node { databaseId } } } } }
      user: node(id: $user) { ... on User { executions(first: 100, filter: { status: FAILED }) { totalCount edges { node { databaseId } } } } }
    }`, { task: globalId('Task', task.id), user: globalId('User', user.id) });
    expect(response.errors).toBeUndefined();
    const ofTask = newestFirst(scenario.executions.filter((row) => row.task_id === task.id), (row) => row.started_at).map((row) => row.id);
    const ofUser = newestFirst(scenario.executions.filter((row) => row.user_id === user.id && row.status === 'failed'), (row) => row.started_at).map((row) => row.id);
    expect(response.data.task.executions.totalCount).toBe(ofTask.length);
    expect(response.data.task.executions.edges.map((edge: any) => edge.node.databaseId)).toEqual(ofTask);
    expect(response.data.user.executions.totalCount).toBe(ofUser.length);
    expect(response.data.user.executions.edges.map((edge: any) => edge.node.databaseId)).toEqual(ofUser);
  });
});
