import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MAX_OFFSET } from '../../src/core/pagination';
import { createTestDatabase, type TestDatabase } from '../support/database';
import { startTestGateway, type TestGateway } from '../support/gateway';
import { statementsDuring } from '../support/statements';

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

const USERS = `query($first: Int, $after: String, $last: Int, $before: String, $offset: Int) {
  users(first: $first, after: $after, last: $last, before: $before, offset: $offset) {
    totalCount
    edges { cursor node { email } }
    pageInfo { hasNextPage hasPreviousPage }
  }
}`;

const inOrder = async () =>
  (await database.db.selectFrom('users').select('email').orderBy('created_at', 'desc').orderBy('id', 'desc').execute()).map((row) => row.email);

describe('offset pages (REST page/limit on the top-level lists)', () => {
  it('start right after the given number of rows, and carry keyset cursors onwards', async () => {
    const all = await inOrder();
    for (const position of [0, 1, 10, 11, 25]) {
      const response: any = await gateway.graphql(USERS, { first: 4, offset: position });
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

  it('costs one statement more than the first page, a seek that reads only the sort keys, whatever the depth', async () => {
    const run = async (variables: Record<string, unknown>) => {
      const { statements, result } = await statementsDuring(database, () => gateway.graphql(USERS, variables));
      expect(result.errors).toBeUndefined();
      return statements;
    };
    const first = await run({ first: 4 });
    const [shallow, deep] = [await run({ first: 4, offset: 4 }), await run({ first: 4, offset: 24 })];
    expect(shallow.length).toBe(first.length + 1);
    expect(deep).toEqual(shallow);
    const seeks = deep.filter((statement) => / offset \$\d+/.test(statement));
    expect(seeks).toHaveLength(1);
    expect(seeks[0]).toMatch(/^select \("users"\."created_at"\)::text as "_cursor_0", \("users"\."id"\)::text as "_cursor_1" from "users" order by/);
  });

  it('past the end gives an empty page that still knows the total', async () => {
    const response: any = await gateway.graphql(USERS, { first: 4, offset: 1000 });
    expect(response.data.users).toMatchObject({ edges: [], totalCount: (await inOrder()).length, pageInfo: { hasNextPage: false, hasPreviousPage: true } });
  });

  it('is refused out of bounds or with another paging argument, naming offset', async () => {
    for (const variables of [
      { first: 4, offset: -1 },
      { first: 4, offset: MAX_OFFSET + 1 },
      { last: 4, offset: 3 },
      { first: 4, offset: 3, after: (await gateway.graphql(USERS, { first: 1 }) as any).data.users.edges[0].cursor },
    ]) {
      const response = await gateway.graphql(USERS, variables);
      expect(response.errors?.[0], JSON.stringify(variables)).toMatchObject({ extensions: { code: 'BAD_USER_INPUT' } });
      expect(response.errors?.[0]?.message).toMatch(/^offset: /);
    }
  });

  it('is no cursor: the former position-cursor form is refused as after, naming the argument', async () => {
    const formerPositionCursor = Buffer.from(JSON.stringify(['p1', 3])).toString('base64url');
    const response = await gateway.graphql(USERS, { first: 4, after: formerPositionCursor });
    expect(response.errors?.[0]).toMatchObject({ extensions: { code: 'BAD_USER_INPUT' } });
    expect(response.errors?.[0]?.message).toMatch(/^after: is not a cursor of this list/);
  });

  it('is taken by top-level lists only', async () => {
    const response = await gateway.graphql('{ users(first: 1) { edges { node { tasks(offset: 2) { totalCount } } } } }');
    expect(response.errors?.[0]?.message).toMatch(/Unknown argument "offset"/);
  });
});
