import { sql } from 'kysely';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createApiKey } from '../../../src/access/api-keys';
import { createTestDatabase, type TestDatabase } from '../../support/database';
import { startTestGateway, type TestGateway } from '../../support/gateway';
import { globalId, insertScenario, type Scenario } from '../../support/scenario';

let database: TestDatabase;
let gateway: TestGateway;
let scenario: Scenario;

beforeAll(async () => {
  database = await createTestDatabase();
});
afterAll(async () => {
  await gateway?.stop();
  await database?.close();
});
beforeEach(async () => {
  await gateway?.stop();
  await database.truncateAll();
  scenario = await insertScenario(database.db, { userCount: 4, executionsPerTask: 2 });
  gateway = await startTestGateway(database);
});

const DEACTIVATE = `mutation($id: ID!) { deactivateUser(id: $id) {
  tasksPaused apiKeysRevoked alreadyDeactivated
  user { id databaseId state deactivatedAt activeTasksCount apiKeys { revokedAt } }
} }`;

/** Everything the mutation may touch, read straight from the tables. */
// The access layer's own bookkeeping (a key's last_used_at, data.access audit rows written in the
// background) changes with every request and is no part of what the mutation writes.
async function snapshot() {
  const db = database.db;
  return {
    users: await db.selectFrom('users').selectAll().orderBy('id').execute(),
    tasks: await db.selectFrom('tasks').selectAll().orderBy('id').execute(),
    apiKeys: await db.selectFrom('api_keys').select(['id', 'user_id', 'name', 'prefix', 'key_hash', 'created_at', 'revoked_at']).orderBy('id').execute(),
    executions: await db.selectFrom('executions').select(sql<number>`count(*)::int`.as('count')).executeTakeFirstOrThrow(),
    audit: await db.selectFrom('audit_log').selectAll().where('action', '<>', 'data.access').orderBy('created_at').execute(),
  };
}

describe('Mutation.deactivateUser', () => {
  it('deactivates, pauses every active task, revokes every key and audits it, deleting nothing', async () => {
    const target = scenario.users.find((user) => user.state === 'active' && scenario.tasks.filter((task) => task.user_id === user.id && task.state === 'active').length >= 2)!;
    const { key } = await createApiKey(database.db, target.id, { name: 'one' });
    await createApiKey(database.db, target.id, { name: 'two' });
    await database.db.updateTable('users').set({ role: 'admin' }).where('id', '=', target.id).execute();
    expect((await gateway.graphql('{ stats { tasks { total } } }', {}, { key })).status).toBe(200);
    const before = await snapshot();
    const activeTasks = before.tasks.filter((task) => task.user_id === target.id && task.state === 'active');

    const response: any = await gateway.graphql(DEACTIVATE, { id: globalId('User', target.id) });
    expect(response.errors).toBeUndefined();
    const payload = response.data.deactivateUser;
    expect(payload).toMatchObject({ tasksPaused: activeTasks.length, apiKeysRevoked: 2, alreadyDeactivated: false });
    expect(payload.user).toMatchObject({ id: globalId('User', target.id), databaseId: target.id, state: 'DEACTIVATED', activeTasksCount: 0 });
    expect(payload.user.apiKeys).toHaveLength(2);
    expect(payload.user.apiKeys.every((key: any) => key.revokedAt !== null)).toBe(true);

    const after = await snapshot();
    expect(after.users).toHaveLength(before.users.length);
    expect(after.tasks).toHaveLength(before.tasks.length);
    expect(after.apiKeys).toHaveLength(before.apiKeys.length);
    expect(after.executions).toEqual(before.executions);
    const stored = after.users.find((user) => user.id === target.id)!;
    expect(stored.state).toBe('deactivated');
    expect(stored.deactivated_at?.toISOString()).toBe(payload.user.deactivatedAt);
    for (const task of after.tasks) {
      const old = before.tasks.find((candidate) => candidate.id === task.id)!;
      expect(task.state).toBe(task.user_id === target.id ? 'paused' : old.state);
    }
    for (const key of after.apiKeys) expect(key.revoked_at !== null).toBe(key.user_id === target.id);
    // Other users untouched.
    expect(after.users.filter((user) => user.id !== target.id)).toEqual(before.users.filter((user) => user.id !== target.id));

    expect(after.audit).toHaveLength(before.audit.length + 1);
    const entry = after.audit.at(-1)!;
    const admin = after.users.find((user) => user.email === 'admin@example.com')!;
    expect(entry).toMatchObject({ action: 'user.deactivate', target_type: 'user', target_id: target.id, actor_user_id: admin.id, actor_kind: 'api_key' });
    expect(entry.after).toMatchObject({ state: 'deactivated', pausedTaskIds: expect.arrayContaining(activeTasks.map((task) => task.id)) });

    // The deactivated user's key no longer authenticates.
    expect((await gateway.graphql('{ stats { tasks { total } } }', {}, { key })).status).toBe(401);
  });

  it('is idempotent: a second call changes nothing and says so', async () => {
    const target = scenario.users.find((user) => user.state === 'active')!;
    const first: any = await gateway.graphql(DEACTIVATE, { id: globalId('User', target.id) });
    expect(first.errors).toBeUndefined();
    const between = await snapshot();
    const second: any = await gateway.graphql(DEACTIVATE, { id: globalId('User', target.id) });
    expect(second.errors).toBeUndefined();
    expect(second.data.deactivateUser).toMatchObject({ tasksPaused: 0, apiKeysRevoked: 0, alreadyDeactivated: true });
    expect(second.data.deactivateUser.user.deactivatedAt).toBe(first.data.deactivateUser.user.deactivatedAt);
    const after = await snapshot();
    expect({ users: after.users, tasks: after.tasks, apiKeys: after.apiKeys }).toEqual({ users: between.users, tasks: between.tasks, apiKeys: between.apiKeys });
    expect(after.audit).toHaveLength(between.audit.length + 1);
  });

  it('refuses malformed and unknown ids clearly', async () => {
    const before = await snapshot();
    const malformed = await gateway.graphql(DEACTIVATE, { id: 'not-a-global-id' });
    expect(malformed.errors?.[0]).toMatchObject({ message: 'id: is not a User ID (use the id field of a User)', extensions: { code: 'BAD_USER_INPUT' } });
    const wrongType = await gateway.graphql(DEACTIVATE, { id: globalId('Task', scenario.tasks[0]!.id) });
    expect(wrongType.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    const unknown = await gateway.graphql(DEACTIVATE, { id: globalId('User', '00000000-0000-4000-8000-000000000000') });
    expect(unknown.errors?.[0]).toMatchObject({ message: 'User not found', extensions: { code: 'NOT_FOUND' } });
    expect(await snapshot()).toEqual(before);
  });

  it('leaves nothing changed when the audit insert fails halfway', async () => {
    const target = scenario.users.find((user) => user.state === 'active' && scenario.tasks.some((task) => task.user_id === user.id && task.state === 'active'))!;
    await createApiKey(database.db, target.id, { name: 'kept' });
    const before = await snapshot();
    await sql`alter table audit_log add constraint audit_log_refuses_deactivation check (action <> 'user.deactivate')`.execute(database.db);
    try {
      const response = await gateway.graphql(DEACTIVATE, { id: globalId('User', target.id) });
      expect(response.errors?.[0]?.message).toBe('Unexpected error.');
      expect(JSON.stringify(response)).not.toMatch(/audit_log|constraint|violates/);
    } finally {
      await sql`alter table audit_log drop constraint audit_log_refuses_deactivation`.execute(database.db);
    }
    expect(await snapshot()).toEqual(before);
  });
});
