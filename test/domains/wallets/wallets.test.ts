import { getNamedType, isObjectType, isInterfaceType, isInputObjectType, type GraphQLSchema, buildClientSchema, getIntrospectionQuery } from 'graphql';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seed, seedSizeFor } from '../../../src/db/seed';
import { createTestDatabase, type TestDatabase } from '../../support/database';
import { startTestGateway, type TestGateway } from '../../support/gateway';
import { globalId } from '../../support/scenario';

let database: TestDatabase;
let gateway: TestGateway;

beforeAll(async () => {
  database = await createTestDatabase();
  await seed(database.db, seedSizeFor(3000), new Date());
  gateway = await startTestGateway(database);
  // Migrating (and seeding) an embedded database takes long on a loaded machine.
}, 180_000);
afterAll(async () => {
  await gateway?.stop();
  await database?.close();
});

const WALLETS = `query($first: Int, $filter: WalletFilter) {
  wallets(first: $first, filter: $filter) {
    totalCount
    edges { node { databaseId status spendingLimit { minorUnits currency formatted }
      cards(first: 100) { totalCount edges { node { databaseId last4 brand status } } }
      spendRequests(first: 100) { totalCount edges { node { databaseId status approvals { decision decidedAt approver { email } } } } }
      declines: authorizations(first: 100, filter: { approved: false }) { totalCount edges { node { databaseId declineReason } } }
      authorizations(first: 100) { totalCount edges { node { databaseId } } }
      transactions(first: 100) { totalCount edges { node { databaseId type amount { minorUnits } } } }
    } }
  }
}`;

const ids = (rows: { id: string }[]) => rows.map((row) => row.id);

describe('Query.wallets on seeded data', () => {
  it('lists every wallet with its cards, spend requests with approvals, authorizations and transactions, as SQL has them', async () => {
    const response = await gateway.graphql(WALLETS, { first: 100 });
    expect(response.errors).toBeUndefined();
    const wallets = await sql<{ id: string }>`select id from agent_wallets order by created_at desc, id desc`.execute(database.db);
    expect(response.data.wallets.edges.map((edge: any) => edge.node.databaseId)).toEqual(ids(wallets.rows));
    let approvalsSeen = 0;
    for (const { node } of response.data.wallets.edges) {
      const cards = await sql<{ id: string }>`select id from issuing_cards where wallet_id = ${node.databaseId} order by created_at desc, id desc`.execute(database.db);
      expect(node.cards.edges.map((edge: any) => edge.node.databaseId)).toEqual(ids(cards.rows));
      const requests = await sql<{ id: string }>`select id from spend_requests where wallet_id = ${node.databaseId} order by requested_at desc, id desc`.execute(database.db);
      expect(node.spendRequests.edges.map((edge: any) => edge.node.databaseId)).toEqual(ids(requests.rows));
      const authorizations = await sql<{ id: string; approved: boolean }>`
        select a.id, a.approved from card_authorizations a join issuing_cards c on c.id = a.card_id
         where c.wallet_id = ${node.databaseId} order by a.created_at desc, a.id desc`.execute(database.db);
      expect(node.authorizations.totalCount).toBe(authorizations.rows.length);
      expect(node.authorizations.edges.map((edge: any) => edge.node.databaseId)).toEqual(ids(authorizations.rows).slice(0, 100));
      expect(node.declines.edges.map((edge: any) => edge.node.databaseId)).toEqual(ids(authorizations.rows.filter((row) => !row.approved)).slice(0, 100));
      for (const decline of node.declines.edges) expect(decline.node.declineReason).toEqual(expect.any(String));
      const transactions = await sql<{ id: string }>`
        select t.id from card_transactions t join issuing_cards c on c.id = t.card_id
         where c.wallet_id = ${node.databaseId} order by t.created_at desc, t.id desc`.execute(database.db);
      expect(node.transactions.totalCount).toBe(transactions.rows.length);
      for (const request of node.spendRequests.edges) {
        const approvals = await sql<{ decision: string }>`select decision from spend_approvals where spend_request_id = ${request.node.databaseId} order by decided_at`.execute(database.db);
        expect(request.node.approvals.map((approval: any) => approval.decision.toLowerCase())).toEqual(approvals.rows.map((row) => row.decision));
        approvalsSeen += approvals.rows.length;
      }
    }
    expect(approvalsSeen).toBeGreaterThan(0);
  });

  it('filters wallets by status and shows money in minor units, currency and a formatted string', async () => {
    const owner = await database.db.selectFrom('users').select('id').limit(1).executeTakeFirstOrThrow();
    const wallet = await database.db.insertInto('agent_wallets')
      .values({ user_id: owner.id, agent_name: 'Yen buyer', status: 'closed', currency: 'JPY', spending_limit_minor: 1234500 })
      .returning('id').executeTakeFirstOrThrow();
    await database.db.insertInto('issuing_cards')
      .values({ wallet_id: wallet.id, stripe_card_id: 'ic_test_money', brand: 'Visa', last4: '4242', status: 'active', spending_limit_minor: 123450, currency: 'usd' })
      .execute();
    const response = await gateway.graphql(`query($filter: WalletFilter) { wallets(first: 10, filter: $filter) { totalCount edges { node { databaseId
      spendingLimit { minorUnits currency formatted } cards(first: 1) { edges { node { spendingLimit { minorUnits currency formatted } } } } } } } }`,
    { filter: { status: 'CLOSED' } });
    expect(response.errors).toBeUndefined();
    const closed = await sql<{ count: number }>`select count(*)::int as count from agent_wallets where status = 'closed'`.execute(database.db);
    expect(response.data.wallets.totalCount).toBe(closed.rows[0]!.count);
    const node = response.data.wallets.edges.find((edge: any) => edge.node.databaseId === wallet.id).node;
    expect(node.spendingLimit).toEqual({ minorUnits: 1234500, currency: 'JPY', formatted: '¥1,234,500' });
    expect(node.cards.edges[0].node.spendingLimit).toEqual({ minorUnits: 123450, currency: 'USD', formatted: '$1,234.50' });
  });

  it('names a bad filter argument', async () => {
    const response = await gateway.graphql(WALLETS, { first: 1, filter: { ownerId: globalId('Task', '00000000-0000-0000-0000-000000000000') } });
    expect(response.errors?.[0]?.message).toBe('filter.ownerId: is not a User ID (use the id field of a User)');
  });
});

