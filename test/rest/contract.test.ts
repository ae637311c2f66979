import { execFile } from 'node:child_process';
import { createRequire } from 'node:module';
import { promisify } from 'node:util';
import Ajv2020 from 'ajv/dist/2020.js';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApiKey } from '../../src/access/api-keys';
import { seed, seedSizeFor } from '../../src/db/seed';
import { createTestDatabase, type TestDatabase } from '../support/database';
import { startTestGateway, type TestGateway } from '../support/gateway';
import { searchQueryStatsBySql, userWithKey } from '../support/scenario';
import { statementsDuring } from '../support/statements';

// The documented shapes, written out from the REST contract (seeds/001_*.txt) independently of the route table;
// plain JavaScript shared with curl-examples.sh, so that the script needs no build.
const { SHAPES: DOCUMENTED, problem } = createRequire(import.meta.url)('./curl-shapes.cjs') as {
  SHAPES: Record<string, unknown>;
  problem(value: unknown, shape: unknown, where: string): string | undefined;
};

/** Every documented key with the documented type, and nothing undocumented. */
function expectShape(value: unknown, shape: unknown) {
  expect(problem(value, shape, 'body')).toBeUndefined();
}

let database: TestDatabase;
let gateway: TestGateway;
let openApi: any;
const ajv = new Ajv2020({ strict: false, validateFormats: false, allErrors: true });

/** The body also satisfies the 200 schema that GET /admin/openapi.json publishes for the route. */
function expectPublishedSchema(method: string, path: string, body: unknown) {
  const schema = openApi.paths[path][method].responses['200'].content['application/json'].schema;
  const validate = ajv.compile(schema);
  expect(validate(body), `${method.toUpperCase()} ${path}: ${ajv.errorsText(validate.errors)}`).toBe(true);
}

beforeAll(async () => {
  database = await createTestDatabase();
  await seed(database.db, seedSizeFor(3_000));
  // A few deactivated users, so that active_only has something to leave out.
  await sql`update users set state = 'deactivated', deactivated_at = now()
            where id in (select id from users order by email limit 4)`.execute(database.db);
  gateway = await startTestGateway(database);
  openApi = (await gateway.rest('/admin/openapi.json')).body;
}, 120_000);
afterAll(async () => {
  await gateway?.stop();
  await database?.close();
});

const get: TestGateway['rest'] = (path, options) => gateway.rest(path, options);

const ago = (hours: number) => new Date(Date.now() - hours * 3_600_000);
const iso = (value: Date | null) => (value ? value.toISOString() : null);
const count = sql<number>`count(*)::int`;

describe('GET /admin/stats', () => {
  it('has the documented shape and the figures of the data', async () => {
    const { status, body } = await get('/admin/stats');
    expect(status).toBe(200);
    expectShape(body, DOCUMENTED.stats);
    expectPublishedSchema('get', '/admin/stats', body);
    const { db } = database;
    const one = async (query: { executeTakeFirstOrThrow(): Promise<{ n: number }> }) => (await query.executeTakeFirstOrThrow()).n;
    expect(body.users).toEqual({
      total: await one(db.selectFrom('users').select(count.as('n'))),
      active_30d: await one(db.selectFrom('users').select(count.as('n')).where('last_login_at', '>=', ago(24 * 30))),
      new_7d: await one(db.selectFrom('users').select(count.as('n')).where('created_at', '>=', ago(24 * 7))),
    });
    expect(body.tasks).toEqual({
      total: await one(db.selectFrom('tasks').select(count.as('n'))),
      active: await one(db.selectFrom('tasks').select(count.as('n')).where('state', '=', 'active')),
      paused: await one(db.selectFrom('tasks').select(count.as('n')).where('state', '=', 'paused')),
    });
    const day = await db.selectFrom('executions').where('started_at', '>=', ago(24))
      .select([count.as('total'), sql<number>`(count(*) filter (where status = 'success'))::int`.as('success'),
        sql<number>`(count(*) filter (where status = 'failed'))::int`.as('failed'), sql<number | null>`round(avg(duration_ms))::int`.as('avg')])
      .executeTakeFirstOrThrow();
    expect(body.executions).toEqual({ total_24h: day.total, success_24h: day.success, failed_24h: day.failed, avg_duration_ms: day.avg });
    expect(body.executions.total_24h).toBeGreaterThan(0);
    const notifications = db.selectFrom('notifications').select(count.as('n')).where('audience', '=', 'user');
    expect(body.notifications).toEqual({
      sent_24h: await one(notifications.where('created_at', '>=', ago(24))),
      sent_7d: await one(notifications.where('created_at', '>=', ago(24 * 7))),
    });
    const popular = await db.selectFrom('tasks').select(['search_query as query', count.as('count')]).groupBy('search_query')
      .orderBy('count', 'desc').orderBy('search_query').limit(10).execute();
    expect(body.popular_queries).toEqual(popular);
  });
});

