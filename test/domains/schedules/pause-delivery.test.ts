import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { loadConfig } from '../../../src/config';
import { createTemporal, type Temporal } from '../../../src/core/temporal-connection';
import { openDatabase, type Database } from '../../../src/db/database';
import { enqueueSchedulePauses } from '../../../src/domains/schedules/pause-outbox';
import { retryDelayMs, startSchedulePauseDelivery } from '../../../src/domains/schedules/pause-delivery';
import { createLogger } from '../../../src/core/logger';
import { createTestDatabase, type TestDatabase } from '../../support/database';
import { startTestTemporal, type TestTemporal } from '../../support/temporal';
import { waitFor } from '../../support/wait';

const log = createLogger('silent');
const settings = { pollMs: 50, retryBaseMs: 100, retryMaxMs: 400 };

describe('schedule-pause outbox delivery', () => {
  let database: TestDatabase;
  let temporal: TestTemporal;
  let client: Temporal;

  beforeAll(async () => {
    database = await createTestDatabase();
    temporal = await startTestTemporal();
    client = createTemporal(loadConfig({ ...temporal.environment, TEMPORAL_CALL_TIMEOUT_MS: '2000' }).temporal, log);
  }, 180_000);
  afterAll(async () => {
    await client?.close();
    await temporal?.close();
    await database?.close();
  });
  beforeEach(() => database.truncateAll());

  /** A user with `count` scheduled tasks, each schedule created in Temporal; their pauses enqueued. */
  async function userWithScheduledTasks(tag: string, count: number) {
    const user = await database.db.insertInto('users').values({ email: `${tag}@example.com` }).returning('id').executeTakeFirstOrThrow();
    const scheduleIds = Array.from({ length: count }, (_, index) => `task-${tag}-${index}-${Date.now()}`);
    await database.db.insertInto('tasks').values(scheduleIds.map((scheduleId) => ({
      user_id: user.id, name: scheduleId, search_query: 'q', condition_description: 'c', schedule: '0 9 * * *', temporal_schedule_id: scheduleId,
    }))).execute();
    for (const scheduleId of scheduleIds) await temporal.createSchedule(scheduleId, '0 9 * * *');
    const written = await enqueueSchedulePauses(database.db, user.id, `Paused by admin@example.com: ${tag} deactivated`);
    return { userId: user.id, scheduleIds, written };
  }

  const outbox = () => database.db.selectFrom('schedule_pause_outbox').selectAll().orderBy('schedule_id').execute();

  it('pauses every enqueued schedule once, with the note, and marks the rows delivered', async () => {
    const { scheduleIds, written } = await userWithScheduledTasks('plain', 3);
    expect(written).toBe(3);
    const delivery = startSchedulePauseDelivery({ db: database.db, temporal: client, settings, callTimeoutMs: 2000, log });
    try {
      await waitFor(async () => (await outbox()).every((row) => row.state === 'delivered'), { what: 'every pause delivered' });
    } finally {
      await delivery.stop();
    }
    for (const scheduleId of scheduleIds) expect(await temporal.isPaused(scheduleId)).toBe(true);
    const rows = await outbox();
    expect(rows.map((row) => [row.attempts, row.last_error, row.delivered_at instanceof Date])).toEqual(scheduleIds.map(() => [1, null, true]));
    if (temporal.standIn) {
      expect(temporal.standIn.pauseRequests.map((request) => request.scheduleId).sort()).toEqual([...scheduleIds].sort());
      expect(temporal.standIn.pauseRequests.map((request) => request.note)).toEqual(scheduleIds.map(() => 'Paused by admin@example.com: plain deactivated'));
      expect(new Set(temporal.standIn.pauseRequests.map((request) => request.requestId))).toEqual(new Set(rows.map((row) => row.id)));
    }
  });

  it('records a schedule Temporal does not know as gone, and does not retry it', async () => {
    const user = await database.db.insertInto('users').values({ email: 'gone@example.com' }).returning('id').executeTakeFirstOrThrow();
    await database.db.insertInto('tasks').values({ user_id: user.id, name: 'n', search_query: 'q', condition_description: 'c', schedule: '0 9 * * *', temporal_schedule_id: `task-missing-${Date.now()}` }).execute();
    await enqueueSchedulePauses(database.db, user.id, 'note');
    const delivery = startSchedulePauseDelivery({ db: database.db, temporal: client, settings, callTimeoutMs: 2000, log });
    try {
      await waitFor(async () => (await outbox())[0]?.state === 'gone');
      const calls = temporal.standIn?.calls('PatchSchedule');
      await new Promise((resolve) => setTimeout(resolve, 300));
      expect(temporal.standIn?.calls('PatchSchedule')).toBe(calls);
    } finally {
      await delivery.stop();
    }
    expect((await outbox())[0]).toMatchObject({ state: 'gone', attempts: 1, last_error: 'schedule not found in Temporal' });
  });

  it('backs off exponentially up to the cap', () => {
    expect([1, 2, 3, 4, 5, 9].map((attempts) => retryDelayMs(attempts, settings))).toEqual([100, 200, 400, 400, 400, 400]);
  });

  it.skipIf(Boolean(process.env.TEMPORAL_TEST_ADDRESS))('keeps pauses through an outage, retrying with backoff, and delivers each once when Temporal is back', async () => {
    const standIn = temporal.standIn!;
    const { scheduleIds } = await userWithScheduledTasks('outage', 4);
    const before = standIn.pauseRequests.length;
    await standIn.stop();
    const delivery = startSchedulePauseDelivery({ db: database.db, temporal: client, settings, callTimeoutMs: 2000, log });
    try {
      await waitFor(async () => (await outbox()).some((row) => row.attempts >= 3), { timeoutMs: 15_000 });
      const waiting = await outbox();
      expect(waiting.every((row) => row.state === 'pending')).toBe(true);
      expect(waiting.find((row) => row.attempts >= 3)?.last_error).toMatch(/deadline|UNAVAILABLE/);
      await standIn.start();
      await waitFor(async () => (await outbox()).every((row) => row.state === 'delivered'), { timeoutMs: 15_000 });
    } finally {
      await delivery.stop();
    }
    expect(standIn.pauseRequests.slice(before).map((request) => request.scheduleId).sort()).toEqual([...scheduleIds].sort());
  });

  it.skipIf(Boolean(process.env.TEMPORAL_TEST_ADDRESS))('two instances deliver one outbox without a duplicate', async () => {
    const standIn = temporal.standIn!;
    const before = standIn.pauseRequests.length;
    const { scheduleIds } = await userWithScheduledTasks('pair', 45);
    // A second instance: on PostgreSQL its own connection pool, on PGlite the same database.
    const second: Database = database.url ? await openDatabase({ kind: 'postgres', url: database.url }) : database;
    const first = startSchedulePauseDelivery({ db: database.db, temporal: client, settings, callTimeoutMs: 2000, log });
    const other = startSchedulePauseDelivery({ db: second.db, temporal: client, settings, callTimeoutMs: 2000, log });
    try {
      await waitFor(async () => (await outbox()).every((row) => row.state === 'delivered'), { timeoutMs: 15_000 });
    } finally {
      await Promise.all([first.stop(), other.stop()]);
      if (second !== database) await second.close();
    }
    const delivered = standIn.pauseRequests.slice(before).map((request) => request.scheduleId);
    expect(delivered.length).toBe(45);
    expect(new Set(delivered)).toEqual(new Set(scheduleIds));
  });
});