/** Words of a camelCase or snake_case name, lower-cased. */
const wordsOf = (name: string) => name.replace(/([a-z0-9])([A-Z])/g, '$1 $2').replace(/_/g, ' ').toLowerCase().split(/\s+/);
const SECRET_WORDS = new Set(['pan', 'cvc', 'cvv', 'cvv2', 'cvc2', 'pin', 'expiry', 'expiration', 'exp', 'secret', 'track', 'magstripe']);

/** Every field of every type in the schema, as "Type.field", that names a card secret (the number, CVC, full expiry). */
function secretFields(schema: GraphQLSchema): string[] {
  const found: string[] = [];
  for (const type of Object.values(schema.getTypeMap())) {
    if (type.name.startsWith('__') || !(isObjectType(type) || isInterfaceType(type) || isInputObjectType(type))) continue;
    for (const field of Object.values(type.getFields())) {
      const words = wordsOf(field.name);
      const cardish = /card|issuing/i.test(type.name) || /card/i.test(String(field.type));
      if (words.some((word) => SECRET_WORDS.has(word)) || (cardish && words.includes('number')) || (words.includes('card') && words.includes('number'))) {
        found.push(`${type.name}.${field.name}`);
      }
    }
  }
  return found;
}

describe('card secrets', () => {
  it('no field of the served schema can select a card number, CVC or expiry', async () => {
    const introspection = await gateway.graphql(getIntrospectionQuery());
    const schema = buildClientSchema(introspection.data);
    expect(secretFields(schema)).toEqual([]);
    // The check itself would catch one: a schema with such a field fails it.
    const { buildSchema } = await import('graphql');
    expect(secretFields(buildSchema('type IssuingCard { last4: String number: String expMonth: Int } type Query { card: IssuingCard }'))).toEqual(['IssuingCard.number', 'IssuingCard.expMonth']);
  });

  it('every scalar field of a card, selected together, shows no card number', async () => {
    const introspection = await gateway.graphql(getIntrospectionQuery());
    const schema = buildClientSchema(introspection.data);
    const card = schema.getType('IssuingCard');
    if (!isObjectType(card)) throw new Error('IssuingCard is not an object type');
    const scalars = Object.values(card.getFields()).filter((field) => {
      const named = getNamedType(field.type);
      return !isObjectType(named) && !isInterfaceType(named) && field.args.length === 0;
    }).map((field) => field.name);
    const response = await gateway.graphql(`{ wallets(first: 20) { edges { node { cards(first: 10) { edges { node { ${scalars.join(' ')} } } } } } } }`);
    expect(response.errors).toBeUndefined();
    const values = response.data.wallets.edges.flatMap((wallet: any) => wallet.node.cards.edges.flatMap((edge: any) => Object.values(edge.node)));
    expect(values.length).toBeGreaterThan(0);
    for (const value of values) expect(String(value)).not.toMatch(/\b\d{12,19}\b/);
  });
});

describe('REST GET /api/v1/admin/agent-wallet', () => {
  it('answers wallets with cards and recent activity, totals as SQL counts them', async () => {
    const response = await gateway.rest('/api/v1/admin/agent-wallet?limit=2&recent=3');
    expect(response.status).toBe(200);
    const total = await sql<{ count: number }>`select count(*)::int as count from agent_wallets`.execute(database.db);
    expect(response.body).toMatchObject({ total: total.rows[0]!.count, page: 1, limit: 2 });
    expect(response.body.wallets).toHaveLength(2);
    for (const wallet of response.body.wallets) {
      const counts = await sql<{ requests: number; authorizations: number; transactions: number }>`
        select (select count(*)::int from spend_requests where wallet_id = ${wallet.id}) as requests,
               (select count(*)::int from card_authorizations a join issuing_cards c on c.id = a.card_id where c.wallet_id = ${wallet.id}) as authorizations,
               (select count(*)::int from card_transactions t join issuing_cards c on c.id = t.card_id where c.wallet_id = ${wallet.id}) as transactions`.execute(database.db);
      expect(wallet.spend_requests_total).toBe(counts.rows[0]!.requests);
      expect(wallet.authorizations_total).toBe(counts.rows[0]!.authorizations);
      expect(wallet.transactions_total).toBe(counts.rows[0]!.transactions);
      expect(wallet.authorizations.length).toBeLessThanOrEqual(3);
      expect(wallet.spending_limit).toEqual({ amount_minor: expect.any(Number), currency: expect.stringMatching(/^[A-Z]{3}$/), formatted: expect.stringMatching(/\d/) });
      for (const card of wallet.cards) expect(Object.keys(card).sort()).toEqual(['brand', 'created_at', 'id', 'last4', 'spending_limit', 'status']);
    }
    expect((await gateway.rest('/api/v1/admin/agent-wallet?recent=51')).body).toEqual({ detail: 'recent: must be between 1 and 50, got 51' });
    expect((await gateway.rest('/api/v1/admin/agent-wallet', { key: null })).status).toBe(401);
  });
});
