// Cost of the access path per request: npx tsx test/bench/auth.ts [requests]
// An admin API key runs `{ __typename }` (no resolver touches the database) sequentially against a real gateway on
// an in-memory PGlite, with in-process rate limits and then with a redis-server started here.
import { openDatabase } from '../../src/db/database';
import { migrateToLatest } from '../../src/db/migrator';
import { startTestGateway } from '../support/gateway';
import { startRedis } from '../support/redis';
import { percentile } from './percentile';

const requests = Number(process.argv[2] ?? 1000);

async function run(label: string, environment: Record<string, string>) {
  const database = await openDatabase({ kind: 'pglite', dataDir: undefined });
  await migrateToLatest(database.db);
  const gateway = await startTestGateway(database, { RATE_LIMIT_PER_MINUTE: '1000000', RATE_LIMIT_PER_HOUR: '1000000', ...environment });
  while (environment.REDIS_URL && gateway.access.rateLimiter.store() !== 'redis') await new Promise((resolve) => setTimeout(resolve, 20));
  const call = () => gateway.post({ query: '{ __typename }' }).then((response) => response.text());
  for (let index = 0; index < 50; index += 1) await call();
  await gateway.flushAudit();
  let statements = 0;
  const stopCounting = database.onQuery(() => (statements += 1));
  const times: number[] = [];
  const started = performance.now();
  for (let index = 0; index < requests; index += 1) {
    const before = performance.now();
    await call();
    times.push(performance.now() - before);
  }
  const elapsed = performance.now() - started;
  await gateway.flushAudit();
  stopCounting();
  const at = (fraction: number) => percentile(times, fraction).toFixed(2);
  console.log(`${label}: ${requests} requests, ${(requests / (elapsed / 1000)).toFixed(0)}/s, p50 ${at(0.5)} ms, p95 ${at(0.95)} ms, ${(statements / requests).toFixed(2)} SQL statements per request (incl. batched audit inserts)`);
  await gateway.stop();
  await database.close();
}

await run('memory limiter', {});
const redis = await startRedis();
try {
  await run('redis limiter ', { REDIS_URL: redis.url });
} finally {
  await redis.stop();
}
