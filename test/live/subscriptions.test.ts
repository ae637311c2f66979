import { randomUUID } from 'node:crypto';
import WebSocket from 'ws';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config';
import { startActivitySimulator } from '../../src/live/simulator';
import { createLogger } from '../../src/core/logger';
import { createTestDatabase, type TestDatabase } from '../support/database';
import { startTestGateway, type TestGateway } from '../support/gateway';
import { connectWs, subscribeSse, subscribeWs, wsUrl } from '../support/live';
import { userWithKey } from '../support/scenario';
import { waitFor } from '../support/wait';

const QUEUE_LIMIT = 20;
let database: TestDatabase;
let gateway: TestGateway;
let userId: string;
let nonAdminKey: string;

beforeAll(async () => {
  database = await createTestDatabase();
  gateway = await startTestGateway(database, { AUTH_RECHECK_MS: '200', SUBSCRIBER_QUEUE_LIMIT: String(QUEUE_LIMIT), WS_KEEPALIVE_MS: '1000' });
  ({ userId, key: nonAdminKey } = await userWithKey(database.db, 'someone@example.com'));
});
afterAll(async () => {
  await gateway?.stop();
  await database?.close();
});

const NOTIFICATIONS = `subscription Notifications($filter: NotificationAddedFilter) {
  notificationAdded(filter: $filter) { id databaseId kind audience subject body user { email } }
}`;
const FEEDBACK = `subscription Feedback($filter: FeedbackAddedFilter) {
  feedbackAdded(filter: $filter) { databaseId body source state classification signalCategory severity user { email } }
}`;

async function insertNotification(kind: 'condition_met' | 'usage_event', subject: string, body = '') {
  return database.db
    .insertInto('notifications')
    .values({ audience: kind === 'condition_met' ? 'user' : 'platform', kind, user_id: kind === 'condition_met' ? userId : null, subject, body })
    .returning('id')
    .executeTakeFirstOrThrow();
}

describe('notificationAdded over graphql-ws', () => {
  it('delivers a notification inserted by plain SQL, honouring the kind filter', async () => {
    const { client } = await connectWs(gateway.url, gateway.adminKey);
    const stream = subscribeWs(client, NOTIFICATIONS, { filter: { kind: 'CONDITION_MET' } });
    await waitFor(() => gateway.liveFeed.stats.subscribers === 1);
    await insertNotification('usage_event', 'not for this subscriber');
    const inserted = await insertNotification('condition_met', 'PS5 in stock', 'Target has it');
    const event = await stream.next();
    expect(event.notificationAdded).toMatchObject({
      databaseId: inserted.id,
      kind: 'CONDITION_MET',
      audience: 'USER',
      subject: 'PS5 in stock',
      body: 'Target has it',
      user: { email: 'someone@example.com' },
    });
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(stream.pending).toEqual([]);
    await stream.close();
    await client.dispose();
    await waitFor(() => gateway.liveFeed.stats.subscribers === 0);
  });
});

describe('per-event loaders', () => {
  it('shows each event with rows as they are now, not as a long-lived subscription first loaded them', async () => {
    const { client } = await connectWs(gateway.url, gateway.adminKey);
    const stream = subscribeWs(client, NOTIFICATIONS, { filter: { kind: 'CONDITION_MET' } });
    await waitFor(() => gateway.liveFeed.stats.subscribers === 1);
    await insertNotification('condition_met', 'first');
    expect((await stream.next()).notificationAdded.user).toEqual({ email: 'someone@example.com' });
    await database.db.updateTable('users').set({ email: 'renamed@example.com' }).where('id', '=', userId).execute();
    await insertNotification('condition_met', 'second');
    expect((await stream.next()).notificationAdded.user).toEqual({ email: 'renamed@example.com' });
    await database.db.updateTable('users').set({ email: 'someone@example.com' }).where('id', '=', userId).execute();
    await stream.close();
    await client.dispose();
    await waitFor(() => gateway.liveFeed.stats.subscribers === 0);
  });
});

describe('feedbackAdded over SSE', () => {
  it('delivers a feedback row with its classification, honouring the signal filter', async () => {
    const stream = await subscribeSse(gateway.url, gateway.adminKey, FEEDBACK, { filter: { signalCategory: 'SECURITY_PROBE' } });
    expect(stream.status).toBe(200);
    await waitFor(() => gateway.liveFeed.stats.subscribers === 1);
    await database.db.insertInto('feedback').values({ body: 'Dark mode please', source: 'web', signal_category: 'product_signal' }).execute();
    const inserted = await database.db
      .insertInto('feedback')
      .values({ body: "' or 1=1 --", source: 'web', classification: 'sql', signal_category: 'security_probe', severity: 4, user_id: userId })
      .returning('id')
      .executeTakeFirstOrThrow();
    const event = await stream.next();
    expect(event.feedbackAdded).toEqual({
      databaseId: inserted.id,
      body: "' or 1=1 --",
      source: 'WEB',
      state: 'OPEN',
      classification: 'SQL',
      signalCategory: 'SECURITY_PROBE',
      severity: 4,
      user: { email: 'someone@example.com' },
    });
    expect(stream.pending).toEqual([]);
    await stream.close();
    await waitFor(() => gateway.liveFeed.stats.subscribers === 0);
  });
});

