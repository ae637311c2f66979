/**
 * Delivery latency of errorAdded: from the start of a plain SQL insert of a failed execution (autocommit) to the
 * event arriving at a graphql-ws subscriber of a gateway instance, on a throwaway PostgreSQL 15 cluster.
 *
 *   npx tsx test/bench/event-latency.ts [--events 200] [--subscribers 10]
 *
 * Prints p50/p95/p99/max over all subscribers, and the gateway's peak queue and heap.
 */
import { parseArgs } from 'node:util';
import { createClient } from 'graphql-ws';
import pg from 'pg';
import WebSocket from 'ws';
import { openDatabase } from '../../src/db/database';
import { migrateToLatest } from '../../src/db/migrator';
import { startTestGateway } from '../support/gateway';
import { wsUrl } from '../support/live';
import { startPostgresCluster } from '../support/postgres-cluster';
import { percentile } from './percentile';

const { values } = parseArgs({ options: { events: { type: 'string', default: '200' }, subscribers: { type: 'string', default: '10' } } });
const eventCount = Number(values.events);
const subscriberCount = Number(values.subscribers);

const cluster = await startPostgresCluster();
try {
  const url = cluster.url();
  const database = await openDatabase({ kind: 'postgres', url });
  await migrateToLatest(database.db);
  const gateway = await startTestGateway(database);

  const sql = new pg.Client({ connectionString: url });
  await sql.connect();
  const { rows: [user] } = await sql.query(`insert into users (email) values ('bench@example.com') returning id`);
  const { rows: [task] } = await sql.query(
    `insert into tasks (user_id, name, search_query, condition_description, schedule) values ($1, 'bench', 'bench query', 'x', '* * * * *') returning id`,
    [user.id],
  );

  const sentAt = new Map<string, number>();
  const latencies: number[] = [];
  let received = 0;
  let allReceived: () => void = () => {};
  const clients = await Promise.all(
    Array.from({ length: subscriberCount }, async () => {
      const client = createClient({ url: wsUrl(gateway.url), webSocketImpl: WebSocket, connectionParams: { Authorization: `Bearer ${gateway.adminKey}` } });
      client.subscribe<{ errorAdded: { executionId: string } }>(
        { query: 'subscription { errorAdded { executionId errorType userEmail searchQuery } }' },
        {
          next: ({ data }) => {
            const started = sentAt.get(data!.errorAdded.executionId);
            if (started !== undefined) latencies.push(performance.now() - started);
            received += 1;
            if (received === eventCount * subscriberCount) allReceived();
          },
          error: (error) => console.error(error),
          complete: () => {},
        },
      );
      return client;
    }),
  );
  while (gateway.liveFeed.stats.subscribers < subscriberCount) await new Promise((resolve) => setTimeout(resolve, 20));

  const done = new Promise<void>((resolve) => (allReceived = resolve));
  for (let index = 0; index < eventCount; index += 1) {
    const id = crypto.randomUUID();
    sentAt.set(id, performance.now());
    await sql.query(
      `insert into executions (id, task_id, user_id, status, error_type, error_message) values ($1, $2, $3, 'failed', 'TimeoutError', 'bench')`,
      [id, task.id, user.id],
    );
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
  await Promise.race([done, new Promise((resolve) => setTimeout(resolve, 10_000))]);

  const at = (fraction: number) => percentile(latencies, fraction).toFixed(1);
  console.log(`errorAdded delivery, ${eventCount} events x ${subscriberCount} graphql-ws subscribers (${latencies.length} deliveries):`);
  console.log(`  p50 ${at(0.5)} ms  p95 ${at(0.95)} ms  p99 ${at(0.99)} ms  max ${percentile(latencies, 1).toFixed(1)} ms`);
  console.log(`  peak queue per subscriber ${gateway.liveFeed.stats.peakQueued}; heap ${(process.memoryUsage().heapUsed / 2 ** 20).toFixed(0)} MiB`);

  for (const client of clients) await client.dispose();
  await sql.end();
  await gateway.stop();
  await database.close();
} finally {
  cluster.destroy();
}
