import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../../support/database';
import { startTestGateway, type TestGateway } from '../../support/gateway';
import { type PageRequest, walkConnection } from '../../support/paging';
import { globalId, insertScenario, newestFirst, type Scenario } from '../../support/scenario';

let database: TestDatabase;
let gateway: TestGateway;
let scenario: Scenario;

beforeAll(async () => {
  database = await createTestDatabase();
  scenario = await insertScenario(database.db, { userCount: 10, executionsPerTask: 3 });
  gateway = await startTestGateway(database);
});
afterAll(async () => {
  await gateway?.stop();
  await database?.close();
});

const TASKS = `query Tasks($first: Int, $after: String, $last: Int, $before: String, $filter: TaskFilter) {
  tasks(first: $first, after: $after, last: $last, before: $before, filter: $filter) {
    totalCount
    edges { cursor node { id databaseId name searchQuery condition cron state temporalScheduleId createdAt owner { databaseId email } } }
    pageInfo { hasNextPage hasPreviousPage startCursor endCursor }
  }
}`;

type Task = Scenario['tasks'][number];

async function pageThrough(filter: Record<string, unknown> | undefined, size: number) {
  let totalCount = -1;
  const nodes = await walkConnection(async (page) => {
    const response = await gateway.graphql(TASKS, { ...page, filter });
    expect(response.errors).toBeUndefined();
    totalCount = response.data.tasks.totalCount;
    return response.data.tasks;
  }, { size });
  return { seen: nodes.map((node) => node.databaseId as string), totalCount };
}

