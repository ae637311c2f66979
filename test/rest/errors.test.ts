import { compileErrors, validate } from '@readme/openapi-parser';
import Ajv2020 from 'ajv/dist/2020.js';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../support/database';
import { startTestGateway, type TestGateway } from '../support/gateway';
import { userWithKey } from '../support/scenario';

let database: TestDatabase;
let gateway: TestGateway;
let userKey: string;

beforeAll(async () => {
  database = await createTestDatabase();
  gateway = await startTestGateway(database);
  userKey = (await userWithKey(database.db, 'plain@example.com')).key;
});
afterAll(async () => {
  await gateway?.stop();
  await database?.close();
});

const call: TestGateway['rest'] = (path, options) => gateway.rest(path, options);

/** Every route of the table that these tests cover, with a valid path. */
const ROUTES = [
  { method: 'GET', path: '/admin/users' },
  { method: 'GET', path: '/admin/openapi.json' },
];

describe('REST access errors', () => {
  for (const { method, path } of ROUTES) {
    it(`${method} ${path} answers 401 {"detail":"Invalid API key"} without a key or with a wrong one`, async () => {
      for (const key of [null, 'sk_thisisnotakeythisisnotakeythisisnotakey', 'garbage']) {
        const response = await call(path, { method, key });
        expect(response.status).toBe(401);
        expect(response.text).toBe('{"detail":"Invalid API key"}');
        expect(response.headers.get('content-type')).toMatch(/^application\/json/);
      }
    });

    it(`${method} ${path} answers 403 {"detail":"Admin access required"} to a non-admin key`, async () => {
      const response = await call(path, { method, key: userKey });
      expect(response.status).toBe(403);
      expect(response.text).toBe('{"detail":"Admin access required"}');
    });
  }

  it('forwards the request id to GraphQL and back', async () => {
    const response = await call('/admin/users', { headers: { 'x-request-id': 'rest-test-request-1' } });
    expect(response.status).toBe(200);
    expect(response.headers.get('x-request-id')).toBe('rest-test-request-1');
  });
});

describe('REST routing errors', () => {
  it('answers 404 {"detail":"Not Found"} for unknown paths under /admin', async () => {
    for (const path of ['/admin', '/admin/nope', '/admin/users/extra/segments', '/admin/temporal', '/admin/temporal/workflows/extra']) {
      const response = await call(path);
      expect(response.status, path).toBe(404);
      expect(response.body).toEqual({ detail: 'Not Found' });
    }
  });

  it('answers 405 {"detail":"Method Not Allowed"} with an Allow header for a known path and a wrong method', async () => {
    const response = await call('/admin/users', { method: 'POST' });
    expect(response.status).toBe(405);
    expect(response.body).toEqual({ detail: 'Method Not Allowed' });
    expect(response.headers.get('allow')).toBe('GET');
    const openApi = await call('/admin/openapi.json', { method: 'DELETE' });
    expect(openApi.status).toBe(405);
    expect(openApi.headers.get('allow')).toBe('GET');
  });
});

describe('REST parameter validation', () => {
  const cases: [string, string][] = [
    ['/admin/users?limit=abc', 'limit'],
    ['/admin/users?limit=1.5', 'limit'],
    ['/admin/users?limit=0', 'limit'],
    ['/admin/users?limit=101', 'limit'],
    ['/admin/users?limit=-3', 'limit'],
    ['/admin/users?page=0', 'page'],
    ['/admin/users?page=', 'page'],
    ['/admin/users?page=99999999999999999999', 'page'],
    ['/admin/users?active_only=maybe', 'active_only'],
    ['/admin/users?active_only=', 'active_only'],
  ];
  for (const [path, parameter] of cases) {
    it(`${path} answers 422 naming ${parameter}`, async () => {
      const response = await call(path);
      expect(response.status).toBe(422);
      expect(Object.keys(response.body)).toEqual(['detail']);
      expect(response.body.detail).toMatch(new RegExp(`^${parameter}: `));
    });
  }

  it('accepts the documented maximum and the usual boolean spellings', async () => {
    for (const path of ['/admin/users?limit=100', '/admin/users?active_only=TRUE', '/admin/users?active_only=1', '/admin/users?active_only=no']) {
      expect((await call(path)).status, path).toBe(200);
    }
  });

  it('checks the caller before the parameters are worth anything to them', async () => {
    expect((await call('/admin/users?limit=abc', { key: null })).status).toBe(401);
    expect((await call('/admin/users?limit=abc', { key: userKey })).status).toBe(403);
  });
});

