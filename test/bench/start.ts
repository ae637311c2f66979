/**
 * How `npm start` starts and what it holds: the TypeScript runtime (`tsx src/main.ts`, what `npm start` ran
 * before the build step) against the compiled build (`node src/start.mjs`, running dist/ as `npm start` does;
 * built beforehand, so the start does not include a build).
 *
 *   npx tsx test/bench/start.ts [--executions 100000 --seconds 10 --connections 10 --runs 3]
 *
 * Each mode starts as its own process tree on a seeded PostgreSQL database; printed per mode: time until
 * /healthz answers (median of runs), idle RSS 5 s after that, and the peak RSS of the process tree while
 * autocannon (test/bench/peers, its own process) sends `executions(first: 50)` with task and user (the executions
 * case of npm run bench) for `--seconds` over `--connections`.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import { parseArgs } from 'node:util';
import { build, staleReason } from '../../src/build.mjs';
import { freePort } from '../support/postgres-cluster';
import { percentile } from './percentile';
import { openScaleDatabase } from './scale-database';
import { installPeers, LoadGenerator } from './side-by-side/processes';

const { values: options } = parseArgs({
  options: {
    executions: { type: 'string', default: '100000' },
    seconds: { type: 'string', default: '10' },
    connections: { type: 'string', default: '10' },
    runs: { type: 'string', default: '3' },
  },
});
const ADMIN_KEY = `sk_${'b'.repeat(40)}`;
const QUERY = `{ executions(first: 50) { edges { cursor node { databaseId status startedAt durationMs task { searchQuery } user { email } } } pageInfo { hasNextPage endCursor } } }`;
const MODES = [
  { name: 'tsx src/main.ts (before)', command: ['node_modules/.bin/tsx', 'src/main.ts'] },
  { name: 'node src/start.mjs (compiled)', command: [process.execPath, 'src/start.mjs'] },
];

/** Resident set size of a process and all its descendants, in MiB (Linux /proc). */
function treeRssMiB(root: number): number {
  const parents = new Map<number, number>();
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = readFileSync(`/proc/${entry}/stat`, 'utf8');
      parents.set(Number(entry), Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]));
    } catch {
      // the process ended meanwhile
    }
  }
  const tree = new Set([root]);
  for (let grown = true; grown; ) {
    grown = false;
    for (const [pid, parent] of parents) if (tree.has(parent) && !tree.has(pid)) (tree.add(pid), (grown = true));
  }
  let kib = 0;
  for (const pid of tree) {
    try {
      kib += Number(/VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1] ?? 0);
    } catch {
      // ended
    }
  }
  return kib / 1024;
}

async function startGateway(command: string[], databaseUrl: string) {
  const port = await freePort();
  const started = performance.now();
  const child = spawn(command[0] as string, command.slice(1), {
    env: { ...process.env, DATABASE_URL: databaseUrl, ADMIN_API_KEY: ADMIN_KEY, PORT: String(port), HOST: '127.0.0.1', LOG_LEVEL: 'warn', AUDIT_DATA_ACCESS: 'false', RATE_LIMIT_PER_MINUTE: '1000000', RATE_LIMIT_PER_HOUR: '1000000' },
    stdio: 'ignore',
  });
  const url = `http://127.0.0.1:${port}`;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`${command.join(' ')} exited with ${child.exitCode}`);
    const ok = await fetch(`${url}/healthz`).then((response) => response.ok, () => false);
    if (ok) break;
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
  return { child, url, startMs: performance.now() - started };
}

function stop(child: ChildProcess) {
  return new Promise((resolve) => {
    child.once('exit', resolve);
    child.kill('SIGTERM');
  });
}

installPeers();
const reason = await staleReason();
if (reason) console.log(`built dist/ in ${(await build()).ms} ms (${reason})`);
const loadGenerator = new LoadGenerator();
const { url: databaseUrl, close } = await openScaleDatabase(Number(options.executions));
try {
  for (const mode of MODES) {
    const startTimes: number[] = [];
    for (let run = 0; run < Number(options.runs); run += 1) {
      const { child, startMs } = await startGateway(mode.command, databaseUrl);
      startTimes.push(startMs);
      await stop(child);
    }
    const { child, url } = await startGateway(mode.command, databaseUrl);
    await new Promise((resolve) => setTimeout(resolve, 5000));
    const idle = treeRssMiB(child.pid as number);
    let peak = idle;
    const sampler = setInterval(() => (peak = Math.max(peak, treeRssMiB(child.pid as number))), 100);
    const load = await loadGenerator.run({
      url: `${url}/graphql`,
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${ADMIN_KEY}` },
      body: JSON.stringify({ query: QUERY }),
      connections: Number(options.connections),
      seconds: Number(options.seconds),
    });
    if (load.non2xx || load.errors) throw new Error(`${mode.name}: ${load.non2xx} non-2xx answers, ${load.errors} errors`);
    clearInterval(sampler);
    await stop(child);
    console.log(
      `${mode.name}: start ${percentile(startTimes, 0.5).toFixed(0)} ms (runs: ${startTimes.map((ms) => ms.toFixed(0)).join(', ')}), ` +
        `idle RSS ${idle.toFixed(0)} MiB, peak RSS under load ${peak.toFixed(0)} MiB (${load.requests} requests in ${load.seconds} s, ${(load.requests / load.seconds).toFixed(0)} req/s, p50 ${load.p50} ms, p99 ${load.p99} ms; load average ${loadavg()[0]?.toFixed(1)})`,
    );
  }
} finally {
  loadGenerator.stop();
  await close();
}
