import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../support/database';
import { startTestGateway, type TestGateway } from '../support/gateway';
import { connectWs, subscribeWs } from '../support/live';

let database: TestDatabase;

beforeAll(async () => {
  database = await createTestDatabase();
});
afterAll(() => database?.close());

const SUBSCRIPTION = 'subscription { notificationAdded { id kind } }';

describe('MAX_SUBSCRIPTIONS_PER_SOCKET', () => {
  let gateway: TestGateway;
  beforeAll(async () => {
    gateway = await startTestGateway(database, { MAX_SUBSCRIPTIONS_PER_SOCKET: '3' });
  });
  afterAll(() => gateway?.stop());

  it('refuses each subscribe past the cap with an error naming the limit, keeps the socket, and frees a slot on complete', async () => {
    const { client } = await connectWs(gateway.url, gateway.adminKey);
    try {
      const accepted = [1, 2, 3].map(() => subscribeWs(client, SUBSCRIPTION));
      await Promise.all(accepted.map((stream) => stream.next(500).catch(() => undefined)));
      const refused = [4, 5].map(() => subscribeWs(client, SUBSCRIPTION));
      for (const stream of refused) {
        await expect(stream.next(5_000)).rejects.toEqual([
          expect.objectContaining({
            message: 'Subscription limit reached: at most 3 subscriptions per socket; complete one first.',
            extensions: expect.objectContaining({ code: 'QUERY_LIMIT_EXCEEDED', limit: 'maxSubscriptionsPerSocket' }),
          }),
        ]);
      }
      await accepted[0]!.close();
      await new Promise((resolve) => setTimeout(resolve, 200));
      const again = subscribeWs(client, SUBSCRIPTION);
      await expect(again.next(1_000)).rejects.toThrow('no event within 1000 ms');
      expect(gateway.webSockets().size).toBe(1);
    } finally {
      await client.dispose();
    }
  });
});

describe('failed authentications per client address (AUTH_FAILURES_PER_MINUTE)', () => {
  let gateway: TestGateway;
  beforeAll(async () => {
    gateway = await startTestGateway(database, { AUTH_FAILURES_PER_MINUTE: '5' });
  });
  afterAll(() => gateway?.stop());

  it('answers 429 + Retry-After once the address used up its failures, before touching the database', async () => {
    const badKey = `sk_${'x'.repeat(43)}`;
    for (let attempt = 0; attempt < 5; attempt += 1) expect((await gateway.post({ query: '{ __typename }' }, { key: badKey })).status).toBe(401);
    const statements: string[] = [];
    const stopWatching = database.onQuery((event) => statements.push(event.query.sql));
    try {
      const refused = await gateway.post({ query: '{ users(first: 1) { totalCount } }' }, { key: badKey });
      expect(refused.status).toBe(429);
      expect(Number(refused.headers.get('retry-after'))).toBeGreaterThan(0);
      const body = (await refused.json()) as { errors: { message: string; extensions: { code: string } }[] };
      expect(body.errors[0]).toMatchObject({ message: expect.stringMatching(/^Too many failed authentications from this address: 5 per minute/), extensions: { code: 'RATE_LIMITED' } });
      // Even a good key from that address waits: the check comes before any lookup.
      expect((await gateway.post({ query: '{ users(first: 1) { totalCount } }' })).status).toBe(429);
      const viaRest = await gateway.rest('/admin/users');
      expect(viaRest.status).toBe(429);
      expect(viaRest.body.detail).toMatch(/^Too many failed authentications/);
      expect(statements).toEqual([]);
    } finally {
      stopWatching();
    }
  });
});
