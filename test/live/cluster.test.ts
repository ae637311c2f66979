import { type ChildProcess, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase, type Database } from '../../src/db/database';
import { migrateToLatest } from '../../src/db/migrator';
import { writeSimulatedExecution } from '../../src/live/simulator';
import { startTestGateway, type TestGateway } from '../support/gateway';
import { connectWs, subscribeWs, type EventStream } from '../support/live';
import { freePort, type PostgresCluster, startPostgresCluster } from '../support/postgres-cluster';
import { waitFor } from '../support/wait';

// Its own cluster, so that it can be stopped and started again: runs the same on either suite database.
// The first gateway is a process of its own (`src/main.ts`, as deployed); the second runs in this test process.
let cluster: PostgresCluster;
let first: { process: ChildProcess; url: string; adminKey: string; output: string[] };
let second: { database: Database; gateway: TestGateway };
let sqlClient: pg.Client;
let task: { id: string; user_id: string };
let errors: EventStream;
const latenciesMs: number[] = [];

const ERRORS = `subscription { errorAdded { executionId errorType errorMessage retryCount willRetry userEmail searchQuery task { name } } }`;
const GATEWAY_ENVIRONMENT = { AUTH_RECHECK_MS: '500' };

async function startInstance(url: string) {
  const database = await openDatabase({ kind: 'postgres', url }, { poolSize: 3 });
  return { database, gateway: await startTestGateway(database, GATEWAY_ENVIRONMENT) };
}

