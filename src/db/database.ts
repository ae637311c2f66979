import { mkdirSync } from 'node:fs';
import { PGlite } from '@electric-sql/pglite';
import { Kysely, type LogEvent, PGliteDialect, PostgresDialect } from 'kysely';
import pg from 'pg';
import type { Config } from '../config';
import { lockDataDirectory } from './data-directory-lock';
import type { Database as Tables } from './tables';

const INT8_OID = 20;
// Counts and money (bigint minor units) stay far below 2^53, so both drivers read int8 as a number.
pg.types.setTypeParser(INT8_OID, Number);

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
  close(): Promise<void>;
}

export async function openDatabase(options: Config['database'], { poolSize = 10 } = {}): Promise<Database> {
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

  if (options.kind === 'postgres') {
    const pool = new pg.Pool({ connectionString: options.url, max: poolSize });
    // An idle client losing its server (restart, failover) must not crash the process.
    pool.on('error', () => {});
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
    return { db, driver: { kind: 'postgres', url: options.url, pool }, onQuery, onAcquire, close: () => db.destroy() };
  }

  let unlock = () => {};
  if (options.dataDir) {
    mkdirSync(options.dataDir, { recursive: true });
    unlock = lockDataDirectory(options.dataDir);
  }
  try {
    const pglite = await PGlite.create(options.dataDir, { parsers: { [INT8_OID]: Number } });
    const db = new Kysely<Tables>({ dialect: new PGliteDialect({ pglite }), log });
    const close = async () => {
      await db.destroy();
      unlock();
    };
    return { db, driver: { kind: 'pglite', pglite }, onQuery, onAcquire, close };
  } catch (error) {
    unlock();
    throw error;
  }
}
