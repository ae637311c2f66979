import { type Kysely, sql } from 'kysely';

// Running totals behind Query.stats, kept by statement-level triggers (as task_execution_totals is), so that the
// platform figures cost the same at ten million executions as at one: a time window reads at most one row per hour
// of the window from a totals table, plus the raw rows of the one hour it starts in part-way; counts by state or
// search query read a handful of rows instead of the whole table.

interface Totals {
  /** The totals table. */
  table: string;
  /** The table whose rows are counted. */
  source: string;
  /** The totals table's key and the expression over a source row that gives it. */
  key: { column: string; type: string; of: string };
  /** Which source rows are counted. */
  where?: string;
  /** Each total's column and the amount one source row adds to it. */
  totals: Record<string, string>;
}

const TOTALS: Totals[] = [
  {
    table: 'execution_hourly_totals',
    source: 'executions',
    key: { column: 'hour', type: 'timestamptz', of: `date_trunc('hour', started_at, 'UTC')` },
    totals: {
      executions: '1',
      succeeded: `(status = 'success')::int`,
      failed: `(status = 'failed')::int`,
      duration_sum: 'coalesce(duration_ms, 0)',
      duration_count: '(duration_ms is not null)::int',
    },
  },
  {
    table: 'user_signup_hourly_totals',
    source: 'users',
    key: { column: 'hour', type: 'timestamptz', of: `date_trunc('hour', created_at, 'UTC')` },
    totals: { users: '1' },
  },
  {
    table: 'user_login_hourly_totals',
    source: 'users',
    key: { column: 'hour', type: 'timestamptz', of: `date_trunc('hour', last_login_at, 'UTC')` },
    where: 'last_login_at is not null',
    totals: { users: '1' },
  },
  {
    table: 'user_notification_hourly_totals',
    source: 'notifications',
    key: { column: 'hour', type: 'timestamptz', of: `date_trunc('hour', created_at, 'UTC')` },
    where: `audience = 'user'`,
    totals: { notifications: '1' },
  },
  { table: 'task_state_totals', source: 'tasks', key: { column: 'state', type: 'text', of: 'state' }, totals: { tasks: '1' } },
  { table: 'search_query_task_totals', source: 'tasks', key: { column: 'search_query', type: 'text', of: 'search_query' }, totals: { tasks: '1' } },
];

const CHANGED_ROWS = {
  inserted: { referencing: 'new table as changed_new', rows: 'select 1 as sign, * from changed_new' },
  deleted: { referencing: 'old table as changed_old', rows: 'select -1 as sign, * from changed_old' },
  updated: {
    referencing: 'old table as changed_old new table as changed_new',
    rows: 'select -1 as sign, * from changed_old union all select 1, * from changed_new',
  },
} as const;
const EVENT = { inserted: 'insert', deleted: 'delete', updated: 'update' } as const;

async function keepTotals(db: Kysely<unknown>, { table, source, key, where, totals }: Totals) {
  const columns = Object.keys(totals);
  await sql.raw(`
    create table ${table} (
      ${key.column} ${key.type} primary key,
      ${columns.map((column) => `${column} bigint not null default 0`).join(',\n      ')}
    )`).execute(db);

  for (const [change, { referencing, rows }] of Object.entries(CHANGED_ROWS) as [keyof typeof CHANGED_ROWS, (typeof CHANGED_ROWS)[keyof typeof CHANGED_ROWS]][]) {
    const sums = columns.map((column) => `sum(sign * (${totals[column]}))`);
    await sql.raw(`
      create function ${table}_${change}() returns trigger language plpgsql as $$
      begin
        insert into ${table} as totals (${key.column}, ${columns.join(', ')})
        select ${key.of}, ${sums.join(', ')}
        from (${rows}) as changed
        ${where ? `where ${where}` : ''}
        group by 1
        having ${sums.map((sum) => `${sum} <> 0`).join(' or ')}
        order by 1 -- one lock order for every statement, so concurrent writes cannot deadlock
        on conflict (${key.column}) do update set ${columns.map((column) => `${column} = totals.${column} + excluded.${column}`).join(', ')};
        return null;
      end $$`).execute(db);
    await sql.raw(`create trigger ${table}_${EVENT[change]} after ${EVENT[change]} on ${source} referencing ${referencing}
                   for each statement execute function ${table}_${change}()`).execute(db);
  }
  await sql.raw(`
    create function ${table}_truncated() returns trigger language plpgsql as $$
    begin
      delete from ${table};
      return null;
    end $$`).execute(db);
  await sql.raw(`create trigger ${table}_truncate after truncate on ${source} for each statement execute function ${table}_truncated()`).execute(db);

  await sql.raw(`
    insert into ${table} (${key.column}, ${columns.join(', ')})
    select ${key.of}, ${columns.map((column) => `sum(${totals[column]})`).join(', ')}
    from ${source} ${where ? `where ${where}` : ''}
    group by 1`).execute(db);
}

export async function up(db: Kysely<unknown>): Promise<void> {
  for (const totals of TOTALS) await keepTotals(db, totals);
  // popularQueries: the most watched search queries first.
  await sql`create index search_query_task_totals_most_tasks on search_query_task_totals (tasks desc, search_query) where tasks > 0`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  for (const { table, source } of [...TOTALS].reverse()) {
    for (const event of ['insert', 'delete', 'update', 'truncate']) await sql.raw(`drop trigger ${table}_${event} on ${source}`).execute(db);
    for (const change of ['inserted', 'deleted', 'updated', 'truncated']) await sql.raw(`drop function ${table}_${change}()`).execute(db);
    await sql.raw(`drop table ${table}`).execute(db);
  }
}
