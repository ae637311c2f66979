/**
 * The gateway beside PostGraphile v5 and the raw-SQL floor, on one fresh PostgreSQL database (npm run bench).
 *
 *   npm run bench                                        # 1,000,000 executions, throwaway PostgreSQL 15 cluster
 *   npm run bench -- --executions 20000 --duration 3 --repeats 1   # a quick check, about four minutes
 *   BENCH_DATABASE_URL=postgres://… npm run bench        # an existing database (seeded when empty)
 *
 * Every server runs in a process of its own and autocannon in another. Each case is first checked to return the
 * same rows from every server; then runs are interleaved (ours, PostGraphile, floor, repeated) at each connection
 * count, each a warm-up and a measured window. Per case and server: req/s, p50/p99, requests per CPU-second of the
 * server's own process, SQL statements per request (pg_stat_statements), peak RSS; the ratios ours/PostGraphile and
 * ours/floor with their spread. Then the fan-out case. Console tables, and JSON under bench-results/.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { cpus, loadavg } from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import pg from 'pg';
import { freePort } from '../support/postgres-cluster';
import { runFanOut } from './side-by-side/fan-out';
import { CASES, type ServerName } from './side-by-side/cases';
import { installPeers, LoadGenerator, PEERS_DIRECTORY, type ServerProcess, startServer } from './side-by-side/processes';
import { printReport, summarise, type Window } from './side-by-side/report';
import { openScaleDatabase } from './scale-database';

const { values: options } = parseArgs({
  options: {
    executions: { type: 'string', default: process.env.BENCH_EXECUTIONS ?? '1000000' },
    duration: { type: 'string', default: '5', short: 'd' },
    warmup: { type: 'string' },
    repeats: { type: 'string', default: '3' },
    connections: { type: 'string', default: '10,50' },
    cases: { type: 'string', default: '', description: 'only cases whose name contains this' },
    'fan-out-subscribers': { type: 'string', default: '1000' },
    'fan-out-rate': { type: 'string', default: '50' },
    'fan-out-seconds': { type: 'string', default: '20' },
    'fan-out-drain': { type: 'string', default: '30' },
    'no-fan-out': { type: 'boolean', default: false },
    /** The fan-out case alone: no list or REST case, and neither peer is started. */
    'only-fan-out': { type: 'boolean', default: false },
    'no-postgraphile': { type: 'boolean', default: false },
    /** Write a V8 CPU profile of the gateway to bench-results/profiles (summarise it with test/bench/profile-summary.ts). */
    profile: { type: 'boolean', default: false },
  },
});
const positive = (name: keyof typeof options) => {
  const value = Number(options[name]);
  if (!Number.isFinite(value) || value <= 0) throw new Error(`--${name}: must be a positive number, got ${options[name]}`);
  return value;
};
const executions = positive('executions');
const seconds = positive('duration');
const warmup = options.warmup === undefined ? Math.min(2, seconds / 2) : positive('warmup');
const repeats = positive('repeats');
const connectionCounts = String(options.connections).split(',').map(Number);
const onlyFanOut = options['only-fan-out'];
if (onlyFanOut && options['no-fan-out']) throw new Error('--only-fan-out and --no-fan-out exclude each other');
const cases = onlyFanOut ? [] : CASES.filter((benchCase) => benchCase.name.includes(String(options.cases)));

const ADMIN_KEY = `sk_bench_${'0123456789abcdef'.repeat(3)}`;
const UNLIMITED = '1000000000';

installPeers();
const started = new Date();
const scale = await openScaleDatabase(executions, { clusterSettings: { shared_preload_libraries: 'pg_stat_statements' } });
const { url } = scale;

