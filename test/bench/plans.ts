/**
 * Load and plan benchmark of the GraphQL core on PostgreSQL scale data.
 *
 *   npm run bench:plans                            # 1,000,000 executions, throwaway cluster
 *   npm run bench:plans -- --executions 100000 --requests 100 --concurrency 4
 *   BENCH_DATABASE_URL=postgres://… npm run bench:plans  # an existing database (seeded when empty)
 *
 * Prints per operation: requests per second, p50/p99 latency, SQL statements per request, and the
 * EXPLAIN ANALYZE summary of every statement the operation runs.
 */
import { loadavg } from 'node:os';
import { parseArgs } from 'node:util';
import pg from 'pg';
import { startTestGateway } from '../support/gateway';
import { isBackgroundBookkeeping } from '../support/statements';
import { percentile } from './percentile';
import { openScaleDatabase } from './scale-database';

const { values: options } = parseArgs({
  options: {
    executions: { type: 'string', default: process.env.BENCH_EXECUTIONS ?? '1000000' },
    requests: { type: 'string', default: process.env.BENCH_REQUESTS ?? '200' },
    concurrency: { type: 'string', default: process.env.BENCH_CONCURRENCY ?? '8' },
  },
});
const executions = Number(options.executions);
const requests = Number(options.requests);
const concurrency = Number(options.concurrency);

interface Operation {
  name: string;
  query: string;
  variables?: Record<string, unknown>;
}

const OPERATIONS: Operation[] = [
  {
    name: 'stats',
    query: `{ stats { users { total active30d new7d } tasks { total active paused } executions { total24h success24h failed24h avgDurationMs }
               notifications { sent24h sent7d } popularQueries(limit: 10) { query count } } }`,
  },
  {
    name: 'users(first: 100) with all counts',
    query: `{ users(first: 100) { totalCount edges { cursor node { id email clerkUserId state createdAt lastLogin
               tasksCount activeTasksCount executions24h notifications7d } } pageInfo { hasNextPage endCursor } } }`,
  },
  {
    name: 'executions(first: 100, hours: 24) with task and user',
    query: `{ executions(first: 100, filter: { hours: 24 }) { totalCount edges { cursor node { id status conditionMet durationMs startedAt completedAt
               task { id searchQuery } user { id email } } } pageInfo { hasNextPage endCursor } } }`,
  },
  {
    name: 'executions(first: 100) all time, totalCount',
    query: `{ executions(first: 100) { totalCount edges { node { id status startedAt task { searchQuery } user { email } } } } }`,
  },
  {
    name: 'executions(first: 50, FAILED, hours: 6)',
    query: `{ executions(first: 50, filter: { status: FAILED, hours: 6 }) { totalCount edges { node { id startedAt error { errorType errorMessage } } } } }`,
  },
  {
    name: 'errors(first: 100, hours: 24) with errorTypes',
    query: `{ errors(first: 100, filter: { hours: 24 }) { totalCount errorTypes { errorType count } edges { node { executionId userEmail searchQuery
               errorMessage errorType retryCount willRetry occurredAt task { id } } } } }`,
  },
  {
    name: 'errors(first: 100, RateLimitError, hours: 168)',
    query: `{ errors(first: 100, filter: { hours: 168, errorType: "RateLimitError" }) { totalCount errorTypes { errorType count } edges { node { executionId occurredAt } } } }`,
  },
  {
    name: 'searchQueries(first: 100)',
    query: `{ searchQueries(first: 100) { totalCount edges { node { searchQuery totalTasks activeTasks totalExecutions successRate avgDurationMs } } } }`,
  },
  {
    name: 'users(first: 100) with nested tasks and executions',
    query: `{ users(first: 100) { edges { node { email tasks(first: 3) { totalCount edges { node { name executions(first: 2) { edges { node { status } } } } } }
               executions(first: 5, filter: { hours: 168 }) { totalCount edges { node { status startedAt } } } } } } }`,
  },
  {
    name: 'tasks(first: 100) with owner',
    query: `{ tasks(first: 100) { totalCount edges { node { id name searchQuery cron state owner { email } } } } }`,
  },
];

const { database, url, close } = await openScaleDatabase(executions);
try {
  const gateway = await startTestGateway(database);

  const post = async (operation: Operation) => {
    const { errors } = await gateway.graphql(operation.query, operation.variables);
    if (errors) throw new Error(`${operation.name}: ${errors[0]?.message}`);
  };

  const explainer = new pg.Client({ connectionString: url });
  await explainer.connect();

  console.log(`\n${requests} requests per operation, ${concurrency} concurrent, on PostgreSQL (${executions.toLocaleString('en')} executions); load average ${loadavg()[0]?.toFixed(1)}\n`);
  for (const operation of OPERATIONS) {
    const statements: { sql: string; parameters: readonly unknown[] }[] = [];
    const stop = database.onQuery((event) => statements.push({ sql: event.query.sql, parameters: event.query.parameters }));
    await post(operation);
    stop();
    // The access layer's background writes (batched audit rows, last_used_at) are no part of the operation.
    const measured = statements.filter((statement) => !isBackgroundBookkeeping(statement.sql));

    const latencies: number[] = [];
    let next = 0;
    const started = performance.now();
    await Promise.all(
      Array.from({ length: concurrency }, async () => {
        while (next < requests) {
          next += 1;
          const begin = performance.now();
          await post(operation);
          latencies.push(performance.now() - begin);
        }
      }),
    );
    const seconds = (performance.now() - started) / 1000;
    console.log(`${operation.name}`);
    console.log(`  ${(latencies.length / seconds).toFixed(1)} req/s   p50 ${percentile(latencies, 0.5).toFixed(1)} ms   p99 ${percentile(latencies, 0.99).toFixed(1)} ms   ${measured.length} SQL statements/request (1 of them authentication)`);
    for (const statement of measured) {
      const { rows } = await explainer.query(`explain (analyze, buffers) ${statement.sql}`, statement.parameters as unknown[]);
      const plan = rows.map((row: Record<string, string>) => row['QUERY PLAN'] ?? '');
      const time = plan.find((line) => line.startsWith('Execution Time'))?.replace('Execution Time: ', '') ?? '?';
      const scans = [...new Set(plan.map((line) => /((?:Parallel )?(?:Index Only Scan|Index Scan|Seq Scan|Bitmap Heap Scan|Bitmap Index Scan)(?: Backward)?(?: using \S+)? on \S+)/.exec(line)?.[1]).filter(Boolean))];
      console.log(`    ${time.padStart(10)}  ${statement.sql.replace(/\s+/g, ' ').slice(0, 90)}${statement.sql.length > 90 ? '…' : ''}`);
      console.log(`                ${scans.join('; ')}`);
    }
  }
  await explainer.end();
  await gateway.stop();
} finally {
  await close();
}