describe('access', () => {
  it('refuses a WebSocket without a key (4401) and with a non-admin key (4403) before any subscription', async () => {
    const anonymous = await connectWs(gateway.url, null);
    expect(await anonymous.closed).toMatchObject({ code: 4401 });
    const nonAdmin = await connectWs(gateway.url, nonAdminKey);
    expect(await nonAdmin.closed).toMatchObject({ code: 4403 });
    expect(gateway.liveFeed.stats.subscribers).toBe(0);
  });

  it('refuses a subscribe message sent before connection_init', async () => {
    const socket = new WebSocket(wsUrl(gateway.url), 'graphql-transport-ws');
    await new Promise((resolve) => socket.once('open', resolve));
    socket.send(JSON.stringify({ id: '1', type: 'subscribe', payload: { query: FEEDBACK } }));
    const code = await new Promise<number>((resolve) => socket.once('close', (closeCode) => resolve(closeCode)));
    expect(code).toBe(4401);
  });

  it('refuses SSE subscriptions without a key (401) and with a non-admin key (403)', async () => {
    const anonymous = await subscribeSse(gateway.url, null, FEEDBACK);
    expect(anonymous.status).toBe(401);
    await anonymous.close();
    const nonAdmin = await subscribeSse(gateway.url, nonAdminKey, FEEDBACK);
    expect(nonAdmin.status).toBe(403);
    await nonAdmin.close();
    expect(gateway.liveFeed.stats.subscribers).toBe(0);
  });

  it('closes the socket (4403) once the key is revoked', async () => {
    const { key, keyId } = await userWithKey(database.db, `admin-${randomUUID()}@example.com`, 'admin');
    const { client, closed } = await connectWs(gateway.url, key);
    subscribeWs(client, FEEDBACK);
    await waitFor(() => gateway.liveFeed.stats.subscribers === 1);
    await database.db.updateTable('api_keys').set({ revoked_at: new Date() }).where('id', '=', keyId).execute();
    expect(await closed).toMatchObject({ code: 4403 });
    await waitFor(() => gateway.liveFeed.stats.subscribers === 0);
  });

  it('ends an SSE subscription once its user is deactivated', async () => {
    const { key, userId: adminId } = await userWithKey(database.db, `admin-${randomUUID()}@example.com`, 'admin');
    const stream = await subscribeSse(gateway.url, key, FEEDBACK);
    await waitFor(() => gateway.liveFeed.stats.subscribers === 1);
    await database.db.updateTable('users').set({ state: 'deactivated', deactivated_at: new Date() }).where('id', '=', adminId).execute();
    await waitFor(() => stream.ended());
    await waitFor(() => gateway.liveFeed.stats.subscribers === 0);
  });
});

describe('keep-alive', () => {
  it('terminates a socket that stops answering pings', async () => {
    const socket = new WebSocket(wsUrl(gateway.url), 'graphql-transport-ws', { autoPong: false });
    await new Promise((resolve) => socket.once('open', resolve));
    socket.send(JSON.stringify({ type: 'connection_init', payload: { Authorization: `Bearer ${gateway.adminKey}` } }));
    await new Promise((resolve) => socket.once('message', resolve));
    const started = Date.now();
    const code = await new Promise<number>((resolve) => socket.once('close', (closeCode) => resolve(closeCode)));
    expect(code).toBe(1006); // dropped without a close frame
    expect(Date.now() - started).toBeLessThan(5_000);
    await waitFor(() => gateway.webSockets().size === 0);
  });
});

