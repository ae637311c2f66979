import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../support/database';
import { startTestGateway, type TestGateway } from '../support/gateway';
import { globalId, insertScenario, type Scenario } from '../support/scenario';

let database: TestDatabase;
let gateway: TestGateway;
let scenario: Scenario;

beforeAll(async () => {
  database = await createTestDatabase();
  scenario = await insertScenario(database.db, { userCount: 4 });
  gateway = await startTestGateway(database);
});
afterAll(async () => {
  await gateway?.stop();
  await database?.close();
});

// The tests read and rewrite cursors the way a curious or hostile client would: base64url JSON.
const parts = (cursor: string): unknown[] => JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
const cursorOf = (value: unknown[]) => Buffer.from(JSON.stringify(value)).toString('base64url');

const USERS = 'query($after: String, $before: String, $orderBy: UserOrder) { users(first: 2, after: $after, before: $before, orderBy: $orderBy) { edges { cursor node { email } } } }';
const EXECUTIONS = 'query($after: String, $orderBy: TimeOrder) { executions(first: 2, after: $after, orderBy: $orderBy) { edges { cursor } } }';
const TASKS = 'query($after: String) { tasks(first: 2, after: $after) { edges { cursor } } }';
const AUDIT_LOG = 'query($after: String) { auditLog(first: 2, after: $after) { edges { cursor } } }';
const USER_TASKS = 'query($id: ID!, $after: String) { node(id: $id) { ... on User { tasks(first: 2, after: $after) { edges { cursor } } } } }';

async function firstCursor(query: string, variables: Record<string, unknown> = {}): Promise<string> {
  const response: any = await gateway.graphql(query, variables);
  expect(response.errors).toBeUndefined();
  const connection = Object.values(response.data)[0] as { edges: { cursor: string }[] };
  return connection.edges[0]!.cursor;
}

async function expectRefused(query: string, variables: Record<string, unknown>, argument: 'after' | 'before', message?: RegExp) {
  const response = await gateway.graphql(query, variables);
  expect(response.errors?.[0]?.extensions?.code, JSON.stringify(variables)).toBe('BAD_USER_INPUT');
  expect(response.errors?.[0]?.message, JSON.stringify(variables)).toMatch(message ?? new RegExp(`^${argument}: `));
}

describe('cursors are checked before any SQL', () => {
  it('refuses garbage', async () => {
    for (const after of ['garbage', 'bm9wZQ', '!!!!', 'W10', cursorOf(['k2']), cursorOf({ k: 1 } as never), 'x'.repeat(5000)]) {
      await expectRefused(USERS, { after }, 'after', /^after: is not a cursor of this list/);
    }
  });

  it('refuses tampered values: a bad uuid, a NUL, an impossible or year-300000 timestamp, a wrong number of keys', async () => {
    const [version, list, digest, createdAt, id] = parts(await firstCursor(USERS)) as string[];
    expect(version).toBe('k2');
    const tampered = [
      [version, list, digest, createdAt, 'not-a-uuid'],
      [version, list, digest, createdAt, `${id}'; drop table users; --`],
      [version, list, digest, '300000-01-01 00:00:00+00', id],
      [version, list, digest, '2024-02-30 00:00:00+00', id],
      [version, list, digest, '2024-01-01 25:00:00+00', id],
      [version, list, digest, 'infinity', id],
      [version, list, digest, `2024-01-01 00:00:00\u0000+00`, id],
      [version, list, digest, createdAt],
      [version, list, digest, createdAt, id, id],
      [version, list, digest, 1700000000, id],
    ];
    for (const value of tampered) {
      await expectRefused(USERS, { after: cursorOf(value) }, 'after', /^after: is not a cursor of this list/);
      await expectRefused(USERS, { before: cursorOf(value) }, 'before', /^before: is not a cursor of this list/);
    }
    const [emailVersion, emailList, emailDigest, , emailId] = parts(await firstCursor(USERS, { orderBy: 'EMAIL' })) as string[];
    await expectRefused(USERS, { orderBy: 'EMAIL', after: cursorOf([emailVersion, emailList, emailDigest, 'a\u0000b@example.com', emailId]) }, 'after');
  });

  it('refuses a cursor of another list, at the top level and on a parent row', async () => {
    const usersCursor = await firstCursor(USERS);
    const tasksCursor = await firstCursor(TASKS);
    await expectRefused(AUDIT_LOG, { after: usersCursor }, 'after', /^after: is not a cursor of this list/);
    await expectRefused(EXECUTIONS, { after: tasksCursor }, 'after', /^after: is not a cursor of this list/);
    const owner = scenario.users[0]!;
    await expectRefused(USER_TASKS, { id: globalId('User', owner.id), after: usersCursor }, 'after');
    // The same list on a parent row takes the top-level list's cursors (both are keysets on the same ordering).
    const nested: any = await gateway.graphql(USER_TASKS, { id: globalId('User', owner.id), after: tasksCursor });
    expect(nested.errors).toBeUndefined();
  });

  it('refuses a cursor of another ordering of the same list', async () => {
    await expectRefused(USERS, { after: await firstCursor(USERS, { orderBy: 'EMAIL' }) }, 'after', /^after: was returned for another orderBy/);
    await expectRefused(USERS, { orderBy: 'EMAIL', after: await firstCursor(USERS) }, 'after', /^after: was returned for another orderBy/);
    await expectRefused(EXECUTIONS, { orderBy: 'OLDEST_FIRST', after: await firstCursor(EXECUTIONS) }, 'after', /^after: was returned for another orderBy/);
  });

  it('still accepts its own cursors in every ordering', async () => {
    for (const orderBy of ['NEWEST_FIRST', 'OLDEST_FIRST', 'EMAIL']) {
      const response: any = await gateway.graphql(USERS, { orderBy, after: await firstCursor(USERS, { orderBy }) });
      expect(response.errors, orderBy).toBeUndefined();
      expect(response.data.users.edges.length, orderBy).toBeGreaterThan(0);
    }
  });
});
