import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { clearSeededTables, seed, seedSizeFor } from '../../src/db/seed';
import { createTestDatabase, type TestDatabase } from '../support/database';

let database: TestDatabase;
const anchor = new Date('2024-06-01T12:00:00Z');
const size = seedSizeFor(3000);

let migratedIndexes: string[];

async function executionIndexes() {
  const { rows } = await sql<{ indexname: string }>`select indexname from pg_indexes where tablename = 'executions' order by 1`.execute(database.db);
  return rows.map((row) => row.indexname);
}

beforeAll(async () => {
  database = await createTestDatabase();
  migratedIndexes = await executionIndexes();
});
afterAll(() => database?.close());

async function snapshot() {
  const { rows } = await sql<{ digest: string }>`
    select md5(string_agg(id::text || status || started_at::text || coalesce(error_type, ''), ',' order by id)) as digest from executions`.execute(database.db);
  return rows[0]?.digest;
}

describe('seed', () => {
  it('fills every table, in the proportions asked for, with a few percent of typed failures', async () => {
    await seed(database.db, size, anchor);
    const counts = Object.fromEntries(
      await Promise.all(
        ['users', 'tasks', 'executions', 'notifications', 'feedback', 'agent_wallets', 'issuing_cards', 'spend_requests',
          'spend_approvals', 'card_authorizations', 'card_transactions', 'connector_events'].map(async (table) => {
          const { rows } = await sql<{ count: number }>`select count(*)::int as count from ${sql.table(table)}`.execute(database.db);
          return [table, rows[0]?.count] as const;
        }),
      ),
    );
    expect(counts).toMatchObject({ users: size.users, tasks: size.tasks, executions: 3000, notifications: size.notifications, feedback: size.feedback, agent_wallets: size.wallets, connector_events: size.connectorEvents });
    for (const table of ['issuing_cards', 'spend_requests', 'spend_approvals', 'card_authorizations', 'card_transactions']) expect(counts[table]).toBeGreaterThan(0);

    const failures = await sql<{ error_type: string; count: number }>`
      select error_type, count(*)::int as count from executions where status = 'failed' group by error_type order by error_type`.execute(database.db);
    expect(failures.rows.map((row) => row.error_type)).toEqual(['RateLimitError', 'TimeoutError', 'ValidationError']);
    const failed = failures.rows.reduce((sum, row) => sum + row.count, 0);
    expect(failed / 3000).toBeGreaterThan(0.01);
    expect(failed / 3000).toBeLessThan(0.06);

    const window = await sql<{ oldest: Date; newest: Date }>`select min(started_at) as oldest, max(started_at) as newest from executions`.execute(database.db);
    expect(anchor.getTime() - window.rows[0]!.oldest.getTime()).toBeLessThanOrEqual(30 * 86_400_000);
    expect(window.rows[0]!.newest.getTime()).toBeLessThanOrEqual(anchor.getTime());

    const probes = await sql<{ classification: string }>`select distinct classification from feedback where signal_category = 'security_probe' order by 1`.execute(database.db);
    expect(probes.rows.map((row) => row.classification)).toEqual(['command', 'fuzz', 'path', 'script', 'sql', 'template']);
    const bursts = await sql<{ repeated: number }>`
      select count(*)::int as repeated from (select duplicate_fingerprint from feedback where duplicate_fingerprint is not null group by 1 having count(*) > 1) as groups`.execute(database.db);
    expect(bursts.rows[0]!.repeated).toBeGreaterThan(0);
    const declined = await sql<{ count: number }>`select count(*)::int as count from card_authorizations where not approved`.execute(database.db);
    expect(declined.rows[0]!.count).toBeGreaterThan(0);
    const undelivered = await sql<{ count: number }>`select count(*)::int as count from connector_events where delivery_status = 'failed'`.execute(database.db);
    expect(undelivered.rows[0]!.count).toBeGreaterThan(0);
  });

  it('is deterministic for a size and an anchor time', async () => {
    const first = await snapshot();
    await clearSeededTables(database.db);
    await seed(database.db, size, anchor);
    expect(await snapshot()).toBe(first);
  });

  it('gives every row an RFC 9562 UUID (version and variant bits set), as OpenAPI\'s format: uuid promises', async () => {
    const { rows: columns } = await sql<{ table_name: string; column_name: string }>`
      select table_name, column_name from information_schema.columns
      where table_schema = current_schema() and data_type = 'uuid' order by 1, 2`.execute(database.db);
    expect(columns.length).toBeGreaterThan(10);
    const checked = await Promise.all(
      columns.map(async ({ table_name, column_name }) => {
        const column = sql.ref(column_name);
        const { rows } = await sql<{ total: number; invalid: number }>`
          select count(${column})::int as total,
                 count(*) filter (where ${column}::text !~ '^[0-9a-f]{8}-[0-9a-f]{4}-[1-8][0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$')::int as invalid
          from ${sql.table(table_name)}`.execute(database.db);
        return { column: `${table_name}.${column_name}`, ...rows[0]! };
      }),
    );
    expect(checked.filter((entry) => entry.invalid > 0)).toEqual([]);
    expect(checked.find((entry) => entry.column === 'executions.id')?.total).toBeGreaterThan(1000);
  });

  it('rebuilds every executions index it dropped for the bulk load', async () => {
    expect(migratedIndexes).toContain('executions_started_at_id');
    expect(await executionIndexes()).toEqual(migratedIndexes);
  });
});