describe('a stalled subscriber', () => {
  it(`is disconnected once ${QUEUE_LIMIT} events wait for it, never queues more, and a reader beside it keeps up`, async () => {
    // Its own gateway, with keep-alives too slow to notice the stall first (they would end it too, by design).
    const gateway = await startTestGateway(database, { SUBSCRIBER_QUEUE_LIMIT: String(QUEUE_LIMIT), WS_KEEPALIVE_MS: '600000' });
    const socket = new WebSocket(wsUrl(gateway.url), 'graphql-transport-ws');
    await new Promise((resolve) => socket.once('open', resolve));
    socket.send(JSON.stringify({ type: 'connection_init', payload: { authorization: `Bearer ${gateway.adminKey}` } }));
    await new Promise((resolve) => socket.once('message', resolve));
    socket.send(JSON.stringify({ id: 'stalled', type: 'subscribe', payload: { query: NOTIFICATIONS } }));
    const { client } = await connectWs(gateway.url, gateway.adminKey);
    const healthy = subscribeWs(client, NOTIFICATIONS);
    await waitFor(() => gateway.liveFeed.stats.subscribers === 2);
    // Stop reading: the kernel buffers fill, then the gateway's sends stall, then its queue for this socket fills.
    socket.pause();
    const body = 'x'.repeat(16_000);
    const batchSize = QUEUE_LIMIT / 2;
    let written = 0;
    while (gateway.liveFeed.stats.slowDisconnects === 0 && written < 4_000) {
      await database.db
        .insertInto('notifications')
        .values(Array.from({ length: batchSize }, (_, index) => ({ audience: 'platform' as const, kind: 'usage_event' as const, subject: `burst ${written + index}`, body })))
        .execute();
      written += batchSize;
      for (let index = 0; index < batchSize; index += 1) expect((await healthy.next()).notificationAdded.body).toHaveLength(16_000);
    }
    expect(gateway.liveFeed.stats.slowDisconnects).toBe(1);
    expect(gateway.liveFeed.stats.peakQueued).toBeLessThanOrEqual(QUEUE_LIMIT);
    await waitFor(() => gateway.liveFeed.stats.subscribers === 1);
    await waitFor(() => gateway.webSockets().size === 1);
    console.info(`stalled subscriber: disconnected after ${written} events of 16 kB; peak queue ${gateway.liveFeed.stats.peakQueued}/${QUEUE_LIMIT}; the reader beside it got all ${written}`);
    socket.terminate();
    await healthy.close();
    await client.dispose();
    await gateway.stop();
  });
});

describe('shutdown', () => {
  it('completes open SSE streams and closes WebSockets, so stop() does not wait for subscribers', async () => {
    const own = await startTestGateway(database);
    const stream = await subscribeSse(own.url, own.adminKey, FEEDBACK);
    const { client, closed } = await connectWs(own.url, own.adminKey);
    subscribeWs(client, FEEDBACK);
    await waitFor(() => own.liveFeed.stats.subscribers === 2);
    const started = Date.now();
    await own.stop();
    expect(Date.now() - started).toBeLessThan(2_000);
    await waitFor(() => stream.ended());
    expect(await closed).toMatchObject({ code: 1001 });
    expect(own.liveFeed.stats.subscribers).toBe(0);
  });
});

describe('bad operations over graphql-ws', () => {
  it('answers a syntax error and an unknown field with error messages and keeps the socket', async () => {
    const { client } = await connectWs(gateway.url, gateway.adminKey);
    const broken = subscribeWs(client, 'subscription { errorAdded {');
    await expect(broken.next()).rejects.toMatchObject([{ message: expect.stringContaining('Syntax Error') }]);
    const unknown = subscribeWs(client, 'subscription { nothingHere }');
    await expect(unknown.next()).rejects.toMatchObject([{ message: expect.stringContaining('nothingHere') }]);
    const working = subscribeWs(client, NOTIFICATIONS);
    await waitFor(() => gateway.liveFeed.stats.subscribers === 1);
    const inserted = await insertNotification('usage_event', 'still connected');
    expect((await working.next()).notificationAdded.databaseId).toBe(inserted.id);
    await working.close();
    await client.dispose();
  });
});

describe('activity simulator', () => {
  it('is on by default and off with SIMULATE_ACTIVITY=false', () => {
    expect(loadConfig({}).events.simulateActivity).toBe(true);
    expect(loadConfig({ SIMULATE_ACTIVITY: 'false' }).events.simulateActivity).toBe(false);
  });

  it('writes executions, failures and notifications that subscribers see', async () => {
    await database.db
      .insertInto('tasks')
      .values({ user_id: userId, name: 'Simulated', search_query: 'Bitcoin above 100k', condition_description: 'above', schedule: '*/5 * * * *' })
      .execute();
    const { client } = await connectWs(gateway.url, gateway.adminKey);
    const failures = subscribeWs(client, 'subscription { errorAdded { executionId errorType searchQuery } }');
    await waitFor(() => gateway.liveFeed.stats.subscribers === 1);
    const simulator = startActivitySimulator({ db: database.db, log: createLogger('silent'), intervalMs: 25 });
    try {
      const { errorAdded } = await failures.next(10_000);
      const stored = await database.db.selectFrom('executions').select(['status', 'error_type']).where('id', '=', errorAdded.executionId).executeTakeFirstOrThrow();
      expect(stored).toEqual({ status: 'failed', error_type: errorAdded.errorType });
      expect(errorAdded.searchQuery).toBe('Bitcoin above 100k');
    } finally {
      await simulator.stop();
    }
    await failures.close();
    await client.dispose();
  });
});