describe('Query.tasks', () => {
  it('answers every field, newest first', async () => {
    const response: any = await gateway.graphql(TASKS, { first: 100 });
    expect(response.errors).toBeUndefined();
    const expected = newestFirst(scenario.tasks, (task) => task.created_at).map((task) => {
      const owner = scenario.users.find((user) => user.id === task.user_id)!;
      return {
        id: globalId('Task', task.id),
        databaseId: task.id,
        name: task.name,
        searchQuery: task.search_query,
        condition: task.condition_description,
        cron: task.schedule,
        state: task.state.toUpperCase(),
        temporalScheduleId: task.temporal_schedule_id,
        createdAt: task.created_at.toISOString(),
        owner: { databaseId: owner.id, email: owner.email },
      };
    });
    expect(response.data.tasks.totalCount).toBe(scenario.tasks.length);
    expect(response.data.tasks.edges.map((edge: any) => edge.node)).toEqual(expected);
  });

  it('filters by state, owner and query text (case-insensitive, wildcards literal)', async () => {
    const owner = scenario.users[4]!;
    const cases: [Record<string, unknown>, (task: Task) => boolean][] = [
      [{ state: 'PAUSED' }, (task) => task.state === 'paused'],
      [{ state: 'ACTIVE' }, (task) => task.state === 'active'],
      [{ ownerId: globalId('User', owner.id) }, (task) => task.user_id === owner.id],
      [{ searchQueryContains: 'ps5 stock' }, (task) => task.search_query.toLowerCase().includes('ps5 stock')],
      [{ searchQueryContains: 'PS5', state: 'ACTIVE' }, (task) => task.search_query.toLowerCase().includes('ps5') && task.state === 'active'],
      [{ searchQueryContains: '%' }, () => false],
      [{ searchQueryContains: '_' }, () => false],
    ];
    for (const [filter, keep] of cases) {
      const expected = newestFirst(scenario.tasks.filter(keep), (task) => task.created_at).map((task) => task.id);
      const { seen, totalCount } = await pageThrough(filter, 4);
      expect({ filter, seen, totalCount }).toEqual({ filter, seen: expected, totalCount: expected.length });
    }
  });

  it('pages backwards and across inserts', async () => {
    const backwards = (await walkConnection(async (page) => (await gateway.graphql(TASKS, page)).data.tasks, {
      size: 5,
      backward: true,
      onPage: async (_page, { index }) => {
        if (index !== 0) return;
        // Paging from the oldest towards the newest: a new newest task lies ahead and is seen; a task older than
        // everything lies behind the cursor and is not.
        const values = { user_id: scenario.users[0]!.id, search_query: 'late', condition_description: 'c', schedule: '* * * * *' };
        await database.db.insertInto('tasks').values([{ ...values, name: 'late newest' }, { ...values, name: 'late oldest', created_at: new Date('2000-01-01T00:00:00Z') }]).execute();
      },
    })).map((node) => node.databaseId);
    const newest = await database.db.selectFrom('tasks').select('id').where('name', '=', 'late newest').executeTakeFirstOrThrow();
    expect(backwards).toEqual([newest.id, ...newestFirst(scenario.tasks, (task) => task.created_at).map((task) => task.id)]);
    await database.db.deleteFrom('tasks').where('search_query', '=', 'late').execute();
  });

  it('orders oldest first on request', async () => {
    const response: any = await gateway.graphql('{ tasks(first: 100, orderBy: OLDEST_FIRST) { edges { node { databaseId } } } }');
    expect(response.data.tasks.edges.map((edge: any) => edge.node.databaseId)).toEqual(newestFirst(scenario.tasks, (task) => task.created_at).reverse().map((task) => task.id));
  });

  it('lists a user’s tasks with the same filter', async () => {
    const owner = scenario.users.find((user) => scenario.tasks.filter((task) => task.user_id === user.id).length === 3)!;
    const response: any = await gateway.graphql(`query($id: ID!) { node(id: $id) { ... on User {
      all: tasks(first: 10) { totalCount edges { node { databaseId } } }
      paused: tasks(first: 10, filter: { state: PAUSED }) { totalCount edges { node { databaseId } } } } } }`, { id: globalId('User', owner.id) });
    expect(response.errors).toBeUndefined();
    const own = newestFirst(scenario.tasks.filter((task) => task.user_id === owner.id), (task) => task.created_at);
    expect(response.data.node.all.edges.map((edge: any) => edge.node.databaseId)).toEqual(own.map((task) => task.id));
    expect(response.data.node.paused.totalCount).toBe(own.filter((task) => task.state === 'paused').length);
  });

  it('answers nested tasks and executions for every user of a page (batched) like one user at a time', async () => {
    const response: any = await gateway.graphql(`{ users(first: 100, filter: { emailContains: "s-user" }) { edges { node { databaseId
      tasks(first: 2) { totalCount pageInfo { hasNextPage hasPreviousPage } edges { node { databaseId
        executions(first: 2, orderBy: OLDEST_FIRST) { totalCount pageInfo { hasNextPage } edges { node { databaseId } } } } } }
      executions(first: 1, filter: { status: SUCCESS }) { totalCount edges { node { databaseId } } } } } } }`);
    expect(response.errors).toBeUndefined();
    const { users, tasks, executions } = scenario;
    expect(response.data.users.edges).toHaveLength(users.length);
    for (const { node } of response.data.users.edges) {
      const own = newestFirst(tasks.filter((task) => task.user_id === node.databaseId), (task) => task.created_at);
      const successes = newestFirst(executions.filter((row) => row.user_id === node.databaseId && row.status === 'success'), (row) => row.started_at);
      expect(node).toEqual({
        databaseId: node.databaseId,
        tasks: {
          totalCount: own.length,
          pageInfo: { hasNextPage: own.length > 2, hasPreviousPage: false },
          edges: own.slice(0, 2).map((task) => {
            const runs = newestFirst(executions.filter((row) => row.task_id === task.id), (row) => row.started_at).reverse();
            return { node: { databaseId: task.id, executions: { totalCount: runs.length, pageInfo: { hasNextPage: runs.length > 2 }, edges: runs.slice(0, 2).map((row) => ({ node: { databaseId: row.id } })) } } };
          }),
        },
        executions: { totalCount: successes.length, edges: successes.slice(0, 1).map((row) => ({ node: { databaseId: row.id } })) },
      });
    }
  });

  it('pages a nested connection of one parent both ways', async () => {
    const owner = scenario.users.find((user) => scenario.tasks.filter((task) => task.user_id === user.id).length === 3)!;
    const QUERY = `query($id: ID!, $first: Int, $after: String, $last: Int, $before: String) { node(id: $id) { ... on User {
      tasks(first: $first, after: $after, last: $last, before: $before) { edges { node { databaseId } } pageInfo { hasNextPage hasPreviousPage startCursor endCursor } } } } }`;
    const expected = newestFirst(scenario.tasks.filter((task) => task.user_id === owner.id), (task) => task.created_at).map((task) => task.id);
    const id = globalId('User', owner.id);
    const fetchPage = async (page: PageRequest) => (await gateway.graphql(QUERY, { id, ...page })).data.node.tasks;
    const forwards = (await walkConnection(fetchPage, {
      size: 1,
      onPage: (connection, { cursor }) => expect(connection.pageInfo.hasPreviousPage).toBe(cursor !== null),
    })).map((node) => node.databaseId);
    const backwards = (await walkConnection(fetchPage, {
      size: 2,
      backward: true,
      onPage: (connection, { cursor }) => expect(connection.pageInfo.hasNextPage).toBe(cursor !== null),
    })).map((node) => node.databaseId);
    expect(forwards).toEqual(expected);
    expect(backwards).toEqual(expected);
    const tooMany = await gateway.graphql(QUERY, { id, first: 500 });
    expect(tooMany.errors?.[0]).toMatchObject({ message: 'first: must be between 0 and 100, got 500', extensions: { code: 'BAD_USER_INPUT' } });
  });

  it('rejects bad arguments, naming them', async () => {
    const cases: [Record<string, unknown>, string][] = [
      [{ first: 200 }, 'first: must be between 0 and 100, got 200'],
      [{ first: 1, last: 1 }, 'last: cannot be combined with first; page one way at a time'],
      [{ filter: { ownerId: 'abc' } }, 'filter.ownerId: is not a User ID (use the id field of a User)'],
      [{ filter: { searchQueryContains: 'x'.repeat(201) } }, 'filter.searchQueryContains: must be at most 200 characters, got 201'],
      [{ before: 'WyJrMSJd' }, 'before: is not a cursor of this list (use a cursor returned by the same field)'],
    ];
    for (const [variables, message] of cases) {
      const response = await gateway.graphql(TASKS, variables);
      expect(response.errors?.[0], JSON.stringify(variables)).toMatchObject({ message, extensions: { code: 'BAD_USER_INPUT' } });
    }
    const badEnum = await gateway.graphql(TASKS, { filter: { state: 'SLEEPING' } });
    expect(badEnum.errors?.[0]?.message).toMatch(/SLEEPING/);
  });
});
