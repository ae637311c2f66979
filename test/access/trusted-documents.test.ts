import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadTrustedDocuments } from '../../src/access/trusted-documents';
import { ConfigError, loadConfig } from '../../src/config';
import { createTestDatabase, type TestDatabase } from '../support/database';
import { startTestGateway, type TestGateway } from '../support/gateway';
import { CLERK_ISSUER, CLERK_PARTY, rsaKeyPair, sessionClaims, signJwt } from '../support/jwt';

// The project's own codegen output is the manifest (codegen.ts: persistedDocuments).
const MANIFEST = 'src/generated/gql/persisted-documents.json';
const manifest = loadTrustedDocuments(MANIFEST);
const [statsHash] = [...manifest].find(([, document]) => document.startsWith('query RestAdminStats')) ?? [];
const ARBITRARY = '{ users(first: 1) { totalCount } }';

let database: TestDatabase;
const gateways: Partial<Record<'allow' | 'require', TestGateway>> = {};
const clerkKeys = rsaKeyPair();
let session: string;

beforeAll(async () => {
  database = await createTestDatabase();
  await database.db.insertInto('users').values({ email: 'frontend@example.com', clerk_user_id: 'user_frontend', role: 'user' }).execute();
  session = signJwt(sessionClaims('user_frontend', { metadata: { role: 'admin' } }), { alg: 'RS256', key: clerkKeys.privateKey });
  for (const mode of ['allow', 'require'] as const) {
    gateways[mode] = await startTestGateway(database, {
      TRUSTED_DOCUMENTS: mode,
      TRUSTED_DOCUMENTS_MANIFEST: MANIFEST,
      CLERK_JWT_KEY: clerkKeys.publicPem,
      CLERK_ISSUER,
      CLERK_AUTHORIZED_PARTIES: CLERK_PARTY,
    });
  }
});
afterAll(async () => {
  for (const gateway of Object.values(gateways)) await gateway?.stop();
  await database?.close();
});

const byDocumentId = (gateway: TestGateway, documentId: string, key: string) => gateway.post({ documentId }, { key }).then(async (response) => ({ status: response.status, body: await response.json() }));
const byQuery = (gateway: TestGateway, query: string, key: string | null) => gateway.post({ query }, { key }).then(async (response) => ({ status: response.status, body: await response.json() }));

describe('TRUSTED_DOCUMENTS=require', () => {
  it('runs a manifest document named by documentId (sha256:… or bare hash) for a front-end session', async () => {
    const gateway = gateways.require as TestGateway;
    expect(statsHash).toMatch(/^[0-9a-f]{64}$/);
    for (const documentId of [`sha256:${statsHash}`, statsHash as string]) {
      const answer = await byDocumentId(gateway, documentId, session);
      expect(answer.status).toBe(200);
      expect(answer.body.data.stats.executions).toHaveProperty('total24h');
    }
  });

  it('refuses a document sent as text by a session, and an unknown documentId, with clear errors', async () => {
    const gateway = gateways.require as TestGateway;
    const sent = await byQuery(gateway, ARBITRARY, session);
    expect(sent.body).toEqual({
      errors: [{ message: 'Only trusted documents are accepted here: send a documentId from the manifest instead of a query', extensions: { code: 'PERSISTED_QUERY_ONLY' } }],
    });
    expect(sent.status).toBe(400);
    const unknown = await byDocumentId(gateway, `sha256:${'0'.repeat(64)}`, session);
    expect(unknown.body.errors[0]).toMatchObject({ message: 'Unknown trusted document: the documentId is not in the manifest', extensions: { code: 'PERSISTED_QUERY_NOT_FOUND' } });
  });

  it('still answers an unauthenticated caller 401 first', async () => {
    const answer = await byQuery(gateways.require as TestGateway, ARBITRARY, null);
    expect(answer.status).toBe(401);
    expect(answer.body.errors[0].extensions.code).toBe('UNAUTHENTICATED');
  });

  it("keeps REST (its documents are the gateway's own) and API-key callers (GraphiQL, scripts) working", async () => {
    const gateway = gateways.require as TestGateway;
    const rest = await gateway.rest('/admin/stats', { key: session });
    expect(rest.status).toBe(200);
    expect(rest.body).toHaveProperty('executions');
    const operator = await byQuery(gateway, ARBITRARY, gateway.adminKey);
    expect(operator.status).toBe(200);
    expect(operator.body.data.users.totalCount).toBeGreaterThan(0);
  });
});

describe('TRUSTED_DOCUMENTS=allow', () => {
  it('runs manifest documents by id and documents sent as text alike', async () => {
    const gateway = gateways.allow as TestGateway;
    expect((await byDocumentId(gateway, `sha256:${statsHash}`, session)).body.data.stats).toBeDefined();
    expect((await byQuery(gateway, ARBITRARY, session)).body.data.users.totalCount).toBeGreaterThan(0);
  });
});

describe('the manifest setting', () => {
  it('stops the start with a message naming TRUSTED_DOCUMENTS_MANIFEST when the file cannot be read', () => {
    expect(() => loadConfig({ TRUSTED_DOCUMENTS: 'require', TRUSTED_DOCUMENTS_MANIFEST: '/nonexistent/manifest.json' })).toThrow(ConfigError);
    expect(() => loadConfig({ TRUSTED_DOCUMENTS: 'require', TRUSTED_DOCUMENTS_MANIFEST: '/nonexistent/manifest.json' })).toThrow(/TRUSTED_DOCUMENTS_MANIFEST: cannot read \/nonexistent\/manifest\.json/);
    expect(() => loadConfig({ TRUSTED_DOCUMENTS: 'sometimes' })).toThrow(/TRUSTED_DOCUMENTS/);
  });
});
