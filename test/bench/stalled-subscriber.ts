/**
 * Memory held for a stalled subscriber, with the default bounds: a graphql-ws client subscribes to
 * notificationAdded (selecting a 16 kB body) and stops reading; notifications are written in batches of 50.
 * Prints the gateway process's heap as the events pile up and when the subscriber is disconnected.
 *
 *   node --expose-gc --import tsx test/bench/stalled-subscriber.ts [--events 5000]
 */
import { parseArgs } from 'node:util';
import WebSocket from 'ws';
import { loadConfig } from '../../src/config';
import { openDatabase } from '../../src/db/database';
import { migrateToLatest } from '../../src/db/migrator';
import { startTestGateway } from '../support/gateway';
import { wsUrl } from '../support/live';
import { startPostgresCluster } from '../support/postgres-cluster';

const { values } = parseArgs({ options: { events: { type: 'string', default: '5000' } } });
const eventCount = Number(values.events);
const heapMiB = () => {
  (globalThis as { gc?: () => void }).gc?.();
  return (process.memoryUsage().heapUsed / 2 ** 20).toFixed(1);
};

const cluster = await startPostgresCluster();
try {
  const database = await openDatabase({ kind: 'postgres', url: cluster.url() });
  await migrateToLatest(database.db);
  const gateway = await startTestGateway(database);
  const { events: limits } = loadConfig({ PGLITE_DATA_DIR: 'memory' });

  const socket = new WebSocket(wsUrl(gateway.url), 'graphql-transport-ws');
  await new Promise((resolve) => socket.once('open', resolve));
  socket.send(JSON.stringify({ type: 'connection_init', payload: { Authorization: `Bearer ${gateway.adminKey}` } }));
  await new Promise((resolve) => socket.once('message', resolve));
  socket.send(JSON.stringify({ id: '1', type: 'subscribe', payload: { query: 'subscription { notificationAdded { id subject body } }' } }));
  while (gateway.liveFeed.stats.subscribers < 1) await new Promise((resolve) => setTimeout(resolve, 10));
  socket.pause();

  console.log(`limits: SUBSCRIBER_QUEUE_LIMIT=${limits.subscriberQueueLimit} SUBSCRIBER_MAX_BACKLOG_BYTES=${limits.subscriberMaxBacklogBytes}`);
  console.log(`heap before: ${heapMiB()} MiB`);
  const body = 'x'.repeat(16_000);
  let written = 0;
  let disconnectedAt: number | undefined;
  while (written < eventCount) {
    await database.db
      .insertInto('notifications')
      .values(Array.from({ length: 50 }, (_, index) => ({ audience: 'platform' as const, kind: 'usage_event' as const, subject: `event ${written + index}`, body })))
      .execute();
    written += 50;
    await new Promise((resolve) => setTimeout(resolve, 5));
    if (disconnectedAt === undefined && gateway.liveFeed.stats.slowDisconnects > 0) {
      disconnectedAt = written;
      console.log(`disconnected after ${written} events (${((written * 16_000) / 2 ** 20).toFixed(1)} MiB written); peak queue ${gateway.liveFeed.stats.peakQueued}; heap ${heapMiB()} MiB`);
    }
    if (written % 1000 === 0) console.log(`  ${written} events written: heap ${heapMiB()} MiB, subscribers ${gateway.liveFeed.stats.subscribers}, peak queue ${gateway.liveFeed.stats.peakQueued}`);
  }
  console.log(`heap after ${written} events: ${heapMiB()} MiB; ${disconnectedAt ? 'subscriber disconnected' : 'subscriber NOT disconnected'}`);
  socket.terminate();
  await gateway.stop();
  await database.close();
} finally {
  cluster.destroy();
}
