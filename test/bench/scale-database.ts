import pg from 'pg';
import { type Database, openDatabase } from '../../src/db/database';
import { migrateToLatest } from '../../src/db/migrator';
import { isDatabaseEmpty, seed, seedSizeFor } from '../../src/db/seed';
import { type PostgresCluster, startPostgresCluster } from '../support/postgres-cluster';

/**
 * The PostgreSQL database a benchmark runs on: BENCH_DATABASE_URL when set, otherwise a database in a
 * throwaway cluster. Migrated, and seeded with `executions` (other tables in proportion) when empty.
 */
export async function openScaleDatabase(
  executions: number,
  { poolSize = 10, clusterSettings = {} }: { poolSize?: number; clusterSettings?: Record<string, string> } = {},
): Promise<{ database: Database; url: string; close(): Promise<void> }> {
  let cluster: PostgresCluster | undefined;
  let url = process.env.BENCH_DATABASE_URL;
  if (!url) {
    cluster = await startPostgresCluster({ settings: clusterSettings });
    const admin = new pg.Client({ connectionString: cluster.url() });
    await admin.connect();
    await admin.query('create database bench');
    await admin.end();
    url = cluster.url('bench');
  }
  const database = await openDatabase({ kind: 'postgres', url }, { poolSize });
  await migrateToLatest(database.db);
  if (await isDatabaseEmpty(database.db)) {
    const started = performance.now();
    await seed(database.db, seedSizeFor(executions));
    console.log(`seeded ${executions.toLocaleString('en')} executions in ${((performance.now() - started) / 1000).toFixed(1)} s`);
  }
  return {
    database,
    url,
    async close() {
      await database.close();
      cluster?.destroy();
    },
  };
}
