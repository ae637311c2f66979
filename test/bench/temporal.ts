/**
 * Temporal figures against the stand-in (test/support/temporal-stand-in.ts) on a throwaway PostgreSQL 15 cluster:
 * 1. Temporal calls per page of `schedules` (with task, user and cron on every row) and the page's latency;
 * 2. the schedule-pause outbox across an outage: Temporal stopped, users deactivated on two gateway instances,
 *    one instance restarted, Temporal started again; pauses delivered, duplicates, time to drain.
 *
 *   npx tsx test/bench/temporal.ts [--schedules 1000] [--users 50] [--per-user 10]
 */
import { parseArgs } from 'node:util';
import { openDatabase } from '../../src/db/database';
import { migrateToLatest } from '../../src/db/migrator';
import { startTestGateway, type TestGateway } from '../support/gateway';
import { startPostgresCluster } from '../support/postgres-cluster';
import { globalId } from '../support/scenario';
import { startTemporalStandIn } from '../support/temporal-stand-in';
import { Client, Connection } from '@temporalio/client';
import { percentile } from './percentile';

const { values } = parseArgs({ options: { schedules: { type: 'string', default: '1000' }, users: { type: 'string', default: '50' }, 'per-user': { type: 'string', default: '10' } } });
const scheduleCount = Number(values.schedules);
const userCount = Number(values.users);
const perUser = Number(values['per-user']);

const cluster = await startPostgresCluster();
const standIn = await startTemporalStandIn();
const connection = await Connection.connect({ address: standIn.address });
const client = new Client({ connection });
try {
  const database = await openDatabase({ kind: 'postgres', url: cluster.url() });
  const second = await openDatabase({ kind: 'postgres', url: cluster.url() });
  await migrateToLatest(database.db);
  const environment = {
    TEMPORAL_ADDRESS: standIn.address, TEMPORAL_CALL_TIMEOUT_MS: '2000', SCHEDULE_PAUSE_POLL_MS: '200', SCHEDULE_PAUSE_RETRY_BASE_MS: '200', SCHEDULE_PAUSE_RETRY_MAX_MS: '2000',
  };

  // 1. Schedules pages.
  const owner = await database.db.insertInto('users').values({ email: 'owner@example.com' }).returning('id').executeTakeFirstOrThrow();
  for (let start = 0; start < scheduleCount; start += 500) {
    const ids = Array.from({ length: Math.min(500, scheduleCount - start) }, (_, index) => `task-bench-${String(start + index).padStart(6, '0')}`);
    await database.db.insertInto('tasks').values(ids.map((id) => ({ user_id: owner.id, name: id, search_query: 'q', condition_description: 'c', schedule: '0 9 * * *', temporal_schedule_id: id }))).execute();
    for (const id of ids) {
      await client.schedule.create({ scheduleId: id, spec: { cronExpressions: ['0 9 * * *'] }, action: { type: 'startWorkflow', workflowType: 'monitoring_workflow', taskQueue: 'q', workflowId: `${id}-run` } });
    }
  }
  let gateway: TestGateway = await startTestGateway(database, environment);
  const query = `query($after: String) { schedules(first: 100, after: $after) { totalCount edges { node { scheduleId cron isPaused recentExecutions nextRunTime temporalUiUrl task { databaseId } user { email } } } pageInfo { hasNextPage endCursor } } }`;
  const latencies: number[] = [];
  const callsPerPage: number[] = [];
  let after: string | null = null;
  let rows = 0;
  for (;;) {
    standIn.resetCalls();
    const started = performance.now();
    const response: any = await gateway.graphql(query, { after });
    latencies.push(performance.now() - started);
    callsPerPage.push(standIn.calls());
    if (response.errors) throw new Error(JSON.stringify(response.errors));
    rows += response.data.schedules.edges.length;
    if (!response.data.schedules.pageInfo.hasNextPage) break;
    after = response.data.schedules.pageInfo.endCursor;
  }
  console.log(`schedules: ${rows} rows in ${callsPerPage.length} pages of 100; Temporal calls per page: ${[...new Set(callsPerPage)].join(', ')}; page p50 ${percentile(latencies, 0.5).toFixed(0)} ms, p99 ${percentile(latencies, 0.99).toFixed(0)} ms`);

  // 2. The outbox across an outage and a restart, delivered by two instances.
  const users = [];
  for (let u = 0; u < userCount; u += 1) {
    const user = await database.db.insertInto('users').values({ email: `leaving${u}@example.com` }).returning('id').executeTakeFirstOrThrow();
    const ids = Array.from({ length: perUser }, (_, index) => `task-leaving-${u}-${index}`);
    await database.db.insertInto('tasks').values(ids.map((id) => ({ user_id: user.id, name: id, search_query: 'q', condition_description: 'c', schedule: '0 9 * * *', temporal_schedule_id: id }))).execute();
    for (const id of ids) {
      await client.schedule.create({ scheduleId: id, spec: { cronExpressions: ['0 9 * * *'] }, action: { type: 'startWorkflow', workflowType: 'monitoring_workflow', taskQueue: 'q', workflowId: `${id}-run` } });
    }
    users.push({ id: user.id, ids });
  }
  const other = await startTestGateway(second, environment);
  await standIn.stop();
  await Promise.all(users.map((user, index) => (index % 2 ? other : gateway).graphql(`mutation($id: ID!) { deactivateUser(id: $id) { schedulePausesQueued } }`, { id: globalId('User', user.id) })));
  await new Promise((resolve) => setTimeout(resolve, 3_000));
  await gateway.stop();
  gateway = await startTestGateway(database, environment);
  const before = standIn.pauseRequests.length;
  const resumed = performance.now();
  await standIn.start();
  const expected = userCount * perUser;
  for (;;) {
    const { count } = await database.db.selectFrom('schedule_pause_outbox').select((eb) => eb.fn.countAll<number>().as('count')).where('state', '=', 'delivered').executeTakeFirstOrThrow();
    if (Number(count) === expected) break;
    if (performance.now() - resumed > 120_000) throw new Error(`only ${count} of ${expected} delivered after 120 s`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  const drained = performance.now() - resumed;
  const requests = standIn.pauseRequests.slice(before).map((request) => request.scheduleId);
  const distinct = new Set(requests);
  const everyPaused = users.every((user) => user.ids.every((id) => standIn.isPaused(id)));
  console.log(
    `outbox: ${expected} pauses owed during the outage; delivered after it: ${distinct.size}, pause requests Temporal received: ${requests.length}, ` +
      `duplicates: ${requests.length - distinct.size}, every schedule paused: ${everyPaused}, drained in ${(drained / 1000).toFixed(1)} s (two instances, one restarted)`,
  );
  await Promise.all([gateway.stop(), other.stop()]);
  await database.close();
  await second.close();
} finally {
  await connection.close();
  await standIn.stop();
  cluster.destroy();
}