async function startGatewayProcess(databaseUrl: string) {
  const port = await freePort();
  const adminKey = `sk_${randomBytes(32).toString('base64url')}`;
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/main.ts'], {
    env: { ...process.env, ...GATEWAY_ENVIRONMENT, DATABASE_URL: databaseUrl, PORT: String(port), HOST: '127.0.0.1', ADMIN_API_KEY: adminKey, LOG_LEVEL: 'info' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const output: string[] = [];
  child.stdout!.on('data', (chunk) => output.push(String(chunk)));
  child.stderr!.on('data', (chunk) => output.push(String(chunk)));
  const instance = { process: child, url: `http://127.0.0.1:${port}`, adminKey, output };
  await waitFor(async () => (await readiness(instance)).status === 200, { what: 'the gateway process to be ready', timeoutMs: 60_000, intervalMs: 50 });
  return instance;
}

async function readiness(gateway: { url: string }) {
  try {
    const response = await fetch(`${gateway.url}/readyz`);
    return { status: response.status, body: (await response.json()) as { events?: string } };
  } catch {
    return { status: 0, body: {} };
  }
}

async function insertFailureBySql(errorType: string) {
  const { rows } = await sqlClient.query<{ id: string }>(
    `insert into executions (task_id, user_id, status, error_type, error_message, retry_count, will_retry, completed_at, duration_ms)
     values ($1, $2, 'failed', $3, 'inserted by plain SQL', 1, true, now(), 1200) returning id`,
    [task.id, task.user_id, errorType],
  );
  return rows[0]!.id;
}

/** The next event, and how long after `sentAt` it arrived. */
async function nextWithLatency(sentAt: number) {
  const event = await errors.next(5_000);
  const latency = performance.now() - sentAt;
  latenciesMs.push(latency);
  return { event: event.errorAdded, latency };
}

beforeAll(async () => {
  cluster = await startPostgresCluster();
  const admin = new pg.Client({ connectionString: cluster.url() });
  await admin.connect();
  await admin.query('create database gateway');
  await admin.end();
  const url = cluster.url('gateway');
  const migrator = await openDatabase({ kind: 'postgres', url }, { poolSize: 1 });
  await migrateToLatest(migrator.db);
  await migrator.close();

  sqlClient = new pg.Client({ connectionString: url });
  await sqlClient.connect();
  sqlClient.on('error', () => {});
  const { rows: users } = await sqlClient.query<{ id: string }>(`insert into users (email) values ('watcher@example.com') returning id`);
  const { rows: tasks } = await sqlClient.query<{ id: string; user_id: string }>(
    `insert into tasks (user_id, name, search_query, condition_description, schedule) values ($1, 'PS5 watch', 'PS5 stock', 'in stock', '0 * * * *') returning id, user_id`,
    [users[0]!.id],
  );
  task = tasks[0]!;

  first = await startGatewayProcess(url);
  second = await startInstance(url);
  const { client } = await connectWs(first.url, first.adminKey);
  errors = subscribeWs(client, ERRORS);
  // The other process's subscriber count cannot be read from here: write warm-up failures until one arrives.
  for (;;) {
    await insertFailureBySql('WarmUp');
    const arrived = await errors.next(300).then(() => true, () => false);
    if (arrived) break;
  }
  await new Promise((resolve) => setTimeout(resolve, 300));
  errors.pending.length = 0;
}, 90_000);

afterAll(async () => {
  if (first && first.process.exitCode === null) {
    const exited = new Promise((resolve) => first.process.once('exit', resolve));
    first.process.kill('SIGTERM');
    await exited;
  }
  await second?.gateway.stop();
  await second?.database.close();
  await sqlClient?.end().catch(() => {});
  cluster?.destroy();
  if (latenciesMs.length > 0) console.info(`errorAdded delivery latency (ms): ${latenciesMs.map((ms) => ms.toFixed(1)).join(', ')}`);
});

describe('errorAdded across two gateway instances on one PostgreSQL', () => {
  it('reaches a subscriber of the first instance (its own process) within a second of a plain SQL insert', async () => {
    const sentAt = performance.now();
    const id = await insertFailureBySql('TimeoutError');
    const { event, latency } = await nextWithLatency(sentAt);
    expect(event).toEqual({
      executionId: id,
      errorType: 'TimeoutError',
      errorMessage: 'inserted by plain SQL',
      retryCount: 1,
      willRetry: true,
      userEmail: 'watcher@example.com',
      searchQuery: 'PS5 stock',
      task: { name: 'PS5 watch' },
    });
    expect(latency).toBeLessThan(1_000);
  });

  it('reaches it within a second of a failure written through the second instance', async () => {
    const sentAt = performance.now();
    const written = await writeSimulatedExecution(second.database.db, { failed: true });
    const { event, latency } = await nextWithLatency(sentAt);
    const stored = await sqlClient.query(`select id, error_type from executions where id = $1 and status = 'failed'`, [written!.id]);
    expect(event).toMatchObject({ executionId: stored.rows[0].id, errorType: stored.rows[0].error_type, searchQuery: 'PS5 stock' });
    expect(latency).toBeLessThan(1_000);
  });

  it('reports an execution that becomes failed, and stays silent for successes', async () => {
    await sqlClient.query(`insert into executions (task_id, user_id, status) values ($1, $2, 'success')`, [task.id, task.user_id]);
    const { rows } = await sqlClient.query<{ id: string }>(`insert into executions (task_id, user_id, status) values ($1, $2, 'running') returning id`, [task.id, task.user_id]);
    const sentAt = performance.now();
    await sqlClient.query(`update executions set status = 'failed', error_type = 'RateLimitError', error_message = '429', completed_at = now() where id = $1`, [rows[0]!.id]);
    const { event } = await nextWithLatency(sentAt);
    expect(event).toMatchObject({ executionId: rows[0]!.id, errorType: 'RateLimitError' });
    expect(errors.pending).toEqual([]);
  });

  it('resumes the feed after a PostgreSQL restart, and says so in /readyz', async () => {
    expect(await readiness(first)).toEqual({ status: 200, body: { status: 'ready', database: 'up', events: 'listening' } });
    cluster.stop();
    await waitFor(async () => (await readiness(first)).body.events === 'reconnecting', { what: '/readyz to say reconnecting', timeoutMs: 20_000, intervalMs: 50 });
    expect((await readiness(first)).status).toBe(503);
    cluster.start();
    await waitFor(async () => (await readiness(first)).status === 200 && (await readiness(second.gateway)).status === 200, { what: 'both instances to be ready again', timeoutMs: 20_000, intervalMs: 50 });
    expect((await readiness(first)).body.events).toBe('listening');
    const logged = first.output.join('');
    expect(logged).toContain('event bus: database connection lost, reconnecting');
    expect(logged).toContain('event bus: listening again');

    sqlClient = new pg.Client({ connectionString: cluster.url('gateway') });
    await sqlClient.connect();
    const sentAt = performance.now();
    const id = await insertFailureBySql('ValidationError');
    const { event, latency } = await nextWithLatency(sentAt);
    expect(event).toMatchObject({ executionId: id, errorType: 'ValidationError' });
    expect(latency).toBeLessThan(1_000);
  });

  it('replays a failure committed while no instance was listening', async () => {
    const listeningAgain = () => first.output.join('').split('\n').filter((line) => line.includes('event bus: listening again'));
    const before = listeningAgain().length;
    // Drop every listening connection, and commit a failure before they can be back (the same round trip).
    const [, inserted] = (await sqlClient.query(`
      select pg_terminate_backend(pid) from pg_stat_activity where application_name = 'admin-gateway events';
      insert into executions (task_id, user_id, status, error_type, error_message)
      values ('${task.id}', '${task.user_id}', 'failed', 'RateLimitError', 'while nobody listened') returning id`)) as unknown as pg.QueryResult<{ id: string }>[];
    const { event } = await nextWithLatency(performance.now());
    expect(event).toMatchObject({ executionId: inserted!.rows[0]!.id, errorMessage: 'while nobody listened' });
    await waitFor(() => listeningAgain().length > before, { what: 'the bus to listen again', timeoutMs: 20_000, intervalMs: 50 });
    const line = listeningAgain().at(-1)!;
    expect(JSON.parse(line).replayed).toBeGreaterThanOrEqual(1);
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(errors.pending).toEqual([]); // replayed once, and nothing sent before is sent again
  });
});
