import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../support/database';
import { startTestGateway, type TestGateway } from '../support/gateway';
import { userWithKey } from '../support/scenario';
import { statementsDuring } from '../support/statements';
import { waitFor } from '../support/wait';

let database: TestDatabase;
let gateway: TestGateway;
const keys: Record<string, string> = {};

const ME = '{ users(first: 1) { totalCount } }';
const UNAUTHENTICATED = '{"errors":[{"message":"Invalid API key","extensions":{"code":"UNAUTHENTICATED"}}]}';
const FORBIDDEN = '{"errors":[{"message":"Admin access required","extensions":{"code":"FORBIDDEN"}}]}';

async function call(key: string | null, query = ME, headers: Record<string, string> = {}) {
  const response = await gateway.post({ query }, { key, headers });
  return { status: response.status, body: await response.text(), headers: response.headers };
}

beforeAll(async () => {
  database = await createTestDatabase();
  gateway = await startTestGateway(database);
  keys.plain = (await userWithKey(database.db, 'plain@example.com', 'user')).key;
  const revoked = await userWithKey(database.db, 'revoked@example.com', 'admin');
  await database.db.updateTable('api_keys').set({ revoked_at: new Date() }).where('id', '=', revoked.keyId).execute();
  keys.revoked = revoked.key;
  keys.laterGone = (await userWithKey(database.db, 'later-gone@example.com', 'admin')).key;
});
afterAll(async () => {
  await gateway?.stop();
  await database?.close();
});