const monitor = new pg.Client({ connectionString: url });
await monitor.connect();
const statementsAvailable = await monitor.query('create extension if not exists pg_stat_statements').then(() => true, (error: Error) => {
  console.log(`pg_stat_statements unavailable (${error.message}): statements per request are not reported`);
  return false;
});
const resetStatements = async () => {
  if (statementsAvailable) await monitor.query('select pg_stat_statements_reset()');
};
/** Statements run in this database since the last reset, less the monitor's own and any matching `exclude`, and the most frequent. */
const countStatements = async (exclude?: RegExp): Promise<{ total: number; top: { calls: number; query: string }[] } | null> => {
  if (!statementsAvailable) return null;
  const { rows } = await monitor.query<{ query: string; calls: string }>(
    `select query, calls from pg_stat_statements where dbid = (select oid from pg_database where datname = current_database())`,
  );
  const counted = rows.filter((row) => !/pg_stat_statements/.test(row.query) && !exclude?.test(row.query))
    .map((row) => ({ calls: Number(row.calls), query: row.query.replace(/\s+/g, ' ').slice(0, 160) }))
    .sort((a, b) => b.calls - a.calls);
  return { total: counted.reduce((sum, row) => sum + row.calls, 0), top: counted.slice(0, 6) };
};

const servers: Partial<Record<ServerName, ServerProcess>> = {};
const load = new LoadGenerator();
try {
  const oursPort = await freePort();
  const profileArguments = options.profile ? ['--cpu-prof', '--cpu-prof-dir', path.join(import.meta.dirname, '..', '..', 'bench-results', 'profiles')] : [];
  // As `npm start` runs it: the compiled build (src/start.mjs builds dist/ first when it is stale).
  servers.ours = await startServer('ours', process.execPath, [...profileArguments, 'src/start.mjs'], {
    env: {
      NODE_ENV: 'production', DATABASE_URL: url, PORT: String(oursPort), HOST: '127.0.0.1', LOG_LEVEL: 'warn', ADMIN_API_KEY: ADMIN_KEY, DEMO_DATA: 'false',
      RATE_LIMIT_PER_MINUTE: UNLIMITED, RATE_LIMIT_PER_HOUR: UNLIMITED,
    },
    url: `http://127.0.0.1:${oursPort}`,
    readyPattern: /Admin gateway ready/,
  });
  if (!options['no-postgraphile'] && !onlyFanOut) {
    servers.postgraphile = await startServer('postgraphile', process.execPath, ['--import', './with-resolvers.mjs', 'postgraphile.mjs'], {
      cwd: PEERS_DIRECTORY,
      env: { NODE_ENV: 'production', DATABASE_URL: url, PORT: '0' },
    });
  }
  if (!onlyFanOut) servers.floor = await startServer('floor', process.execPath, ['floor.mjs'], { cwd: PEERS_DIRECTORY, env: { NODE_ENV: 'production', DATABASE_URL: url, PORT: '0' } });

  const headersFor = (name: ServerName, method: string): Record<string, string> => ({
    ...(method === 'POST' ? { 'content-type': 'application/json' } : {}),
    ...(name === 'ours' ? { authorization: `Bearer ${ADMIN_KEY}` } : {}),
  });

  // Same rows from every server, or the server is left out of that case (and the report says so).
  const mismatches: string[] = [];
  const timed = new Map<string, ServerName[]>();
  for (const benchCase of cases) {
    const names = (Object.keys(benchCase.servers) as ServerName[]).filter((name) => servers[name]);
    let agreeing: ServerName[] = [];
    let last = '';
    for (let attempt = 0; attempt < 3 && agreeing.length < names.length; attempt += 1) {
      const answers = await Promise.all(names.map(async (name) => {
        const request = benchCase.servers[name]!;
        const response = await fetch(`${servers[name]!.url}${request.path}`, { method: request.method, headers: headersFor(name, request.method), body: request.body });
        const text = await response.text();
        if (response.status !== 200) return `status ${response.status}: ${text.slice(0, 300)}`;
        try {
          return JSON.stringify(request.rows(JSON.parse(text)));
        } catch (error) {
          return String(error);
        }
      }));
      agreeing = names.filter((_, index) => answers[index] === answers[0]);
      last = names.map((name, index) => `    ${name}: ${answers[index]!.slice(0, 400)}`).join('\n');
    }
    if (agreeing.length < names.length) mismatches.push(`${benchCase.name}: ${names.filter((name) => !agreeing.includes(name)).join(', ')} differ from ours\n${last}`);
    timed.set(benchCase.name, agreeing);
  }
  if (mismatches.length) console.log(`\nLeft out of timing (rows differ):\n${mismatches.join('\n')}\n`);
  else console.log(`every server returned the same rows for each of ${cases.length} cases`);

  const windows: Window[] = [];
  const total = repeats * connectionCounts.length * cases.reduce((sum, benchCase) => sum + timed.get(benchCase.name)!.length, 0);
  for (let repeat = 1; repeat <= repeats; repeat += 1) {
    for (const connections of connectionCounts) {
      for (const benchCase of cases) {
        for (const name of timed.get(benchCase.name)!) {
          const server = servers[name]!;
          const request = benchCase.servers[name]!;
          const command = { url: `${server.url}${request.path}`, method: request.method, headers: headersFor(name, request.method), body: request.body, connections };
          await load.run({ ...command, seconds: warmup });
          await resetStatements();
          server.resetPeakRss();
          const cpuBefore = server.cpuSeconds();
          const result = await load.run({ ...command, seconds });
          const cpu = server.cpuSeconds() - cpuBefore;
          const statements = await countStatements();
          windows.push({
            case: benchCase.name, server: name, connections, repeat, ...result, cpuSeconds: cpu,
            statementsPerRequest: statements === null || result.requests === 0 ? null : statements.total / result.requests, peakRssMiB: server.peakRssMiB(),
            topStatements: statements?.top,
          });
          const progress = `${windows.length}/${total} windows (${benchCase.name}, ${name}, ${connections} connections, repeat ${repeat})`;
          if (process.stdout.isTTY) process.stdout.write(`\r${progress}`.padEnd(110));
          else if (windows.length % 10 === 0 || windows.length === total) console.log(progress);
        }
      }
    }
  }
  if (process.stdout.isTTY) process.stdout.write('\n');

  const fanOut = options['no-fan-out']
    ? undefined
    : await runFanOut({
        gateway: servers.ours!, apiKey: ADMIN_KEY, databaseUrl: url, subscribers: positive('fan-out-subscribers'), rate: positive('fan-out-rate'),
        seconds: positive('fan-out-seconds'), drainSeconds: positive('fan-out-drain'), resetStatements,
        countStatements: () => countStatements(/^insert into executions/i).then((counted) => counted?.total ?? null),
      });

  const machine = { cores: cpus().length, cpu: cpus()[0]?.model, node: process.version, loadAverageAtEnd: loadavg().map((value) => Number(value.toFixed(2))) };
  const settings = { executions, seconds, warmup, repeats, connections: connectionCounts, database: process.env.BENCH_DATABASE_URL ? 'BENCH_DATABASE_URL' : 'throwaway PostgreSQL 15 cluster' };
  const summary = summarise(windows);
  printReport(summary, fanOut, { started, settings, machine });
  const directory = path.join(import.meta.dirname, '..', '..', 'bench-results');
  mkdirSync(directory, { recursive: true });
  const file = path.join(directory, `side-by-side-${started.toISOString().replace(/[:.]/g, '-')}.json`);
  writeFileSync(file, `${JSON.stringify({ started, finished: new Date(), settings, machine, mismatches, summary, fanOut, windows }, null, 2)}\n`);
  console.log(`\nJSON: ${path.relative(process.cwd(), file)}`);
} finally {
  load.stop();
  for (const server of Object.values(servers)) await server?.stop();
  await monitor.end();
  await scale.close();
}
