import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../support/database';
import { startTestGateway, type TestGateway } from '../support/gateway';
import { connectWs, subscribeWs } from '../support/live';

// graphql-ws operations go through the same access layer as HTTP: each subscribe is rate-limited and audited.
let database: TestDatabase;
let gateway: TestGateway;

beforeAll(async () => {
  database = await createTestDatabase();
  gateway = await startTestGateway(database, { RATE_LIMIT_PER_MINUTE: '3' });
});
afterAll(async () => {
  await gateway?.stop();
  await database?.close();
});

const SUBSCRIPTION = 'subscription Alerts { notificationAdded { id kind } }';

describe('graphql-ws under the access control', () => {
  it('counts each subscribe against the rate limit and records it as data access', async () => {
    const { client } = await connectWs(gateway.url, gateway.adminKey);
    try {
      // The four subscribes authenticate concurrently, so any one of them may be the one past the budget.
      const streams = [1, 2, 3, 4].map(() => subscribeWs(client, SUBSCRIPTION));
      const outcomes = await Promise.all(streams.map((stream) => stream.next(2_000).then(() => 'event', (error: unknown) => error)));
      const refusals = outcomes.filter(Array.isArray);
      expect(refusals).toEqual([[expect.objectContaining({ message: expect.stringMatching(/^Rate limit exceeded: 3 requests per minute/), extensions: expect.objectContaining({ code: 'RATE_LIMITED' }) })]]);
      expect(outcomes.filter((outcome) => outcome instanceof Error).map((error) => (error as Error).message)).toEqual(Array(3).fill('no event within 2000 ms'));

      await gateway.flushAudit();
      const audited = await database.db
        .selectFrom('audit_log')
        .select(['action', 'target_type', 'target_id'])
        .where('target_type', '=', 'graphql_operation')
        .where('target_id', '=', 'Alerts')
        .execute();
      expect(audited).toHaveLength(3);
      await Promise.all(streams.map((stream) => stream.close()));
    } finally {
      await client.dispose();
    }
  });
});
