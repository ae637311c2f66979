import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seed, seedSizeFor } from '../../../src/db/seed';
import { createTestDatabase, type TestDatabase } from '../../support/database';
import { startTestGateway, type TestGateway } from '../../support/gateway';

let database: TestDatabase;
let gateway: TestGateway;

beforeAll(async () => {
  database = await createTestDatabase();
  await seed(database.db, seedSizeFor(3000), new Date());
  const now = Date.now();
  // Recent rows of known outcome, so the hour window is not empty.
  for (const [index, status] of (['pending', 'failed', 'sent', 'sent'] as const).entries()) {
    await database.db.insertInto('notifications').values({
      audience: 'platform', kind: 'schedule_failed', subject: `Alert ${index}`, delivery_status: status, created_at: new Date(now - (index + 1) * 60_000),
      failure_reason: status === 'failed' ? 'Webhook answered HTTP 500' : null,
    }).execute();
  }
  gateway = await startTestGateway(database);
  // Migrating (and seeding) an embedded database takes long on a loaded machine.
}, 180_000);
afterAll(async () => {
  await gateway?.stop();
  await database?.close();
});

describe('Query.notifications', () => {
  it('filters by kind, audience, channel, delivery status and time as SQL does', async () => {
    const cases: Array<[Record<string, unknown>, ReturnType<typeof sql<boolean>>]> = [
      [{ kind: 'SCHEDULE_FAILED' }, sql`kind = 'schedule_failed'`],
      [{ audience: 'USER', channel: 'EMAIL' }, sql`audience = 'user' and channel = 'email'`],
      [{ deliveryStatus: 'FAILED' }, sql`delivery_status = 'failed'`],
      [{ hours: 72, audience: 'PLATFORM' }, sql`created_at >= now() - interval '72 hours' and audience = 'platform'`],
    ];
    for (const [filter, where] of cases) {
      const response = await gateway.graphql(`query($filter: NotificationFilter) { notifications(first: 100, filter: $filter) {
        totalCount edges { node { databaseId deliveryStatus } } } }`, { filter });
      expect(response.errors).toBeUndefined();
      const expected = await sql<{ id: string }>`select id from notifications where ${where} order by created_at desc, id desc`.execute(database.db);
      expect(response.data.notifications.totalCount).toBe(expected.rows.length);
      expect(response.data.notifications.edges.map((edge: any) => edge.node.databaseId)).toEqual(expected.rows.slice(0, 100).map((row) => row.id));
    }
  });
});

describe('Query.notificationQueues', () => {
  it('counts pending, failed and sent per kind over the last hour and day as SQL does', async () => {
    const response = await gateway.graphql(`{ notificationQueues { kind lastHour { pending failed sent } lastDay { pending failed sent } } }`);
    expect(response.errors).toBeUndefined();
    const counts = async (interval: string) => {
      const { rows } = await sql<{ kind: string; delivery_status: string; count: number }>`
        select kind, delivery_status, count(*)::int as count from notifications where created_at >= now() - ${interval}::interval group by 1, 2`.execute(database.db);
      return (kind: string, status: string) => rows.find((row) => row.kind === kind && row.delivery_status === status)?.count ?? 0;
    };
    const [hour, day] = [await counts('1 hour'), await counts('1 day')];
    expect(response.data.notificationQueues.map((queue: any) => queue.kind)).toEqual(['CONDITION_MET', 'SCHEDULE_COMPLETED', 'SCHEDULE_FAILED', 'MESSAGE_EVENT', 'USAGE_EVENT']);
    for (const queue of response.data.notificationQueues) {
      const kind = queue.kind.toLowerCase();
      expect(queue.lastHour).toEqual({ pending: hour(kind, 'pending'), failed: hour(kind, 'failed'), sent: hour(kind, 'sent') });
      expect(queue.lastDay).toEqual({ pending: day(kind, 'pending'), failed: day(kind, 'failed'), sent: day(kind, 'sent') });
    }
    const failedAlerts = response.data.notificationQueues.find((queue: any) => queue.kind === 'SCHEDULE_FAILED');
    expect(failedAlerts.lastHour.pending).toBeGreaterThanOrEqual(1);
    expect(failedAlerts.lastHour.failed).toBeGreaterThanOrEqual(1);
  });
});
