import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../support/database';
import { startTestGateway, type TestGateway } from '../support/gateway';
import { CLERK_ISSUER as ISSUER, CLERK_PARTY as PARTY, rsaKeyPair, sessionClaims, signJwt } from '../support/jwt';

const ME = '{ users(first: 1) { totalCount } }';

let database: TestDatabase;
let gateway: TestGateway;
const clerkKeys = rsaKeyPair();
const otherKeys = rsaKeyPair();

const adminClaims = (sub: string, overrides: Record<string, unknown> = {}) => sessionClaims(sub, { metadata: { role: 'admin' }, ...overrides });
const rs256 = (payload: Record<string, unknown>, key = clerkKeys.privateKey) => signJwt(payload, { alg: 'RS256', key });

async function insertClerkUser(clerkUserId: string, state: 'active' | 'deactivated' = 'active') {
  await database.db
    .insertInto('users')
    .values({ email: `${clerkUserId}@example.com`, clerk_user_id: clerkUserId, role: 'user', state, deactivated_at: state === 'deactivated' ? new Date() : null })
    .execute();
}

async function call(target: TestGateway, token: string) {
  const response = await target.post({ query: ME }, { key: token });
  return { status: response.status, body: await response.text() };
}

const refusal = (message: string, code: 'UNAUTHENTICATED' | 'FORBIDDEN') => JSON.stringify({ errors: [{ message, extensions: { code } }] });

beforeAll(async () => {
  database = await createTestDatabase();
  gateway = await startTestGateway(database, { CLERK_JWT_KEY: clerkKeys.publicPem, CLERK_ISSUER: ISSUER, CLERK_AUTHORIZED_PARTIES: `${PARTY}, https://other.gateway.test` });
  for (const id of ['user_admin', 'user_plain', 'user_later_gone']) await insertClerkUser(id);
  await insertClerkUser('user_gone', 'deactivated');
});
afterAll(async () => {
  await gateway?.stop();
  await database?.close();
});

describe('Clerk session tokens (verified offline with CLERK_JWT_KEY)', () => {
  it('admits an active user whose token carries the admin role', async () => {
    const response = await gateway.graphql(ME, {}, { key: rs256(adminClaims('user_admin')) });
    expect(response.status).toBe(200);
    const count = await database.db.selectFrom('users').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
    expect(response.data.users.totalCount).toBe(Number(count.n));
    await gateway.flushAudit();
    const user = await database.db.selectFrom('users').select('id').where('clerk_user_id', '=', 'user_admin').executeTakeFirstOrThrow();
    const audit = await database.db.selectFrom('audit_log').selectAll().where('action', '=', 'data.access').where('actor_user_id', '=', user.id).execute();
    expect(audit.map((row) => [row.actor_kind, row.actor_credential_id])).toEqual([['clerk_session', 'sess_user_admin']]);
  });

  it.each([
    ['expired', () => rs256(adminClaims('user_admin', { iat: Math.floor(Date.now() / 1000) - 600, nbf: Math.floor(Date.now() / 1000) - 600, exp: Math.floor(Date.now() / 1000) - 60 })), 'Session token expired'],
    ['not yet valid', () => rs256(adminClaims('user_admin', { nbf: Math.floor(Date.now() / 1000) + 600 })), 'Invalid session token'],
    ['signed by another key', () => rs256(adminClaims('user_admin'), otherKeys.privateKey), 'Invalid session token'],
    ['for another authorized party', () => rs256(adminClaims('user_admin', { azp: 'https://evil.example' })), 'Invalid session token'],
    ['without an authorized party', () => rs256(adminClaims('user_admin', { azp: undefined })), 'Invalid session token'],
    ['from another issuer', () => rs256(adminClaims('user_admin', { iss: 'https://evil.clerk.accounts.dev' })), 'Invalid session token'],
    ['with alg none', () => signJwt(adminClaims('user_admin'), { alg: 'none' }), 'Invalid session token'],
    ['HS256-signed with the public key as secret', () => signJwt(adminClaims('user_admin'), { alg: 'HS256', secret: clerkKeys.publicPem }), 'Invalid session token'],
    [
      'tampered (role raised after signing)',
      () => {
        const [header, , signature] = rs256(sessionClaims('user_plain', { metadata: { role: 'user' } })).split('.');
        const forged = Buffer.from(JSON.stringify(adminClaims('user_plain'))).toString('base64url');
        return `${header}.${forged}.${signature}`;
      },
      'Invalid session token',
    ],
    ['for a Clerk user we have no row for', () => rs256(adminClaims('user_unknown')), 'Invalid session token'],
    ['of a deactivated user (valid signature)', () => rs256(adminClaims('user_gone')), 'Invalid session token'],
    ['that is not a JWT at all', () => 'not-a-token', 'Invalid API key'],
  ])('refuses a token %s with 401', async (_case, token, detail) => {
    expect(await call(gateway, token())).toEqual({ status: 401, body: refusal(detail, 'UNAUTHENTICATED') });
  });

  it('answers 403 to a valid token without the admin role', async () => {
    expect(await call(gateway, rs256(sessionClaims('user_plain', { metadata: { role: 'user' } })))).toEqual({ status: 403, body: refusal('Admin access required', 'FORBIDDEN') });
    // No metadata claim and no CLERK_SECRET_KEY to look it up: not an admin.
    expect((await call(gateway, rs256(sessionClaims('user_admin')))).status).toBe(403);
  });

  it('refuses the next request once the user is deactivated, although the token stays valid', async () => {
    const token = rs256(adminClaims('user_later_gone'));
    expect((await call(gateway, token)).status).toBe(200);
    await database.db.updateTable('users').set({ state: 'deactivated', deactivated_at: new Date() }).where('clerk_user_id', '=', 'user_later_gone').execute();
    expect(await call(gateway, token)).toEqual({ status: 401, body: refusal('Invalid session token', 'UNAUTHENTICATED') });
  });
});

