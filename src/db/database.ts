import { mkdirSync } from 'node:fs';
import type { PGlite } from '@electric-sql/pglite';
import { Kysely, type LogEvent, PGliteDialect, PostgresDialect } from 'kysely';
import pg from 'pg';
import type { Logger } from '../core/logger';
import { lockDataDirectory } from './data-directory-lock';
import type { Database as Tables } from './tables';

const INT8_OID = 20;
// Counts and money (bigint minor units) stay far below 2^53, so both drivers read int8 as a number.
pg.types.setTypeParser(INT8_OID, Number);

/**
 * A server restart or failover ends every connection with an 'error' event; pg-pool listens only while a client is
 * idle, so one lost while checked out (mid-transaction, between statements) would crash the process. Every client
 * gets a listener for its whole life; the pool drops a broken client when it is released and opens a new one on
 * demand. Each lost connection is logged once.
 */
function watchConnections(pool: pg.Pool, log: Logger | undefined) {
  const reported = new WeakSet<object>();
  const lost = (error: Error, client: object) => {
    if (reported.has(client)) return;
    reported.add(client);
    log?.warn({ err: { message: error.message, code: (error as { code?: string }).code } }, 'database connection lost; the pool replaces it');
  };
  pool.on('connect', (client) => client.on('error', (error) => lost(error, client)));
  pool.on('error', lost);
}

export type QueryListener = (event: LogEvent) => void;

interface DatabaseHandles {
  /** Raw driver handles, for what Kysely does not model (LISTEN, bulk COPY, dumps). */
  driver: { kind: 'postgres'; url: string; pool: pg.Pool } | { kind: 'pglite'; pglite: PGlite };
}

export interface Database extends DatabaseHandles {
  db: Kysely<Tables>;
  /** Observe every statement Kysely runs (used by statement-count tests and benchmarks). */
  onQuery(listener: QueryListener): () => void;
  /** Observe how long each PostgreSQL pool checkout waited, in ms (never called on PGlite). */
  onAcquire(listener: (ms: number) => void): () => void;
  /** How many statement and checkout listeners are registered (a gateway that stopped must have removed its own). */
  listenerCounts(): { query: number; acquire: number };
  close(): Promise<void>;
}

export type DatabaseOptions =
  | { kind: 'postgres'; url: string; poolSize?: number; acquireTimeoutMs?: number }
  | { kind: 'pglite'; dataDir?: string | undefined };

export const DEFAULT_POOL_SIZE = 10;
export const DEFAULT_ACQUIRE_TIMEOUT_MS = 2_000;

/**
 * `poolSize` (DATABASE_POOL_SIZE) bounds the pool; a statement waits at most `acquireTimeoutMs`
 * (DATABASE_ACQUIRE_TIMEOUT_MS) for a connection, then fails as "database unavailable" (503, src/db/availability.ts).
 * The second argument overrides the pool size (command-line tools and tests that need only one connection).
 */
export async function openDatabase(options: DatabaseOptions, overrides: { poolSize?: number; log?: Logger } = {}): Promise<Database> {
  const listeners = new Set<QueryListener>();
  const log = (event: LogEvent) => {
    for (const listener of listeners) listener(event);
  };
  const onQuery = (listener: QueryListener) => {
    listeners.add(listener);
    return () => listeners.delete(listener);
  };

  const acquireListeners = new Set<(ms: number) => void>();
  const onAcquire = (listener: (ms: number) => void) => {
    acquireListeners.add(listener);
    return () => acquireListeners.delete(listener);
  };
  const listenerCounts = () => ({ query: listeners.size, acquire: acquireListeners.size });

  if (options.kind === 'postgres') {
    const pool = new pg.Pool({
      connectionString: options.url,
      max: overrides.poolSize ?? options.poolSize ?? DEFAULT_POOL_SIZE,
      connectionTimeoutMillis: options.acquireTimeoutMs ?? DEFAULT_ACQUIRE_TIMEOUT_MS,
      application_name: 'admin-gateway',
    });
    watchConnections(pool, overrides.log);
    // The pool as Kysely sees it, with each checkout timed.
    const timedPool = {
      Client: pg.Client,
      options: pool.options,
      async connect() {
        const started = performance.now();
        const client = await pool.connect();
        for (const listener of acquireListeners) listener(performance.now() - started);
        return client;
      },
      end: () => pool.end(),
    };
    const db = new Kysely<Tables>({ dialect: new PostgresDialect({ pool: timedPool }), log });
    return { db, driver: { kind: 'postgres', url: options.url, pool }, onQuery, onAcquire, listenerCounts, close: () => db.destroy() };
  }

  let unlock = () => {};
  if (options.dataDir) {
    mkdirSync(options.dataDir, { recursive: true });
    unlock = lockDataDirectory(options.dataDir);
  }
  try {
    // Loaded only for the embedded database: a gateway on PostgreSQL never carries PGlite.
    const { PGlite } = await import('@electric-sql/pglite');
    const pglite = await PGlite.create(options.dataDir, { parsers: { [INT8_OID]: Number } });
    const db = new Kysely<Tables>({ dialect: new PGliteDialect({ pglite }), log });
    const close = async () => {
      await db.destroy();
      unlock();
    };
    return { db, driver: { kind: 'pglite', pglite }, onQuery, onAcquire, listenerCounts, close };
  } catch (error) {
    unlock();
    throw error;
  }
}
