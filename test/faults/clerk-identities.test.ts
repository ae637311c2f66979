import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../support/database';
import { startTestGateway, type TestGateway } from '../support/gateway';
import { CLERK_PARTY as PARTY, rsaKeyPair, sessionClaims, signJwt } from '../support/jwt';

// Clerk says who is an admin (the verified claim, or public metadata from its Backend API); our users table follows.
const ME = '{ users(first: 1) { totalCount } }';
let database: TestDatabase;
let gateway: TestGateway;
let withApi: TestGateway;
let stub: Server;
const clerkKeys = rsaKeyPair();
const token = (sub: string, overrides: Record<string, unknown> = {}) => signJwt(sessionClaims(sub, overrides), { alg: 'RS256', key: clerkKeys.privateKey });
const admin = { metadata: { role: 'admin' } };

const userRow = (clerkUserId: string) =>
  database.db.selectFrom('users').select(['email', 'role', 'state', 'clerk_user_id']).where('clerk_user_id', '=', clerkUserId).execute();

beforeAll(async () => {
  database = await createTestDatabase();
  gateway = await startTestGateway(database, { CLERK_JWT_KEY: clerkKeys.publicPem, CLERK_AUTHORIZED_PARTIES: PARTY });
  // Clerk's Backend API cannot run here: the suite's one local stub answers GET /v1/users/{id}.
  stub = createServer((req, res) => {
    const id = /^\/v1\/users\/([^/?]+)/.exec(req.url ?? '')?.[1];
    if (req.headers.authorization !== 'Bearer sk_test_clerk_secret' || id !== 'user_from_api') return res.writeHead(404, { 'content-type': 'application/json' }).end('{"errors":[{"message":"not found","code":"resource_not_found"}]}');
    res.writeHead(200, { 'content-type': 'application/json' }).end(
      JSON.stringify({
        object: 'user',
        id,
        public_metadata: { role: 'admin' },
        private_metadata: {},
        unsafe_metadata: {},
        primary_email_address_id: 'idn_2',
        email_addresses: [
          { id: 'idn_1', object: 'email_address', email_address: 'old@example.com', verification: null, linked_to: [] },
          { id: 'idn_2', object: 'email_address', email_address: 'Api.Admin@Example.com', verification: null, linked_to: [] },
        ],
      }),
    );
  });
  await new Promise<void>((resolve) => stub.listen(0, '127.0.0.1', resolve));
  withApi = await startTestGateway(database, {
    CLERK_JWT_KEY: clerkKeys.publicPem,
    CLERK_AUTHORIZED_PARTIES: PARTY,
    CLERK_SECRET_KEY: 'sk_test_clerk_secret',
    CLERK_API_URL: `http://127.0.0.1:${(stub.address() as AddressInfo).port}`,
  });
});
afterAll(async () => {
  await gateway?.stop();
  await withApi?.stop();
  await new Promise((resolve) => stub?.close(resolve));
  await database?.close();
});

describe('a Clerk admin seen for the first time', () => {
  it('is admitted and gets a users row (email from the token), once, even when its first requests race', async () => {
    const first = token('user_brand_new', { ...admin, email: 'new.admin@example.com' });
    const answers = await Promise.all(Array.from({ length: 5 }, () => gateway.graphql(ME, {}, { key: first })));
    expect(answers.map((answer) => answer.status)).toEqual([200, 200, 200, 200, 200]);
    expect(await userRow('user_brand_new')).toEqual([{ email: 'new.admin@example.com', role: 'admin', state: 'active', clerk_user_id: 'user_brand_new' }]);
  });

  it('takes the email from Clerk\'s Backend API when the token has none and CLERK_SECRET_KEY is set', async () => {
    expect((await withApi.graphql(ME, {}, { key: token('user_from_api') })).status).toBe(200);
    expect(await userRow('user_from_api')).toEqual([{ email: 'api.admin@example.com', role: 'admin', state: 'active', clerk_user_id: 'user_from_api' }]);
  });

  it('is refused (401) without an email to create the row with, and a non-admin gets no row (403)', async () => {
    expect((await gateway.graphql(ME, {}, { key: token('user_no_email', admin) })).status).toBe(401);
    expect((await gateway.graphql(ME, {}, { key: token('user_not_admin', { metadata: { role: 'user' }, email: 'plain@example.com' }) })).status).toBe(403);
    expect([...(await userRow('user_no_email')), ...(await userRow('user_not_admin'))]).toEqual([]);
  });
});

describe('users.role follows the verified claim', () => {
  it('becomes admin when Clerk says admin, and user when Clerk says otherwise (then 403)', async () => {
    await database.db.insertInto('users').values({ email: 'promoted@example.com', clerk_user_id: 'user_promoted', role: 'user' }).execute();
    expect((await gateway.graphql(ME, {}, { key: token('user_promoted', admin) })).status).toBe(200);
    expect((await userRow('user_promoted'))[0]?.role).toBe('admin');
    expect((await gateway.graphql(ME, {}, { key: token('user_promoted', { metadata: { role: 'viewer' } }) })).status).toBe(403);
    expect((await userRow('user_promoted'))[0]?.role).toBe('user');
  });

  it('keeps a deactivated user refused (401) whatever the token says, and leaves the row alone', async () => {
    await database.db.insertInto('users').values({ email: 'gone@example.com', clerk_user_id: 'user_gone', role: 'user', state: 'deactivated', deactivated_at: new Date() }).execute();
    const response = await gateway.post({ query: ME }, { key: token('user_gone', admin) });
    expect(response.status).toBe(401);
    expect(await userRow('user_gone')).toEqual([{ email: 'gone@example.com', role: 'user', state: 'deactivated', clerk_user_id: 'user_gone' }]);
  });
});

describe('a subject Clerk would never issue', () => {
  it('is a 401 (GraphQL and REST), never a 500, for a sub with a NUL character', async () => {
    const bad = token('user_\u0000evil', { ...admin, email: 'evil@example.com' });
    const viaGraphql = await gateway.post({ query: ME }, { key: bad });
    expect(viaGraphql.status).toBe(401);
    const viaRest = await gateway.rest('/admin/users', { key: bad });
    expect([viaRest.status, viaRest.body]).toEqual([401, { detail: 'Invalid session token' }]);
  });
});