describe('GET /admin/queries', () => {
  const expectedQueries = () => searchQueryStatsBySql(database.db);

  it('answers page 1 with the documented defaults, the real total and fractions for success_rate', async () => {
    const { status, body } = await get('/admin/queries');
    expect(status).toBe(200);
    expectShape(body, DOCUMENTED.queries);
    expectPublishedSchema('get', '/admin/queries', body);
    const expected = await expectedQueries();
    expect(body.total).toBe(expected.length);
    expect(body.page).toBe(1);
    expect(body.limit).toBe(50);
    expect(body.queries).toHaveLength(expected.length);
    body.queries.forEach((query: any, index: number) => {
      const want = expected[index]!;
      expect({ ...query, success_rate: undefined }).toEqual({ ...want, success_rate: undefined });
      expect(query.success_rate).toBeCloseTo(want.success_rate as number, 9);
      expect(query.success_rate).toBeGreaterThanOrEqual(0);
      expect(query.success_rate).toBeLessThanOrEqual(1);
    });
  });

  it('pages with page and limit', async () => {
    const expected = await expectedQueries();
    const { body } = await get('/admin/queries?page=3&limit=4');
    expect(body).toMatchObject({ total: expected.length, page: 3, limit: 4 });
    expect(body.queries.map((query: any) => query.search_query)).toEqual(expected.slice(8, 12).map((query) => query.search_query));
    const beyond = await get('/admin/queries?page=1000&limit=100');
    expect(beyond.body).toEqual({ queries: [], total: expected.length, page: 1000, limit: 100 });
  });
});

