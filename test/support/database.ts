import { randomBytes } from 'node:crypto';
import { sql } from 'kysely';
import pg from 'pg';
import { inject } from 'vitest';
import { type Database, openDatabase } from '../../src/db/database';
import { migrateToLatest } from '../../src/db/migrator';

const TEMPLATE_DATABASE = 'gateway_template';

export interface TestDatabase extends Database {
  /** The URL of this file's own PostgreSQL database (undefined on PGlite). */
  url?: string;
  /** Removes every row, for a clean slate between tests. */
  truncateAll(): Promise<void>;
}

async function withServer<T>(run: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: inject('postgresUrl') });
  await client.connect();
  try {
    return await run(client);
  } finally {
    await client.end();
  }
}

function databaseUrl(name: string) {
  const url = new URL(inject('postgresUrl'));
  url.pathname = `/${name}`;
  return url.toString();
}

/**
 * A migrated, empty database of the kind the suite runs on: an in-memory PGlite, or on PostgreSQL
 * a database of this test file's own, copied from the migrated template. Open one per file.
 */
export async function createTestDatabase(): Promise<TestDatabase> {
  let database: Database;
  let url: string | undefined;
  let drop = async () => {};
  if (inject('databaseKind') === 'postgres') {
    const name = `test_${randomBytes(6).toString('hex')}`;
    await withServer((client) => client.query(`create database ${name} template ${TEMPLATE_DATABASE}`));
    url = databaseUrl(name);
    database = await openDatabase({ kind: 'postgres', url });
    drop = () => withServer((client) => client.query(`drop database if exists ${name} with (force)`)).then(() => {});
  } else {
    database = await openDatabase({ kind: 'pglite', dataDir: undefined });
    await migrateToLatest(database.db);
  }
  return {
    ...database,
    url,
    async truncateAll() {
      const { rows } = await sql<{ tablename: string }>`
        select tablename from pg_tables where schemaname = current_schema() and tablename not like 'kysely_%'`.execute(database.db);
      await sql`truncate ${sql.join(rows.map((row) => sql.table(row.tablename)))} cascade`.execute(database.db);
    },
    async close() {
      await database.close();
      await drop();
    },
  };
}
