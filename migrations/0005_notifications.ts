import { type Kysely, sql } from 'kysely';

// One table for what users are sent (audience 'user') and what operators are alerted to ('platform').
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    create table notifications (
      id uuid primary key default gen_random_uuid(),
      audience text not null check (audience in ('user', 'platform')),
      kind text not null check (kind in ('condition_met', 'schedule_completed', 'schedule_failed', 'message_event', 'usage_event')),
      user_id uuid references users (id),
      task_id uuid references tasks (id),
      execution_id uuid references executions (id),
      channel text check (channel in ('email', 'webhook', 'in_app')),
      subject text not null,
      body text not null default '',
      created_at timestamptz not null default now(),
      check (audience = 'platform' or user_id is not null)
    )`.execute(db);
  await sql`create index notifications_created_at_id on notifications (created_at desc, id desc)`.execute(db);
  await sql`create index notifications_audience_created_at on notifications (audience, created_at desc)`.execute(db);
  await sql`create index notifications_user_id_created_at on notifications (user_id, created_at desc)`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`drop table notifications`.execute(db);
}
