import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../../support/database';
import { startTestGateway, type TestGateway } from '../../support/gateway';
import { type PageRequest, walkConnection } from '../../support/paging';

let database: TestDatabase;
let gateway: TestGateway;

beforeAll(async () => {
  database = await createTestDatabase();
});
afterAll(async () => {
  await gateway?.stop();
  await database?.close();
});
beforeEach(async () => {
  await gateway?.stop();
  await database.truncateAll();
  gateway = await startTestGateway(database);
});

const USERS = `query Users($first: Int, $after: String, $last: Int, $before: String, $filter: UserFilter) {
  users(first: $first, after: $after, last: $last, before: $before, filter: $filter) {
    totalCount
    edges { cursor node { id email state } }
    pageInfo { hasNextPage hasPreviousPage startCursor endCursor }
  }
}`;

async function insertUsers(count: number, start = 0) {
  const base = Date.parse('2024-01-01T00:00:00Z');
  await database.db
    .insertInto('users')
    .values(
      Array.from({ length: count }, (_, index) => ({
        email: `person${start + index}@example.com`,
        // Two users share each timestamp so that the id breaks ties.
        created_at: new Date(base + Math.floor((start + index) / 2) * 60_000),
        state: (start + index) % 5 === 0 ? ('deactivated' as const) : ('active' as const),
        deactivated_at: (start + index) % 5 === 0 ? new Date(base) : null,
      })),
    )
    .execute();
}

describe('Query.users', () => {
  it('refuses a request without a key', async () => {
    const response = await gateway.graphql(USERS, { first: 1 }, { key: null });
    expect(response.status).toBe(401);
    expect(response.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
    expect(response.data).toBeUndefined();
  });

  it('pages forwards then backwards without gaps or repeats, across inserts', async () => {
    await insertUsers(25);
    const fetchPage = async (page: PageRequest) => {
      const response = await gateway.graphql(USERS, page);
      expect(response.errors).toBeUndefined();
      return response.data.users;
    };
    const seen: string[] = (await walkConnection(fetchPage, {
      size: 7,
      onPage: async (connection, { cursor, index }) => {
        expect(connection.pageInfo.hasPreviousPage).toBe(cursor !== null);
        if (index === 0) await insertUsers(3, 100); // newer rows appear before the first page and must not shift later pages
      },
    })).map((node) => node.email);
    const expected = await database.db.selectFrom('users').select('email').where('email', 'like', 'person%').where('email', 'not in', ['person100@example.com', 'person101@example.com', 'person102@example.com'])
      .orderBy('created_at', 'desc').orderBy('id', 'desc').execute();
    expect(seen.filter((email) => email.startsWith('person'))).toEqual(expected.map((row) => row.email));
    expect(new Set(seen).size).toBe(seen.length);

    const backwards = (await walkConnection(fetchPage, { size: 9, backward: true })).map((node) => node.email);
    const all = await database.db.selectFrom('users').select('email').orderBy('created_at', 'desc').orderBy('id', 'desc').execute();
    expect(backwards).toEqual(all.map((row) => row.email));
  });

  it('filters by state and email and counts the filter, not the page', async () => {
    await insertUsers(20);
    const response: any = await gateway.graphql(USERS, { first: 2, filter: { activeOnly: true, emailContains: 'PERSON1' } });
    // person1, person11..19 minus those divisible by 5 (person10, person15)
    const expected = ['person1', ...Array.from({ length: 10 }, (_, index) => `person1${index}`)].filter((name) => Number(name.slice(6)) % 5 !== 0);
    expect(response.data.users.totalCount).toBe(expected.length);
    expect(response.data.users.edges).toHaveLength(2);
    expect(response.data.users.edges.every((edge: any) => edge.node.state === 'ACTIVE')).toBe(true);
  });

  it('rejects page sizes over 100 and foreign cursors, naming the argument', async () => {
    const tooMany = await gateway.graphql(USERS, { first: 101 });
    expect(tooMany.errors?.[0]).toMatchObject({ message: 'first: must be between 0 and 100, got 101', extensions: { code: 'BAD_USER_INPUT' } });
    const badCursor = await gateway.graphql(USERS, { first: 1, after: 'bm9wZQ' });
    expect(badCursor.errors?.[0]?.message).toMatch(/^after: is not a cursor/);
  });

  it('resolves a user through node(id)', async () => {
    await insertUsers(1);
    const page: any = await gateway.graphql(USERS, { first: 1, filter: { emailContains: 'person0' } });
    const { id } = page.data.users.edges[0].node;
    const response: any = await gateway.graphql('query($id: ID!) { node(id: $id) { __typename ... on User { email } } }', { id });
    expect(response.data.node).toEqual({ __typename: 'User', email: 'person0@example.com' });
  });
});
