import { type Kysely, sql } from 'kysely';

// Per-task running totals of executions, kept by statement-level triggers, so that per-query
// statistics (GraphQL searchQueries, REST /admin/queries) read a few thousand rows instead of
// aggregating every execution ever run.
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    create table task_execution_totals (
      task_id uuid primary key,
      executions bigint not null default 0,
      succeeded bigint not null default 0,
      failed bigint not null default 0,
      duration_sum bigint not null default 0,
      duration_count bigint not null default 0
    )`.execute(db);

  const apply = (name: string, source: string) => sql`
    create function ${sql.raw(name)}() returns trigger language plpgsql as $$
    begin
      insert into task_execution_totals as totals (task_id, executions, succeeded, failed, duration_sum, duration_count)
      select task_id, sum(sign), coalesce(sum(sign) filter (where status = 'success'), 0), coalesce(sum(sign) filter (where status = 'failed'), 0),
             coalesce(sum(sign * duration_ms), 0), coalesce(sum(sign) filter (where duration_ms is not null), 0)
      from (${sql.raw(source)}) as changed
      group by task_id
      order by task_id -- one lock order for every statement, so concurrent multi-task writes cannot deadlock
      on conflict (task_id) do update set
        executions = totals.executions + excluded.executions,
        succeeded = totals.succeeded + excluded.succeeded,
        failed = totals.failed + excluded.failed,
        duration_sum = totals.duration_sum + excluded.duration_sum,
        duration_count = totals.duration_count + excluded.duration_count;
      return null;
    end $$`;
  await apply('task_execution_totals_inserted', `select 1 as sign, task_id, status, duration_ms from inserted_rows`).execute(db);
  await apply('task_execution_totals_deleted', `select -1 as sign, task_id, status, duration_ms from deleted_rows`).execute(db);
  await apply(
    'task_execution_totals_updated',
    `select -1 as sign, task_id, status, duration_ms from old_rows union all select 1, task_id, status, duration_ms from new_rows`,
  ).execute(db);
  await sql`
    create function task_execution_totals_truncated() returns trigger language plpgsql as $$
    begin
      delete from task_execution_totals;
      return null;
    end $$`.execute(db);

  await sql`create trigger executions_totals_insert after insert on executions referencing new table as inserted_rows
            for each statement execute function task_execution_totals_inserted()`.execute(db);
  await sql`create trigger executions_totals_delete after delete on executions referencing old table as deleted_rows
            for each statement execute function task_execution_totals_deleted()`.execute(db);
  await sql`create trigger executions_totals_update after update on executions referencing old table as old_rows new table as new_rows
            for each statement execute function task_execution_totals_updated()`.execute(db);
  await sql`create trigger executions_totals_truncate after truncate on executions
            for each statement execute function task_execution_totals_truncated()`.execute(db);

  await sql`
    insert into task_execution_totals (task_id, executions, succeeded, failed, duration_sum, duration_count)
    select task_id, count(*), count(*) filter (where status = 'success'), count(*) filter (where status = 'failed'),
           coalesce(sum(duration_ms), 0), count(duration_ms)
    from executions group by task_id`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`drop trigger executions_totals_truncate on executions`.execute(db);
  await sql`drop trigger executions_totals_update on executions`.execute(db);
  await sql`drop trigger executions_totals_delete on executions`.execute(db);
  await sql`drop trigger executions_totals_insert on executions`.execute(db);
  for (const name of ['inserted', 'deleted', 'updated', 'truncated']) await sql`drop function ${sql.raw(`task_execution_totals_${name}`)}()`.execute(db);
  await sql`drop table task_execution_totals`.execute(db);
}
