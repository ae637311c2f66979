import { networkInterfaces } from 'node:os';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config';
import { createLogger } from '../../src/core/logger';
import { createGateway, type Gateway } from '../../src/server';
import { createTestDatabase, type TestDatabase } from '../support/database';
import { startTestGateway, type TestGateway } from '../support/gateway';

const ALLOWED = 'https://admin.example.com';
let database: TestDatabase;
let withCors: TestGateway;
let withoutCors: TestGateway;

beforeAll(async () => {
  database = await createTestDatabase();
  withCors = await startTestGateway(database, { CORS_ORIGINS: `${ALLOWED}, http://localhost:5173` });
  withoutCors = await startTestGateway(database);
});
afterAll(async () => {
  await withCors?.stop();
  await withoutCors?.stop();
  await database?.close();
});

function preflight(url: string, origin: string, method: string) {
  return fetch(url, {
    method: 'OPTIONS',
    headers: { origin, 'access-control-request-method': method, 'access-control-request-headers': 'authorization, content-type' },
  });
}

describe('CORS_ORIGINS', () => {
  it.each([
    ['/graphql', 'POST'],
    ['/admin/users', 'GET'],
    ['/admin/users/00000000-0000-4000-8000-000000000000/deactivate', 'PATCH'],
  ])('answers a preflight of %s (%s) from an allowed origin, without credentials mode', async (path, method) => {
    const response = await preflight(`${withCors.url}${path}`, ALLOWED, method);
    expect(response.status).toBe(204);
    expect(response.headers.get('access-control-allow-origin')).toBe(ALLOWED);
    expect(response.headers.get('access-control-allow-methods')).toContain(method);
    expect(response.headers.get('access-control-allow-headers')?.toLowerCase()).toContain('authorization');
    expect(response.headers.get('access-control-allow-credentials')).toBeNull();
  });

  it('lets the allowed origin read answers of GraphQL, REST and SSE, with the rate-limit headers exposed', async () => {
    const graphql = await withCors.post({ query: '{ users(first: 1) { totalCount } }' }, { headers: { origin: ALLOWED } });
    const rest = await fetch(`${withCors.url}/admin/users?limit=1`, { headers: { origin: ALLOWED, authorization: `Bearer ${withCors.adminKey}` } });
    const abort = new AbortController();
    const sse = await fetch(`${withCors.url}/graphql?query=${encodeURIComponent('subscription { errorAdded { errorType } }')}`, {
      headers: { origin: ALLOWED, accept: 'text/event-stream', authorization: `Bearer ${withCors.adminKey}` },
      signal: abort.signal,
    });
    try {
      for (const response of [graphql, rest, sse]) {
        expect(response.status).toBe(200);
        expect(response.headers.get('access-control-allow-origin')).toBe(ALLOWED);
        expect(response.headers.get('access-control-allow-credentials')).toBeNull();
        expect(response.headers.get('access-control-expose-headers')).toContain('RateLimit-Remaining');
      }
    } finally {
      abort.abort();
    }
  });

  it('gives any other origin nothing a browser would accept', async () => {
    const preflighted = await preflight(`${withCors.url}/graphql`, 'https://evil.example.com', 'POST');
    expect(preflighted.headers.get('access-control-allow-origin')).toBeNull();
    const answered = await withCors.post({ query: '{ users(first: 1) { totalCount } }' }, { headers: { origin: 'https://evil.example.com' } });
    expect(answered.headers.get('access-control-allow-origin')).toBeNull();
    expect(answered.headers.get('access-control-allow-credentials')).toBeNull();
  });

  it('allows no origin by default, on /graphql as on /admin/*', async () => {
    for (const path of ['/graphql', '/admin/users']) {
      const preflighted = await preflight(`${withoutCors.url}${path}`, ALLOWED, 'GET');
      expect(preflighted.headers.get('access-control-allow-origin')).toBeNull();
    }
    const answered = await withoutCors.post({ query: '{ users(first: 1) { totalCount } }' }, { headers: { origin: 'https://evil.example.com' } });
    expect(answered.headers.get('access-control-allow-origin')).toBeNull();
    expect(answered.headers.get('access-control-allow-credentials')).toBeNull();
  });
});

/** An address of this machine that is not loopback, to call as "someone else on the network". */
const externalAddress = Object.values(networkInterfaces())
  .flat()
  .find((entry) => entry && entry.family === 'IPv4' && !entry.internal)?.address;

describe.runIf(externalAddress)('the demo key in GraphiQL', () => {
  const demoKey = `sk_${'d'.repeat(43)}`;
  let gateway: Gateway;
  let port: number;

  beforeAll(async () => {
    const config = loadConfig({ LOG_LEVEL: 'silent', PGLITE_DATA_DIR: 'memory' });
    gateway = createGateway({ config, database, log: createLogger('silent'), demoApiKey: demoKey });
    port = Number(new URL(await gateway.start(0, '0.0.0.0')).port);
  });
  afterAll(() => gateway?.stop());

  const page = async (host: string) => (await fetch(`http://${host}:${port}/graphql`, { headers: { accept: 'text/html' } })).text();

  it('is prefilled for a browser on this machine only', async () => {
    expect(await page('127.0.0.1')).toContain(demoKey);
    const remote = await page(externalAddress!);
    expect(remote).toContain('yoga-graphiql');
    expect(remote).not.toContain(demoKey);
    expect(remote).not.toContain('sk_');
  });
});
