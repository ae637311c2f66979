import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApiKey } from '../../src/access/api-keys';
import { createTestDatabase, type TestDatabase } from '../support/database';
import { startTestGateway, type TestGateway } from '../support/gateway';
import { startRedis, type TestRedis } from '../support/redis';
import { userWithKey } from '../support/scenario';
import { waitFor } from '../support/wait';

let database: TestDatabase;
let redis: TestRedis;
const gateways: TestGateway[] = [];

const QUERY = { query: '{ users(first: 1) { totalCount } }' };

async function gatewayWith(environment: Record<string, string>) {
  const gateway = await startTestGateway(database, environment);
  gateways.push(gateway);
  return gateway;
}

async function hit(gateway: TestGateway, key: string) {
  const response = await gateway.post(QUERY, { key });
  return { status: response.status, headers: response.headers, body: await response.json() as any };
}

beforeAll(async () => {
  database = await createTestDatabase();
  redis = await startRedis();
});
afterAll(async () => {
  for (const gateway of gateways) await gateway.stop();
  await redis?.stop();
  await database?.close();
});

describe('rate limits in process (no REDIS_URL)', () => {
  it('allows the per-minute budget with RateLimit headers, then answers 429 with Retry-After', async () => {
    const gateway = await gatewayWith({ RATE_LIMIT_PER_MINUTE: '3', RATE_LIMIT_PER_HOUR: '100' });
    expect(gateway.access.rateLimiter.store()).toBe('memory');
    const { key } = await userWithKey(database.db, 'minute@example.com', 'admin');
    for (const remaining of [2, 1, 0]) {
      const response = await hit(gateway, key);
      expect(response.status).toBe(200);
      expect(response.headers.get('ratelimit-limit')).toBe('3');
      expect(response.headers.get('ratelimit-remaining')).toBe(String(remaining));
      expect(response.headers.get('ratelimit-policy')).toBe('3;w=60, 100;w=3600');
      expect(Number(response.headers.get('ratelimit-reset'))).toBeGreaterThan(0);
    }
    const refused = await hit(gateway, key);
    expect(refused.status).toBe(429);
    const retryAfter = Number(refused.headers.get('retry-after'));
    expect(retryAfter).toBeGreaterThanOrEqual(1);
    expect(retryAfter).toBeLessThanOrEqual(60);
    expect(refused.headers.get('ratelimit-remaining')).toBe('0');
    expect(refused.body).toEqual({
      errors: [{ message: `Rate limit exceeded: 3 requests per minute. Retry in ${retryAfter} s.`, extensions: { code: 'RATE_LIMITED', retryAfter } }],
    });
  });

  it('counts per user: another admin has their own budget, another key of the same user shares it', async () => {
    const gateway = await gatewayWith({ RATE_LIMIT_PER_MINUTE: '2', RATE_LIMIT_PER_HOUR: '100' });
    const first = await userWithKey(database.db, 'shared@example.com', 'admin');
    const secondKey = (await createApiKey(database.db, first.userId, { name: 'second' })).key;
    const other = await userWithKey(database.db, 'separate@example.com', 'admin');
    expect((await hit(gateway, first.key)).status).toBe(200);
    expect((await hit(gateway, secondKey)).status).toBe(200);
    expect((await hit(gateway, first.key)).status).toBe(429);
    expect((await hit(gateway, secondKey)).status).toBe(429);
    expect((await hit(gateway, other.key)).status).toBe(200);
  });

  it('enforces the hourly window too, naming it', async () => {
    const gateway = await gatewayWith({ RATE_LIMIT_PER_MINUTE: '100', RATE_LIMIT_PER_HOUR: '2' });
    const { key } = await userWithKey(database.db, 'hour@example.com', 'admin');
    expect((await hit(gateway, key)).headers.get('ratelimit-limit')).toBe('2');
    expect((await hit(gateway, key)).status).toBe(200);
    const refused = await hit(gateway, key);
    expect(refused.status).toBe(429);
    expect(refused.body.errors[0].message).toMatch(/^Rate limit exceeded: 2 requests per hour\. Retry in \d+ s\.$/);
    expect(Number(refused.headers.get('retry-after'))).toBeGreaterThan(60);
  });
});

describe('rate limits in Redis (REDIS_URL)', () => {
  it('shares one budget between two gateway instances', async () => {
    const environment = { REDIS_URL: redis.url, RATE_LIMIT_PER_MINUTE: '4', RATE_LIMIT_PER_HOUR: '100' };
    const [a, b] = [await gatewayWith(environment), await gatewayWith(environment)] as [TestGateway, TestGateway];
    await waitFor(() => a.access.rateLimiter.store() === 'redis' && b.access.rateLimiter.store() === 'redis', { what: 'Redis', intervalMs: 50 });
    const { userId, key } = await userWithKey(database.db, 'two-instances@example.com', 'admin');
    const statuses = [];
    for (const gateway of [a, b, a, b, a, b]) statuses.push((await hit(gateway, key)).status);
    expect(statuses).toEqual([200, 200, 200, 200, 429, 429]);
    const client = new Redis(redis.url);
    try {
      expect(Number(await client.get(`gateway:ratelimit:minute:${userId}`))).toBe(6);
    } finally {
      client.disconnect();
    }
  });

  it('falls back to per-instance memory counters while Redis is away, and returns to Redis after', async () => {
    const gateway = await gatewayWith({ REDIS_URL: redis.url, RATE_LIMIT_PER_MINUTE: '3', RATE_LIMIT_PER_HOUR: '100' });
    await waitFor(() => gateway.access.rateLimiter.store() === 'redis', { what: 'Redis', intervalMs: 50 });
    const { userId, key } = await userWithKey(database.db, 'redis-away@example.com', 'admin');
    expect((await hit(gateway, key)).status).toBe(200);

    await redis.stop();
    await waitFor(() => gateway.access.rateLimiter.store() === 'memory-fallback', { what: 'the fallback', intervalMs: 50 });
    const started = Date.now();
    const during = [];
    for (let index = 0; index < 4; index += 1) during.push((await hit(gateway, key)).status);
    // The in-memory counters start from zero, so the full budget is available again on this instance.
    expect(during).toEqual([200, 200, 200, 429]);
    expect(Date.now() - started).toBeLessThan(10_000);

    await redis.start();
    await waitFor(() => gateway.access.rateLimiter.store() === 'redis', { what: 'Redis to return', intervalMs: 50 });
    expect((await hit(gateway, key)).status).toBe(200);
    const client = new Redis(redis.url);
    try {
      expect(Number(await client.get(`gateway:ratelimit:minute:${userId}`))).toBe(1);
    } finally {
      client.disconnect();
    }
  });
});