describe('API keys', () => {
  it('admits an admin key', async () => {
    const response = await call(gateway.adminKey);
    expect(response.status).toBe(200);
    const { n } = await database.db.selectFrom('users').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
    expect(JSON.parse(response.body)).toEqual({ data: { users: { totalCount: Number(n) } } });
  });

  it.each([
    ['no Authorization header', null, {}],
    ['an unknown key', `sk_${'A'.repeat(43)}`, {}],
    ['a key that is too short', 'sk_short', {}],
    ['a revoked key', 'revoked', {}],
    ['a Basic credential', null, { authorization: 'Basic YWRtaW46YWRtaW4=' }],
    ['a Bearer without a token', null, { authorization: 'Bearer ' }],
  ])('answers 401 {"Invalid API key"} to %s', async (_case, key, headers) => {
    const response = await call(key === 'revoked' ? (keys.revoked as string) : key, ME, headers);
    expect(response.status).toBe(401);
    expect(response.body).toBe(UNAUTHENTICATED);
    expect(response.headers.get('www-authenticate')).toBe('Bearer');
  });

  it('answers 403 {"Admin access required"} to an active non-admin\'s key', async () => {
    const response = await call(keys.plain as string);
    expect({ status: response.status, body: response.body }).toEqual({ status: 403, body: FORBIDDEN });
  });

  it('refuses a key on the next request once its owner is deactivated', async () => {
    expect((await call(keys.laterGone as string)).status).toBe(200);
    await database.db.updateTable('users').set({ state: 'deactivated', deactivated_at: new Date() }).where('email', '=', 'later-gone@example.com').execute();
    expect(await call(keys.laterGone as string).then((r) => [r.status, r.body])).toEqual([401, UNAUTHENTICATED]);
  });

  it('refuses a key on the next request once it is revoked', async () => {
    const { key, keyId } = await userWithKey(database.db, 'soon-revoked@example.com', 'admin');
    expect((await call(key)).status).toBe(200);
    await database.db.updateTable('api_keys').set({ revoked_at: new Date() }).where('id', '=', keyId).execute();
    expect((await call(key)).status).toBe(401);
  });

  it('hides the schema from callers who are not admins: no validation errors, no introspection', async () => {
    const unknownField = '{ secretThing }';
    expect(await call(null, unknownField).then((r) => [r.status, r.body])).toEqual([401, UNAUTHENTICATED]);
    expect(await call(keys.plain as string, unknownField).then((r) => [r.status, r.body])).toEqual([403, FORBIDDEN]);
    const introspection = '{ __schema { queryType { name } types { name } } }';
    expect(await call(null, introspection).then((r) => [r.status, r.body])).toEqual([401, UNAUTHENTICATED]);
    expect(await call(keys.plain as string, introspection).then((r) => [r.status, r.body])).toEqual([403, FORBIDDEN]);
    const admin = await call(gateway.adminKey, introspection);
    expect(admin.status).toBe(200);
    expect(JSON.parse(admin.body).data.__schema.queryType.name).toBe('Query');
  });

  it('applies the same rules over SSE (Accept: text/event-stream)', async () => {
    const sse = async (key: string | null) => {
      const response = await gateway.post({ query: ME }, { key, headers: { accept: 'text/event-stream' } });
      return { status: response.status, type: response.headers.get('content-type'), body: await response.text() };
    };
    const refused = await sse(null);
    expect(refused).toMatchObject({ status: 401, type: 'text/event-stream' });
    expect(refused.body).toContain(`event: next\ndata: ${UNAUTHENTICATED}\n`);
    expect((await sse(keys.plain as string)).body).toContain(`data: ${FORBIDDEN}\n`);
    const admitted = await sse(gateway.adminKey);
    expect(admitted.status).toBe(200);
    expect(admitted.body).toMatch(/event: next\ndata: \{"data":\{"users":\{"totalCount":\d+\}\}\}/);
  });

  it('admits other transports (graphql-ws) through the same checks', async () => {
    const principal = await gateway.access.admit(`Bearer ${gateway.adminKey}`);
    const admin = await database.db.selectFrom('users').select('id').where('email', '=', 'admin@example.com').executeTakeFirstOrThrow();
    expect(principal).toMatchObject({ userId: admin.id, role: 'admin', credential: { kind: 'api_key' } });
    await expect(gateway.access.admit(undefined)).rejects.toMatchObject({ message: 'Invalid API key', extensions: { code: 'UNAUTHENTICATED', http: { status: 401 } } });
    await expect(gateway.access.admit(`Bearer ${keys.plain}`)).rejects.toMatchObject({ message: 'Admin access required', extensions: { code: 'FORBIDDEN' } });
  });

  it('stamps last_used_at at most once a minute', async () => {
    // A minute is simulated by moving last_used_at back in the database, which a cached principal would not see.
    const uncached = await startTestGateway(database, { PRINCIPAL_CACHE_MS: '0' });
    const call = (key: string) => uncached.post({ query: ME }, { key });
    const { key, keyId } = await userWithKey(database.db, 'stamp@example.com', 'admin');
    const lastUsed = async () => (await database.db.selectFrom('api_keys').select('last_used_at').where('id', '=', keyId).executeTakeFirstOrThrow()).last_used_at;
    const until = async (check: (value: Date | null) => boolean) => {
      for (const deadline = Date.now() + 5_000; Date.now() < deadline; ) {
        const value = await lastUsed();
        if (check(value)) return value;
        await new Promise((resolve) => setTimeout(resolve, 20));
      }
      throw new Error('last_used_at did not change');
    };
    expect(await lastUsed()).toBeNull();
    await call(key);
    const first = (await until((value) => value !== null)) as Date;
    await call(key);
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(await lastUsed()).toEqual(first);
    const twoMinutesAgo = new Date(Date.now() - 120_000);
    await database.db.updateTable('api_keys').set({ last_used_at: twoMinutesAgo }).where('id', '=', keyId).execute();
    await call(key);
    const later = (await until((value) => value !== null && value.getTime() > twoMinutesAgo.getTime())) as Date;
    expect(later.getTime()).toBeGreaterThanOrEqual(first.getTime());
    await uncached.stop();
  });

  it('stamps a key served from the principal cache once, not on every request', async () => {
    const { key, keyId } = await userWithKey(database.db, 'stamp-cached@example.com', 'admin');
    const lastUsed = async () => (await database.db.selectFrom('api_keys').select('last_used_at').where('id', '=', keyId).executeTakeFirstOrThrow()).last_used_at;
    await call(key);
    await waitFor(async () => (await lastUsed()) !== null);
    const first = await lastUsed();
    const { statements } = await statementsDuring(database, async () => {
      for (let index = 0; index < 5; index += 1) expect((await call(key, '{ __typename }')).status).toBe(200);
    });
    expect(statements).toEqual([]);
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(await lastUsed()).toEqual(first);
  });
});
