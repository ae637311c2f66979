import pg from 'pg';
import type { TestProject } from 'vitest/node';
import { openDatabase } from '../../src/db/database';
import { migrateToLatest } from '../../src/db/migrator';
import { type PostgresCluster, startPostgresCluster } from './postgres-cluster';

export const TEMPLATE_DATABASE = 'gateway_template';

declare module 'vitest' {
  export interface ProvidedContext {
    /** Which database the suite runs on. */
    databaseKind: 'pglite' | 'postgres';
    /** A superuser URL of the PostgreSQL server (only for databaseKind postgres). */
    postgresUrl: string;
  }
}

/**
 * TEST_DATABASE=postgres runs the suite on PostgreSQL: TEST_DATABASE_URL names a server to use,
 * otherwise a throwaway cluster is started here and destroyed at the end, also when tests fail.
 * Each test file then gets its own database, copied from a migrated template.
 */
export default async function setup(project: TestProject) {
  const kind = process.env.TEST_DATABASE === 'postgres' || process.env.TEST_DATABASE_URL ? 'postgres' : 'pglite';
  project.provide('databaseKind', kind);
  project.provide('postgresUrl', '');
  if (kind === 'pglite') return;

  let cluster: PostgresCluster | undefined;
  const serverUrl = process.env.TEST_DATABASE_URL ?? (cluster = await startPostgresCluster()).url();
  const admin = new pg.Client({ connectionString: serverUrl });
  await admin.connect();
  await admin.query(`drop database if exists ${TEMPLATE_DATABASE}`);
  await admin.query(`create database ${TEMPLATE_DATABASE}`);
  await admin.end();
  const templateUrl = new URL(serverUrl);
  templateUrl.pathname = `/${TEMPLATE_DATABASE}`;
  const template = await openDatabase({ kind: 'postgres', url: templateUrl.toString() }, { poolSize: 1 });
  await migrateToLatest(template.db);
  await template.close();
  project.provide('postgresUrl', serverUrl);

  return () => cluster?.destroy();
}
