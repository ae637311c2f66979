import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase } from '../../src/db/database';
import { migrateToLatest } from '../../src/db/migrator';
import { seed, seedSizeFor } from '../../src/db/seed';
import { type GatewayProcess, startGatewayProcess } from '../support/gateway-process';
import { type PostgresCluster, startPostgresCluster } from '../support/postgres-cluster';
import { waitFor } from '../support/wait';

// Its own cluster (it is cut, stopped and started), and the gateway as its own process (`src/main.ts`), so that
// "the process lives" means what it says. Runs the same on either suite database.
let cluster: PostgresCluster;
let gateway: GatewayProcess;
let url: string;

const QUERY = `{
  users(first: 20) { totalCount edges { node { id email tasksCount executions24h } } }
  executions(first: 20) { totalCount edges { node { id status task { name } user { email } } } }
}`;

interface Observation {
  at: number;
  kind: 'graphql' | 'rest';
  status: number;
  retryAfter: string | null;
  body: any;
}

async function graphql(): Promise<Observation> {
  const response = await fetch(`${gateway.url}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${gateway.adminKey}` },
    body: JSON.stringify({ query: QUERY }),
  });
  return { at: performance.now(), kind: 'graphql', status: response.status, retryAfter: response.headers.get('retry-after'), body: await response.json() };
}

async function rest(): Promise<Observation> {
  const response = await fetch(`${gateway.url}/admin/executions?limit=20&hours=8760`, { headers: { authorization: `Bearer ${gateway.adminKey}` } });
  return { at: performance.now(), kind: 'rest', status: response.status, retryAfter: response.headers.get('retry-after'), body: await response.json() };
}

/** A 200 is whole (no errors, every list full), a 503 is the documented refusal; anything else is a failure. */
function problemWith(observation: Observation): string | undefined {
  const { kind, status, body, retryAfter } = observation;
  if (status === 503) {
    if (!retryAfter || !(Number(retryAfter) > 0)) return `503 without Retry-After: ${JSON.stringify(body)}`;
    if (kind === 'rest') return body?.detail === 'Service temporarily unavailable' ? undefined : `REST 503 body ${JSON.stringify(body)}`;
    const whole = body?.data === undefined && body?.errors?.length === 1 && body.errors[0].extensions?.code === 'SERVICE_UNAVAILABLE';
    return whole ? undefined : `GraphQL 503 body ${JSON.stringify(body)}`;
  }
  if (status !== 200) return `status ${status}: ${JSON.stringify(body)}`;
  if (kind === 'rest') return Array.isArray(body?.executions) && body.executions.length === 20 && body.total > 0 ? undefined : `partial REST answer ${JSON.stringify(body).slice(0, 300)}`;
  if (body.errors) return `200 with errors ${JSON.stringify(body.errors)}`;
  const { users, executions } = body.data ?? {};
  const complete =
    users?.edges?.length === Math.min(20, users?.totalCount) &&
    executions?.edges?.length === 20 &&
    executions.edges.every((edge: any) => edge.node.task && edge.node.user);
  return complete ? undefined : `partial GraphQL answer ${JSON.stringify(body).slice(0, 300)}`;
}

async function terminateEveryConnection() {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  const { rowCount } = await client.query('select pg_terminate_backend(pid) from pg_stat_activity where datname = current_database() and pid <> pg_backend_pid()');
  await client.end();
  return rowCount ?? 0;
}

const alive = () => gateway.process.exitCode === null && gateway.process.signalCode === null;
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

beforeAll(async () => {
  cluster = await startPostgresCluster();
  const admin = new pg.Client({ connectionString: cluster.url() });
  await admin.connect();
  await admin.query('create database gateway');
  await admin.end();
  url = cluster.url('gateway');
  const database = await openDatabase({ kind: 'postgres', url }, { poolSize: 2 });
  await migrateToLatest(database.db);
  await seed(database.db, seedSizeFor(400));
  await database.close();
  // The load here is about the database, not the rate limit: with warm keys cached it passes 1,000 requests a minute.
  gateway = await startGatewayProcess({
    DATABASE_URL: url, DATABASE_POOL_SIZE: '6', DATABASE_ACQUIRE_TIMEOUT_MS: '1000', AUTH_RECHECK_MS: '500',
    RATE_LIMIT_PER_MINUTE: '1000000', RATE_LIMIT_PER_HOUR: '10000000',
  });
}, 120_000);

afterAll(async () => {
  await gateway?.stop();
  cluster?.destroy();
});

describe('the admin key on PostgreSQL', () => {
  it('is never printed or logged in full, only its lookup prefix', () => {
    const output = gateway.output.join('');
    expect(output).toContain(`${gateway.adminKey.slice(0, 11)}…`);
    expect(output).not.toContain(gateway.adminKey);
  });
});

