import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seed, seedSizeFor } from '../../../src/db/seed';
import { createTestDatabase, type TestDatabase } from '../../support/database';
import { startTestGateway, type TestGateway } from '../../support/gateway';

let database: TestDatabase;
let gateway: TestGateway;
const MINUTE = 60_000;

beforeAll(async () => {
  database = await createTestDatabase();
  await seed(database.db, seedSizeFor(3000), new Date());
  // Recent events with known outcomes and delays, so both windows have data of every kind.
  const now = Date.now();
  const recent = [
    { status: 'delivered', agoMinutes: 5, delayMs: 120 },
    { status: 'delivered', agoMinutes: 20, delayMs: 480 },
    { status: 'delivered', agoMinutes: 50, delayMs: 260 },
    { status: 'failed', agoMinutes: 10, delayMs: null },
    { status: 'dead_lettered', agoMinutes: 30, delayMs: null },
    { status: 'retrying', agoMinutes: 2, delayMs: null },
    { status: 'delivered', agoMinutes: 300, delayMs: 9000 },
    { status: 'failed', agoMinutes: 600, delayMs: null },
  ] as const;
  for (const [index, event] of recent.entries()) {
    const receivedAt = new Date(now - event.agoMinutes * MINUTE);
    await database.db.insertInto('connector_events').values({
      connector: index % 2 ? 'github' : 'testhook', connection_id: 'conn_test', upstream_event_id: `evt_test_${index}`, event_type: 'issue.created',
      delivery_status: event.status, attempts: event.status === 'delivered' ? 1 : 3, last_error: event.delayMs === null ? 'HTTP 502 from worker' : null,
      signature_verification: index === 3 ? 'invalid' : 'verified', received_at: receivedAt,
      delivered_at: event.delayMs === null ? null : new Date(receivedAt.getTime() + event.delayMs),
    }).execute();
  }
  gateway = await startTestGateway(database);
  // Migrating (and seeding) an embedded database takes long on a loaded machine.
}, 180_000);
afterAll(async () => {
  await gateway?.stop();
  await database?.close();
});

/** The health figures computed here, independently: every event of the window, counted and sorted in SQL. */
async function healthBySql(interval: string) {
  const { rows } = await sql<{ connector: string; received: number; delivered: number; failed: number; dead: number; in_flight: number; median: number | null }>`
    select connector,
           count(*)::int as received,
           sum(case when delivery_status = 'delivered' then 1 else 0 end)::int as delivered,
           sum(case when delivery_status in ('failed', 'dead_lettered') then 1 else 0 end)::int as failed,
           sum(case when delivery_status = 'dead_lettered' then 1 else 0 end)::int as dead,
           sum(case when delivery_status in ('pending', 'retrying') then 1 else 0 end)::int as in_flight,
           percentile_cont(0.5) within group (order by extract(epoch from (delivered_at - received_at)) * 1000) as median
      from connector_events
     where received_at >= now() - ${interval}::interval
     group by connector`.execute(database.db);
  return new Map(rows.map((row) => [row.connector, row]));
}

