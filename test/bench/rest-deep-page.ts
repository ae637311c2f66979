/**
 * REST page 1 vs a deep page of /admin/executions on the 1M-execution scale data (PostgreSQL 15):
 * wall time of the REST request, and EXPLAIN (ANALYZE, BUFFERS) of every statement it ran.
 *
 *   npx tsx test/bench/rest-deep-page.ts            # starts a throwaway cluster, seeds 1M executions (about a minute)
 *   BENCH_DATABASE_URL=postgres://… npx tsx …       # reuses a database (seeded when empty)
 */
import type { LogEvent } from 'kysely';
import pg from 'pg';
import { startTestGateway } from '../support/gateway';
import { percentile } from './percentile';
import { openScaleDatabase } from './scale-database';

const EXECUTIONS = Number(process.env.BENCH_EXECUTIONS ?? 1_000_000);
const { database, close } = await openScaleDatabase(EXECUTIONS);
try {
  const gateway = await startTestGateway(database);
  const pool = (database.driver as { pool: pg.Pool }).pool;

  async function call(path: string) {
    const started = performance.now();
    const { status, body, text } = await gateway.rest(path);
    if (status !== 200) throw new Error(`${path}: ${status} ${text}`);
    return { ms: performance.now() - started, body };
  }

  const scenarios = [
    ['last 24 hours', '/admin/executions?limit=50&page=1', '/admin/executions?limit=50&page=200'],
    ['last 30 days', '/admin/executions?hours=720&limit=50&page=1', '/admin/executions?hours=720&limit=50&page=200'],
    ['last 30 days, page 2000', '/admin/executions?hours=720&limit=50&page=1', '/admin/executions?hours=720&limit=50&page=2000'],
    ['failed, last 30 days', '/admin/executions?status=failed&hours=720&limit=50&page=1', '/admin/executions?status=failed&hours=720&limit=50&page=200'],
  ] as const;

  for (const [name, ...paths] of scenarios) {
    console.log(`\n=== ${name}`);
    for (const path of paths) {
      await call(path); // warm
      const times: number[] = [];
      let total = 0;
      for (let run = 0; run < 7; run += 1) {
        const { ms, body } = await call(path);
        times.push(ms);
        total = body.total ?? 0;
      }
      const statements: LogEvent[] = [];
      const stop = database.onQuery((event) => statements.push(event));
      const { body } = await call(path);
      stop();
      console.log(`${path}: median ${percentile(times, 0.5).toFixed(1)} ms over 7 requests (total ${total}, rows ${body.executions?.length})`);
      for (const event of statements) {
        const text = event.query.sql;
        if (!/from "executions"/.test(text) || /api_keys/.test(text)) continue;
        const { rows } = await pool.query(`explain (analyze, buffers) ${text}`, [...event.query.parameters]);
        const plan: string[] = rows.map((row: Record<string, string>) => row['QUERY PLAN'] as string);
        const kind = /offset/i.test(text) ? 'offset seek' : /count\(\*\)/.test(text) ? 'count' : /limit/i.test(text) ? 'page' : 'other';
        const scans = plan.filter((line) => /Scan/.test(line)).map((line) => line.trim().replace(/\s+\(cost=[^)]*\)/, '')).slice(0, 2);
        const buffers = plan.find((line) => /Buffers:/.test(line))?.trim();
        console.log(`  ${kind.padEnd(13)} ${plan.at(-1)!.trim()}  | ${scans.join(' / ')}${buffers ? `  | ${buffers}` : ''}`);
      }
    }
  }

  console.log('\n=== for comparison: plain OFFSET of whole rows (what page 200 would cost without the seek)');
  for (const offset of [0, 9_950, 99_950]) {
    const { rows } = await pool.query(
      `explain (analyze, buffers) select * from executions where started_at >= now() - interval '720 hours'
       order by started_at desc, id desc offset ${offset} limit 50`,
    );
    console.log(`  offset ${offset}: ${rows.at(-1)['QUERY PLAN'].trim()}`);
  }
  await gateway.stop();
} finally {
  await close();
}
