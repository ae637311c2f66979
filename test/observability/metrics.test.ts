import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { connectWs, subscribeWs } from '../support/live';
import { createTestDatabase, type TestDatabase } from '../support/database';
import { startTestGateway, type TestGateway } from '../support/gateway';
import { waitFor } from '../support/wait';

let database: TestDatabase;
let gateway: TestGateway;

beforeAll(async () => {
  database = await createTestDatabase();
  gateway = await startTestGateway(database);
});
afterAll(async () => {
  await gateway?.stop();
  await database?.close();
});

/** One scrape of /metrics, as Prometheus would make it with an admin key. */
async function scrape(target: TestGateway = gateway): Promise<string> {
  const response = await fetch(`${target.url}/metrics`, { headers: { authorization: `Bearer ${target.adminKey}` } });
  expect(response.status).toBe(200);
  expect(response.headers.get('content-type')).toMatch(/^text\/plain; version=0\.0\.4/);
  return response.text();
}

/** The value of one sample (family name with its exact label set), 0 when absent. */
function sample(text: string, series: string): number {
  const line = text.split('\n').find((candidate) => candidate.startsWith(`${series} `));
  return line ? Number(line.slice(series.length + 1)) : 0;
}

describe('/metrics', () => {
  it('is for admins only', async () => {
    const anonymous = await fetch(`${gateway.url}/metrics`);
    expect(anonymous.status).toBe(401);
    expect(await anonymous.json()).toEqual({ detail: 'Invalid API key' });
  });

  it('counts and times GraphQL operations by name and REST requests by route', async () => {
    const graphqlSeries = 'gateway_operation_duration_seconds_count{transport="graphql",operation="CountUsers",type="query"}';
    const restSeries = 'gateway_operation_duration_seconds_count{transport="rest",operation="GET /admin/users",type="query"}';
    const before = await scrape();
    await gateway.graphql('query CountUsers { users(first: 1) { totalCount } }');
    await gateway.graphql('query CountUsers { users(first: 1) { totalCount } }');
    expect((await gateway.rest('/admin/users')).status).toBe(200);
    const after = await scrape();
    expect(sample(after, graphqlSeries) - sample(before, graphqlSeries)).toBe(2);
    expect(sample(after, restSeries) - sample(before, restSeries)).toBe(1);
    expect(after).toMatch(/gateway_operation_duration_seconds_bucket\{le="0\.005",transport="graphql",operation="CountUsers",type="query"\} \d+/);
  });

  it('counts errors by code', async () => {
    const before = await scrape();
    await gateway.graphql('{ users(first: 1) { totalCount } }', undefined, { key: 'sk_not_a_key' });
    await gateway.graphql('{ errors(first: 1, filter: { hours: 0 }) { totalCount } }');
    const after = await scrape();
    const moved = (code: string) => sample(after, `gateway_graphql_errors_total{code="${code}"}`) - sample(before, `gateway_graphql_errors_total{code="${code}"}`);
    expect(moved('UNAUTHENTICATED')).toBe(1);
    expect(moved('BAD_USER_INPUT')).toBe(1);
  });

  it('counts rate-limit refusals', async () => {
    const limited = await startTestGateway(database, { RATE_LIMIT_PER_MINUTE: '2' });
    try {
      for (let request = 0; request < 3; request += 1) await limited.graphql('{ users(first: 1) { totalCount } }');
      const text = await scrape(limited);
      expect(sample(text, 'gateway_rate_limit_refusals_total')).toBe(1);
      expect(sample(text, 'gateway_graphql_errors_total{code="RATE_LIMITED"}')).toBe(1);
    } finally {
      await limited.stop();
    }
  });

  it('reports live subscribers and the events delivered to them', async () => {
    const before = await scrape();
    const { client } = await connectWs(gateway.url, gateway.adminKey);
    const stream = subscribeWs(client, 'subscription { notificationAdded { subject } }');
    await waitFor(() => gateway.liveFeed.stats.subscribers === 1);
    expect(sample(await scrape(), 'gateway_live_subscribers')).toBe(1);
    await database.db.insertInto('notifications').values({ audience: 'platform', kind: 'usage_event', subject: 'metrics test', body: '' }).execute();
    expect((await stream.next()).notificationAdded.subject).toBe('metrics test');
    const after = await scrape();
    expect(sample(after, 'gateway_live_events_delivered_total') - sample(before, 'gateway_live_events_delivered_total')).toBe(1);
    expect(after).toContain('gateway_live_subscribers_dropped_total 0');
    await stream.close();
    client.dispose();
    await waitFor(() => gateway.liveFeed.stats.subscribers === 0);
    expect(sample(await scrape(), 'gateway_live_subscribers')).toBe(0);
  });

  it.runIf(inject('databaseKind') === 'postgres')('reports the PostgreSQL pool: connections in use, callers waiting, time to acquire', async () => {
    if (database.driver.kind !== 'postgres') return;
    const pool = database.driver.pool;
    const before = await scrape();
    // Hold every pooled connection, so the next request has to wait for one.
    const held = await Promise.all(Array.from({ length: pool.options.max ?? 10 }, () => pool.connect()));
    const request = gateway.graphql('{ users(first: 1) { totalCount } }');
    await waitFor(() => pool.waitingCount > 0);
    // Scraping over HTTP would itself wait for a connection (authentication reads the database): read the registry.
    const busy = await gateway.metrics.registry.metrics();
    expect(sample(busy, 'gateway_db_pool_waiting')).toBeGreaterThanOrEqual(1);
    expect(sample(busy, 'gateway_db_pool_connections{state="in_use"}')).toBe(pool.options.max ?? 10);
    await new Promise((resolve) => setTimeout(resolve, 100));
    for (const client of held) client.release();
    expect((await request).status).toBe(200);
    const after = await scrape();
    expect(sample(after, 'gateway_db_pool_waiting')).toBe(0);
    expect(sample(after, 'gateway_db_pool_acquire_seconds_count')).toBeGreaterThan(sample(before, 'gateway_db_pool_acquire_seconds_count'));
    // The request that waited took at least the 100 ms the connections were held.
    const slowAcquires = sample(after, 'gateway_db_pool_acquire_seconds_count') - sample(after, 'gateway_db_pool_acquire_seconds_bucket{le="0.05"}');
    expect(slowAcquires).toBeGreaterThanOrEqual(1);
  });
});
