import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { type Database, openDatabase } from '../../../src/db/database';
import { migrateToLatest } from '../../../src/db/migrator';
import { runCommand } from '../../support/command';
import { createTestDatabase, type TestDatabase } from '../../support/database';

const directories: string[] = [];
afterAll(() => {
  for (const directory of directories) rmSync(directory, { recursive: true, force: true });
});

/** The suite's PostgreSQL database when there is one; otherwise an embedded database in a directory of its own (the command opens it itself). */
async function databaseForCommand(): Promise<{ open: () => Promise<Database | TestDatabase>; environment: Record<string, string>; done: (db: Database) => Promise<void> }> {
  const suite = await createTestDatabase();
  if (suite.url) return { open: async () => suite, environment: { DATABASE_URL: suite.url }, done: async () => {} };
  await suite.close();
  const directory = mkdtempSync(path.join(tmpdir(), 'classify-cli-'));
  directories.push(directory);
  const dataDir = path.join(directory, 'pglite');
  return {
    open: async () => {
      const database = await openDatabase({ kind: 'pglite', dataDir });
      await migrateToLatest(database.db);
      return database;
    },
    environment: { PGLITE_DATA_DIR: dataDir },
    done: (db) => db.close(),
  };
}

describe('npm run classify', () => {
  it('re-runs the classifier over stored reports, fixing stale labels and classifying unclassified ones', async () => {
    const target = await databaseForCommand();
    let database = await target.open();
    const [stale] = await database.db.insertInto('feedback').values({
      body: '../../../../etc/shadow', source: 'api', classification: 'fuzz', signal_category: 'security_probe', severity: 1,
      duplicate_fingerprint: '0000000000000000', classified_at: new Date(), classifier_version: 0, state: 'triaged',
    }).returning('id').execute();
    const [pending] = await database.db.insertInto('feedback').values({ body: 'Dark mode please', source: 'web' }).returning('id').execute();
    await target.done(database as Database);

    const result = await runCommand('src/domains/feedback/classify-cli.ts', [], target.environment);
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/^Classified 1 unclassified reports; re-read 2, 1 changed, in [\d.]+ s\n$/);

    database = await target.open();
    const rows = await database.db.selectFrom('feedback').select(['id', 'classification', 'signal_category', 'severity', 'state', 'classifier_version']).orderBy('body').execute(); // '../…' sorts before 'Dark…'
    expect(rows).toEqual([
      { id: stale!.id, classification: 'path', signal_category: 'security_probe', severity: 3, state: 'triaged', classifier_version: 1 },
      { id: pending!.id, classification: null, signal_category: 'short_actionable', severity: 2, state: 'open', classifier_version: 1 },
    ]);
    await (database as Database).close();
    // Two embedded-database migrations and a process of its own: minutes on a loaded machine.
  }, 300_000);
});
