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

  it('replaces a request id that is not a safe token (charset, length) with a new one, in the answer and the audit log', async () => {
    for (const unsafe of ['spoofed-<script>alert(1)</script>', 'a'.repeat(129), 'with space', 'quote"d']) {
      const response = await gateway.post({ query: '{ users(first: 1) { totalCount } }' }, { headers: { 'x-request-id': unsafe } });
      expect(response.status).toBe(200);
      const given = response.headers.get('x-request-id');
      expect(given).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
      await gateway.flushAudit();
      const stored = await database.db.selectFrom('audit_log').select('request_id').where('request_id', '=', given).execute();
      expect(stored).toHaveLength(1);
      const spoofed = await database.db.selectFrom('audit_log').select('id').where('request_id', '=', unsafe.slice(0, 100)).execute();
      expect(spoofed).toEqual([]);
    }
    const safe = 'trace:01HZX3-9f_a.b';
    expect((await gateway.post({ query: '{ users(first: 1) { totalCount } }' }, { headers: { 'x-request-id': safe } })).headers.get('x-request-id')).toBe(safe);
  });

  it('answers unknown paths with the documented 404 body', async () => {
    const response = await fetch(`${gateway.url}/nowhere`);
    expect(response.status).toBe(404);
    expect(await response.text()).toBe('{"detail":"Not Found"}');
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