describe('REST internal failures', () => {
  it('answers 500 {"detail":"Internal Server Error"} and leaks nothing when the GraphQL execution fails unexpectedly', async () => {
    await database.db.insertInto('tasks').values({
      user_id: (await database.db.selectFrom('users').select('id').executeTakeFirstOrThrow()).id,
      name: 't', search_query: 'q', condition_description: 'c', schedule: '0 9 * * *',
    }).execute();
    await sql`alter table tasks rename to tasks_elsewhere`.execute(database.db);
    try {
      const response = await call('/admin/users');
      expect(response.status).toBe(500);
      expect(response.text).toBe('{"detail":"Internal Server Error"}');
    } finally {
      await sql`alter table tasks_elsewhere rename to tasks`.execute(database.db);
    }
    expect((await call('/admin/users')).status).toBe(200);
  });
});

describe('GET /admin/openapi.json', () => {
  it('is a valid OpenAPI 3.1 document describing every route of the table', async () => {
    const response = await call('/admin/openapi.json');
    expect(response.status).toBe(200);
    const document = response.body;
    expect(document.openapi).toBe('3.1.0');
    const result = await validate(structuredClone(document));
    expect(result.valid, result.valid ? '' : compileErrors(result)).toBe(true);
    expect(document.paths['/admin/users'].get.parameters.map((parameter: any) => parameter.name)).toEqual(['active_only', 'page', 'limit']);
    const limit = document.paths['/admin/users'].get.parameters.find((parameter: any) => parameter.name === 'limit');
    expect(limit.schema).toMatchObject({ type: 'integer', minimum: 1, maximum: 100, default: 50 });
    const operations = Object.entries(document.paths as Record<string, Record<string, any>>)
      .flatMap(([path, methods]) => Object.keys(methods).map((method) => `${method.toUpperCase()} ${path}`));
    expect(operations.sort()).toEqual([
      'GET /admin/connector-events', 'GET /admin/errors', 'GET /admin/executions', 'GET /admin/feedback', 'GET /admin/openapi.json', 'GET /admin/queries',
      'GET /admin/stats', 'GET /admin/temporal/schedules', 'GET /admin/temporal/workflows', 'GET /admin/users', 'GET /api/v1/admin/agent-wallet',
      'PATCH /admin/feedback/{id}', 'PATCH /admin/users/{id}/deactivate',
    ]);
    // The Temporal routes say they answer 503 with Retry-After while Temporal is away.
    for (const path of ['/admin/temporal/workflows', '/admin/temporal/schedules']) {
      expect(Object.keys(document.paths[path].get.responses['503'].headers)).toEqual(['Retry-After']);
    }
    // A PATCH whose input is a JSON body describes it as a request body, not as parameters.
    expect(document.paths['/admin/feedback/{id}'].patch.requestBody.content['application/json'].schema).toMatchObject({
      type: 'object', required: ['state'], properties: { state: { type: 'string', enum: ['open', 'triaged', 'in_progress', 'done', 'archived'] } },
    });
    expect(document.paths['/admin/feedback/{id}'].patch.parameters.map((parameter: any) => parameter.name)).toEqual(['id']);
    // The contract's own examples satisfy the published schemas.
    const ajv = new Ajv2020({ strict: false, validateFormats: false });
    for (const [path, methods] of Object.entries(document.paths as Record<string, Record<string, any>>)) {
      for (const [method, operation] of Object.entries(methods)) {
        const content = operation.responses['200'].content['application/json'];
        if (!content.example) continue;
        const validate = ajv.compile(content.schema);
        expect(validate(content.example), `${method} ${path}: ${ajv.errorsText(validate.errors)}`).toBe(true);
      }
    }
  });
});

describe('GET /admin/docs', () => {
  it('is a reference page that holds no API description itself and loads the OpenAPI document with a key', async () => {
    const response = await fetch(`${gateway.url}/admin/docs`);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toMatch(/^text\/html/);
    const html = await response.text();
    expect(html).toContain("fetch('openapi.json'");
    expect(html).not.toContain('/admin/users');
  });
});

