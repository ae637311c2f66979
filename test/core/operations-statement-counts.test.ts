import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../support/database';
import { startTestGateway, type TestGateway } from '../support/gateway';
import { insertScenario } from '../support/scenario';
import { statementsDuring } from '../support/statements';

// The operations lists (feedback, groups, notifications, wallets with their connections, connector
// events): a page of 100 costs the same statements as a page of 10.
let database: TestDatabase;
let gateway: TestGateway;

beforeAll(async () => {
  database = await createTestDatabase();
  await insertScenario(database.db, { userCount: 12 });
  await sql`
    insert into feedback (body, source, classification, signal_category, severity, duplicate_fingerprint, classified_at, classifier_version, user_id, created_at)
    select 'report ' || n, 'web', case when n % 3 = 0 then 'sql' end, case when n % 3 = 0 then 'security_probe' else 'actionable' end,
           1 + n % 4, lpad(to_hex(n % 40), 16, '0'), now(), 1, (select id from users order by id limit 1 offset n % 12), now() - n * interval '1 minute'
      from generate_series(1, 130) as n`.execute(database.db);
  await sql`
    insert into agent_wallets (id, user_id, agent_name, spending_limit_minor, created_at)
    select md5('w' || n)::uuid, (select id from users order by id limit 1 offset n % 12), 'Agent ' || n, 10000, now() - n * interval '1 hour'
      from generate_series(1, 110) as n`.execute(database.db);
  await sql`
    insert into issuing_cards (id, wallet_id, stripe_card_id, brand, last4, status, spending_limit_minor, currency)
    select md5('c' || n)::uuid, md5('w' || n)::uuid, 'ic_' || n, 'Visa', '4242', 'active', 5000, 'USD' from generate_series(1, 110) as n`.execute(database.db);
  await sql`
    insert into spend_requests (id, wallet_id, card_id, amount_minor, currency, merchant, purpose, status)
    select md5('s' || n)::uuid, md5('w' || n)::uuid, md5('c' || n)::uuid, 1200, 'USD', 'Amazon', 'Supplies', 'approved' from generate_series(1, 110) as n`.execute(database.db);
  await sql`
    insert into spend_approvals (spend_request_id, approver_user_id, decision)
    select md5('s' || n)::uuid, (select user_id from agent_wallets where id = md5('w' || n)::uuid), 'approved' from generate_series(1, 110) as n`.execute(database.db);
  await sql`
    insert into card_authorizations (id, card_id, stripe_authorization_id, amount_minor, currency, merchant_name, merchant_category, approved)
    select md5('a' || n)::uuid, md5('c' || n)::uuid, 'iauth_' || n, 1200, 'USD', 'Amazon', 'retail', true from generate_series(1, 110) as n`.execute(database.db);
  await sql`
    insert into card_transactions (card_id, authorization_id, stripe_transaction_id, type, amount_minor, currency, merchant_name)
    select md5('c' || n)::uuid, md5('a' || n)::uuid, 'ipi_' || n, 'capture', 1200, 'USD', 'Amazon' from generate_series(1, 110) as n`.execute(database.db);
  await sql`
    insert into connector_events (id, connector, connection_id, upstream_event_id, event_type, delivery_status, attempts, signature_verification, received_at)
    select md5('e' || n)::uuid, 'github', 'conn', 'evt_' || n, 'push', 'failed', 2, 'verified', now() - n * interval '1 minute' from generate_series(1, 110) as n`.execute(database.db);
  await sql`
    insert into connector_event_attempts (event_id, attempt, outcome, http_status)
    select md5('e' || n)::uuid, a, 'failed', 502 from generate_series(1, 110) as n, generate_series(1, 2) as a`.execute(database.db);
  gateway = await startTestGateway(database);
}, 180_000);
afterAll(async () => {
  await gateway?.stop();
  await database?.close();
});

const OPERATIONS = {
  'feedback with groups, bursts and reporters': {
    query: `query($first: Int) { feedback(first: $first) { totalCount edges { node { severity groupKey groupSize firstSeen lastSeen burst
      group { size openCount } user { email } } } } }`,
    rows: (data: any) => data.feedback.edges.length,
    // authentication (≤2), page, count, groups, bursts, open counts, users
    bound: 8,
  },
  'feedbackGroups with their latest report': {
    query: `query($first: Int) { feedbackGroups(first: $first, filter: { minSize: 1 }) { totalCount edges { node { size openCount latest { body user { email } } } } } }`,
    rows: (data: any) => Math.min(data.feedbackGroups.edges.length, 40),
    bound: 7,
  },
  'wallets with owner, cards, spend requests with approvals, authorizations and transactions': {
    query: `query($first: Int) { wallets(first: $first) { totalCount edges { node { owner { email } spendingLimit { formatted }
      cards(first: 2) { totalCount edges { node { last4 } } }
      spendRequests(first: 2) { totalCount edges { node { amount { formatted } approvals { decision approver { email } } } } }
      authorizations(first: 2) { totalCount edges { node { approved card { last4 } } } }
      transactions(first: 2) { totalCount edges { node { type authorization { approved } } } } } } } }`,
    rows: (data: any) => data.wallets.edges.length,
    bound: 16,
  },
  'connector events with attempts': {
    query: `query($first: Int) { connectorEvents(first: $first) { totalCount edges { node { connector attempts { attempt outcome } } } } }`,
    rows: (data: any) => data.connectorEvents.edges.length,
    bound: 5,
  },
  'notifications with task and user': {
    query: `query($first: Int) { notifications(first: $first) { totalCount edges { node { kind deliveryStatus task { name } user { email } } } } }`,
    rows: (data: any) => data.notifications.edges.length,
    bound: 6,
  },
} as const;

describe('SQL statements per request (operations lists)', () => {
  for (const [name, operation] of Object.entries(OPERATIONS)) {
    it(`${name}: the same at page sizes 10 and 100`, async () => {
      const run = async (first: number) => {
        await gateway.graphql('{ __typename }'); // the key's principal is cached from here on (PRINCIPAL_CACHE_MS): no count includes authentication
        const { statements, result } = await statementsDuring(database, () => gateway.graphql(operation.query, { first }));
        expect(result.errors).toBeUndefined();
        return { statements, data: result.data };
      };
      const small = await run(10);
      const large = await run(100);
      expect(operation.rows(small.data)).toBe(10);
      expect(operation.rows(large.data)).toBeGreaterThan(10);
      expect(large.statements.length).toBe(small.statements.length);
      expect(large.statements.length).toBeLessThanOrEqual(operation.bound);
    });
  }
});
