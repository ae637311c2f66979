import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../support/database';
import { startTestGateway, type TestGateway } from '../support/gateway';
import { globalId, insertScenario, type Scenario } from '../support/scenario';

let database: TestDatabase;
let gateway: TestGateway;
let scenario: Scenario;

beforeAll(async () => {
  database = await createTestDatabase();
  scenario = await insertScenario(database.db, { userCount: 3 });
  gateway = await startTestGateway(database);
});
afterAll(async () => {
  await gateway?.stop();
  await database?.close();
});

const WITH_NUL = 'ab\u0000cd';

describe('a NUL character in any string argument', () => {
  it.each([
    ['users', 'UserFilter', 'emailContains'],
    ['tasks', 'TaskFilter', 'searchQueryContains'],
    ['errors', 'ErrorFilter', 'errorType'],
    ['auditLog', 'AuditLogFilter', 'action'],
    ['auditLog', 'AuditLogFilter', 'targetId'],
    ['auditLog', 'AuditLogFilter', 'targetType'],
  ])('%s(filter: { %s.%s }) is BAD_USER_INPUT naming the argument, as a variable and as a literal', async (field, type, name) => {
    const viaVariable = await gateway.graphql(`query($filter: ${type}) { ${field}(first: 1, filter: $filter) { totalCount } }`, { filter: { [name]: WITH_NUL } });
    const viaLiteral = await gateway.graphql(`{ ${field}(first: 1, filter: { ${name}: "ab\\u0000cd" }) { totalCount } }`);
    for (const response of [viaVariable, viaLiteral]) {
      expect(response.status).toBe(200);
      expect(response.data).toBeUndefined();
      expect(response.errors).toEqual([
        expect.objectContaining({ message: `filter.${name}: must not contain NUL (\\u0000) characters`, extensions: expect.objectContaining({ code: 'BAD_USER_INPUT', argument: `filter.${name}` }) }),
      ]);
    }
  });
});

describe('the DateTime scalar', () => {
  it.each(['1', '12/31/1999', '2024-02-30T00:00:00Z', '2024-01-15', '2024-01-15T25:00:00Z', '0000-01-01T00:00:00Z', '0001-01-01T00:30:00+01:00', '10000-01-01T00:00:00Z'])(
    'refuses %j as BAD_USER_INPUT, on both databases',
    async (value) => {
      const response = await gateway.graphql('query($since: DateTime) { executions(first: 1, filter: { since: $since }) { totalCount } }', { since: value });
      expect(response.data).toBeUndefined();
      expect(response.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
      expect(response.errors?.[0]?.message).toContain('RFC 3339');
    },
  );

  it.each(['0001-01-01T00:00:00Z', '2024-02-29T23:59:59.999999+05:30', '9999-12-31T23:59:59Z'])('accepts %j', async (value) => {
    const response = await gateway.graphql('query($since: DateTime) { executions(first: 1, filter: { since: $since }) { totalCount } }', { since: value });
    expect(response.errors).toBeUndefined();
    expect(typeof response.data.executions.totalCount).toBe('number');
  });
});

describe('node and nodes', () => {
  it.each([
    ["' OR 1=1 --", 'OR 1=1'],
    [Buffer.from('__proto__:x').toString('base64'), '__proto__'],
    [Buffer.from('NoSuchType:00000000-0000-4000-8000-000000000000').toString('base64'), 'NoSuchType'],
    [Buffer.from('User:not-a-uuid').toString('base64'), 'not-a-uuid'],
  ])('refuse a malformed or foreign ID %j with BAD_USER_INPUT, without echoing it', async (id, echo) => {
    for (const query of ['query($id: ID!) { node(id: $id) { id } }', 'query($id: ID!) { nodes(ids: [$id]) { id } }']) {
      const response = await gateway.graphql(query, { id });
      expect(response.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
      expect(JSON.stringify(response.errors)).not.toContain(echo);
    }
  });

  it('answer NOT_FOUND for a well-formed ID of a row that does not exist', async () => {
    const response = await gateway.graphql('query($id: ID!) { node(id: $id) { id } }', { id: globalId('User', '00000000-0000-4000-8000-000000000000') });
    expect(response.errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
  });

  it('take at most 100 ids, naming the argument', async () => {
    const id = globalId('User', scenario.users[0]!.id);
    const hundred = await gateway.graphql('query($ids: [ID!]!) { nodes(ids: $ids) { id } }', { ids: Array(100).fill(id) });
    expect(hundred.errors).toBeUndefined();
    expect(hundred.data.nodes).toHaveLength(100);
    const tooMany = await gateway.graphql('query($ids: [ID!]!) { nodes(ids: $ids) { id } }', { ids: Array(16_000).fill(id) });
    expect(tooMany.data ?? null).toBeNull();
    expect(tooMany.errors?.[0]).toMatchObject({ message: 'ids: at most 100 IDs, got 16000', extensions: { code: 'BAD_USER_INPUT', argument: 'ids' } });
  });

  it('refetch an ExecutionError by its id (it is a Node)', async () => {
    const listed = await gateway.graphql('{ errors(first: 1, filter: { hours: 8760 }) { edges { node { id errorType executionId } } } }');
    const error = listed.data.errors.edges[0].node;
    expect(error.id).toEqual(expect.any(String));
    const refetched = await gateway.graphql('query($id: ID!) { node(id: $id) { __typename id ... on ExecutionError { errorType executionId } } }', { id: error.id });
    expect(refetched.errors).toBeUndefined();
    expect(refetched.data.node).toEqual({ __typename: 'ExecutionError', ...error });
  });
});