describe('GET /admin/executions', () => {
  const expectedExecutions = (hours: number, status?: string) => {
    let query = database.db.selectFrom('executions')
      .innerJoin('tasks', 'tasks.id', 'executions.task_id').innerJoin('users', 'users.id', 'executions.user_id')
      .select(['executions.id', 'executions.task_id', 'users.email as user_email', 'tasks.search_query', 'executions.status', 'executions.condition_met',
        'executions.duration_ms', 'executions.started_at', 'executions.completed_at'])
      .where('executions.started_at', '>=', ago(hours));
    if (status) query = query.where('executions.status', '=', status as 'failed');
    return query.orderBy('executions.started_at', 'desc').orderBy('executions.id', 'desc').execute()
      .then((rows) => rows.map((row) => ({ ...row, started_at: iso(row.started_at), completed_at: iso(row.completed_at) })));
  };

  it('answers the last 24 hours by default, 50 per page, with the real total', async () => {
    const { status, body } = await get('/admin/executions');
    expect(status).toBe(200);
    expectShape(body, DOCUMENTED.executions);
    expectPublishedSchema('get', '/admin/executions', body);
    const expected = await expectedExecutions(24);
    expect(body.total).toBe(expected.length);
    expect(body.total).toBeGreaterThan(50);
    expect(body.page).toBe(1);
    expect(body.limit).toBe(50);
    expect(body.executions).toEqual(expected.slice(0, 50));
  });

  it('filters failed executions of the last N hours and pages deep', async () => {
    const failed = await expectedExecutions(24 * 30, 'failed');
    const { body } = await get('/admin/executions?status=failed&hours=720&page=3&limit=7');
    expectShape(body, DOCUMENTED.executions);
    expectPublishedSchema('get', '/admin/executions', body);
    expect(body.total).toBe(failed.length);
    expect(body.executions).toEqual(failed.slice(14, 21));
    const all = await expectedExecutions(24 * 30);
    const deep = await get('/admin/executions?hours=720&page=40&limit=60');
    expect(deep.body.total).toBe(all.length);
    expect(deep.body.executions).toEqual(all.slice(39 * 60, 40 * 60));
  });

  it('rejects an unknown status and bad hours with 422 naming the parameter', async () => {
    for (const [path, parameter] of [['status=done', 'status'], ['hours=0', 'hours'], ['hours=1e3', 'hours'], ['hours=99999', 'hours'], ['page=x', 'page']]) {
      const { status, body } = await get(`/admin/executions?${path}`);
      expect(status, path).toBe(422);
      expect(body.detail).toMatch(new RegExp(`^${parameter}: `));
    }
  });
});

describe('GET /admin/errors', () => {
  it('lists recent failures; total and error_types count the whole window', async () => {
    const { status, body } = await get('/admin/errors?hours=720&limit=5');
    expect(status).toBe(200);
    expectShape(body, DOCUMENTED.errors);
    expectPublishedSchema('get', '/admin/errors', body);
    const failures = await database.db.selectFrom('executions')
      .innerJoin('tasks', 'tasks.id', 'executions.task_id').innerJoin('users', 'users.id', 'executions.user_id')
      .select(['executions.id as execution_id', 'executions.task_id', 'users.email as user_email', 'tasks.search_query', 'executions.error_message',
        'executions.error_type', 'executions.retry_count', 'executions.will_retry', 'executions.started_at'])
      .where('executions.status', '=', 'failed').where('executions.started_at', '>=', ago(720))
      .orderBy('executions.started_at', 'desc').orderBy('executions.id', 'desc').execute();
    expect(body.total).toBe(failures.length);
    expect(body.errors).toEqual(failures.slice(0, 5).map(({ started_at, ...rest }) => ({ ...rest, occurred_at: iso(started_at) })));
    const types: Record<string, number> = {};
    for (const failure of failures) types[failure.error_type!] = (types[failure.error_type!] ?? 0) + 1;
    expect(body.error_types).toEqual(types);
    expect(Object.values(body.error_types as Record<string, number>).reduce((sum, n) => sum + n, 0)).toBe(body.total);
  });

  it('defaults to the last 24 hours and 50 rows', async () => {
    const { body } = await get('/admin/errors');
    expectShape(body, DOCUMENTED.errors);
    expectPublishedSchema('get', '/admin/errors', body);
    const { n } = await database.db.selectFrom('executions').select(count.as('n')).where('status', '=', 'failed').where('started_at', '>=', ago(24))
      .executeTakeFirstOrThrow();
    expect(body.total).toBe(n);
    expect(body.errors.length).toBe(Math.min(50, n));
    for (const [path, parameter] of [['hours=-1', 'hours'], ['limit=101', 'limit'], ['limit=ten', 'limit']]) {
      const bad = await get(`/admin/errors?${path}`);
      expect(bad.status, path).toBe(422);
      expect(bad.body.detail).toMatch(new RegExp(`^${parameter}: `));
    }
  });
});

