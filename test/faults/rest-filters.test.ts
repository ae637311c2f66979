import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../support/database';
import { startTestGateway, type TestGateway } from '../support/gateway';
import { HOUR, insertScenario, type Scenario } from '../support/scenario';

// Filters the legacy admin frontend sends although the contract does not list them.
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

const within = (hours: number) => (row: { started_at: Date }) => row.started_at.getTime() >= scenario.now.getTime() - hours * HOUR;

describe('task_id and user_id on /admin/executions and /admin/errors', () => {
  it('GET /admin/executions?task_id=…&limit=20 lists that task\'s executions only, with its total', async () => {
    const task = scenario.tasks[1]!;
    const expected = scenario.executions.filter((row) => row.task_id === task.id && within(24)(row));
    const response = await gateway.rest(`/admin/executions?task_id=${task.id}&limit=20`);
    expect(response.status).toBe(200);
    expect(response.body.total).toBe(expected.length);
    expect(response.body.executions.map((row: { task_id: string }) => row.task_id)).toEqual(Array(Math.min(20, expected.length)).fill(task.id));
  });

  it('filters by user_id, and both together', async () => {
    const user = scenario.users[2]!;
    const task = scenario.tasks.find((row) => row.user_id === user.id)!;
    const byUser = await gateway.rest(`/admin/executions?user_id=${user.id}&hours=8760&limit=100`);
    expect(byUser.body.total).toBe(scenario.executions.filter((row) => row.user_id === user.id && within(8760)(row)).length);
    expect(new Set(byUser.body.executions.map((row: { user_email: string }) => row.user_email))).toEqual(new Set([user.email]));
    const both = await gateway.rest(`/admin/executions?user_id=${user.id}&task_id=${task.id}&hours=8760`);
    expect(both.body.total).toBe(scenario.executions.filter((row) => row.task_id === task.id && within(8760)(row)).length);
    const otherUser = scenario.users[3]!;
    expect((await gateway.rest(`/admin/executions?user_id=${otherUser.id}&task_id=${task.id}&hours=8760`)).body.total).toBe(0);
  });

  it('GET /admin/errors takes the same filters', async () => {
    const user = scenario.users[0]!;
    const expected = scenario.executions.filter((row) => row.status === 'failed' && row.user_id === user.id && within(8760)(row));
    const response = await gateway.rest(`/admin/errors?user_id=${user.id}&hours=8760`);
    expect(response.status).toBe(200);
    expect(response.body.total).toBe(expected.length);
    const task = scenario.tasks.find((row) => row.user_id === user.id)!;
    const byTask = await gateway.rest(`/admin/errors?task_id=${task.id}&hours=8760`);
    expect(byTask.body.total).toBe(scenario.executions.filter((row) => row.status === 'failed' && row.task_id === task.id && within(8760)(row)).length);
  });

  it.each([
    ['/admin/executions?task_id=42', 'task_id'],
    ['/admin/executions?user_id=not-a-uuid', 'user_id'],
    ['/admin/errors?task_id=%00', 'task_id'],
  ])('validates %s like the documented parameters (422 naming %s)', async (path, parameter) => {
    const response = await gateway.rest(path);
    expect(response.status).toBe(422);
    expect(response.body.detail).toMatch(new RegExp(`^${parameter}: `));
  });
});

describe('active_only on /admin/queries', () => {
  it('lists only queries with at least one active task', async () => {
    const activeQueries = new Set(scenario.tasks.filter((task) => task.state === 'active').map((task) => task.search_query));
    const all = new Set(scenario.tasks.map((task) => task.search_query));
    const response = await gateway.rest('/admin/queries?active_only=true&limit=100');
    expect(response.status).toBe(200);
    expect(new Set(response.body.queries.map((row: { search_query: string }) => row.search_query))).toEqual(activeQueries);
    expect(response.body.total).toBe(activeQueries.size);
    expect((await gateway.rest('/admin/queries?active_only=false&limit=100')).body.total).toBe(all.size);
    expect((await gateway.rest('/admin/queries?active_only=maybe')).status).toBe(422);
  });
});

describe('the OpenAPI document and other parameters', () => {
  it('describes task_id, user_id and active_only', async () => {
    const { body } = await gateway.rest('/admin/openapi.json');
    const names = (path: string) => body.paths[path].get.parameters.map((parameter: { name: string }) => parameter.name);
    expect(names('/admin/executions')).toEqual(expect.arrayContaining(['task_id', 'user_id']));
    expect(names('/admin/errors')).toEqual(expect.arrayContaining(['task_id', 'user_id']));
    expect(names('/admin/queries')).toContain('active_only');
  });

  it('ignores parameters it does not know, as the original service did', async () => {
    expect((await gateway.rest('/admin/executions?sort=desc&foo=bar')).status).toBe(200);
  });
});
