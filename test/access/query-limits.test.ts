import { request } from 'node:http';
import { getIntrospectionQuery } from 'graphql';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../support/database';
import { startTestGateway, type TestGateway } from '../support/gateway';

let database: TestDatabase;
let strict: TestGateway;
let defaults: TestGateway;

beforeAll(async () => {
  database = await createTestDatabase();
  strict = await startTestGateway(database, {
    MAX_QUERY_DEPTH: '4',
    MAX_QUERY_COST: '25',
    MAX_QUERY_ALIASES: '2',
    MAX_QUERY_TOKENS: '80',
    MAX_QUERY_DIRECTIVES: '2',
    MAX_REQUEST_BYTES: '2000',
  });
  defaults = await startTestGateway(database);
});
afterAll(async () => {
  await strict?.stop();
  await defaults?.stop();
  await database?.close();
});

async function rejection(gateway: TestGateway, query: string, key?: string | null) {
  const response = await gateway.post({ query }, { key, headers: { accept: 'application/graphql-response+json' } });
  return { status: response.status, body: (await response.json()) as any };
}

describe('query limits (graphql-armor), checked before execution', () => {
  it.each([
    ['depth', '{ auditLog(first: 1) { edges { node { actor { email } } } } }', /^Query depth limit of 4 exceeded, found 5\.$/, 'maxDepth'],
    ['aliases', '{ a: users(first: 1) { totalCount } b: users(first: 1) { totalCount } c: users(first: 1) { totalCount } }', /^Aliases limit of 2 exceeded, found 3\.$/, 'maxAliases'],
    ['directives', '{ users(first: 1) { totalCount @skip(if: false) pageInfo @include(if: true) { hasNextPage @skip(if: false) } } }', /^Directives limit of 2 exceeded, found 3\.$/, 'maxDirectives'],
    ['tokens', `{ users(first: 1) { ${Array.from({ length: 80 }, () => 'totalCount').join(' ')} } }`, /^Syntax Error: Token limit of 80 exceeded\.$/, 'maxTokens'],
    ['cost', '{ users(first: 1) { totalCount edges { cursor node { id email role state createdAt lastLogin } } pageInfo { hasNextPage hasPreviousPage startCursor endCursor } } }', /^Query Cost limit of 25 exceeded, found \d+(\.\d+)?\.$/, 'maxCost'],
  ])('refuses a document over the %s limit, naming the limit and its value', async (_limit, query, message, limit) => {
    const response = await rejection(strict, query);
    expect(response.status).toBe(400);
    expect(response.body.data).toBeUndefined();
    expect(response.body.errors).toHaveLength(1);
    expect(response.body.errors[0].message).toMatch(message);
    expect(response.body.errors[0].extensions).toEqual({ code: 'QUERY_LIMIT_EXCEEDED', limit });
    // Legacy application/json callers get the same error with 200, as for any invalid document.
    const legacy = await strict.post({ query });
    expect(legacy.status).toBe(200);
    expect(((await legacy.json()) as any).errors[0].extensions.code).toBe('QUERY_LIMIT_EXCEEDED');
  });

  it('answers 401 before looking at the document of a caller without a key', async () => {
    const response = await rejection(strict, '{ a: users { totalCount } b: users { totalCount } c: users { totalCount } }', null);
    expect(response.status).toBe(401);
  });

  it('lets GraphiQL\'s full introspection and a deep connection query through at the default limits', async () => {
    const introspection = await defaults.graphql(getIntrospectionQuery({ descriptions: true, specifiedByUrl: true, directiveIsRepeatable: true, schemaDescription: true, inputValueDeprecation: true }));
    expect(introspection.errors).toBeUndefined();
    expect(introspection.data.__schema.queryType.name).toBe('Query');
    const deep = await defaults.graphql('{ auditLog(first: 5) { edges { cursor node { id actor { id email state } } } pageInfo { hasNextPage endCursor } totalCount } }');
    expect(deep.errors).toBeUndefined();
  });

  it('keeps "Did you mean" hints for admins (only admins reach validation)', async () => {
    const response = await defaults.graphql('{ user(first: 1) { totalCount } }');
    expect(response.errors?.[0]?.message).toMatch(/Did you mean "users"/);
  });

  it('caps every list at 100', async () => {
    const response = await defaults.graphql('{ auditLog(first: 101) { totalCount } }');
    expect(response.errors?.[0]).toMatchObject({ message: 'first: must be between 0 and 100, got 101', extensions: { code: 'BAD_USER_INPUT' } });
  });
});

describe('request body size (MAX_REQUEST_BYTES)', () => {
  const padded = (bytes: number) => JSON.stringify({ query: `{ users(first: 1) { totalCount } }${' '.repeat(bytes)}` });

  it('accepts a body within the limit', async () => {
    const response = await strict.post(padded(1500));
    expect(response.status).toBe(200);
  });

  it('refuses a larger body from its Content-Length with 413, before authentication or parsing', async () => {
    const response = await strict.post(padded(2500), { key: null });
    expect(response.status).toBe(413);
    expect(await response.json()).toEqual({ errors: [{ message: 'Request body exceeds the limit of 2000 bytes (MAX_REQUEST_BYTES)', extensions: { code: 'PAYLOAD_TOO_LARGE' } }] });
  });

  it('refuses a chunked body once it streams past the limit', async () => {
    const url = new URL(`${strict.url}/graphql`);
    const status = await new Promise<number>((resolve, reject) => {
      const outgoing = request({ host: url.hostname, port: url.port, path: url.pathname, method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${strict.adminKey}`, 'transfer-encoding': 'chunked' } });
      outgoing.on('response', (response) => {
        response.resume();
        resolve(response.statusCode ?? 0);
      });
      outgoing.on('error', (error) => (outgoing.writableEnded ? undefined : reject(error)));
      outgoing.write(`{"query": "{ users(first: 1) { totalCount } }", "variables": {"pad": "`);
      let sent = 0;
      const timer = setInterval(() => {
        if (sent >= 10 || outgoing.destroyed) {
          clearInterval(timer);
          if (!outgoing.destroyed) outgoing.end('"}}');
          return;
        }
        sent += 1;
        outgoing.write('x'.repeat(500));
      }, 10);
    });
    expect(status).toBe(413);
  });
});
