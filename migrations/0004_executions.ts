import { type Kysely, sql } from 'kysely';

// user_id repeats tasks.user_id (a task never changes owner) so per-user windows need no join.
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    create table executions (
      id uuid primary key default gen_random_uuid(),
      task_id uuid not null references tasks (id),
      user_id uuid not null references users (id),
      status text not null check (status in ('pending', 'running', 'success', 'failed')),
      condition_met boolean,
      started_at timestamptz not null default now(),
      completed_at timestamptz,
      duration_ms integer check (duration_ms >= 0),
      error_message text,
      error_type text,
      retry_count integer not null default 0 check (retry_count >= 0),
      will_retry boolean not null default false,
      check ((status = 'failed') = (error_type is not null))
    )`.execute(db);
  await sql`create index executions_started_at_id on executions (started_at desc, id desc)`.execute(db);
  await sql`create index executions_status_started_at_id on executions (status, started_at desc, id desc)`.execute(db);
  await sql`create index executions_failed_error_type on executions (error_type, started_at desc) where status = 'failed'`.execute(db);
  await sql`create index executions_task_id_started_at on executions (task_id, started_at desc, id desc)`.execute(db);
  await sql`create index executions_user_id_started_at on executions (user_id, started_at desc, id desc)`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`drop table executions`.execute(db);
}
