import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from 'prom-client';
import type { Database } from '../db/database';
import { pendingPauseBacklog } from '../domains/schedules/pause-outbox';
import type { LiveFeed } from '../live/live-feed';

// Operation names come from callers; past this many distinct ones, new names are counted as "other".
const MAX_OPERATION_LABELS = 200;

export type Metrics = ReturnType<typeof createMetrics>;

/** The gateway's Prometheus families (see README "Metrics"), in a registry of its own per gateway. */
export function createMetrics() {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry, prefix: 'gateway_process_' });
  const seenOperations = new Set<string>();
  return {
    registry,
    operationDuration: new Histogram({
      name: 'gateway_operation_duration_seconds',
      help: 'GraphQL operations executed, by transport (graphql, rest), operation name or REST route, and type',
      labelNames: ['transport', 'operation', 'type'] as const,
      buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
      registers: [registry],
    }),
    errors: new Counter({
      name: 'gateway_graphql_errors_total',
      help: 'Errors in GraphQL results (GraphQL and REST), by extensions.code (INTERNAL_SERVER_ERROR when it has none)',
      labelNames: ['code'] as const,
      registers: [registry],
    }),
    rateLimitRefusals: new Counter({
      name: 'gateway_rate_limit_refusals_total',
      help: 'Requests refused by the per-user rate limit (HTTP, SSE and REST)',
      registers: [registry],
    }),
    poolAcquire: new Histogram({
      name: 'gateway_db_pool_acquire_seconds',
      help: 'Time to get a connection from the PostgreSQL pool',
      buckets: [0.0005, 0.001, 0.005, 0.01, 0.05, 0.1, 0.5, 1, 5],
      registers: [registry],
    }),
    /** A bounded label for an operation name. */
    operationLabel(name: string | null | undefined): string {
      if (!name) return '(anonymous)';
      if (seenOperations.has(name)) return name;
      if (seenOperations.size >= MAX_OPERATION_LABELS) return 'other';
      seenOperations.add(name);
      return name;
    },
  };
}

/**
 * Families read at scrape time from the pool, the live feed and the schedule-pause outbox. Returns what undoes
 * it: the pool-timing listener lives as long as the database, which may outlive this gateway.
 */
export function observeGatewayState(metrics: Metrics, { database, liveFeed }: { database: Database; liveFeed: LiveFeed }): () => void {
  const registers = [metrics.registry];
  const pool = database.driver.kind === 'postgres' ? database.driver.pool : undefined;
  new Gauge({
    name: 'gateway_db_pool_connections',
    help: 'PostgreSQL pool connections by state (in_use, idle); none on the embedded database',
    labelNames: ['state'] as const,
    registers,
    collect() {
      if (!pool) return;
      this.set({ state: 'in_use' }, pool.totalCount - pool.idleCount);
      this.set({ state: 'idle' }, pool.idleCount);
    },
  });
  new Gauge({
    name: 'gateway_db_pool_waiting',
    help: 'Queries waiting for a PostgreSQL pool connection',
    registers,
    collect() {
      this.set(pool?.waitingCount ?? 0);
    },
  });
  const stopTimingAcquires = database.onAcquire((ms) => metrics.poolAcquire.observe(ms / 1000));
  new Gauge({
    name: 'gateway_live_subscribers',
    help: 'Open subscriptions (graphql-ws and SSE)',
    registers,
    collect() {
      this.set(liveFeed.stats.subscribers);
    },
  });
  new Counter({
    name: 'gateway_live_events_delivered_total',
    help: 'Events delivered to subscribers',
    registers,
    collect() {
      this.reset();
      this.inc(liveFeed.stats.delivered);
    },
  });
  new Counter({
    name: 'gateway_live_subscribers_dropped_total',
    help: 'Subscribers disconnected for falling behind (SUBSCRIBER_TOO_SLOW); their queued events are dropped',
    registers,
    collect() {
      this.reset();
      this.inc(liveFeed.stats.slowDisconnects);
    },
  });
  observeSchedulePauseOutbox(database, registers);
  return stopTimingAcquires;
}

/**
 * The schedule-pause outbox's backlog, read by one statement per scrape (both gauges share it). A scrape never waits
 * for a pooled connection, since an exhausted pool is when metrics matter most: with none free it reports the last
 * value read. One that cannot be read reports both as NaN (unknown) rather than failing or claiming an empty outbox.
 */
function observeSchedulePauseOutbox(database: Database, registers: Registry[]) {
  type Backlog = Awaited<ReturnType<typeof pendingPauseBacklog>>;
  const pool = database.driver.kind === 'postgres' ? database.driver.pool : undefined;
  const connectionFree = () => !pool || pool.idleCount > 0 || pool.totalCount < (pool.options.max ?? 10);
  let last: Backlog | undefined;
  // A scrape calls every collect() synchronously before awaiting any, so both gauges get the one read in flight.
  let reading: Promise<Backlog | undefined> | undefined;
  const backlog = () => {
    if (!connectionFree()) return reading ?? Promise.resolve(last);
    reading ??= pendingPauseBacklog(database.db)
      .then((read) => (last = read), () => (last = undefined))
      .finally(() => (reading = undefined));
    return reading;
  };
  new Gauge({
    name: 'gateway_schedule_pause_outbox_pending',
    help: 'Schedule pauses written by deactivations and not yet accepted by Temporal (all instances share the outbox)',
    registers,
    async collect() {
      const read = await backlog();
      this.set(read ? read.pending : Number.NaN);
    },
  });
  new Gauge({
    name: 'gateway_schedule_pause_outbox_oldest_pending_seconds',
    help: 'Age of the oldest pending schedule pause (0 when none is pending)',
    registers,
    async collect() {
      const read = await backlog();
      this.set(read ? (read.oldestAgeSeconds ?? 0) : Number.NaN);
    },
  });
}
