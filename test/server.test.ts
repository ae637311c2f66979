import { once } from 'node:events';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { findApiKey, hashApiKey } from '../src/access/api-keys';
import { loadConfig } from '../src/config';
import { bootstrap } from '../src/db/bootstrap';
import { createTestDatabase, type TestDatabase } from './support/database';
import { startTestGateway, type TestGateway } from './support/gateway';

let database: TestDatabase;
let gateway: TestGateway;

beforeAll(async () => {
  database = await createTestDatabase();
  gateway = await startTestGateway(database);
});
afterAll(async () => {
  await gateway?.stop();
  await database?.close();
});

describe('HTTP server', () => {
  it('answers liveness and readiness', async () => {
    const health = await fetch(`${gateway.url}/healthz`);
    expect([health.status, await health.json()]).toEqual([200, { status: 'ok' }]);
    const ready = await fetch(`${gateway.url}/readyz`);
    expect(ready.status).toBe(200);
    expect(await ready.json()).toMatchObject({ status: 'ready', database: 'up' });
  });

  it('echoes a request id, or makes one', async () => {
    const given = await fetch(`${gateway.url}/healthz`, { headers: { 'x-request-id': 'trace-123' } });
    expect(given.headers.get('x-request-id')).toBe('trace-123');
    const made = await fetch(`${gateway.url}/healthz`);
    expect(made.headers.get('x-request-id')).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('answers unknown paths with the documented 404 body', async () => {
    const response = await fetch(`${gateway.url}/nowhere`);
    expect(response.status).toBe(404);
    expect(await response.text()).toBe('{"detail":"Not Found"}');
  });

  it('serves GraphiQL and its assets locally, the page itself without a key (its schema request needs one)', async () => {
    const page = await fetch(`${gateway.url}/graphql`, { headers: { accept: 'text/html' } });
    expect(page.status).toBe(200);
    const html = await page.text();
    expect(html).toContain('/graphiql/assets/yoga-graphiql.umd.js');
    expect(html).not.toMatch(/https?:\/\//);
    const asset = await fetch(`${gateway.url}/graphiql/assets/graphiql.css`);
    expect(asset.status).toBe(200);
    expect(asset.headers.get('content-type')).toBe('text/css');
    expect((await fetch(`${gateway.url}/graphiql/assets/../../package.json`)).status).toBe(404);
  });

  it('finishes an in-flight request when stopped, then refuses new connections', async () => {
    const other = await startTestGateway(database);
    const arrived = once(other.server, 'request');
    const inFlight = other.graphql('{ users(first: 100) { totalCount } }');
    await arrived;
    await other.stop();
    expect((await inFlight).status).toBe(200);
    await expect(fetch(`${other.url}/healthz`)).rejects.toThrow();
  });
});

describe('bootstrap', () => {
  const key = `sk_${'k'.repeat(40)}`;

  it('provisions ADMIN_API_KEY for the bootstrap admin, idempotently, and never stores it in plain text', async () => {
    const config = loadConfig({ ADMIN_API_KEY: key, ADMIN_EMAIL: 'root@example.com', PGLITE_DATA_DIR: 'memory', DEMO_DATA: 'false' });
    await bootstrap(database, config);
    await bootstrap(database, config);
    const stored = await findApiKey(database.db, key);
    expect(stored).toBeDefined();
    expect(stored?.key_hash).toBe(hashApiKey(key));
    const owners = await database.db.selectFrom('users').selectAll().where('email', '=', 'root@example.com').execute();
    expect(owners).toHaveLength(1);
    expect(owners[0]).toMatchObject({ role: 'admin', state: 'active' });
    const keys = await database.db.selectFrom('api_keys').select('id').where('user_id', '=', owners[0]!.id).execute();
    expect(keys).toHaveLength(1);

    const response = await gateway.graphql('{ users(first: 1, filter: { emailContains: "root@" }) { edges { node { email role } } } }', {}, { key });
    expect(response.data.users.edges).toEqual([{ node: { email: 'root@example.com', role: 'ADMIN' } }]);
  });
});
