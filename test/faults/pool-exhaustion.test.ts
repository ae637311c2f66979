import type pg from 'pg';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { type Database, openDatabase } from '../../src/db/database';
import { createTestDatabase, type TestDatabase } from '../support/database';
import { startTestGateway, type TestGateway } from '../support/gateway';

// A pool of two, held by someone else: every statement the gateway needs waits DATABASE_ACQUIRE_TIMEOUT_MS, then
// the whole request is a 503. PGlite has one session and no pool.
const onPostgres = inject('databaseKind') === 'postgres';
let suiteDatabase: TestDatabase;
let database: Database;
let gateway: TestGateway;

beforeAll(async () => {
  suiteDatabase = await createTestDatabase();
  if (!suiteDatabase.url) return;
  database = await openDatabase({ kind: 'postgres', url: suiteDatabase.url, poolSize: 2, acquireTimeoutMs: 300 });
  gateway = await startTestGateway(database);
});
afterAll(async () => {
  await gateway?.stop();
  await database?.close();
  await suiteDatabase?.close();
});

describe.runIf(onPostgres)('an exhausted connection pool', () => {
  it('answers the whole request 503 + Retry-After after DATABASE_ACQUIRE_TIMEOUT_MS, then 200 once connections are free', async () => {
    const pool = (database.driver as { pool: pg.Pool }).pool;
    const held = await Promise.all([pool.connect(), pool.connect()]);
    let released = false;
    try {
      const started = performance.now();
      const response = await gateway.post({ query: '{ users(first: 5) { totalCount edges { node { email tasksCount } } } stats { executions { total24h } } }' });
      const waited = performance.now() - started;
      expect(response.status).toBe(503);
      expect(Number(response.headers.get('retry-after'))).toBeGreaterThan(0);
      const body = (await response.json()) as { data?: unknown; errors: { message: string; extensions: { code: string } }[] };
      expect(body.data).toBeUndefined();
      expect(body.errors).toEqual([expect.objectContaining({ message: 'Service temporarily unavailable', extensions: expect.objectContaining({ code: 'SERVICE_UNAVAILABLE' }) })]);
      expect(waited).toBeGreaterThanOrEqual(250);

      const viaRest = await gateway.rest('/admin/users?limit=5');
      expect([viaRest.status, viaRest.body]).toEqual([503, { detail: 'Service temporarily unavailable' }]);
      expect(viaRest.headers.get('retry-after')).toMatch(/^\d+$/);
      const ready = await fetch(`${gateway.url}/readyz`);
      expect([ready.status, ((await ready.json()) as { database: string }).database]).toEqual([503, 'down']);

      for (const client of held) client.release();
      released = true;
      const after = await gateway.graphql('{ users(first: 5) { totalCount } }');
      expect(after.status).toBe(200);
      expect(after.errors).toBeUndefined();
    } finally {
      if (!released) for (const client of held) client.release();
    }
  }, 30_000);
});