describe('role from Clerk\'s Backend API when the claim is missing', () => {
  let stub: Server;
  let stubUrl: string;
  let withApi: TestGateway;
  const requests: { path: string; authorization: string | undefined }[] = [];
  const publicMetadata: Record<string, unknown> = { user_admin: { role: 'admin' }, user_plain: { role: 'user' } };

  beforeAll(async () => {
    // The only stub in the suite: Clerk's Backend API cannot run here.
    stub = createServer((req, res) => {
      requests.push({ path: req.url ?? '', authorization: req.headers.authorization });
      const id = /^\/v1\/users\/([^/?]+)/.exec(req.url ?? '')?.[1];
      if (req.headers.authorization !== 'Bearer sk_test_clerk_secret') return res.writeHead(401).end();
      if (id === 'user_later_gone') return res.writeHead(500, { 'content-type': 'application/json' }).end('{"errors":[{"message":"boom","code":"internal"}]}');
      if (!id || !(id in publicMetadata)) return res.writeHead(404, { 'content-type': 'application/json' }).end('{"errors":[{"message":"not found","code":"resource_not_found"}]}');
      res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ object: 'user', id, public_metadata: publicMetadata[id], private_metadata: {}, unsafe_metadata: {}, email_addresses: [] }));
    });
    await new Promise<void>((resolve) => stub.listen(0, '127.0.0.1', resolve));
    stubUrl = `http://127.0.0.1:${(stub.address() as AddressInfo).port}`;
    withApi = await startTestGateway(database, {
      CLERK_JWT_KEY: clerkKeys.publicPem,
      CLERK_AUTHORIZED_PARTIES: PARTY,
      CLERK_SECRET_KEY: 'sk_test_clerk_secret',
      CLERK_API_URL: stubUrl,
      CLERK_METADATA_CACHE_SECONDS: '60',
    });
    await database.db.updateTable('users').set({ state: 'active', deactivated_at: null }).where('clerk_user_id', '=', 'user_later_gone').execute();
  });
  afterAll(async () => {
    await withApi?.stop();
    await new Promise((resolve) => stub?.close(resolve));
  });

  it('fetches the public metadata once, with the secret key, and caches it', async () => {
    const token = rs256(sessionClaims('user_admin'));
    expect((await call(withApi, token)).status).toBe(200);
    expect((await call(withApi, token)).status).toBe(200);
    const lookups = requests.filter((request) => request.path.startsWith('/v1/users/user_admin'));
    expect(lookups).toEqual([{ path: '/v1/users/user_admin', authorization: 'Bearer sk_test_clerk_secret' }]);
  });

  it('does not ask Clerk when the claim is present', async () => {
    const before = requests.length;
    expect((await call(withApi, rs256(sessionClaims('user_plain', { metadata: { role: 'user' } })))).status).toBe(403);
    expect(requests.length).toBe(before);
  });

  it('answers 403 when the fetched metadata is not admin, and fails closed when Clerk errs', async () => {
    expect(await call(withApi, rs256(sessionClaims('user_plain')))).toEqual({ status: 403, body: refusal('Admin access required', 'FORBIDDEN') });
    expect((await call(withApi, rs256(sessionClaims('user_later_gone')))).status).toBe(403);
    // A failed lookup is not cached.
    expect((await call(withApi, rs256(sessionClaims('user_later_gone')))).status).toBe(403);
    expect(requests.filter((request) => request.path.startsWith('/v1/users/user_later_gone')).length).toBe(2);
  });
});
