import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runApiKeyCommand } from '../../src/access/api-key-commands';
import { hashApiKey } from '../../src/access/api-keys';
import { openDatabase } from '../../src/db/database';
import { migrateToLatest } from '../../src/db/migrator';
import { runCommand } from '../support/command';
import { createTestDatabase, type TestDatabase } from '../support/database';
import { startTestGateway, type TestGateway } from '../support/gateway';

let database: TestDatabase;
let gateway: TestGateway;

beforeAll(async () => {
  database = await createTestDatabase();
  gateway = await startTestGateway(database);
  await database.db.insertInto('users').values([{ email: 'ops@example.com', role: 'admin' }, { email: 'viewer@example.com', role: 'user' }]).execute();
});
afterAll(async () => {
  await gateway?.stop();
  await database?.close();
});

const status = async (key: string) => (await gateway.post({ query: '{ users(first: 1) { totalCount } }' }, { key })).status;
const auditRows = (action: string) => database.db.selectFrom('audit_log').selectAll().where('action', '=', action).orderBy('created_at').execute();

describe('npm run apikey', () => {
  it('creates a key that works, stores only its hash, and audits the creation in the same transaction', async () => {
    const [key, message] = await runApiKeyCommand(database.db, ['create', '--email', 'ops@example.com', '--name', 'dashboards'], 'apikey-cli:test');
    expect(key).toMatch(/^sk_[A-Za-z0-9_-]{43}$/);
    expect(message).toContain('shown only this once');
    expect(await status(key as string)).toBe(200);
    const stored = await database.db.selectFrom('api_keys').innerJoin('users', 'users.id', 'api_keys.user_id').selectAll('api_keys').where('users.email', '=', 'ops@example.com').executeTakeFirstOrThrow();
    expect(stored).toMatchObject({ name: 'dashboards', prefix: (key as string).slice(0, 11), key_hash: hashApiKey(key as string) });
    expect(JSON.stringify(stored)).not.toContain(key);
    const [audit] = await auditRows('api_key.create');
    expect(audit).toMatchObject({ actor_kind: 'system', actor_user_id: null, actor_credential_id: 'apikey-cli:test', target_type: 'api_key', target_id: stored.id });
    expect(audit?.after).toEqual({ prefix: stored.prefix, name: 'dashboards', userId: stored.user_id, email: 'ops@example.com' });
  });

  it('revokes by prefix (the key stops working) and audits it', async () => {
    const [key] = await runApiKeyCommand(database.db, ['create', '--email', 'ops@example.com'], 'apikey-cli:test');
    const prefix = (key as string).slice(0, 11);
    expect(await runApiKeyCommand(database.db, ['revoke', '--prefix', prefix], 'apikey-cli:test')).toEqual([expect.stringContaining(`Revoked API key ${prefix}`)]);
    expect(await status(key as string)).toBe(401);
    const row = await database.db.selectFrom('api_keys').select(['id', 'revoked_at']).where('prefix', '=', prefix).executeTakeFirstOrThrow();
    expect(row.revoked_at).toBeInstanceOf(Date);
    expect((await auditRows('api_key.revoke')).map((audit) => audit.target_id)).toEqual([row.id]);
    await expect(runApiKeyCommand(database.db, ['revoke', '--prefix', prefix], 'apikey-cli:test')).rejects.toThrow(`No active API key has the prefix ${prefix}`);
  });

  it('warns when the owner is not an admin, and refuses unknown users and bad arguments', async () => {
    const lines = await runApiKeyCommand(database.db, ['create', '--email', 'viewer@example.com'], 'apikey-cli:test');
    expect(lines[2]).toContain('not an admin');
    expect(await status(lines[0] as string)).toBe(403);
    await expect(runApiKeyCommand(database.db, ['create', '--email', 'nobody@example.com'], 'x')).rejects.toThrow('No user has the email nobody@example.com');
    await expect(runApiKeyCommand(database.db, ['create'], 'x')).rejects.toThrow('--email is required');
    await expect(runApiKeyCommand(database.db, ['rotate'], 'x')).rejects.toThrow('Unknown command "rotate"');
  });

  it('leaves no key behind when its audit row cannot be written', async () => {
    await sql`create function refuse_audit() returns trigger language plpgsql as $$ begin raise exception 'audit refused'; end $$`.execute(database.db);
    await sql`create trigger refuse_audit before insert on audit_log for each row execute function refuse_audit()`.execute(database.db);
    const count = async () => Number((await database.db.selectFrom('api_keys').select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow()).n);
    const before = await count();
    try {
      await expect(runApiKeyCommand(database.db, ['create', '--email', 'ops@example.com'], 'x')).rejects.toThrow('audit refused');
      expect(await count()).toBe(before);
    } finally {
      await sql`drop trigger refuse_audit on audit_log`.execute(database.db);
      await sql`drop function refuse_audit()`.execute(database.db);
    }
  });

  it('runs as a command against the configured database and prints the key once', async () => {
    let environment: Record<string, string>;
    let dataDir: string | undefined;
    if (database.url) {
      environment = { DATABASE_URL: database.url };
    } else {
      // The embedded database is single-process: prepare one on disk for the command to open.
      dataDir = mkdtempSync(path.join(tmpdir(), 'apikey-cli-'));
      const onDisk = await openDatabase({ kind: 'pglite', dataDir });
      await migrateToLatest(onDisk.db);
      await onDisk.db.insertInto('users').values({ email: 'ops@example.com', role: 'admin' }).execute();
      await onDisk.close();
      environment = { PGLITE_DATA_DIR: dataDir };
    }
    try {
      const created = await runCommand('src/access/apikey-cli.ts', ['create', '--email', 'ops@example.com', '--name', 'cli'], environment);
      expect(created.code).toBe(0);
      const [key] = created.stdout.trim().split('\n');
      expect(key).toMatch(/^sk_[A-Za-z0-9_-]{43}$/);
      const check = database.url ? database : await openDatabase({ kind: 'pglite', dataDir });
      const row = await check.db.selectFrom('api_keys').select(['name', 'key_hash']).where('prefix', '=', (key as string).slice(0, 11)).executeTakeFirstOrThrow();
      expect(row).toEqual({ name: 'cli', key_hash: hashApiKey(key as string) });
      if (!database.url) await check.close();
      const usage = await runCommand('src/access/apikey-cli.ts', [], environment);
      expect(usage).toMatchObject({ code: 1, stdout: expect.stringContaining('npm run apikey -- create --email') });
    } finally {
      if (dataDir) rmSync(dataDir, { recursive: true, force: true });
    }
  }, 120_000); // two tsx processes and, on PGlite, an on-disk database opened three times
});
