import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApiKey } from '../../../src/access/api-keys';
import { createTestDatabase, type TestDatabase } from '../../support/database';
import { startTestGateway, type TestGateway } from '../../support/gateway';
import { globalId, HOUR, insertScenario, newestFirst, type Scenario } from '../../support/scenario';

let database: TestDatabase;
let gateway: TestGateway;
let scenario: Scenario;
const keyNames = new Map<string, string[]>();

beforeAll(async () => {
  database = await createTestDatabase();
  scenario = await insertScenario(database.db, { userCount: 9 });
  for (const [index, user] of scenario.users.slice(0, 3).entries()) {
    for (let k = 0; k <= index; k += 1) await createApiKey(database.db, user.id, { name: `key ${index}.${k}` });
    keyNames.set(user.id, Array.from({ length: index + 1 }, (_, k) => `key ${index}.${k}`));
  }
  await database.db.updateTable('api_keys').set({ revoked_at: new Date() }).where('name', '=', 'key 2.1').execute();
  gateway = await startTestGateway(database);
});
afterAll(async () => {
  await gateway?.stop();
  await database?.close();
});

describe('User fields', () => {
  it('answers the profile, the four counts and the API keys (never a secret)', async () => {
    const response: any = await gateway.graphql(`{ users(first: 100, filter: { emailContains: "s-user" }) { totalCount edges { node {
      id databaseId email clerkUserId role state createdAt lastLogin deactivatedAt
      tasksCount activeTasksCount executions24h notifications7d
      apiKeys { id databaseId name prefix createdAt lastUsedAt revokedAt } } } } }`);
    expect(response.errors).toBeUndefined();
    const { users, tasks, executions, notifications, now } = scenario;
    expect(response.data.users.totalCount).toBe(users.length);
    const storedKeys = await database.db.selectFrom('api_keys').selectAll().execute();
    const expected = newestFirst(users, (user) => user.created_at).map((user) => ({
      id: globalId('User', user.id),
      databaseId: user.id,
      email: user.email,
      clerkUserId: user.clerk_user_id,
      role: 'USER',
      state: user.state.toUpperCase(),
      createdAt: user.created_at.toISOString(),
      lastLogin: user.last_login_at?.toISOString() ?? null,
      deactivatedAt: user.deactivated_at?.toISOString() ?? null,
      tasksCount: tasks.filter((task) => task.user_id === user.id).length,
      activeTasksCount: tasks.filter((task) => task.user_id === user.id && task.state === 'active').length,
      executions24h: executions.filter((row) => row.user_id === user.id && row.started_at.getTime() >= now.getTime() - 24 * HOUR).length,
      notifications7d: notifications.filter((row) => row.user_id === user.id && row.audience === 'user' && row.created_at.getTime() >= now.getTime() - 168 * HOUR).length,
      apiKeys: newestFirst(storedKeys.filter((key) => key.user_id === user.id), (key) => key.created_at).map((key) => ({
        id: globalId('ApiKey', key.id),
        databaseId: key.id,
        name: key.name,
        prefix: key.prefix,
        createdAt: key.created_at.toISOString(),
        lastUsedAt: null,
        revokedAt: key.revoked_at?.toISOString() ?? null,
      })),
    }));
    expect(response.data.users.edges.map((edge: any) => edge.node)).toEqual(expected);
    expect(expected.some((user) => user.executions24h > 0 && user.notifications7d > 0 && user.apiKeys.length > 1)).toBe(true);
    // No field of ApiKey can carry the secret or its hash.
    const keyType: any = await gateway.graphql('{ __type(name: "ApiKey") { fields { name } } }');
    expect(keyType.data.__type.fields.map((field: any) => field.name).sort()).toEqual(['createdAt', 'databaseId', 'id', 'lastUsedAt', 'name', 'prefix', 'revokedAt']);
    expect(JSON.stringify(response.data)).not.toMatch(new RegExp(storedKeys.map((key) => key.key_hash).join('|')));
  });

  it('filters users by state and activeOnly', async () => {
    for (const [filter, state] of [[{ state: 'DEACTIVATED' }, 'deactivated'], [{ activeOnly: true }, 'active'], [{ state: 'ACTIVE' }, 'active']] as const) {
      const response: any = await gateway.graphql('query($filter: UserFilter) { users(first: 100, filter: $filter) { totalCount edges { node { databaseId } } } }', {
        filter: { ...filter, emailContains: 's-user' },
      });
      const expected = newestFirst(scenario.users.filter((user) => user.state === state), (user) => user.created_at).map((user) => user.id);
      expect(response.data.users.totalCount).toBe(expected.length);
      expect(response.data.users.edges.map((edge: any) => edge.node.databaseId)).toEqual(expected);
    }
    const tooLong = await gateway.graphql('query($text: String) { users(first: 1, filter: { emailContains: $text }) { totalCount } }', { text: 'a'.repeat(300) });
    expect(tooLong.errors?.[0]).toMatchObject({ message: 'filter.emailContains: must be at most 200 characters, got 300', extensions: { code: 'BAD_USER_INPUT' } });
    const contradiction: any = await gateway.graphql('{ users(first: 5, filter: { activeOnly: true, state: DEACTIVATED }) { totalCount } }');
    expect(contradiction.data.users.totalCount).toBe(0);
  });

  it('orders by email or oldest first on request', async () => {
    const byEmail: any = await gateway.graphql('{ users(first: 100, orderBy: EMAIL) { edges { node { email } } } }');
    // The database's collation decides the order, so the expectation comes from its own ORDER BY.
    const emails = (await database.db.selectFrom('users').select('email').orderBy('email').orderBy('id').execute()).map((row) => row.email);
    expect(byEmail.data.users.edges.map((edge: any) => edge.node.email)).toEqual(emails);
    const second: any = await gateway.graphql('query($after: String) { users(first: 3, after: $after, orderBy: EMAIL) { edges { node { email } } } }', {
      after: ((await gateway.graphql('{ users(first: 3, orderBy: EMAIL) { pageInfo { endCursor } } }')) as any).data.users.pageInfo.endCursor,
    });
    expect(second.data.users.edges.map((edge: any) => edge.node.email)).toEqual(emails.slice(3, 6));
    const oldest: any = await gateway.graphql('{ users(first: 100, orderBy: OLDEST_FIRST, filter: { emailContains: "s-user" }) { edges { node { databaseId } } } }');
    expect(oldest.data.users.edges.map((edge: any) => edge.node.databaseId)).toEqual(newestFirst(scenario.users, (user) => user.created_at).reverse().map((user) => user.id));
  });

  it('counts only the window: an execution 25 hours old and a platform notification do not count', async () => {
    const user = scenario.users[0]!;
    const task = scenario.tasks.find((row) => row.user_id === user.id)!;
    const read = async () => ((await gateway.graphql(`query($id: ID!) { node(id: $id) { ... on User { executions24h notifications7d } } }`, { id: globalId('User', user.id) })) as any).data.node;
    const before = await read();
    await database.db.insertInto('executions').values({ task_id: task.id, user_id: user.id, status: 'success', started_at: new Date(Date.now() - 25 * HOUR) }).execute();
    await database.db.insertInto('notifications').values({ audience: 'platform', kind: 'usage_event', user_id: user.id, subject: 'x' }).execute();
    await database.db.insertInto('notifications').values({ audience: 'user', kind: 'condition_met', user_id: user.id, subject: 'y', created_at: new Date(Date.now() - 170 * HOUR) }).execute();
    expect(await read()).toEqual(before);
    await database.db.insertInto('executions').values({ task_id: task.id, user_id: user.id, status: 'running' }).execute();
    expect(await read()).toEqual({ ...before, executions24h: before.executions24h + 1 });
    const { rows } = await sql<{ n: number }>`select count(*)::int as n from executions where user_id = ${user.id} and started_at >= now() - interval '24 hours'`.execute(database.db);
    expect(rows[0]!.n).toBe(before.executions24h + 1);
  });
});
