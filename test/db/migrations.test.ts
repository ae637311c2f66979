import { readdirSync } from 'node:fs';
import { Migrator } from 'kysely/migration';
import { describe, expect, it } from 'vitest';
import { migrations } from '../../migrations';
import { openDatabase } from '../../src/db/database';
import { migrateToLatest } from '../../src/db/migrator';

describe('migrations/index.ts', () => {
  it('lists every migration file, in order', () => {
    const files = readdirSync(new URL('../../migrations', import.meta.url))
      .filter((file) => /^\d{4}_.+\.ts$/.test(file))
      .map((file) => file.replace(/\.ts$/, ''));
    expect(Object.keys(migrations)).toEqual(files.sort());
  });

  it('applies a migration numbered below the latest one a database already has', async () => {
    const database = await openDatabase({ kind: 'pglite', dataDir: undefined });
    try {
      // A database migrated before 0021 landed: everything else, 0043 included.
      const { '0021_principal_changed_events': _later, ...earlier } = migrations;
      const before = await new Migrator({ db: database.db, provider: { getMigrations: async () => earlier } }).migrateToLatest();
      expect(before.error).toBeUndefined();
      expect(await migrateToLatest(database.db)).toEqual(['0021_principal_changed_events']);
    } finally {
      await database.close();
    }
  }, 120_000);
});
