import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../support/database';
import { startTestGateway, type TestGateway } from '../support/gateway';
import { insertScenario } from '../support/scenario';
import { statementsDuring } from '../support/statements';

// A page of 100 rows must cost the same number of SQL statements as a page of 10: every relation and
// per-row aggregate goes through a per-request loader.
let database: TestDatabase;
let gateway: TestGateway;

beforeAll(async () => {
  database = await createTestDatabase();
  await insertScenario(database.db, { userCount: 120 });
  gateway = await startTestGateway(database);
});
afterAll(async () => {
  await gateway?.stop();
  await database?.close();
});

async function statementsFor(query: string, variables: Record<string, unknown>) {
  await gateway.graphql('{ __typename }'); // the key's principal is cached from here on (PRINCIPAL_CACHE_MS): no count includes authentication
  const { statements, result: response } = await statementsDuring(database, () => gateway.graphql(query, variables));
  expect(response.errors).toBeUndefined();
  return { statements, data: response.data };
}

const OPERATIONS = {
  'executions with task and user': {
    query: `query($first: Int) { executions(first: $first) { totalCount edges { node { id status
      task { id name searchQuery owner { email } } user { id email } error { errorType userEmail searchQuery } } } } }`,
    rows: (data: any) => data.executions.edges.length,
    // authentication (1), page, count, tasks, users
    bound: 5,
  },
  'users with all counts and API keys': {
    query: `query($first: Int) { users(first: $first) { totalCount edges { node { email tasksCount activeTasksCount executions24h notifications7d
      apiKeys { prefix } } } } }`,
    rows: (data: any) => data.users.edges.length,
    // authentication (1), page, count, activity, API keys
    bound: 5,
  },
  'errors with errorTypes': {
    query: `query($first: Int) { errors(first: $first, filter: { hours: 8760 }) { totalCount errorTypes { errorType count }
      edges { node { executionId userEmail searchQuery errorType task { name } user { email } execution { status } } } } }`,
    rows: (data: any) => data.errors.edges.length,
    // authentication (1), page, count, error types, tasks, users
    bound: 6,
  },
  'tasks with owner': {
    query: `query($first: Int) { tasks(first: $first) { totalCount edges { node { name owner { email tasksCount } } } } }`,
    rows: (data: any) => data.tasks.edges.length,
    // authentication (1), page, count, users, activity
    bound: 5,
  },
  'users with nested tasks and executions (connections per row)': {
    query: `query($first: Int) { users(first: $first) { edges { node { email
      tasks(first: 2, filter: { state: ACTIVE }) { totalCount edges { node { name executions(first: 2) { totalCount edges { node { status } } } } } }
      executions(first: 3, filter: { status: FAILED }) { totalCount pageInfo { hasNextPage } edges { node { task { name } } } } } } } }`,
    rows: (data: any) => data.users.edges.length,
    // authentication (1), users page, tasks page + count, their executions page + count, users' executions page + count,
    // and the tasks of those executions
    bound: 9,
  },
} as const;

describe('SQL statements per request', () => {
  for (const [name, operation] of Object.entries(OPERATIONS)) {
    it(`${name}: the same at page sizes 10 and 100`, async () => {
      const small = await statementsFor(operation.query, { first: 10 });
      const large = await statementsFor(operation.query, { first: 100 });
      expect(operation.rows(small.data)).toBe(10);
      expect(operation.rows(large.data)).toBe(100);
      expect(large.statements.length).toBe(small.statements.length);
      expect(large.statements.length).toBeLessThanOrEqual(operation.bound);
    });
  }
});