describe('GET /admin/users', () => {
  const expectedUsers = async (activeOnly: boolean) => {
    let query = database.db.selectFrom('users').select((eb) => [
      'users.id', 'users.email', 'users.clerk_user_id', 'users.state',
      eb.selectFrom('tasks').whereRef('tasks.user_id', '=', 'users.id').select(count.as('n')).as('tasks_count'),
      eb.selectFrom('tasks').whereRef('tasks.user_id', '=', 'users.id').where('tasks.state', '=', 'active').select(count.as('n')).as('active_tasks_count'),
      eb.selectFrom('executions').whereRef('executions.user_id', '=', 'users.id').where('executions.started_at', '>=', ago(24)).select(count.as('n')).as('executions_24h'),
      eb.selectFrom('notifications').whereRef('notifications.user_id', '=', 'users.id').where('notifications.audience', '=', 'user')
        .where('notifications.created_at', '>=', ago(24 * 7)).select(count.as('n')).as('notifications_7d'),
      'users.created_at', 'users.last_login_at',
    ]);
    if (activeOnly) query = query.where('users.state', '=', 'active');
    const rows = await query.orderBy('users.created_at', 'desc').orderBy('users.id', 'desc').execute();
    return rows.map(({ last_login_at, created_at, ...rest }) => ({ ...rest, created_at: iso(created_at), last_login: iso(last_login_at) }));
  };

  it('lists every user with their counts, newest first', async () => {
    const { status, body } = await get('/admin/users');
    expect(status).toBe(200);
    expectShape(body, DOCUMENTED.users);
    expectPublishedSchema('get', '/admin/users', body);
    const expected = await expectedUsers(false);
    expect(body).toEqual({ users: expected.slice(0, 50), total: expected.length, page: 1, limit: 50 });
  });

  it('filters active users and pages', async () => {
    const expected = await expectedUsers(true);
    expect(expected.length).toBeLessThan((await expectedUsers(false)).length);
    const { body } = await get('/admin/users?active_only=true&page=2&limit=5');
    expectShape(body, DOCUMENTED.users);
    expectPublishedSchema('get', '/admin/users', body);
    expect(body).toEqual({ users: expected.slice(5, 10), total: expected.length, page: 2, limit: 5 });
  });
});

describe('PATCH /admin/users/{id}/deactivate', () => {
  it('deactivates, pauses the tasks, revokes the keys, audits, and is idempotent', async () => {
    const { db } = database;
    const user = await db.insertInto('users').values({ email: 'leaving@example.com' }).returning('id').executeTakeFirstOrThrow();
    await db.insertInto('tasks').values(
      [0, 1, 2].map((index) => ({
        user_id: user.id, name: `t${index}`, search_query: 'PS5 stock', condition_description: 'in stock', schedule: '0 9 * * *',
        state: index === 2 ? ('paused' as const) : ('active' as const),
      })),
    ).execute();
    const { key } = await createApiKey(db, user.id);

    const first = await get(`/admin/users/${user.id}/deactivate`, { method: 'PATCH' });
    expect(first.status).toBe(200);
    expectShape(first.body, DOCUMENTED.deactivate);
    expectPublishedSchema('patch', '/admin/users/{id}/deactivate', first.body);
    expect(first.body).toEqual({ message: 'User deactivated successfully', user_id: user.id, tasks_paused: 2, schedule_pauses_pending: 0 });
    const after = await db.selectFrom('users').select(['state', 'deactivated_at']).where('id', '=', user.id).executeTakeFirstOrThrow();
    expect(after.state).toBe('deactivated');
    const activeTasks = await db.selectFrom('tasks').select(count.as('n')).where('user_id', '=', user.id).where('state', '=', 'active').executeTakeFirstOrThrow();
    expect(activeTasks.n).toBe(0);
    const keys = await db.selectFrom('api_keys').select('revoked_at').where('user_id', '=', user.id).execute();
    expect(keys.every((row) => row.revoked_at !== null)).toBe(true);
    const audit = await db.selectFrom('audit_log').select(['action', 'target_id']).where('target_id', '=', user.id).execute();
    expect(audit).toEqual([{ action: 'user.deactivate', target_id: user.id }]);
    expect((await get('/admin/stats', { key })).status).toBe(401);

    const again = await get(`/admin/users/${user.id.toUpperCase()}/deactivate`, { method: 'PATCH' });
    expect(again.status).toBe(200);
    expect(again.body).toEqual({ message: 'User deactivated successfully', user_id: user.id, tasks_paused: 0, schedule_pauses_pending: 0 });
  });

  it('answers 404 for an unknown user, 422 for a malformed id, 405 for GET', async () => {
    const unknown = await get('/admin/users/00000000-0000-4000-8000-000000000000/deactivate', { method: 'PATCH' });
    expect({ status: unknown.status, body: unknown.body }).toEqual({ status: 404, body: { detail: 'User not found' } });
    for (const id of ['not-a-uuid', '123', '00000000-0000-4000-8000-00000000000Z', '%E0%A4%A', '00000000-0000-4000-8000-000000000000%20']) {
      const malformed = await get(`/admin/users/${id}/deactivate`, { method: 'PATCH' });
      expect(malformed.status, id).toBe(422);
      expect(malformed.body.detail).toMatch(/^id: /);
    }
    const wrongMethod = await get('/admin/users/00000000-0000-4000-8000-000000000000/deactivate');
    expect({ status: wrongMethod.status, body: wrongMethod.body }).toEqual({ status: 405, body: { detail: 'Method Not Allowed' } });
  });
});

