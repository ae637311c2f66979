import WebSocket from 'ws';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { SUBSCRIBER_TOO_SLOW } from '../../src/live/live-feed';
import { connectWs, subscribeWs, wsUrl } from '../support/live';
import { createTestDatabase, type TestDatabase } from '../support/database';
import { startTestGateway, type TestGateway } from '../support/gateway';
import { globalId } from '../support/scenario';
import { REAL_TEMPORAL_ADDRESS, startTestTemporal } from '../support/temporal';
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
    // The outbox gauge does not wait for a connection either: it reports the value of the last scrape.
    expect(sample(busy, 'gateway_schedule_pause_outbox_pending')).toBe(sample(before, 'gateway_schedule_pause_outbox_pending'));
    expect(pool.waitingCount).toBe(1);
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

  it('counts subscribers disconnected as too slow (SUBSCRIBER_TOO_SLOW)', async () => {
    // Its own gateway: a small backlog allowance, and keep-alives too slow to end the stalled socket first.
    const stalling = await startTestGateway(database, { SUBSCRIBER_QUEUE_LIMIT: '20', SUBSCRIBER_MAX_BACKLOG_BYTES: '65536', WS_KEEPALIVE_MS: '600000' });
    const socket = new WebSocket(wsUrl(stalling.url), 'graphql-transport-ws');
    try {
      await new Promise((resolve) => socket.once('open', resolve));
      socket.send(JSON.stringify({ type: 'connection_init', payload: { authorization: `Bearer ${stalling.adminKey}` } }));
      await new Promise((resolve) => socket.once('message', resolve));
      socket.send(JSON.stringify({ id: 'stalled', type: 'subscribe', payload: { query: 'subscription { notificationAdded { subject body } }' } }));
      await waitFor(() => stalling.liveFeed.stats.subscribers === 1);
      const before = await scrape(stalling);
      expect(sample(before, 'gateway_live_subscribers_dropped_total')).toBe(0);
      // Stop reading: the kernel's buffers fill, then the gateway's socket backlog, and the gateway lets the subscriber go.
      socket.pause();
      const closed = new Promise<number>((resolve) => socket.once('close', (code) => resolve(code)));
      const body = 'x'.repeat(16_000);
      let written = 0;
      while (stalling.liveFeed.stats.subscribers === 1 && written < 4_000) {
        await database.db
          .insertInto('notifications')
          .values(Array.from({ length: 10 }, (_, index) => ({ audience: 'platform' as const, kind: 'usage_event' as const, subject: `slow ${written + index}`, body })))
          .execute();
        written += 10;
        await new Promise((resolve) => setTimeout(resolve, 5));
      }
      await waitFor(() => stalling.liveFeed.stats.subscribers === 0, { what: 'the stalled subscriber disconnected' });
      const after = await scrape(stalling);
      expect(sample(after, 'gateway_live_subscribers_dropped_total')).toBe(1);
      expect(sample(after, 'gateway_live_subscribers')).toBe(0);
      expect(sample(after, 'gateway_live_events_delivered_total')).toBeLessThan(written);
      socket.resume();
      expect(await closed).toBe(SUBSCRIBER_TOO_SLOW);
      console.info(`dropped-subscriber metric: moved after ${written} events of 16 kB`);
    } finally {
      socket.terminate();
      await stalling.stop();
    }
  }, 60_000);

  it.skipIf(Boolean(REAL_TEMPORAL_ADDRESS))('reports the schedule-pause outbox: pending pauses and the oldest one\'s age, while Temporal is unreachable and after', async () => {
    const temporal = await startTestTemporal();
    const scheduleIds = [1, 2, 3].map((index) => `metrics-outbox-${index}-${Date.now()}`);
    const user = await database.db.insertInto('users').values({ email: `outbox-${Date.now()}@example.com` }).returning('id').executeTakeFirstOrThrow();
    await database.db
      .insertInto('tasks')
      .values(scheduleIds.map((scheduleId) => ({ user_id: user.id, name: scheduleId, search_query: 'q', condition_description: 'c', schedule: '0 9 * * *', temporal_schedule_id: scheduleId })))
      .execute();
    for (const scheduleId of scheduleIds) await temporal.createSchedule(scheduleId, '0 9 * * *');
    await temporal.standIn!.stop();
    const withTemporal = await startTestGateway(database, {
      ...temporal.environment,
      SCHEDULE_PAUSE_POLL_MS: '100',
      SCHEDULE_PAUSE_RETRY_BASE_MS: '100',
      SCHEDULE_PAUSE_RETRY_MAX_MS: '400',
      TEMPORAL_CALL_TIMEOUT_MS: '1000',
    });
    try {
      const idle = await scrape(withTemporal);
      expect(sample(idle, 'gateway_schedule_pause_outbox_pending')).toBe(0);
      expect(sample(idle, 'gateway_schedule_pause_outbox_oldest_pending_seconds')).toBe(0);

      const deactivated = await withTemporal.graphql('mutation($id: ID!) { deactivateUser(id: $id) { schedulePausesQueued } }', { id: globalId('User', user.id) });
      expect(deactivated.data.deactivateUser.schedulePausesQueued).toBe(3);
      await waitFor(async () => (await database.db.selectFrom('schedule_pause_outbox').select('attempts').where('user_id', '=', user.id).execute()).every((row) => row.attempts >= 1), {
        what: 'a failed delivery attempt of every pause',
      });
      const waiting = await scrape(withTemporal);
      expect(sample(waiting, 'gateway_schedule_pause_outbox_pending')).toBe(3);
      expect(sample(waiting, 'gateway_schedule_pause_outbox_oldest_pending_seconds')).toBeGreaterThan(0);

      await temporal.standIn!.start();
      await waitFor(async () => sample(await scrape(withTemporal), 'gateway_schedule_pause_outbox_pending') === 0, { what: 'the outbox drained', timeoutMs: 20_000 });
      expect(sample(await scrape(withTemporal), 'gateway_schedule_pause_outbox_oldest_pending_seconds')).toBe(0);
    } finally {
      await withTemporal.stop();
      await temporal.close();
    }
  }, 60_000);

  it('reports the outbox as unknown (NaN), not empty, when it cannot be read, and still answers the scrape', async () => {
    // The outbox table out of reach while the rest of the database answers (renamed back below).
    await database.db.schema.alterTable('schedule_pause_outbox').renameTo('schedule_pause_outbox_away').execute();
    try {
      const away = await scrape();
      // prom-client prints NaN as "Nan"; Prometheus reads either spelling.
      expect(away).toMatch(/^gateway_schedule_pause_outbox_pending nan$/im);
      expect(away).toMatch(/^gateway_schedule_pause_outbox_oldest_pending_seconds nan$/im);
      expect(away).toContain('gateway_live_subscribers 0');
    } finally {
      await database.db.schema.alterTable('schedule_pause_outbox_away').renameTo('schedule_pause_outbox').execute();
    }
    expect(sample(await scrape(), 'gateway_schedule_pause_outbox_pending')).toBe(0);
  });

  it('removes its pool-timing and statement listeners when a gateway stops, so gateways on one database do not pile them up', async () => {
    const before = database.listenerCounts();
    const started = [];
    for (let index = 0; index < 3; index += 1) started.push(await startTestGateway(database));
    expect(database.listenerCounts()).toEqual({ query: before.query + 3, acquire: before.acquire + 3 });
    for (const each of started) await each.stop();
    expect(database.listenerCounts()).toEqual(before);
  });
});