describe('Query.connectorHealth', () => {
  it('matches the test SQL for every connector over the last hour and day', async () => {
    const response = await gateway.graphql(`{ connectorHealth { connector
      lastHour { received delivered failed deadLettered inFlight successRate medianDeliveryDelayMs }
      lastDay { received delivered failed deadLettered inFlight successRate medianDeliveryDelayMs } } }`);
    expect(response.errors).toBeUndefined();
    const [hour, day] = [await healthBySql('1 hour'), await healthBySql('1 day')];
    expect(response.data.connectorHealth.map((row: any) => row.connector)).toEqual([...day.keys()].sort());
    const expectWindow = (actual: any, row: any) => {
      if (!row) return expect(actual).toMatchObject({ received: 0, successRate: null, medianDeliveryDelayMs: null });
      expect(actual).toMatchObject({ received: row.received, delivered: row.delivered, failed: row.failed, deadLettered: row.dead, inFlight: row.in_flight });
      expect(actual.successRate).toBe(row.delivered + row.failed === 0 ? null : row.delivered / (row.delivered + row.failed));
      if (row.median === null) expect(actual.medianDeliveryDelayMs).toBeNull();
      else expect(actual.medianDeliveryDelayMs).toBeCloseTo(Number(row.median), 6);
    };
    for (const health of response.data.connectorHealth) {
      expectWindow(health.lastHour, hour.get(health.connector));
      expectWindow(health.lastDay, day.get(health.connector));
    }
    // The figures of the events inserted above: testhook had deliveries after 120 and 260 ms in the hour.
    const testhook = response.data.connectorHealth.find((row: any) => row.connector === 'testhook');
    expect(testhook.lastHour).toEqual({ received: 3, delivered: 2, failed: 1, deadLettered: 1, inFlight: 0, successRate: 2 / 3, medianDeliveryDelayMs: 190 });
  });

  it('reads the day from the covering index, not every event (PostgreSQL plan)', async () => {
    const plan = await sql<{ 'QUERY PLAN': string }>`
      explain select connector, count(*) from connector_events where received_at >= now() - interval '1 day' group by connector`.execute(database.db);
    const text = plan.rows.map((row) => row['QUERY PLAN']).join('\n');
    // The table is small, so the planner may prefer a sequential scan; with sequential scans off it must have an index path.
    await sql`set enable_seqscan = off`.execute(database.db);
    const forced = await sql<{ 'QUERY PLAN': string }>`
      explain select connector, count(*) from connector_events where received_at >= now() - interval '1 day' group by connector`.execute(database.db);
    await sql`reset enable_seqscan`.execute(database.db);
    expect(text.length).toBeGreaterThan(0);
    expect(forced.rows.map((row) => row['QUERY PLAN']).join('\n')).toMatch(/Index Only Scan using connector_events_received_at_health/);
  });
});

describe('Query.connectorEvents', () => {
  it('filters recent failures per connector, with attempts and the signature posture', async () => {
    const response = await gateway.graphql(`{ connectorEvents(first: 100, filter: { connector: "github", failuresOnly: true, hours: 24 }) {
      totalCount edges { node { databaseId deliveryStatus signatureVerification attemptCount attempts { attempt outcome } } } } }`);
    expect(response.errors).toBeUndefined();
    const expected = await sql<{ id: string }>`
      select id from connector_events where connector = 'github' and delivery_status in ('failed', 'dead_lettered', 'retrying')
         and received_at >= now() - interval '24 hours' order by received_at desc, id desc`.execute(database.db);
    expect(response.data.connectorEvents.edges.map((edge: any) => edge.node.databaseId)).toEqual(expected.rows.map((row) => row.id));
    expect(response.data.connectorEvents.totalCount).toBe(expected.rows.length);

    const seeded = await gateway.graphql(`{ connectorEvents(first: 50, filter: { deliveryStatus: DEAD_LETTERED }) {
      edges { node { databaseId attemptCount attempts { attempt outcome error } } } } }`);
    expect(seeded.errors).toBeUndefined();
    for (const { node } of seeded.data.connectorEvents.edges) {
      const attempts = await sql<{ attempt: number }>`select attempt from connector_event_attempts where event_id = ${node.databaseId} order by attempt`.execute(database.db);
      expect(node.attempts.map((attempt: any) => attempt.attempt)).toEqual(attempts.rows.map((row) => row.attempt));
    }
    const invalid = await gateway.graphql(`{ connectorEvents(first: 100, filter: { signatureVerification: FAILED }) { totalCount } }`);
    const invalidCount = await sql<{ count: number }>`select count(*)::int as count from connector_events where signature_verification = 'invalid'`.execute(database.db);
    expect(invalid.data.connectorEvents.totalCount).toBe(invalidCount.rows[0]!.count);
  });

  it('serves GET /admin/connector-events with the documented filters', async () => {
    const response = await gateway.rest('/admin/connector-events?connector=testhook&failures_only=true&hours=24&limit=10');
    expect(response.status).toBe(200);
    expect(response.body).toMatchObject({ total: 1, page: 1, limit: 10 });
    expect(response.body.events.map((event: any) => event.delivery_status)).toEqual(['dead_lettered']);
    expect(response.body.events[0]).toMatchObject({ connector: 'testhook', event_id: 'evt_test_4', signature_verification: 'verified', attempts: 3, delivered_at: null });
    expect((await gateway.rest('/admin/connector-events?delivery_status=lost')).body).toEqual({
      detail: 'delivery_status: must be one of pending, retrying, delivered, failed, dead_lettered, got "lost"',
    });
  });
});