describe('PostgreSQL connections cut under concurrent load', () => {
  it('keeps the process alive, never answers 500 or half an answer, and answers 200 again within seconds of each cut', async () => {
    const observations: Observation[] = [];
    let running = true;
    const worker = async (index: number) => {
      while (running) {
        try {
          observations.push(await (index % 2 === 0 ? graphql() : rest()));
        } catch (error) {
          observations.push({ at: performance.now(), kind: 'graphql', status: 0, retryAfter: null, body: String(error) });
          await sleep(50);
        }
      }
    };
    const workers = Array.from({ length: 8 }, (_, index) => worker(index));
    const cuts: number[] = [];
    const terminated: number[] = [];
    await sleep(1_000);
    for (let cut = 0; cut < 3; cut += 1) {
      terminated.push(await terminateEveryConnection());
      cuts.push(performance.now());
      await sleep(2_500);
    }
    running = false;
    await Promise.all(workers);

    expect(alive(), gateway.output.join('')).toBe(true);
    expect(terminated.every((count) => count > 1), `connections terminated per cut: ${terminated}`).toBe(true);
    const problems = observations.map(problemWith).filter(Boolean);
    expect(problems).toEqual([]);
    for (const cutAt of cuts) {
      const recovered = observations.find((observation) => observation.at > cutAt && observation.status === 200);
      expect(recovered, 'a 200 after the cut').toBeDefined();
      expect(recovered!.at - cutAt).toBeLessThan(5_000);
    }
    const lost = gateway.output.join('').split('\n').filter((line) => line.includes('database connection lost'));
    expect(lost.length).toBeGreaterThan(0);
    expect(gateway.output.join('')).not.toContain('unhandled');
    console.info(`${observations.length} answers: ${observations.filter((o) => o.status === 200).length} × 200, ${observations.filter((o) => o.status === 503).length} × 503; terminated ${terminated}`);
  }, 60_000);
});

describe('PostgreSQL stopped', () => {
  it('answers 503 + Retry-After (REST detail, GraphQL SERVICE_UNAVAILABLE), /readyz says the database is down, and resumes by itself', async () => {
    cluster.stop();
    try {
      const [viaGraphql, viaRest] = [await graphql(), await rest()];
      expect(problemWith(viaGraphql)).toBeUndefined();
      expect(problemWith(viaRest)).toBeUndefined();
      expect([viaGraphql.status, viaRest.status]).toEqual([503, 503]);
      expect(viaRest.body).toEqual({ detail: 'Service temporarily unavailable' });
      expect(viaGraphql.body.errors[0]).toMatchObject({ message: 'Service temporarily unavailable', extensions: { code: 'SERVICE_UNAVAILABLE' } });
      const ready = await fetch(`${gateway.url}/readyz`);
      expect(ready.status).toBe(503);
      expect(await ready.json()).toMatchObject({ status: 'unavailable', database: 'down' });
      expect(alive()).toBe(true);
    } finally {
      cluster.start();
    }
    const restartedAt = performance.now();
    await waitFor(async () => (await graphql()).status === 200 && (await rest()).status === 200, { what: 'service to resume', timeoutMs: 10_000, intervalMs: 100 });
    await waitFor(async () => (await fetch(`${gateway.url}/readyz`)).status === 200, { what: '/readyz', timeoutMs: 10_000, intervalMs: 100 });
    console.info(`answers 200 again ${Math.round(performance.now() - restartedAt)} ms after PostgreSQL started`);
    expect(alive()).toBe(true);
  }, 60_000);
});

describe('the gateway process killed (-9) in the middle of deactivations', () => {
  it('leaves every user either wholly deactivated (tasks paused, keys revoked, audited) or untouched', async () => {
    const client = new pg.Client({ connectionString: url });
    await client.connect();
    try {
      const { rows: users } = await client.query<{ id: string }>(
        `insert into users (email) select 'victim' || n || '@example.com' from generate_series(1, 60) n returning id`,
      );
      await client.query(
        `insert into tasks (user_id, name, search_query, condition_description, schedule, state)
         select u.id, 'task ' || n, 'query ' || n, 'condition', '0 * * * *', 'active' from users u, generate_series(1, 4) n
         where u.email like 'victim%'`,
      );
      await client.query(
        `insert into api_keys (user_id, name, prefix, key_hash)
         select u.id, 'key ' || n, 'sk_' || substr(md5(u.id::text || n), 1, 8), md5(u.id::text || n) || md5(n::text || u.id)
         from users u, generate_series(1, 2) n where u.email like 'victim%'`,
      );
      const mutation = `mutation($id: ID!) { deactivateUser(id: $id) { tasksPaused } }`;
      const sends = users.map(({ id }) =>
        fetch(`${gateway.url}/graphql`, {
          method: 'POST',
          headers: { 'content-type': 'application/json', authorization: `Bearer ${gateway.adminKey}` },
          body: JSON.stringify({ query: mutation, variables: { id: Buffer.from(`User:${id}`).toString('base64') } }),
        }).then((response) => response.status, () => 0),
      );
      // Kill once some deactivations have committed and others are still running.
      await waitFor(async () => {
        const { rows } = await client.query(`select count(*)::int as n from users where email like 'victim%' and state = 'deactivated'`);
        return rows[0].n >= 3;
      }, { what: 'the first deactivations', timeoutMs: 20_000, intervalMs: 5 });
      gateway.process.kill('SIGKILL');
      await Promise.all(sends);

      const { rows } = await client.query<{ id: string; state: string; active_tasks: number; open_keys: number; audits: number }>(`
        select u.id, u.state,
               (select count(*)::int from tasks t where t.user_id = u.id and t.state = 'active') as active_tasks,
               (select count(*)::int from api_keys k where k.user_id = u.id and k.revoked_at is null) as open_keys,
               (select count(*)::int from audit_log a where a.action = 'user.deactivate' and a.target_id = u.id::text) as audits
        from users u where u.email like 'victim%'`);
      const deactivated = rows.filter((row) => row.state === 'deactivated');
      const untouched = rows.filter((row) => row.state === 'active');
      expect(deactivated.length + untouched.length).toBe(60);
      expect(deactivated.length).toBeGreaterThanOrEqual(3);
      for (const row of deactivated) expect(row).toMatchObject({ active_tasks: 0, open_keys: 0, audits: 1 });
      for (const row of untouched) expect(row).toMatchObject({ active_tasks: 4, open_keys: 2, audits: 0 });
      console.info(`killed with ${deactivated.length} of 60 deactivated`);
    } finally {
      await client.end();
    }
  }, 60_000);
});