describe('test/rest/curl-examples.sh (every curl example of the contract)', () => {
  const run = (environment: Record<string, string>) =>
    promisify(execFile)('bash', ['test/rest/curl-examples.sh'], { env: { ...process.env, BASE_URL: gateway.url, ADMIN_API_KEY: gateway.adminKey, ...environment } });

  it('gets the documented shapes from every example, the deactivation of the example id answering 404 (Temporal: 503 here, none configured)', async () => {
    const { stdout } = await run({});
    expect(stdout.match(/^ok /gm)).toHaveLength(11);
    expect(stdout.match(/^ok {3}503 curl -X GET .*\/admin\/temporal\//gm)).toHaveLength(2);
    expect(stdout).toContain('all examples answered the documented shapes');
  });

  it('deactivates a real user when DEACTIVATE_USER_ID names one', async () => {
    const user = await database.db.insertInto('users').values({ email: 'curl-example@example.com' }).returning('id').executeTakeFirstOrThrow();
    const { stdout } = await run({ DEACTIVATE_USER_ID: user.id });
    expect(stdout).toMatch(/^ok {3}200 curl -X PATCH/m);
  });

  it('fails loudly when a shape is wrong (a non-admin key gets 403 everywhere)', async () => {
    const { key } = await userWithKey(database.db, 'curl-plain@example.com');
    await expect(run({ ADMIN_API_KEY: key })).rejects.toMatchObject({ code: 1, stdout: expect.stringContaining('11 example(s) failed') });
  });
});

describe('statements per REST request', () => {
  const statementsOf = async (path: string) => {
    await get(path); // the key's principal is cached from here on (PRINCIPAL_CACHE_MS), so no count includes authentication
    const { statements, result } = await statementsDuring(database, () => get(path));
    expect(result.status).toBe(200);
    return statements.length;
  };

  it('do not grow with the page size (loaders), and a deep page adds only the position seek (one statement)', async () => {
    for (const route of ['/admin/executions?hours=720', '/admin/users?', '/admin/errors?hours=720', '/admin/queries?']) {
      const small = await statementsOf(`${route}&limit=5`);
      expect(await statementsOf(`${route}&limit=100`), route).toBe(small);
      if (!route.startsWith('/admin/errors')) expect(await statementsOf(`${route}&limit=5&page=3`), `${route} page 3`).toBe(small + 1);
    }
  });
});
