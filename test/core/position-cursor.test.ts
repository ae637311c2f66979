import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { positionCursor } from '../../src/core/pagination';
import { createTestDatabase, type TestDatabase } from '../support/database';
import { startTestGateway, type TestGateway } from '../support/gateway';

let database: TestDatabase;
let gateway: TestGateway;

beforeAll(async () => {
  database = await createTestDatabase();
  const base = Date.parse('2024-03-01T00:00:00Z');
  await database.db.insertInto('users').values(
    // Three users per timestamp, so that positions fall inside runs of equal created_at.
    Array.from({ length: 30 }, (_, index) => ({ email: `p${index}@example.com`, created_at: new Date(base + Math.floor(index / 3) * 1000) })),
  ).execute();
  gateway = await startTestGateway(database);
});
afterAll(async () => {
  await gateway?.stop();
  await database?.close();
});

const USERS = `query($first: Int, $after: String, $last: Int, $before: String) {
  users(first: $first, after: $after, last: $last, before: $before) {
    totalCount
    edges { cursor node { email } }
    pageInfo { hasNextPage hasPreviousPage }
  }
}`;

const inOrder = async () =>
  (await database.db.selectFrom('users').select('email').orderBy('created_at', 'desc').orderBy('id', 'desc').execute()).map((row) => row.email);

describe('position cursors (REST page/limit on any connection)', () => {
  it('start right after the given number of rows, like keyset cursors afterwards', async () => {
    const all = await inOrder();
    for (const position of [0, 1, 10, 11, 25]) {
      const response: any = await gateway.graphql(USERS, { first: 4, after: positionCursor(position) });
      expect(response.errors).toBeUndefined();
      const connection = response.data.users;
      expect(connection.edges.map((edge: any) => edge.node.email), `position ${position}`).toEqual(all.slice(position, position + 4));
      expect(connection.totalCount).toBe(all.length);
      expect(connection.pageInfo).toEqual({ hasNextPage: position + 4 < all.length, hasPreviousPage: position > 0 });
      // The edges carry ordinary keyset cursors: the next page follows on without gaps.
      const next: any = await gateway.graphql(USERS, { first: 4, after: connection.edges.at(-1).cursor });
      expect(next.data.users.edges.map((edge: any) => edge.node.email)).toEqual(all.slice(position + 4, position + 8));
    }
  });

  it('past the end gives an empty page that still knows the total', async () => {
    const response: any = await gateway.graphql(USERS, { first: 4, after: positionCursor(1000) });
    expect(response.data.users).toMatchObject({ edges: [], totalCount: (await inOrder()).length, pageInfo: { hasNextPage: false, hasPreviousPage: true } });
  });

  it('is refused as a before cursor, naming the argument', async () => {
    const response = await gateway.graphql(USERS, { last: 4, before: positionCursor(3) });
    expect(response.errors?.[0]).toMatchObject({ extensions: { code: 'BAD_USER_INPUT' } });
    expect(response.errors?.[0]?.message).toMatch(/^before: /);
  });
});
