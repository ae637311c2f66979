/**
 * How `npm start` starts and what it holds: the TypeScript runtime (`tsx src/main.ts`, what `npm start` ran
 * before the build step) against the compiled build (`node src/start.mjs`, running dist/).
 *
 *   npx tsx test/bench/start.ts [--executions 100000 --requests 2000 --concurrency 8 --runs 3]
 *
 * Each mode starts as its own process tree on a seeded PostgreSQL database; printed per mode: time until
 * /healthz answers (median of runs), idle RSS 5 s after that, and the peak RSS of the process tree while
 * serving `executions(first: 100, hours: 24)` with task and user (the executions benchmark's operation).
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { freePort } from '../support/postgres-cluster';
import { percentile } from './percentile';
import { openScaleDatabase } from './scale-database';

const { values: options } = parseArgs({
  options: {
    executions: { type: 'string', default: '100000' },
    requests: { type: 'string', default: '2000' },
    concurrency: { type: 'string', default: '8' },
    runs: { type: 'string', default: '3' },
  },
});
const ADMIN_KEY = `sk_${'b'.repeat(40)}`;
const QUERY = `{ executions(first: 100, filter: { hours: 24 }) { totalCount edges { cursor node { id status conditionMet durationMs startedAt completedAt
  task { id searchQuery } user { id email } } } pageInfo { hasNextPage endCursor } } }`;
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
    let next = 0;
    const loadStarted = performance.now();
    await Promise.all(
      Array.from({ length: Number(options.concurrency) }, async () => {
        while (next < Number(options.requests)) {
          next += 1;
          const response = await fetch(`${url}/graphql`, {
            method: 'POST',
            headers: { 'content-type': 'application/json', authorization: `Bearer ${ADMIN_KEY}` },
            body: JSON.stringify({ query: QUERY }),
          });
          const body = (await response.json()) as { errors?: { message: string }[] };
          if (body.errors) throw new Error(body.errors[0]?.message);
        }
      }),
    );
    const seconds = (performance.now() - loadStarted) / 1000;
    clearInterval(sampler);
    await stop(child);
    console.log(
      `${mode.name}: start ${percentile(startTimes, 0.5).toFixed(0)} ms (runs: ${startTimes.map((ms) => ms.toFixed(0)).join(', ')}), ` +
        `idle RSS ${idle.toFixed(0)} MiB, peak RSS under load ${peak.toFixed(0)} MiB (${options.requests} requests, ${(Number(options.requests) / seconds).toFixed(0)} req/s)`,
    );
  }
} finally {
  await close();
}
